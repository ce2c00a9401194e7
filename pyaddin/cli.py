"""The ``realisasi`` command line: parse arguments, call the engine, print.

Exit codes (DESIGN.md §6): 0 ok, 1 the check found problems (or the workflow
refused an action), 2 the input could not be used. Errors are one line on
stderr; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from pyaddin.errors import InputError, RealisasiError
from pyaddin.i18n import register, set_language, t

register(
    {
        "cli.unexpected": (
            "Terjadi kesalahan tak terduga: {detail}. Berkas tidak diubah. Jalankan ulang "
            "dengan --debug dan kirim keluarannya ke pengelola aplikasi.",
            "Unexpected error: {detail}. No file was changed. Run again with --debug and "
            "send the output to the maintainer.",
        ),
        "cli.usage": (
            "{detail} (lihat 'realisasi {cmd} --help')",
            "{detail} (see 'realisasi {cmd} --help')",
        ),
        "cli.bad_periode": (
            "Periode '{value}' tidak dikenali; tulis TTTT-BB, mis. 2026-11.",
            "Periode '{value}' is not recognised; write YYYY-MM, e.g. 2026-11.",
        ),
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
        "cli.validate.ok": ("Semua baris valid.", "All rows are valid."),
        "cli.validate.summary": (
            "{errors} kesalahan, {warnings} peringatan.",
            "{errors} errors, {warnings} warnings.",
        ),
        "cli.validate.marked": (
            "Tanda validasi ditulis ke {file}.",
            "Validation marks written to {file}.",
        ),
    }
)

_debug = False


def parse_periode(value: str) -> dt.date:
    """``2026-11`` → 1 November 2026; InputError otherwise."""
    text = value.strip()
    try:
        year, month = (int(p) for p in text.split("-"))
        if len(text.split("-")[0]) != 4:
            raise ValueError(text)
        return dt.date(year, month, 1)
    except ValueError as exc:
        raise InputError("cli.bad_periode", value=value) from exc


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default=None,
    help="Bahasa pesan (bawaan: id, atau REALISASI_LANG).",
)
@click.option("--debug", is_flag=True, help="Tampilkan traceback saat galat.")
@click.version_option(package_name="realisasi-kegiatan")
def cli(lang: str | None, debug: bool) -> None:
    """Realisasi Kegiatan Bulanan — Sekretariat KPU Provinsi Bengkulu."""
    global _debug
    _debug = debug
    set_language(lang)


@cli.command("new")
@click.option("--subbagian", required=True, help="Nama subbagian, mis. Keuangan.")
@click.option("--periode", required=True, help="Bulan laporan, TTTT-BB.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None)
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None)
@click.option(
    "--baris",
    "rows",
    type=click.IntRange(1, 100_000),
    default=None,
    help="Jumlah baris isian (bawaan 50).",
)
def new_cmd(
    subbagian: str, periode: str, config_path: str | None, out: str | None, rows: int | None
) -> None:
    """Buat formulir satu subbagian untuk satu bulan."""
    from pyaddin.config import load_config
    from pyaddin.operations import new_form
    from pyaddin.validators.tanggal import month_name

    period = parse_periode(periode)
    config = load_config(config_path)
    unit = config.find_subbagian(subbagian)
    path = new_form(config, unit, period, Path(out) if out else None, rows)
    click.echo(
        t(
            "cli.created",
            file=path,
            unit=unit.nama,
            month=f"{month_name(period.month)} {period.year}",
        )
    )


@cli.command("validate")
@click.argument("file", type=click.Path(dir_okay=True))
@click.option("--json", "as_json", is_flag=True, help="Keluaran JSON.")
@click.option("--mark", is_flag=True, help="Tulis tanda validasi ke berkas.")
def validate_cmd(file: str, as_json: bool, mark: bool) -> None:
    """Periksa isian formulir (tanpa --mark tidak menulis apa pun)."""
    from pyaddin.operations import mark_file, validate_file
    from pyaddin.validators.messages import label
    from pyaddin.validators.tanggal import month_name

    report = mark_file(Path(file)) if mark else validate_file(Path(file))
    if as_json:
        echo_json(report.to_json())
    else:
        year, month = report.periode.split("-")
        click.echo(
            t(
                "cli.validate.head",
                file=file,
                unit=report.subbagian,
                month=f"{month_name(int(month))} {year}",
                rows=report.rows,
            )
        )
        for kind, issues in (("error", report.errors), ("warning", report.warnings)):
            for i in issues:
                click.echo(
                    t(
                        f"cli.validate.{kind}",
                        row=i.row,
                        no=i.no,
                        cell=i.cell,
                        field=label(i.field),
                        message=i.message,
                    )
                )
        if report.valid and not report.warnings:
            click.echo(t("cli.validate.ok"))
        else:
            click.echo(
                t("cli.validate.summary", errors=len(report.errors), warnings=len(report.warnings))
            )
        if mark:
            click.echo(t("cli.validate.marked", file=file))
    if not report.valid:
        raise SystemExit(1)


@cli.command("build-workbook")
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default="workbook/RealisasiKegiatan.xlsm",
    show_default=True,
)
def build_workbook_cmd(out: str) -> None:
    """Bangun templat .xlsm (formulir, VBA, ribbon) dari sumbernya."""
    from pyaddin.addin_build import build_workbook

    path = build_workbook(Path(out))
    click.echo(t("cli.built", file=path))


def _register_more() -> None:
    from pyaddin import cli_month, cli_review

    cli_review.register_commands(cli)
    cli_month.register_commands(cli)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``realisasi`` console script; returns the exit code."""
    _register_more()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="realisasi", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    except click.exceptions.Abort:
        _fail("Dibatalkan.", 2)
    except click.ClickException as exc:
        cmd = exc.ctx.info_name if getattr(exc, "ctx", None) else ""  # type: ignore[attr-defined]
        click.echo(t("cli.usage", detail=exc.format_message(), cmd=cmd or ""), err=True)
        return 2
    except RealisasiError as exc:
        if debug:
            raise
        click.echo(exc.message, err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if debug:
            raise
        click.echo(t("cli.unexpected", detail=f"{type(exc).__name__}: {exc}"), err=True)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
