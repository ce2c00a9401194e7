"""The provincial monthly report (DESIGN.md §7), written with XlsxWriter.

Sheets: ``Rekap`` (rows by subbagian, subtotals, grand total, the Sekretaris'
signature block), ``Ringkasan`` (per subbagian, jenis, lokus; a bar chart of
serapan; the SOP's time standard), ``Masalah``, ``Sumber``. Values, not
formulas, so every reader sees the numbers; same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pyaddin.engine.config import OfficeConfig
from pyaddin.engine.consolidate import (
    Consolidation,
    KeptRow,
    group_totals,
    last_final_date,
    serapan,
)
from pyaddin.engine.timing import WAKTU_BAKU, wait_table
from pyaddin.validators.tanggal import month_name

MONEY = '"Rp "#,##0'
REKAP_COLUMNS = (
    ("No.", 5),
    ("Kode", 33),
    ("Judul Kegiatan", 44),
    ("Sasaran/Volume", 14),
    ("Jenis Kegiatan", 20),
    ("Anggaran (Rp)", 17),
    ("Realisasi (Rp)", 17),
    ("Serapan (%)", 10),
    ("Lokus", 17),
    ("Tanggal", 22),
    ("Keterangan", 14),
)
SUMMARY_COLUMNS = ("Kegiatan", "Anggaran (Rp)", "Realisasi (Rp)", "Serapan (%)")


def _month(periode: str) -> str:
    year, month = periode.split("-")
    return f"{month_name(int(month))} {year}"


def _date_id(day: dt.date) -> str:
    return f"{day.day} {month_name(day.month)} {day.year}"


class Formats:
    """The report's cell formats (the year view uses the same)."""

    def __init__(self, book: Any) -> None:
        base = {"font_name": "Arial", "font_size": 9, "valign": "top"}
        cell = {**base, "border": 1, "border_color": "#808080"}

        def add(common: dict[str, Any], **props: Any) -> Any:
            return book.add_format({**common, **props})

        self.title = add(base, font_size=13, bold=True, align="center")
        self.heading = add(base, font_size=12, bold=True)
        self.subtitle = add(base, bold=True, align="center")
        self.text = add(base)
        self.bold = add(base, bold=True)
        self.signer = add(base, bold=True, underline=1)
        self.header = add(
            cell, bold=True, bg_color="#D9E1F2", align="center", valign="vcenter", text_wrap=True
        )
        self.cell = add(cell, text_wrap=True)
        self.center = add(cell, align="center")
        self.money = add(cell, num_format=MONEY)
        self.pct = add(cell, num_format="0.0")
        self.pct2 = add(cell, num_format="0.00")
        self.group = add(cell, bold=True, bg_color="#F2F2F2")
        self.sub_label = add(cell, bold=True, align="right")
        self.sub_money = add(cell, bold=True, num_format=MONEY)
        self.sub_pct = add(cell, bold=True, num_format="0.0")
        self.sub_blank = add(cell, bold=True)
        self.grand_label = add(cell, bold=True, align="right", bg_color="#D9E1F2")
        self.grand_money = add(cell, bold=True, num_format=MONEY, bg_color="#D9E1F2")
        self.grand_pct = add(cell, bold=True, num_format="0.0", bg_color="#D9E1F2")
        self.grand_blank = add(cell, bold=True, bg_color="#D9E1F2")
        self.flag = add(cell, bold=True, font_color="#9C0006", bg_color="#FFC7CE")
        self.ok = add(cell, font_color="#006100", bg_color="#C6EFCE")
        self.pending = add(cell, italic=True, font_color="#7F6000", bg_color="#FFF2CC")


def year_to_date_sentence(ytd: dict[str, Any]) -> str:
    """The monthly report's year-to-date line."""
    from pyaddin.validators.rupiah import format_rupiah

    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
    start = f"Kumulatif Januari s.d. {_month(ytd['sampai'])}: realisasi "
    start += format_rupiah(ytd["kumulatif_realisasi"])
    if ytd["pagu"]:
        persen = f"{ytd['kumulatif_persen']:.2f}".replace(".", ",")
        start += f" = {persen}% dari pagu {format_rupiah(ytd['pagu'])}"
    target = f"{ytd['target_persen']:g}".replace(".", ",")
    return start + f"; target akhir triwulan {roman[ytd['triwulan']]}: {target}%."


def fit_height(ws: Any, row: int, cells: list[tuple[str, float]]) -> None:
    """Set a row's height for its longest wrapped text (readers do not all autofit);
    the same estimate as the form's (:mod:`pyaddin.engine.print_layout`)."""
    from pyaddin.engine.print_layout import ROW_PT, text_height

    height = text_height(cells)
    if height > ROW_PT:
        ws.set_row(row, height)


def print_setup(ws: Any, header_row: int | None, last_col: int, paper: int = 9) -> None:
    """Landscape, fit to width, header rows repeated; ``paper``: 9 = A4, 14 = Folio (F4)."""
    ws.set_landscape()
    ws.set_paper(paper)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&CHalaman &P dari &N")
    if header_row is not None:
        ws.repeat_rows(header_row)


