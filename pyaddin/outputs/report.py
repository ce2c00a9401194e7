"""The provincial monthly report (DESIGN.md §7), written with XlsxWriter.

Sheets: ``Rekap`` (rows by subbagian, subtotals, grand total, the Sekretaris'
signature block), ``Ringkasan`` (per subbagian, jenis, lokus; a bar chart of
serapan; the SOP's time standard), ``Masalah``, ``Sumber``. Values, not
formulas, so every reader sees the numbers; same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pyaddin.engine.config import OfficeConfig
from pyaddin.engine.consolidate import Consolidation
from pyaddin.engine.month_summary import group_totals, serapan
from pyaddin.engine.timing import WAKTU_BAKU
from pyaddin.outputs.listings import write_problems, write_sources
from pyaddin.outputs.rekap_sheet import RekapRows, RowStyles, rekap_rows, write_rekap
from pyaddin.outputs.report_style import (
    ROMAN,
    Formats,
    print_setup,
)
from pyaddin.validators.tanggal import month_label

SUMMARY_COLUMNS = ("Kegiatan", "Anggaran (Rp)", "Realisasi (Rp)", "Serapan (%)")


def year_to_date_sentence(ytd: dict[str, Any]) -> str:
    """The monthly report's year-to-date line."""
    from pyaddin.validators.rupiah import format_rupiah

    start = f"Kumulatif Januari s.d. {month_label(ytd['sampai'])}: realisasi "
    start += format_rupiah(ytd["kumulatif_realisasi"])
    if ytd["pagu"]:
        persen = f"{ytd['kumulatif_persen']:.2f}".replace(".", ",")
        start += f" = {persen}% dari pagu {format_rupiah(ytd['pagu'])}"
    target = f"{ytd['target_persen']:g}".replace(".", ",")
    return start + f"; target akhir triwulan {ROMAN[ytd['triwulan']]}: {target}%."


def write_report(
    month: Consolidation,
    config: OfficeConfig,
    out: Path,
    ytd: dict[str, Any] | None = None,
    rendered: RekapRows | None = None,
) -> None:
    """Write the report workbook to ``out`` (the caller makes it atomic); ``ytd``, the
    year to date (:func:`pyaddin.engine.year.year_to_date`), adds its line to Ringkasan;
    ``rendered``, the Rekap rows rendered while the month was read.

    XlsxWriter writes the workbook into memory without the Rekap's activity rows;
    those are streamed into its sheet on the way to ``out`` (:mod:`.sheet_rows`).
    """
    import io

    import xlsxwriter

    from pyaddin.outputs.sheet_rows import splice_rows

    created = dt.datetime.strptime(month.periode + "-01", "%Y-%m-%d")
    package = io.BytesIO()
    book = xlsxwriter.Workbook(package, {"strings_to_numbers": False, "in_memory": True})
    book.set_properties(
        {
            "title": f"Realisasi Kegiatan {month_label(month.periode)}",
            "author": config.kantor.nama,
            "created": created,
        }
    )
    fmt = Formats(book)
    styles = RowStyles(fmt)  # first: the row formats' numbers are the same in every report
    placed = write_rekap(book.add_worksheet("Rekap"), fmt, month, config)
    _ringkasan(book, book.add_worksheet("Ringkasan"), fmt, month, ytd)
    title = month_label(month.periode).upper()
    write_problems(book.add_worksheet("Masalah"), fmt, f"DAFTAR MASALAH — {title}", month.problems)
    write_sources(book.add_worksheet("Sumber"), fmt, f"BERKAS SUMBER — {title}", month.workbooks)
    for ws in book.worksheets():  # every sheet prints on the office's paper
        ws.set_paper(config.kantor.paper_size)
    book.close()
    package.seek(0)
    rows = rendered.rows(placed, styles) if rendered else rekap_rows(placed, styles)
    splice_rows(package, "xl/worksheets/sheet1.xml", rows, out)


