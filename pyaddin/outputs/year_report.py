"""The year view workbook (DESIGN.md §13), written with XlsxWriter.

Sheets: ``Bulanan`` (each month and cumulative against the pagu, a line chart
of cumulative % against the triwulan targets, the year by subbagian and by
akun group), ``Triwulan`` (cumulative % at each triwulan's end against its
target), ``Rencana`` (realisation against the monthly withdrawal plan and its
deviation), ``Masalah`` and ``Sumber``. Values, not formulas; same inputs give
the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pyaddin.engine.config import OfficeConfig
from pyaddin.engine.month_summary import serapan
from pyaddin.engine.year import (
    Year,
    akun_group,
    by_month,
    months_table,
    percent,
    plan_table,
    triwulan_table,
)
from pyaddin.outputs.listings import write_problems, write_sources
from pyaddin.outputs.report_style import (
    ROMAN,
    Formats,
    fit_height,
    print_setup,
)
from pyaddin.validators.rupiah import format_rupiah
from pyaddin.validators.tanggal import month_label, month_name

NO_PAGU = "Pagu belum diisi ([anggaran] pagu di konfigurasi)"


def _short(periode: str) -> str:
    return month_name(int(periode[5:]))


def _month_label(periode: str) -> str:
    """``Desember 2025`` for ``2025-12``; what is not a month as it is."""
    if len(periode) == 7 and periode[4] == "-" and periode[5:].isdigit():
        return month_label(periode)
    return periode


def write_year_report(year: Year, config: OfficeConfig, out: Path) -> None:
    """Write the year workbook to ``out`` (the caller makes it atomic)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(out), {"strings_to_numbers": False})
    book.set_properties(
        {
            "title": f"Rekap Realisasi Tahun {year.tahun}",
            "author": config.kantor.nama,
            "created": dt.datetime(year.tahun, 1, 1),
        }
    )
    fmt = Formats(book)
    _bulanan(book, book.add_worksheet("Bulanan"), fmt, year, config)
    _triwulan(book.add_worksheet("Triwulan"), fmt, year, config)
    _rencana(book.add_worksheet("Rencana"), fmt, year, config)
    write_problems(
        book.add_worksheet("Masalah"),
        fmt,
        f"DAFTAR MASALAH — TAHUN {year.tahun}",
        [y.problem for y in year.problems],
        [_month_label(y.periode) for y in year.problems],
    )
    write_sources(
        book.add_worksheet("Sumber"),
        fmt,
        f"BERKAS SUMBER — TAHUN {year.tahun}",
        [summary for _, summary in year.sources],
        [periode for periode, _ in year.sources],
    )
    for ws in book.worksheets():
        ws.set_paper(config.kantor.paper_size)
    book.close()


def _title(ws: Any, fmt: Formats, text: str, config: OfficeConfig, last: int) -> None:
    ws.merge_range(0, 0, 0, last, text, fmt.title)
    ws.merge_range(1, 0, 1, last, config.kantor.nama.upper(), fmt.subtitle)


def _header(ws: Any, fmt: Formats, row: int, labels: list[str]) -> None:
    for col, label in enumerate(labels):
        ws.write(row, col, label, fmt.header)
    ws.set_row(row, 28)


def _pct(ws: Any, row: int, col: int, value: float | None, style: Any, fmt: Formats) -> None:
    if value is None:
        ws.write_string(row, col, "-", fmt.center)
    else:
        ws.write_number(row, col, value, style)


