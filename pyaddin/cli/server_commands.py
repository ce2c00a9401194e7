"""``realisasi serve``: the office server (DESIGN.md §14)."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None)
@click.option("--host", default="127.0.0.1", help="Alamat yang didengar (bawaan 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000)
def serve_cmd(config_path: str | None, host: str, port: int) -> None:
    """Jalankan server kantor: tombol ribbon tanpa Python di setiap PC."""
    from pyaddin.server.run import serve

    serve(config_path, host, port)
