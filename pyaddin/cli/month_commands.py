"""CLI commands of month end: consolidate, export, demo."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pyaddin.cli._common import (
    config_option,
    echo_problem_kinds,
    parse_periode,
    present_report,
    print_pdf,
    report_options,
)
from pyaddin.engine.messages import register, t

if TYPE_CHECKING:
    from pyaddin.outputs.export import ExportResult

register(
    {
        "cli.cons.done": (
            "Laporan {periode}: {out}\n  {books} berkas, {rows} kegiatan final, "
            "anggaran {anggaran}, realisasi {realisasi} ({serapan}%).",
            "Report {periode}: {out}\n  {books} files, {rows} final activities, anggaran "
            "{anggaran}, realisasi {realisasi} ({serapan}%).",
        ),
        "cli.export.done": (
            "Salinan arsip: {out} ({rows} baris final; {left} baris belum final tidak disertakan).",
            "Archive copy: {out} ({rows} final rows; {left} rows not final were left out).",
        ),
        "cli.demo.start": (
            "Demo Realisasi Kegiatan — tahun 2026 sampai November, semua subbagian:",
            "Realisasi Kegiatan demo — 2026 up to November, every subbagian:",
        ),
        "cli.demo.forms": ("Formulir subbagian: {folder}", "Subbagian forms: {folder}"),
        "cli.demo.report": ("Laporan provinsi: {file}", "Provincial report: {file}"),
    }
)


def _summary(data: dict[str, Any]) -> None:
    from pyaddin.validators.rupiah import format_rupiah

    totals = data["totals"]
    click.echo(
        t(
            "cli.cons.done",
            periode=data["periode"],
            out=data["out"],
            books=len(data["workbooks"]),
            rows=totals["kegiatan"],
            anggaran=format_rupiah(totals["anggaran"]),
            realisasi=format_rupiah(totals["realisasi"]),
            serapan=totals["serapan_persen"],
        )
    )
    echo_problem_kinds(data["problems"])


@click.command("consolidate")
@click.argument("folder", type=click.Path())
@click.option("--periode", required=True, help="Bulan laporan, TTTT-BB.")
@report_options
@click.option("--include-pending", is_flag=True, help="Sertakan baris belum final (ditandai).")
def consolidate_cmd(
    folder: str,
    periode: str,
    out: str,
    config_path: str | None,
    as_json: bool,
    pdf: bool,
    include_pending: bool,
) -> None:
    """Gabungkan formulir semua subbagian menjadi laporan provinsi."""
    from pyaddin.engine.config import load_config
    from pyaddin.engine.month_summary import to_json
    from pyaddin.workflow import consolidate_folder

    period = parse_periode(periode)
    config = load_config(config_path)
    month = consolidate_folder(
        Path(folder),
        f"{period:%Y-%m}",
        Path(out),
        config,
        include_pending,
        show_progress=sys.stderr.isatty(),
    )
    data = to_json(month, out)
    present_report(data, as_json, lambda: _summary(data), out, pdf)


@click.command("export")
@click.argument("file", type=click.Path())
@click.option("--out", type=click.Path(dir_okay=False), default=None)
@click.option("--pdf", is_flag=True, help="Cetak juga ke PDF (LibreOffice).")
@config_option()
def export_cmd(file: str, out: str | None, pdf: bool, config_path: str | None) -> None:
    """Salinan bersih formulir yang sudah disetujui, untuk arsip dan unggah."""
    from pyaddin.engine.config import load_config
    from pyaddin.files.atomic import write_atomic
    from pyaddin.files.reader import read_form_file
    from pyaddin.outputs.export import export_form

    office = load_config(config_path)
    form = read_form_file(file)
    target = Path(out) if out else Path(file).with_name(Path(file).stem + "-arsip.xlsx")
    results: list[ExportResult] = []
    write_atomic(
        target,
        lambda temp: results.append(
            export_form(form, Path(temp), office.kantor.paper_size, office)
        ),
    )
    done = results[0]
    click.echo(t("cli.export.done", out=target, rows=done.rows, left=done.left_out))
    if pdf:
        print_pdf(target)


@click.command("demo")
@click.argument("outdir", type=click.Path(file_okay=False), default="out/demo")
def demo_cmd(outdir: str) -> None:
    """Jalankan satu bulan contoh lewat seluruh alur, lalu konsolidasi."""
    from pyaddin.demo.month import run_demo
    from pyaddin.engine.config import load_config
    from pyaddin.engine.month_summary import to_json

    click.echo(t("cli.demo.start"))
    result = run_demo(load_config(), Path(outdir), say=click.echo)
    report = Path(result["report"])
    click.echo(t("cli.demo.forms", folder=result["folder"]))
    _summary(to_json(result["month"], str(report)))
    click.echo(t("cli.demo.report", file=report))
    print_pdf(report)  # says so in one line when LibreOffice is missing
    from pyaddin.cli.year_commands import year_summary
    from pyaddin.engine.year import year_to_json

    year_report = Path(result["year_report"])
    year = result["year"]
    year_summary(year_to_json(year, result["config"], str(year_report)), len(year.sources))
    print_pdf(year_report)
