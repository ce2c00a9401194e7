"""The report's Rekap sheet: every final row grouped by subbagian, with
subtotals, the grand total and the Sekretaris' signature block. XlsxWriter
writes all but the activity rows, which :mod:`.sheet_rows` streams in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from pyaddin.engine.config import OfficeConfig
from pyaddin.engine.consolidate import Consolidation, KeptRow
from pyaddin.engine.month_summary import last_final_date, serapan
from pyaddin.outputs.report_style import Formats, date_id, print_setup
from pyaddin.validators.tanggal import month_label

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


class RowStyles:
    """The two layouts of a Rekap activity row: final (Keterangan blank) and pending.
    Made right after the report's :class:`Formats`, so their xf numbers are the
    first ones and the same in every report (:class:`RekapRows` relies on it)."""

    def __init__(self, fmt: Formats) -> None:
        from pyaddin.outputs.sheet_rows import RowTemplate

        # XlsxWriter numbers a format when a cell first uses it; these are used
        # only by the rows it does not write, so they are numbered here.
        self.key = tuple(
            f._get_xf_index() for f in (fmt.center, fmt.cell, fmt.money, fmt.pct, fmt.pending)
        )
        center, cell, money, pct, pending = self.key
        head = [("n", center), *[("s", cell)] * 4, ("n", money), ("n", money), ("n", pct)]
        head += [("s", cell), ("s", cell)]
        self.final = RowTemplate([*head, ("-", cell)])
        self.pending = RowTemplate([*head, ("s", pending)])

    @classmethod
    def standard(cls) -> RowStyles:
        """The layouts every report gets, without the report (a workbook in memory)."""
        import io

        import xlsxwriter

        book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
        styles = cls(Formats(book))
        book.close()
        return styles


def _row_xml(styles: RowStyles, r: str, number: int, kept: KeptRow) -> str:
    """One activity row of Rekap as XML: the unit's ``number``-th, as sheet row ``r``."""
    from pyaddin.engine.print_layout import ROW_PT, text_height

    height = text_height([(kept.judul, 44), (kept.kode, 33), (kept.tanggal, 22)])
    custom = height if height > ROW_PT else None
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
    if kept.final:
        return styles.final.render_at(r, values, custom)
    return styles.pending.render_at(r, [*values, "Belum final"], custom)


def rekap_rows(
    placed: list[tuple[int, list[KeptRow]]], styles: RowStyles
) -> Iterator[tuple[int, str]]:
    """Each activity row of Rekap as XML, at its place (0-based row)."""
    for first, rows in placed:
        for number, kept in enumerate(rows, start=1):
            row = first + number - 1
            yield row, _row_xml(styles, str(row + 1), number, kept)


# Stands for the row number in a row rendered before its place is known, and
# parts one row from the next in the spool: no rendered value holds either
# (sheet_rows writes control characters as _x0000_, _x0001_).
_PLACE = "\x00"
_NEXT = "\x01"


class RekapRows:
    """The Rekap's activity rows rendered while the month is still being read: each
    subbagian's rows as they join the month (:func:`consolidate`'s ``on_merged``),
    numbered within the subbagian, their sheet row left open. The report then only
    puts each row at its place; rows it did not see are rendered there.

    The rendered rows wait in a temporary file, not in memory (a month of 500
    subbagian is a hundred megabytes of XML); ``with RekapRows() as rows:`` removes it.
    """

    def __init__(self) -> None:
        self._styles: RowStyles | None = None  # made on the first add: files are being read
        self._spool: IO[bytes] | None = None
        # per subbagian: its last row (the one the report must find), count, offset, size
        self._units: dict[str, tuple[KeptRow, int, int, int]] = {}

    def __enter__(self) -> RekapRows:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    @property
    def styles(self) -> RowStyles:
        if self._styles is None:
            self._styles = RowStyles.standard()
        return self._styles

    def add(self, unit: str, rows: list[KeptRow]) -> None:
        """Render ``unit``'s rows (its whole list, in the month's order)."""
        if not rows:
            return
        if self._spool is None:
            import tempfile

            self._spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by __exit__)
        block = _NEXT.join(
            _row_xml(self.styles, _PLACE, number, kept) for number, kept in enumerate(rows, 1)
        ).encode("utf-8")
        offset = self._spool.seek(0, 2)
        self._spool.write(block)
        self._units[unit] = (rows[-1], len(rows), offset, len(block))

    def rows(
        self, placed: list[tuple[int, list[KeptRow]]], styles: RowStyles
    ) -> Iterator[tuple[int, str]]:
        """What :func:`rekap_rows` gives, from the rows rendered before: a unit's
        rows as one piece of XML at its first row (they follow one another)."""
        if styles.key != self.styles.key or self._spool is None:  # render them here
            yield from rekap_rows(placed, styles)
            return
        for first, rows in placed:
            seen = self._units.get(rows[0].subbagian) if rows else None
            if seen is None or seen[1] != len(rows) or seen[0] is not rows[-1]:
                yield from rekap_rows([(first, rows)], styles)
                continue
            self._spool.seek(seen[2])
            yield first, _placed(self._spool.read(seen[3]).decode("utf-8"), first)


def _placed(block: str, first: int) -> str:
    """A unit's rendered rows (``_NEXT`` between them) numbered from sheet row
    ``first + 1``, as one piece of XML."""
    return "".join(
        xml.replace(_PLACE, str(first + i + 1)) for i, xml in enumerate(block.split(_NEXT))
    )


def write_rekap(
    ws: Any, fmt: Formats, month: Consolidation, config: OfficeConfig
) -> list[tuple[int, list[KeptRow]]]:
    """Everything of Rekap but its activity rows; returns where those go
    ((0-based first row, the unit's rows)), for :func:`rekap_rows`."""
    last = len(REKAP_COLUMNS) - 1
    ws.merge_range(0, 0, 0, last, "REKAPITULASI REALISASI KEGIATAN BULANAN", fmt.title)
    ws.merge_range(1, 0, 1, last, config.kantor.nama.upper(), fmt.subtitle)
    ws.merge_range(
        2, 0, 2, last, f"BULAN/TAHUN ANGGARAN: {month_label(month.periode).upper()}", fmt.subtitle
    )
    header = 4
    for col, (label, width) in enumerate(REKAP_COLUMNS):
        ws.write(header, col, label, fmt.header)
        ws.set_column(col, col, width)
    ws.set_row(header, 28)
    row = header + 1
    totals = [0, 0]
    placed: list[tuple[int, list[KeptRow]]] = []  # each unit's first row and its rows
    by_unit: dict[str, list[KeptRow]] = {}
    for kept in month.rows:  # grouped once, not once per unit
        by_unit.setdefault(kept.subbagian, []).append(kept)
    for unit in month.order:
        rows = by_unit.get(unit, [])
        if not rows:
            continue
        ws.merge_range(row, 0, row, last, f"SUB BAGIAN {unit.upper()}", fmt.group)
        row += 1
        placed.append((row, rows))
        row += len(rows)
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
    date_text = date_id(day) if day else "." * 24
    col = 8
    ws.write(top, col, f"{config.kantor.kota}, {date_text}", fmt.text)
    ws.write(top + 1, col, f"{final} {config.kantor.nama.removeprefix('Sekretariat ')},", fmt.text)
    ws.write(top + 5, col, person.nama if person else "(" + "." * 30 + ")", fmt.signer)
    ws.write(top + 6, col, f"NIP. {person.nip}" if person and person.nip else "NIP.", fmt.text)