def _bulanan(book: Any, ws: Any, fmt: Formats, year: Year, config: OfficeConfig) -> None:
    months = months_table(year)
    targets = config.anggaran.target_triwulan
    labels = ["Bulan", "Kegiatan", "Anggaran (Rp)", "Realisasi (Rp)", "Kumulatif (Rp)"]
    labels += ["Kumulatif (% Pagu)", "Target Triwulan (%)"]
    _title(ws, fmt, f"REALISASI KUMULATIF TAHUN ANGGARAN {year.tahun}", config, len(labels) - 1)
    pagu = format_rupiah(year.pagu) if year.pagu is not None else NO_PAGU
    ws.write(2, 0, f"Pagu: {pagu}", fmt.bold)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 4 + max(year.last, 3), 15)  # the month tables below share the columns
    head = 4
    _header(ws, fmt, head, labels)
    row = head + 1
    for month in months:
        number = int(month["periode"][5:])
        ws.write_string(row, 0, _short(month["periode"]), fmt.cell)
        ws.write_number(row, 1, month["kegiatan"], fmt.center)
        ws.write_number(row, 2, month["anggaran"], fmt.money)
        ws.write_number(row, 3, month["realisasi"], fmt.money)
        ws.write_number(row, 4, month["kumulatif_realisasi"], fmt.money)
        _pct(ws, row, 5, month["kumulatif_persen"], fmt.pct2, fmt)
        if number % 3 == 0:
            ws.write_number(row, 6, targets[number // 3 - 1], fmt.pct2)
        else:
            ws.write_blank(row, 6, None, fmt.cell)
        row += 1
    if not months:
        ws.merge_range(row, 0, row, 6, "Belum ada formulir tahun ini.", fmt.cell)
        row += 1
    if months and year.pagu:
        chart = book.add_chart({"type": "line"})
        chart.add_series(
            {
                "name": "Realisasi kumulatif (% pagu)",
                "categories": ["Bulanan", head + 1, 0, head + len(months), 0],
                "values": ["Bulanan", head + 1, 5, head + len(months), 5],
                "marker": {"type": "circle", "size": 5},
                "line": {"color": "#4472C4", "width": 2.25},
            }
        )
        chart.add_series(
            {
                "name": "Target triwulan (%)",
                "categories": ["Bulanan", head + 1, 0, head + len(months), 0],
                "values": ["Bulanan", head + 1, 6, head + len(months), 6],
                "line": {"none": True},
                "marker": {
                    "type": "diamond",
                    "size": 9,
                    "fill": {"color": "#C00000"},
                    "border": {"color": "#C00000"},
                },
            }
        )
        chart.set_title(
            {"name": "Realisasi Kumulatif terhadap Target (%)", "name_font": {"size": 11}}
        )
        chart.set_y_axis({"min": 0, "max": 100, "num_format": "0"})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 720, "height": 300})
        ws.insert_chart(row + 1, 0, chart)
        row += 17
    row += 1
    units = [u.nama for u in config.subbagian]
    row = _matrix(
        ws,
        fmt,
        row,
        year,
        "Per Subbagian",
        "Subbagian",
        by_month(year, lambda r: r.subbagian, units),
    )
    akun = ["Belanja Pegawai", "Belanja Barang", "Belanja Modal", "Lainnya"]
    _matrix(
        ws,
        fmt,
        row,
        year,
        "Per Kelompok Akun (51 pegawai, 52 barang, 53 modal)",
        "Akun",
        by_month(year, lambda r: akun_group(r.kode), akun),
    )
    ws.freeze_panes(head + 1, 1)
    print_setup(ws, head, max(6, 4 + year.last))


def _matrix(
    ws: Any,
    fmt: Formats,
    top: int,
    year: Year,
    title: str,
    label: str,
    groups: list[dict[str, Any]],
) -> int:
    """A group × month table of realisasi, with the year's anggaran, % serapan and % pagu."""
    ws.write(top, 0, f"Realisasi {title} (Rp)", fmt.bold)
    labels = [label, *(_short(p)[:3] for p in year.periodes())]
    labels += ["Anggaran (Rp)", "Realisasi (Rp)", "Serapan (%)", "% Pagu"]
    _header(ws, fmt, top + 1, labels)
    row = top + 2
    for group in groups:
        _matrix_row(ws, row, group, (fmt.cell, fmt.money, fmt.pct, fmt.pct2), fmt)
        fit_height(ws, row, [(group["nama"], 34)])
        row += 1
    if not groups:
        ws.write(row, 0, "Belum ada baris final.", fmt.text)
        return row + 3
    total = {
        "nama": "Jumlah",
        "bulan": [sum(g["bulan"][i] for g in groups) for i in range(year.last)],
        "anggaran": sum(g["anggaran"] for g in groups),
        "realisasi": sum(g["realisasi"] for g in groups),
    }
    total["persen_pagu"] = percent(total["realisasi"], year.pagu)
    styles = (fmt.grand_label, fmt.grand_money, fmt.grand_pct, fmt.grand_pct2)
    _matrix_row(ws, row, total, styles, fmt)
    return row + 3


