"""The live-Excel adapter: a workbook open in Excel, through xlwings' portable API.

Reads each sheet in one call, writes whole blocks back (never cell by cell
across the bridge), and calls the VBA helper (``RK_Helper``) for what xlwings
has no portable API for: protection, locks, notes, the status bar, rows. The
number of calls an action makes is a constant plus the rows it changes.
Text is written with Excel's apostrophe prefix so that an 18-digit NIP or an
ISO timestamp stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pyaddin import form as F
from pyaddin.marks import ERROR, Marks
from pyaddin.model import FormData, HistoryEntry
from pyaddin.review import ActionResult
from pyaddin.snapshot import Grid, read_form

ADDRESS_CHUNK = 200  # characters of addresses per RK_SetLocked call


def _text(value: Any) -> Any:
    """Strings go in with the apostrophe prefix (kept as text, shown without it)."""
    if isinstance(value, str) and value:
        return "'" + value
    return value


class LiveForm:
    """One form open in Excel (``book`` is an ``xlwings.Book``)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self._form: FormData | None = None
        self._grid: Grid | None = None

    # --- reading -------------------------------------------------------------

    def grid(self) -> Grid:
        """Values of the form's sheets (one call each) and the defined names."""
        if self._grid is None:
            names = {}
            for name in self.book.names:
                refers = name.refers_to
                if refers:
                    names[name.name] = str(refers).lstrip("=")
            present = {s.name for s in self.book.sheets}
            sheets = {name: self._sheet_values(name) for name in F.SHEETS if name in present}
            self._grid = Grid(self.book.name, sheets, names)
        return self._grid

    def _sheet_values(self, name: str) -> list[list[Any]]:
        used = self.book.sheets[name].used_range
        # Riwayat is all text: raw values keep ISO timestamps as they were written.
        raw = used.raw_value if name == F.SHEET_HISTORY else used.options(ndim=2).value
        rows = [list(r) for r in raw] if isinstance(raw, (list, tuple)) else [[raw]]
        if rows and not isinstance(rows[0], list):
            rows = [rows]
        top, left = used.row - 1, used.column - 1  # the used range may not start at A1
        return [[] for _ in range(top)] + [[None] * left + r for r in rows]

    def read(self) -> FormData:
        """The form as the engine sees it."""
        if self._form is None:
            self._form = read_form(self.grid())
        return self._form

    def input_text(self) -> str:
        """What the ribbon's dialog stored in RK_MASUKAN."""
        value = self.book.names[F.NAME_INPUT].refers_to_range.value
        return str(value).strip() if value is not None else ""

    def clear_input(self) -> None:
        self.book.names[F.NAME_INPUT].refers_to_range.value = None

    def selected_numbers(self, form: FormData) -> list[int]:
        """The No. of every filled body row the selection touches."""
        selection = self.book.app.selection
        if selection is None or selection.sheet.name != F.SHEET_FORM:
            return []
        first, last = selection.row, selection.row + selection.shape[0] - 1
        return [
            r.no for r in form.filled_rows() if first <= r.excel_row <= last and r.no is not None
        ]

    # --- feedback --------------------------------------------------------------

    def alert(self, text: str, title: str = "Realisasi Kegiatan", error: bool = False) -> None:
        self.book.app.alert(text, title=title, mode="critical" if error else "info")

    def status(self, text: str) -> None:
        self.book.macro("RK_Status")(text)

    def activate(self, sheet: str) -> None:
        self.book.sheets[sheet].activate()

    # --- writing ----------------------------------------------------------------

    def _protect(self, sheets: Sequence[str], on: bool) -> None:
        macro = self.book.macro("RK_Protect" if on else "RK_Unprotect")
        for sheet in sheets:
            macro(sheet)

    def apply_marks(self, marks: Marks) -> None:
        """Validasi: colours and notes on marked cells, Status and normalised values."""
        form = self.read()
        ws = self.book.sheets[F.SHEET_FORM]
        first, last = marks.body_rows
        business = (F.column_index("kode") + 1, F.column_index("tanggal") + 1)
        block = ws.range((first, business[0]), (last, business[1]))
        self._protect([F.SHEET_FORM], on=False)
        block.color = None
        self.book.macro("RK_ClearNotes")(F.SHEET_FORM, block.address)
        values = [[r.values.get(k) for k in F.BUSINESS_KEYS] for r in form.rows]
        for (row, key), value in marks.values.items():
            values[row - first][F.BUSINESS_KEYS.index(key)] = value
        block.value = [[_text(v) for v in row] for row in values]
        statuses = [[r.values.get("status")] for r in form.rows]
        for row, text in marks.statuses.items():
            statuses[row - first][0] = text or None
        status_col = F.column_index("status") + 1
        ws.range((first, status_col), (last, status_col)).value = [[_text(v)] for (v,) in statuses]
        note = self.book.macro("RK_SetNote")
        for (row, key), (kind, message) in sorted(marks.cells.items()):
            cell = ws.range((row, F.column_index(key) + 1))
            cell.color = "#" + (F.COLOR_ERROR if kind == ERROR else F.COLOR_WARNING)
            note(F.SHEET_FORM, cell.address, message)
        self._protect([F.SHEET_FORM], on=True)

    def apply_action(self, result: ActionResult) -> None:
        """A workflow action: Status/Catatan/ID block, locks, Riwayat, chain head."""
        form = self.read()
        ws = self.book.sheets[F.SHEET_FORM]
        self._protect([F.SHEET_FORM, F.SHEET_HISTORY], on=False)
        rows = [c.excel_row for c in result.changes]
        first, last = min(rows), max(rows)
        by_row = {r.excel_row: r for r in form.rows}
        block = [
            [by_row[r].values.get(k) for k in ("status", "catatan", "id")]
            for r in range(first, last + 1)
        ]
        for change in result.changes:
            block[change.excel_row - first] = [
                change.status_text,
                change.catatan or None,
                change.row_id,
            ]
        status_col = F.column_index("status") + 1
        ws.range((first, status_col), (last, status_col + 2)).value = [
            [_text(v) for v in row] for row in block
        ]
        for locked in (True, False):
            targets = [c.excel_row for c in result.changes if c.locked == locked]
            for chunk in _address_chunks(targets):
                self.book.macro("RK_SetLocked")(F.SHEET_FORM, chunk, locked)
        self._append_history(result.entries)
        head = self.book.names[F.NAME_HEAD].refers_to_range
        head.value = _text(result.head)
        self._protect([F.SHEET_FORM, F.SHEET_HISTORY], on=True)

    def _append_history(self, entries: Iterable[HistoryEntry]) -> None:
        rows = self.grid().sheets.get(F.SHEET_HISTORY, [])
        last = len(rows)
        while last > 1 and not any(v not in (None, "") for v in rows[last - 1]):
            last -= 1
        values = [[_text(v) for v in e.cells()] for e in entries]
        if values:
            self.book.sheets[F.SHEET_HISTORY].range((last + 1, 1)).value = values

    def add_rows(self, count: int) -> None:
        """Tambah Baris: the VBA helper inserts rows and moves the signature block."""
        self._protect([F.SHEET_FORM], on=False)
        self.book.macro("RK_SisipkanBaris")(count)
        self._protect([F.SHEET_FORM], on=True)


def _address_chunks(rows: list[int]) -> list[str]:
    """``B8:I8;B10:I10`` lists of input cells of ``rows``, short enough for VBA."""
    last_input = F.col_letter(max(i for i, c in enumerate(F.COLUMNS, 1) if c.input))
    parts = [f"A{r}:{last_input}{r}" for r in sorted(rows)]
    chunks: list[str] = []
    current = ""
    for part in parts:
        if current and len(current) + len(part) + 1 > ADDRESS_CHUNK:
            chunks.append(current)
            current = ""
        current = f"{current};{part}" if current else part
    if current:
        chunks.append(current)
    return chunks
