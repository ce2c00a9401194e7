"""Commands on one form: new, validate, tambah-baris, build-workbook, perbarui-makro."""

from __future__ import annotations

from pathlib import Path

import click

from pyaddin.cli._common import config_option, echo_json, parse_periode
from pyaddin.engine.messages import register, t

register(
    {
        "cli.created": (
            "Formulir dibuat: {file} ({unit}, {month})",
            "Form created: {file} ({unit}, {month})",
        ),
        "cli.built": ("Templat dibangun: {file}", "Template built: {file}"),
        "cli.validate.head": (
            "{file} — {unit}, {month}: {rows} baris terisi",
            "{file} — {unit}, {month}: {rows} filled rows",
        ),
        "cli.validate.error": (
            "  SALAH  baris {row} (No. {no}) {cell} {field}: {message}",
            "  ERROR  row {row} (No. {no}) {cell} {field}: {message}",
        ),
        "cli.validate.warning": (
            "  CEK    baris {row} (No. {no}) {cell} {field}: {message}",
            "  CHECK  row {row} (No. {no}) {cell} {field}: {message}",
        ),
        "cli.validate.marked": (
            "Tanda validasi ditulis ke {file}.",
            "Validation marks written to {file}.",
        ),
        "cli.macros.updated": (
            "Makro {file} diperbarui ke templat {version}.",
            "The macros of {file} were updated to template {version}.",
        ),
    }
)


SERVER_HELP = (
    "Alamat server kantor (mis. https://server-kantor:8000): tombol ribbon formulir "
    "memanggil server itu, PC tidak perlu Python."
)


@click.command("new")
@click.option("--subbagian", required=True, help="Nama subbagian, mis. Keuangan.")
@click.option("--periode", required=True, help="Bulan laporan, TTTT-BB.")
@config_option()
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None)
@click.option(
    "--baris",
    "rows",
    type=click.IntRange(1, 100_000),
    default=None,
    help="Jumlah baris isian (bawaan 50).",
)
@click.option("--server", "server_url", default=None, help=SERVER_HELP)
def new_cmd(
    subbagian: str,
    periode: str,
    config_path: str | None,
    out: str | None,
    rows: int | None,
    server_url: str | None,
) -> None:
    """Buat formulir satu subbagian untuk satu bulan."""
    from pyaddin.engine.config import load_config
    from pyaddin.validators.tanggal import month_label
    from pyaddin.workflow import new_form

    period = parse_periode(periode)
    config = load_config(config_path)
    unit = config.find_subbagian(subbagian)
    path = new_form(config, unit, period, Path(out) if out else None, rows, server_url)
    month = month_label(f"{period:%Y-%m}")
    click.echo(t("cli.created", file=path, unit=unit.nama, month=month))


@click.command("validate")
@click.argument("file", type=click.Path(dir_okay=True))
@click.option("--json", "as_json", is_flag=True, help="Keluaran JSON.")
@click.option("--mark", is_flag=True, help="Tulis tanda validasi ke berkas.")
def validate_cmd(file: str, as_json: bool, mark: bool) -> None:
    """Periksa isian formulir (tanpa --mark tidak menulis apa pun)."""
    from pyaddin.validators.messages import label
    from pyaddin.validators.tanggal import month_label
    from pyaddin.workflow import validate_file, validation_sentence

    report = validate_file(Path(file), mark=mark)
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(
            t(
                "cli.validate.head",
                file=file,
                unit=report.subbagian,
                month=month_label(report.periode),
                rows=report.rows,
            )
        )
        for kind, issues in (("error", report.errors), ("warning", report.warnings)):
            key = "cli.validate.error" if kind == "error" else "cli.validate.warning"
            for i in issues:
                click.echo(
                    t(
                        key,
                        row=i.row,
                        no="-" if i.no is None else i.no,
                        cell=i.cell,
                        field=label(i.field),
                        message=i.message,
                    )
                )
        click.echo(validation_sentence(report))
        if mark:
            click.echo(t("cli.validate.marked", file=file))
    if not report.valid:
        raise SystemExit(1)


@click.command("tambah-baris")
@click.argument("file", type=click.Path())
@click.argument("count", type=click.IntRange(1, 10_000))
def add_rows_cmd(file: str, count: int) -> None:
    """Tambah N baris kosong ke tabel (seperti tombol Tambah Baris)."""
    from pyaddin.workflow import add_rows_file

    click.echo(add_rows_file(Path(file), count))


@click.command("build-workbook")
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Bawaan workbook/RealisasiKegiatan.xlsm (dengan --server: …-Server.xlsm).",
)
@click.option(
    "--server",
    "server_url",
    default=None,
    help=SERVER_HELP + " Kosong (--server '') untuk templat server tanpa alamat.",
)
def build_workbook_cmd(out: str | None, server_url: str | None) -> None:
    """Bangun templat .xlsm (formulir, VBA, ribbon) dari sumbernya."""
    from pyaddin.files.addin_build import build_workbook
    from pyaddin.files.server_vba import server_url as checked
    from pyaddin.workflow import SERVER_TEMPLATE_NAME, TEMPLATE_NAME

    if server_url:
        server_url = checked(server_url)
    name = TEMPLATE_NAME if server_url is None else SERVER_TEMPLATE_NAME
    path = build_workbook(Path(out or f"workbook/{name}"), server_url)
    click.echo(t("cli.built", file=path))


@click.command("perbarui-makro")
@click.argument("files", type=click.Path(), nargs=-1, required=True)
@click.option("--server", "server_url", default=None, help=SERVER_HELP)
def update_macros_cmd(files: tuple[str, ...], server_url: str | None) -> None:
    """Ganti makro (VBA) formulir lama dengan makro templat ini; isian tidak berubah."""
    from pyaddin.engine.form import TEMPLATE_VERSION
    from pyaddin.workflow import update_macros_file

    for file in files:
        update_macros_file(Path(file), server_url)
        click.echo(t("cli.macros.updated", file=file, version=TEMPLATE_VERSION))
