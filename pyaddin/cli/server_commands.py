"""``realisasi serve``: the office server (DESIGN.md §14)."""

from __future__ import annotations

import click

from pyaddin.cli._common import config_option

PEM = click.Path(dir_okay=False)


@click.command("serve")
@config_option("Konfigurasi kantor (TOML) dengan token dan kunci publik pegawai.")
@click.option("--host", default="127.0.0.1", help="Alamat yang didengar (bawaan 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, help="Port (bawaan 8000).")
@click.option("--ssl-certfile", type=PEM, default=None, help="Sertifikat HTTPS kantor (PEM).")
@click.option("--ssl-keyfile", type=PEM, default=None, help="Kunci pribadi sertifikat (PEM).")
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=2,
    show_default=True,
    help="Jumlah proses server (satu per inti prosesor).",
)
@click.option(
    "--folder",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder bersama formulir kantor: Konsolidasi dari ribbon dan papan bulanan.",
)
def serve_cmd(
    config_path: str | None,
    host: str,
    port: int,
    ssl_certfile: str | None,
    ssl_keyfile: str | None,
    workers: int,
    folder: str | None,
) -> None:
    """Jalankan server kantor: tombol ribbon tanpa Python di setiap PC."""
    from pyaddin.server.run import serve

    serve(config_path, host, port, ssl_certfile, ssl_keyfile, workers, folder)