def _matrix_row(
    ws: Any, row: int, group: dict[str, Any], styles: tuple[Any, Any, Any, Any], fmt: Formats
) -> None:
    """One line of a group × month table in ``styles`` (label, money, % serapan, % pagu)."""
    label, money, pct, pct2 = styles
    ws.write_string(row, 0, group["nama"], label)
    for index, amount in enumerate(group["bulan"], start=1):
        ws.write_number(row, index, amount, money)
    col = len(group["bulan"]) + 1
    ws.write_number(row, col, group["anggaran"], money)
    ws.write_number(row, col + 1, group["realisasi"], money)
    ws.write_number(row, col + 2, serapan(group["realisasi"], group["anggaran"]), pct)
    _pct(ws, row, col + 3, group["persen_pagu"], pct2, fmt)


def _flag(ws: Any, row: int, col: int, bad: bool, texts: tuple[str, str], fmt: Formats) -> None:
    """``texts[0]`` flagged red when ``bad``, else ``texts[1]`` in green."""
    ws.write_string(row, col, texts[0] if bad else texts[1], fmt.flag if bad else fmt.ok)


def _triwulan(ws: Any, fmt: Formats, year: Year, config: OfficeConfig) -> None:
    labels = ["Triwulan", "Sampai", "Kumulatif (% Pagu)", "Target (%)", "Selisih (%)", "Keterangan"]
    _title(ws, fmt, f"CAPAIAN TARGET PENYERAPAN PER TRIWULAN — {year.tahun}", config, 5)
    for col, width in enumerate((12, 20, 18, 12, 12, 26)):
        ws.set_column(col, col, width)
    _header(ws, fmt, 3, labels)
    row = 4
    for quarter in triwulan_table(year, config):
        ws.write_string(row, 0, ROMAN[quarter["triwulan"]], fmt.center)
        ws.write_string(row, 1, f"{_short(quarter['sampai'])} {year.tahun}", fmt.cell)
        _pct(ws, row, 2, quarter["kumulatif_persen"], fmt.pct2, fmt)
        ws.write_number(row, 3, quarter["target_persen"], fmt.pct2)
        if quarter["kumulatif_persen"] is None:
            ws.write_string(row, 4, "-", fmt.center)
        else:
            gap = round(quarter["kumulatif_persen"] - quarter["target_persen"], 2)
            ws.write_number(row, 4, gap, fmt.pct2)
        _flag(ws, row, 5, not quarter["tercapai"], ("Di bawah target", "Tercapai"), fmt)
        row += 1
    if row == 4:
        ws.write(row, 0, "Belum ada triwulan yang berakhir pada bulan yang terbaca.", fmt.text)
    print_setup(ws, 3, 5)


def _plan_rows(ws: Any, fmt: Formats, row: int, table: list[dict[str, Any]], tol: float) -> int:
    for month in table:
        ws.write_string(row, 0, _short(month["periode"]), fmt.cell)
        ws.write_number(row, 1, month["rencana"], fmt.money)
        ws.write_number(row, 2, month["realisasi"], fmt.money)
        _pct(ws, row, 3, month["deviasi_persen"], fmt.pct2, fmt)
        texts = (f"Deviasi > {tol:g}%", "Dalam toleransi")
        _flag(ws, row, 4, month["melewati_toleransi"], texts, fmt)
        row += 1
    return row


def _rencana(ws: Any, fmt: Formats, year: Year, config: OfficeConfig) -> None:
    plan, tol = config.anggaran.rencana, config.anggaran.toleransi_deviasi
    _title(ws, fmt, f"REALISASI TERHADAP RENCANA PENARIKAN DANA — {year.tahun}", config, 4)
    ws.write(2, 0, f"Halaman III DIPA; toleransi deviasi {tol:g}%", fmt.text)
    for col, width in enumerate((30, 17, 17, 13, 22)):
        ws.set_column(col, col, width)
    labels = ["Bulan", "Rencana (Rp)", "Realisasi (Rp)", "Deviasi (%)", "Keterangan"]
    row = 4
    if plan:
        ws.write(row, 0, "Kantor", fmt.bold)
        _header(ws, fmt, row + 1, labels)
        row = _plan_rows(ws, fmt, row + 2, plan_table(year, plan, tol), tol) + 1
    for unit, unit_plan in config.anggaran.rencana_subbagian.items():
        ws.write(row, 0, f"Subbagian {unit}", fmt.bold)
        _header(ws, fmt, row + 1, labels)
        row = _plan_rows(ws, fmt, row + 2, plan_table(year, unit_plan, tol, unit), tol) + 1
    if row == 4:
        ws.write(
            row,
            0,
            "Konfigurasi belum memuat rencana penarikan dana "
            "([anggaran] rencana, dari Halaman III DIPA).",
            fmt.text,
        )
    print_setup(ws, None, 4)