def write_report(
    month: Consolidation, config: OfficeConfig, out: Path, ytd: dict[str, Any] | None = None
) -> None:
    """Write the report workbook to ``out`` (the caller makes it atomic); ``ytd``, the
    year to date (:func:`pyaddin.engine.year.year_to_date`), adds its line to Ringkasan.

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
            "title": f"Realisasi Kegiatan {_month(month.periode)}",
            "author": config.kantor.nama,
            "created": created,
        }
    )
    fmt = Formats(book)
    placed = _rekap(book.add_worksheet("Rekap"), fmt, month, config)
    _ringkasan(book, book.add_worksheet("Ringkasan"), fmt, month, ytd)
    _masalah(book.add_worksheet("Masalah"), fmt, month)
    _sumber(book.add_worksheet("Sumber"), fmt, month)
    for ws in book.worksheets():  # every sheet prints on the office's paper
        ws.set_paper(config.kantor.paper_size)
    styles = _RowStyles(fmt)  # before close: the row formats must be in styles.xml
    book.close()
    package.seek(0)
    splice_rows(package, "xl/worksheets/sheet1.xml", _rekap_rows(placed, styles), out)


class _RowStyles:
    """The two layouts of a Rekap activity row: final (Keterangan blank) and pending."""

    def __init__(self, fmt: Formats) -> None:
        from pyaddin.outputs.sheet_rows import RowTemplate

        # XlsxWriter numbers a format when a cell first uses it; these are used
        # only by the rows it does not write, so they are numbered here.
        center, cell, money, pct, pending = (
            f._get_xf_index() for f in (fmt.center, fmt.cell, fmt.money, fmt.pct, fmt.pending)
        )
        head = [("n", center), *[("s", cell)] * 4, ("n", money), ("n", money), ("n", pct)]
        head += [("s", cell), ("s", cell)]
        self.final = RowTemplate([*head, ("-", cell)])
        self.pending = RowTemplate([*head, ("s", pending)])


def _rekap_rows(
    placed: list[tuple[int, int, KeptRow]], styles: _RowStyles
) -> Iterator[tuple[int, str]]:
    """Each activity row of Rekap as XML, at its place (0-based row)."""
    from pyaddin.engine.print_layout import ROW_PT, text_height

    for row, number, kept in placed:
        height = text_height([(kept.judul, 44), (kept.kode, 33), (kept.tanggal, 22)])
        values = [
            number,
            kept.kode,
            kept.judul,
            kept.sasaran,
            kept.jenis,
            kept.anggaran,
            kept.realisasi,
            serapan(kept.realisasi, kept.anggaran),
            kept.lokus,
            kept.tanggal,
        ]
        custom = height if height > ROW_PT else None
        if kept.final:
            yield row, styles.final.render(row, values, custom)
        else:
            yield row, styles.pending.render(row, [*values, "Belum final"], custom)


def _rekap(
    ws: Any, fmt: Formats, month: Consolidation, config: OfficeConfig
) -> list[tuple[int, int, KeptRow]]:
    """Everything of Rekap but its activity rows; returns where those go
    ((0-based row, No., row)), for :func:`_rekap_rows`."""
    last = len(REKAP_COLUMNS) - 1
    ws.merge_range(0, 0, 0, last, "REKAPITULASI REALISASI KEGIATAN BULANAN", fmt.title)
    ws.merge_range(1, 0, 1, last, config.kantor.nama.upper(), fmt.subtitle)
    ws.merge_range(
        2, 0, 2, last, f"BULAN/TAHUN ANGGARAN: {_month(month.periode).upper()}", fmt.subtitle
    )
    header = 4
    for col, (label, width) in enumerate(REKAP_COLUMNS):
        ws.write(header, col, label, fmt.header)
        ws.set_column(col, col, width)
    ws.set_row(header, 28)
    row = header + 1
    totals = [0, 0]
    placed: list[tuple[int, int, KeptRow]] = []
    by_unit: dict[str, list[KeptRow]] = {}
    for kept in month.rows:  # grouped once, not once per unit
        by_unit.setdefault(kept.subbagian, []).append(kept)
    for unit in month.order:
        rows = by_unit.get(unit, [])
        if not rows:
            continue
        ws.merge_range(row, 0, row, last, f"SUB BAGIAN {unit.upper()}", fmt.group)
        row += 1
        for number, kept in enumerate(rows, start=1):
            placed.append((row, number, kept))
            row += 1
        anggaran = sum(r.anggaran for r in rows)
        realisasi = sum(r.realisasi for r in rows)
        _total_row(
            ws,
            row,
            f"Jumlah Subbagian {unit}",
            anggaran,
            realisasi,
            (fmt.sub_label, fmt.sub_money, fmt.sub_pct, fmt.sub_blank),
        )
        totals[0] += anggaran
        totals[1] += realisasi
        row += 1
    if not month.rows:
        ws.merge_range(row, 0, row, last, "Belum ada baris yang disetujui final.", fmt.cell)
        row += 1
    _total_row(
        ws,
        row,
        "JUMLAH SELURUHNYA",
        totals[0],
        totals[1],
        (fmt.grand_label, fmt.grand_money, fmt.grand_pct, fmt.grand_blank),
    )
    ws.freeze_panes(header + 1, 0)
    _signature(ws, fmt, row + 2, month, config)
    print_setup(ws, header, last)
    return placed


def _total_row(
    ws: Any, row: int, label: str, anggaran: int, realisasi: int, formats: tuple[Any, Any, Any, Any]
) -> None:
    lab, money, pct, blank = formats
    ws.merge_range(row, 0, row, 4, label, lab)
    ws.write_number(row, 5, anggaran, money)
    ws.write_number(row, 6, realisasi, money)
    ws.write_number(row, 7, serapan(realisasi, anggaran), pct)
    for col in (8, 9, 10):
        ws.write_blank(row, col, None, blank)


def _signature(ws: Any, fmt: Formats, top: int, month: Consolidation, config: OfficeConfig) -> None:
    final = config.approval_chain[-1]
    person = next((p for p in config.pegawai if p.jabatan == final), None)
    day = last_final_date(month)
    date_text = _date_id(day) if day else "." * 24
    col = 8
    ws.write(top, col, f"{config.kantor.kota}, {date_text}", fmt.text)
    ws.write(top + 1, col, f"{final} {config.kantor.nama.removeprefix('Sekretariat ')},", fmt.text)
    ws.write(top + 5, col, person.nama if person else "(" + "." * 30 + ")", fmt.signer)
    ws.write(top + 6, col, f"NIP. {person.nip}" if person and person.nip else "NIP.", fmt.text)


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
    ws.write(0, 0, f"RINGKASAN REALISASI KEGIATAN — {_month(month.periode).upper()}", fmt.heading)
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
    for stats in wait_table(month.waits, month.order):
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


def listing(ws: Any, fmt: Formats, title: str, labels: tuple[tuple[str, int], ...]) -> None:
    """Title in A1, column labels and widths in row 3: the head of Masalah and Sumber."""
    ws.write(0, 0, title, fmt.bold)
    for col, (label, width) in enumerate(labels):
        ws.write(2, col, label, fmt.header)
        ws.set_column(col, col, width)


def _masalah(ws: Any, fmt: Formats, month: Consolidation) -> None:
    labels = (
        ("No.", 5),
        ("Berkas", 34),
        ("Subbagian", 30),
        ("Baris", 7),
        ("Jenis", 26),
        ("Keterangan", 80),
    )
    listing(ws, fmt, f"DAFTAR MASALAH — {_month(month.periode).upper()}", labels)
    for number, problem in enumerate(month.problems, start=1):
        row = 2 + number
        ws.write_number(row, 0, number, fmt.center)
        ws.write_string(row, 1, problem.file, fmt.cell)
        ws.write_string(row, 2, problem.subbagian, fmt.cell)
        if problem.row is None:
            ws.write_blank(row, 3, None, fmt.cell)
        else:
            ws.write_number(row, 3, problem.row, fmt.center)
        ws.write_string(row, 4, problem.kind, fmt.cell)
        ws.write_string(row, 5, problem.message, fmt.cell)
        fit_height(ws, row, [(problem.message, 80), (problem.file, 34), (problem.subbagian, 30)])
    if not month.problems:
        ws.write(3, 0, "Tidak ada masalah.", fmt.text)
    ws.autofilter(2, 0, 2 + max(1, len(month.problems)), len(labels) - 1)
    ws.freeze_panes(3, 0)
    print_setup(ws, 2, len(labels) - 1)


def _sumber(ws: Any, fmt: Formats, month: Consolidation) -> None:
    labels = (
        ("Berkas", 46),
        ("SHA-256", 66),
        ("Subbagian", 30),
        ("Baris Terisi", 10),
        ("Final", 8),
        ("Belum Final", 10),
        ("Entri Riwayat", 10),
        ("Dihitung", 9),
    )
    listing(ws, fmt, f"BERKAS SUMBER — {_month(month.periode).upper()}", labels)
    for row, book in enumerate(month.workbooks, start=3):
        values = (
            book.file,
            book.sha256,
            book.subbagian,
            book.rows,
            book.approved,
            book.pending,
            book.entries,
            "Ya" if book.counted else "Tidak",
        )
        for col, value in enumerate(values):
            if isinstance(value, int):
                ws.write_number(row, col, value, fmt.center)
            else:
                ws.write_string(row, col, value, fmt.cell)
        fit_height(ws, row, [(book.file, 46), (book.subbagian, 30)])
    ws.freeze_panes(3, 0)
    print_setup(ws, 2, len(labels) - 1)