def _summary_table(
    ws: Any, fmt: Formats, top: int, title: str, label: str, groups: list[dict[str, Any]]
) -> int:
    ws.write(top, 0, title, fmt.bold)
    ws.write(top + 1, 0, label, fmt.header)
    for col, name in enumerate(SUMMARY_COLUMNS, start=1):
        ws.write(top + 1, col, name, fmt.header)
    row = top + 2
    for group in groups:
        ws.write_string(row, 0, group["nama"], fmt.cell)
        ws.write_number(row, 1, group["kegiatan"], fmt.center)
        ws.write_number(row, 2, group["anggaran"], fmt.money)
        ws.write_number(row, 3, group["realisasi"], fmt.money)
        ws.write_number(row, 4, group["serapan_persen"], fmt.pct)
        row += 1
    anggaran = sum(g["anggaran"] for g in groups)
    realisasi = sum(g["realisasi"] for g in groups)
    ws.write_string(row, 0, "Jumlah", fmt.grand_label)
    ws.write_number(row, 1, sum(g["kegiatan"] for g in groups), fmt.grand_blank)
    ws.write_number(row, 2, anggaran, fmt.grand_money)
    ws.write_number(row, 3, realisasi, fmt.grand_money)
    ws.write_number(row, 4, serapan(realisasi, anggaran), fmt.grand_pct)
    return row + 2


def _ringkasan(
    book: Any, ws: Any, fmt: Formats, month: Consolidation, ytd: dict[str, Any] | None
) -> None:
    ws.write(
        0, 0, f"RINGKASAN REALISASI KEGIATAN — {month_label(month.periode).upper()}", fmt.heading
    )
    if ytd is not None:
        ws.write(1, 0, year_to_date_sentence(ytd), fmt.bold)
    for col, width in enumerate((40, 10, 17, 17, 11, 14, 22)):
        ws.set_column(col, col, width)
    units = group_totals(month.rows, lambda r: r.subbagian, month.order)
    row = _summary_table(ws, fmt, 2, "Per Subbagian", "Subbagian", units)
    if units:
        chart = book.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": "Serapan (%)",
                "categories": ["Ringkasan", 4, 0, 3 + len(units), 0],
                "values": ["Ringkasan", 4, 4, 3 + len(units), 4],
                "data_labels": {"value": True, "num_format": "0.0"},
                "fill": {"color": "#4472C4"},
            }
        )
        chart.set_title({"name": "Serapan per Subbagian (%)", "name_font": {"size": 11}})
        chart.set_x_axis({"min": 0, "max": 100, "num_format": "0"})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        chart.set_size({"width": 620, "height": 60 + 28 * len(units)})
        ws.insert_chart(row, 0, chart)
        row += int((60 + 28 * len(units)) / 20) + 2
    row = _summary_table(
        ws,
        fmt,
        row,
        "Per Jenis Kegiatan",
        "Jenis Kegiatan",
        group_totals(month.rows, lambda r: r.jenis),
    )
    row = _summary_table(
        ws, fmt, row, "Per Lokus", "Lokus", group_totals(month.rows, lambda r: r.lokus)
    )
    _timing(ws, fmt, row, month)
    print_setup(ws, None, 6)


def _timing(ws: Any, fmt: Formats, top: int, month: Consolidation) -> None:
    hours = int(WAKTU_BAKU.total_seconds() // 3600)
    ws.write(
        top, 0, f"Waktu Tunggu Pemeriksaan (waktu baku SOP: {hours} jam per langkah)", fmt.bold
    )
    labels = (
        "Subbagian",
        "Tahap",
        "Langkah",
        "Median (jam)",
        "Terlama (jam)",
        f"> {hours} jam",
        "Keterangan",
    )
    for col, label in enumerate(labels):
        ws.write(top + 1, col, label, fmt.header)
    row = top + 2
    for stats in [s for unit in month.order for s in month.waits.get(unit, [])]:
        ws.write_string(row, 0, stats.subbagian, fmt.cell)
        ws.write_string(row, 1, stats.tahap, fmt.cell)
        ws.write_number(row, 2, stats.count, fmt.center)
        ws.write_number(row, 3, stats.median_hours, fmt.pct)
        ws.write_number(row, 4, stats.longest_hours, fmt.pct)
        ws.write_number(row, 5, stats.over_standard, fmt.center)
        if stats.flagged:
            ws.write_string(row, 6, "Melebihi waktu baku", fmt.flag)
        else:
            ws.write_string(row, 6, "Sesuai", fmt.ok)
        row += 1
    if row == top + 2:
        ws.write(row, 0, "Belum ada langkah pemeriksaan yang selesai.", fmt.text)
