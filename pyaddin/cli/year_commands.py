"""CLI command of the year view: rekap-tahun (DESIGN.md §13)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from pyaddin.cli._common import echo_problem_kinds, present_report, report_options
from pyaddin.engine.errors import InputError
from pyaddin.engine.messages import register, t

register(
    {
        "cli.year.done": (
            "Rekap tahun {tahun}: {out}\n  {books} berkas, {months} bulan (Januari–{last}); "
            "realisasi kumulatif {realisasi}{persen}.",
            "Year {tahun}: {out}\n  {books} files, {months} months (January–{last}); "
            "cumulative realisasi {realisasi}{persen}.",
        ),
        "cli.year.empty": (
            "Rekap tahun {tahun}: {out}\n  Belum ada formulir tahun {tahun} di antara {books} "
            "berkas yang dibaca.",
            "Year {tahun}: {out}\n  No form of {tahun} among the {books} files read.",
        ),
        "cli.year.of_pagu": (" = {persen}% dari pagu {pagu}", " = {persen}% of the pagu {pagu}"),
        "cli.year.no_pagu": (
            " (pagu belum diisi: [anggaran] pagu di konfigurasi)",
            " (no pagu: [anggaran] pagu in the configuration)",
        ),
        "cli.year.quarter": (
            "  Triwulan {n}: {persen}% dari target {target}% — {state}.",
            "  Triwulan {n}: {persen}% against a target of {target}% — {state}.",
        ),
        "cli.year.reached": ("tercapai", "reached"),
        "cli.year.short": ("DI BAWAH TARGET", "BELOW TARGET"),
        "cli.year.bad_year": (
            "--tahun '{value}' bukan tahun (mis. 2026).",
            "--tahun '{value}' is not a year (e.g. 2026).",
        ),
    }
)


def year_summary(data: dict[str, Any], books: int) -> None:
    """The CLI lines of a year: where it stands, each triwulan, the problems."""
    from pyaddin.validators.rupiah import format_rupiah
    from pyaddin.validators.tanggal import month_name

    months = data["bulan"]
    if not months:
        click.echo(t("cli.year.empty", tahun=data["tahun"], out=data["out"], books=books))
        echo_problem_kinds(data["problems"])
        return
    cumulative = months[-1]["kumulatif_realisasi"]
    if data["pagu"]:
        persen = months[-1]["kumulatif_persen"]
        share = t("cli.year.of_pagu", persen=persen, pagu=format_rupiah(data["pagu"]))
    else:
        share = t("cli.year.no_pagu")
    last = month_name(int(months[-1]["periode"][5:]))
    click.echo(
        t(
            "cli.year.done",
            tahun=data["tahun"],
            out=data["out"],
            books=books,
            months=len(months),
            last=last,
            realisasi=format_rupiah(cumulative),
            persen=share,
        )
    )
    for quarter in data["triwulan"]:
        state = t("cli.year.reached") if quarter["tercapai"] else t("cli.year.short")
        click.echo(
            t(
                "cli.year.quarter",
                n=quarter["triwulan"],
                persen="-" if quarter["kumulatif_persen"] is None else quarter["kumulatif_persen"],
                target=quarter["target_persen"],
                state=state,
            )
        )
    echo_problem_kinds(data["problems"])


@click.command("rekap-tahun")
@click.argument("folder", type=click.Path())
@click.option("--tahun", required=True, help="Tahun anggaran, mis. 2026.")
@report_options
def year_cmd(
    folder: str, tahun: str, out: str, config_path: str | None, as_json: bool, pdf: bool
) -> None:
    """Rekap tahun berjalan: realisasi kumulatif terhadap pagu, target triwulan dan
    rencana penarikan dana."""
    from pyaddin.engine.config import load_config
    from pyaddin.engine.year import year_to_json
    from pyaddin.workflow import year_folder

    if not (tahun.isdigit() and len(tahun) == 4):
        raise InputError("cli.year.bad_year", value=tahun)
    config = load_config(config_path)
    year = year_folder(
        Path(folder), int(tahun), Path(out), config, show_progress=sys.stderr.isatty()
    )
    data = year_to_json(year, config, out)
    present_report(data, as_json, lambda: year_summary(data, len(year.sources)), out, pdf)
