"""The live-Excel adapter: a workbook open in Excel, through xlwings' portable API.

:class:`LiveForm` implements :class:`pyaddin.adapter.FormAdapter`. Every call
across the bridge is a round trip to Excel (COM on Windows), so a click costs a
constant number of them, whatever the number of rows or marks: each sheet is
read in one call, values go back as whole blocks, sheet and name handles are
fetched once, and what xlwings has no portable API for — protection, locks,
fills with notes, inserting rows, the status bar — is one call each to the VBA
helper (``RK_Helper``), with address lists packed into one string.
Text is written with Excel's apostrophe prefix so that an 18-digit NIP or an
ISO timestamp stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pyaddin.engine import form as F
from pyaddin.engine import vba
from pyaddin.engine.marks import ERROR, Marks
from pyaddin.engine.model import FormData
from pyaddin.engine.review import ActionResult
from pyaddin.engine.snapshot import Grid, read_form

# The defined names the form is read through (the others are the VBA's own).
NAMES_READ = (F.NAME_PERIOD, F.NAME_UNIT, F.NAME_DATA, F.NAME_VERSION, F.NAME_HEAD)


def _text(value: Any) -> Any:
    """Strings go in with the apostrophe prefix (kept as text, shown without it)."""
    if isinstance(value, str) and value:
        return "'" + value
    return value


class LiveForm:
    """One form open in Excel (``book`` is an ``xlwings.Book``)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self._app: Any = None
        self._sheets: dict[str, Any] = {}
        self._macros: dict[str, Any] = {}
        self._form: FormData | None = None
        self._grid: Grid | None = None
        self._unprotected: tuple[str, ...] = ()

    # --- handles (fetched once per click) --------------------------------------

    @property
    def app(self) -> Any:
        if self._app is None:
            self._app = self.book.app
        return self._app

    def sheet(self, name: str) -> Any:
        if name not in self._sheets:
            self._sheets[name] = self.book.sheets[name]
        return self._sheets[name]

    def macro(self, name: str) -> Any:
        if name not in self._macros:
            self._macros[name] = self.book.macro(name)
        return self._macros[name]

    # --- reading -------------------------------------------------------------

    def grid(self) -> Grid:
        """Values of the form's sheets (one call each) and the defined names."""
        if self._grid is None:
            names = {}
            for name in NAMES_READ:
                try:
                    refers = self.book.names[name].refers_to
                except Exception:  # a missing name: read_form says which
                    continue
                if refers:
                    names[name] = str(refers).lstrip("=")
            sheets = {}
            for name in F.SHEETS:
                try:
                    sheets[name] = self._sheet_values(name)
                except Exception:  # a missing sheet: read_form says which
                    continue
            self._grid = Grid(self.book.name, sheets, names)
        return self._grid

    def _sheet_values(self, name: str) -> list[list[Any]]:
        used = self.sheet(name).used_range
        # Riwayat is all text: raw values keep ISO timestamps as they were written.
        raw = used.raw_value if name == F.SHEET_HISTORY else used.options(ndim=2).value
        rows = [list(r) for r in raw] if isinstance(raw, (list, tuple)) else [[raw]]
        if rows and not isinstance(rows[0], list):
            rows = [rows]
        top_left = F.parse_area(str(used.address))
        top, left = (top_left.first_row - 1, top_left.first_col - 1) if top_left else (0, 0)
        return [[] for _ in range(top)] + [[None] * left + r for r in rows]

    def read(self) -> FormData:
        """The form as the engine sees it."""
        if self._form is None:
            self._form = read_form(self.grid())
        return self._form

    def input_text(self) -> str:
        """What the ribbon's dialog stored in RK_MASUKAN."""
        value = self._input_cell().value
        return str(value).strip() if value is not None else ""

    def clear_input(self) -> None:
        self._input_cell().value = None

    def _input_cell(self) -> Any:
        return self.book.names[F.NAME_INPUT].refers_to_range

    def selected_numbers(self) -> list[int]:
        """The No. of every filled body row the selection touches."""
        selection = self.app.selection
        if selection is None:
            return []
        sheet_part, _, ref = str(selection.get_address(external=True)).rpartition("!")
        area = F.parse_area(ref)
        if area is None or sheet_part.strip("'").split("]")[-1] != F.SHEET_FORM:
            return []
        return [
            r.no
            for r in self.read().filled_rows()
            if area.first_row <= r.excel_row <= area.last_row and r.no is not None
        ]

    # --- feedback --------------------------------------------------------------

    def alert(self, text: str, error: bool = False) -> None:
        self.app.alert(text, title="Realisasi Kegiatan", mode="critical" if error else "info")

    def status(self, text: str) -> None:
        self.macro(vba.SUB_STATUS)(text)

    def activate(self, sheet: str) -> None:
        self.sheet(sheet).activate()

    # --- writing ----------------------------------------------------------------

    def _unprotect(self, sheets: Sequence[str]) -> None:
        """Lift the courtesy protection once per click; :meth:`commit` restores it."""
        wanted = tuple(s for s in sheets if s not in self._unprotected)
        if wanted:
            self.macro(vba.SUB_PROTECT)(";".join(wanted), False)
            self._unprotected += wanted

    def commit(self) -> None:
        """Protect again what this click unprotected (Excel keeps the rest itself)."""
        if self._unprotected:
            self.macro(vba.SUB_PROTECT)(";".join(self._unprotected), True)
            self._unprotected = ()

    def apply_marks(self, marks: Marks) -> None:
        """Validasi: fills and notes (one helper call), values and Status (one block each)."""
        form = self.read()
        ws = self.sheet(F.SHEET_FORM)
        first, last = marks.body_rows
        kode, tanggal = F.column_index("kode") + 1, F.column_index("tanggal") + 1
        self._unprotect([F.SHEET_FORM])
        errors = [(r, k) for (r, k), (kind, _) in sorted(marks.cells.items()) if kind == ERROR]
        warnings = [(r, k) for (r, k), (kind, _) in sorted(marks.cells.items()) if kind != ERROR]
        notes = vba.RECORD_SEP.join(
            F.cell_ref(r, k) + vba.FIELD_SEP + message
            for (r, k), (_, message) in sorted(marks.cells.items())
        )
        area = F.Area(F.SHEET_FORM, first, kode, last, tanggal).ref
        self.macro(vba.SUB_MARK)(
            F.SHEET_FORM,
            area,
            ";".join(F.cell_ref(r, k) for r, k in errors),
            ";".join(F.cell_ref(r, k) for r, k in warnings),
            notes,
        )
        values = [[r.values.get(k) for k in F.BUSINESS_KEYS] for r in form.rows]
        for (row, key), value in marks.values.items():
            values[row - first][F.BUSINESS_KEYS.index(key)] = value
        ws.range((first, kode), (last, tanggal)).value = [[_text(v) for v in row] for row in values]
        statuses = [[r.values.get("status")] for r in form.rows]
        for row, text in marks.statuses.items():
            statuses[row - first][0] = text or None
        status_col = F.column_index("status") + 1
        ws.range((first, status_col), (last, status_col)).value = [[_text(v)] for (v,) in statuses]

    def apply_action(self, result: ActionResult) -> None:
        """A workflow action: Status/Catatan/ID block, No., locks, Riwayat, chain head."""
        form = self.read()
        ws = self.sheet(F.SHEET_FORM)
        self._unprotect([F.SHEET_FORM, F.SHEET_HISTORY])
        rows = [c.excel_row for c in result.changes]
        first, last = min(rows), max(rows)
        by_row = {r.excel_row: r for r in form.rows}
        block = [
            [by_row[r].values.get(k) for k in ("status", "catatan", "id")]
            for r in range(first, last + 1)
        ]
        numbers = [[by_row[r].values.get("no")] for r in range(first, last + 1)]
        for change in result.changes:
            block[change.excel_row - first] = [
                change.status_text,
                change.catatan or None,
                change.row_id,
            ]
            if change.no_text is not None:
                numbers[change.excel_row - first] = [change.no_text]
        status_col = F.column_index("status") + 1
        ws.range((first, status_col), (last, status_col + 2)).value = [
            [_text(v) for v in row] for row in block
        ]
        if any(c.no_text is not None for c in result.changes):
            no_col = F.column_index("no") + 1
            ws.range((first, no_col), (last, no_col)).value = [[_text(v)] for (v,) in numbers]
        locked = [c.excel_row for c in result.changes if c.locked]
        unlocked = [c.excel_row for c in result.changes if not c.locked]
        self.macro(vba.SUB_LOCK)(F.SHEET_FORM, _row_inputs(locked), _row_inputs(unlocked))
        self._append_history(result)
        sheet, row, col = form.head_cell
        self.sheet(sheet).range((row, col)).value = _text(result.head)

    def _append_history(self, result: ActionResult) -> None:
        rows = self.grid().sheets.get(F.SHEET_HISTORY, [])
        last = len(rows)
        while last > 1 and not any(v not in (None, "") for v in rows[last - 1]):
            last -= 1
        values = [[_text(v) for v in e.cells()] for e in result.entries]
        if values:
            self.sheet(F.SHEET_HISTORY).range((last + 1, 1)).value = values

    def add_rows(self, count: int) -> None:
        """Tambah Baris: the VBA helper inserts rows and moves the signature block."""
        self._unprotect([F.SHEET_FORM])
        self.macro(vba.SUB_ADD_ROWS)(count)


def _row_inputs(rows: list[int]) -> str:
    """``A8:I8;A10:I10``: the input cells of ``rows``, one string for the helper."""
    last_input = F.col_letter(vba.INPUT_COLUMNS)
    return ";".join(f"A{r}:{last_input}{r}" for r in sorted(rows))
