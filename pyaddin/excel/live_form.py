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

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from pyaddin.engine import form as F
from pyaddin.engine import vba
from pyaddin.engine.errors import InputError
from pyaddin.engine.marks import ERROR, Marks
from pyaddin.engine.messages import register
from pyaddin.engine.model import FormData
from pyaddin.engine.review import ActionResult
from pyaddin.engine.snapshot import Grid, read_form
from pyaddin.validators.tanggal import to_excel_serial

register(
    {
        "excel.old_template": (
            "Formulir {file} memakai makro templat {version}; tombol ini memerlukan templat "
            "{ours}. Minta pengelola memperbarui makro formulir dengan 'realisasi "
            "perbarui-makro {file}', lalu buka lagi.",
            "Form {file} carries the macros of template {version}; this button needs template "
            "{ours}. Ask the administrator to update the form's macros with 'realisasi "
            "perbarui-makro {file}', then open it again.",
        ),
    }
)

# The defined names the form is read through.
NAMES_READ = (F.NAME_PERIOD, F.NAME_UNIT, F.NAME_DATA, F.NAME_VERSION, F.NAME_HEAD, F.NAME_INPUT)
# A date cell as a remote client (xlwings Server, Office.js) sends it.
_CLIENT_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def _cell(value: Any) -> Any:
    """A value as Excel's raw ``Value`` takes it, the same on every engine: text with
    the apostrophe prefix (kept as text, shown without it), a date as its serial
    number (the column's format shows it as a date), an empty cell as ``""``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value else ""
    if isinstance(value, dt.date):
        return to_excel_serial(value)
    return value


def _from_client(value: Any) -> Any:
    """A raw value read back: an ISO date string from a remote client is a date."""
    if isinstance(value, str) and _CLIENT_DATE.match(value):
        return dt.datetime.fromisoformat(value[:19])
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
        self._book_name: str | None = None
        self._via_server: bool | None = None

    @property
    def via_server(self) -> bool:
        """Whether the book was posted by xlwings' VBA client to the office server
        (DESIGN.md §14): its actions run after the answer, a Sub with the workbook
        first (the ``RKS_`` wrappers), and the status bar is the client's, set
        around the call. Live Excel and other remote clients: ``False``."""
        if self._via_server is None:
            api = getattr(getattr(self.book, "impl", None), "api", None)
            self._via_server = isinstance(api, dict) and api.get("client") == "VBA"
        return self._via_server

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
        """A Sub of the form's VBA (``Book.macro`` without its per-call look-ups)."""
        if name not in self._macros:
            sub = vba.server_sub(name) if self.via_server else name
            self._macros[name] = self.app.macro(f"'{self.book_name}'!{sub}")
        return self._macros[name]

    @property
    def book_name(self) -> str:
        if self._book_name is None:
            self._book_name = str(self.book.name)
        return self._book_name

    # --- reading -------------------------------------------------------------

    def grid(self) -> Grid:
        """Values of the form's sheets (one call each) and the defined names."""
        if self._grid is None:
            names = {}
            collection = self.book.names
            for name in NAMES_READ:
                try:
                    refers = collection[name].refers_to
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
            self._grid = Grid(self.book_name, sheets, names)
        return self._grid

    def _sheet_values(self, name: str) -> list[list[Any]]:
        """One sheet's raw values from A1 (raw: Riwayat's ISO timestamps stay text)."""
        used = self.sheet(name).used_range
        raw = used.raw_value
        rows = [list(r) for r in raw] if isinstance(raw, (list, tuple)) else [[raw]]
        if rows and not isinstance(rows[0], list):
            rows = [rows]
        if name == F.SHEET_FORM:
            rows = [[_from_client(v) for v in r] for r in rows]
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
        grid = self.grid()
        area = grid.area(F.NAME_INPUT)
        value = grid.value(area.sheet, area.first_row, area.first_col)
        return str(value).strip() if value is not None else ""

    def clear_input(self) -> None:
        area = self.grid().area(F.NAME_INPUT)
        self._write(area.sheet, (area.first_row, area.first_col), [[None]])

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
        """The status bar (on the server, the form's VBA shows it around the call)."""
        if not self.via_server:
            self.macro(vba.SUB_STATUS)(text)

    def activate(self, sheet: str) -> None:
        self.sheet(sheet).activate()

    # --- writing ----------------------------------------------------------------

    def _write(self, sheet: str, top_left: tuple[int, int], values: list[list[Any]]) -> None:
        """One block of values in one call (raw: no converter round trips)."""
        row, col = top_left
        bottom_right = (row + len(values) - 1, col + len(values[0]) - 1)
        target = self.sheet(sheet).range(top_left, bottom_right)
        target.raw_value = [[_cell(v) for v in line] for line in values]

    def _unprotect(self, sheets: Sequence[str]) -> None:
        """Lift the courtesy protection once per click; :meth:`commit` restores it.
        Every write starts here, so here the form's VBA is checked first."""
        self._check_macros()
        wanted = tuple(s for s in sheets if s not in self._unprotected)
        if wanted:
            self.macro(vba.SUB_PROTECT)(";".join(wanted), False)
            self._unprotected += wanted

    def _check_macros(self) -> None:
        """The form's VBA must have the helpers this version calls (template ≥ ours)."""
        form = self.read()

        def version(text: str) -> tuple[int, ...]:
            return tuple(int(p) for p in text.split(".") if p.isdigit())

        if version(form.version) < version(F.TEMPLATE_VERSION):
            raise InputError(
                "excel.old_template", file=form.file, version=form.version, ours=F.TEMPLATE_VERSION
            )

    def commit(self) -> None:
        """Protect again what this click unprotected (Excel keeps the rest itself)."""
        if self._unprotected:
            self.macro(vba.SUB_PROTECT)(";".join(self._unprotected), True)
            self._unprotected = ()

    def apply_marks(self, marks: Marks) -> None:
        """Validasi: fills and notes (one helper call), values and Status (one block each)."""
        form = self.read()
        first = marks.body_rows[0]
        kode = F.column_index("kode") + 1
        self._unprotect([F.SHEET_FORM])
        errors = [(r, k) for (r, k), (kind, _) in sorted(marks.cells.items()) if kind == ERROR]
        warnings = [(r, k) for (r, k), (kind, _) in sorted(marks.cells.items()) if kind != ERROR]
        notes = vba.RECORD_SEP.join(
            F.cell_ref(r, k) + vba.FIELD_SEP + message
            for (r, k), (_, message) in sorted(marks.cells.items())
        )
        top, bottom = marks.clear_rows
        area = F.Area(F.SHEET_FORM, top, 1, bottom, len(F.COLUMNS)).ref
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
        self._write(F.SHEET_FORM, (first, kode), values)
        statuses = [[r.values.get("status")] for r in form.rows]
        for row, text in marks.statuses.items():
            statuses[row - first][0] = text or None
        self._write(F.SHEET_FORM, (first, F.column_index("status") + 1), statuses)

    def apply_action(self, result: ActionResult) -> None:
        """A workflow action: Status/Catatan/ID block, No., locks, Riwayat, chain head."""
        form = self.read()
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
        self._write(F.SHEET_FORM, (first, F.column_index("status") + 1), block)
        if any(c.no_text is not None for c in result.changes):
            self._write(F.SHEET_FORM, (first, F.column_index("no") + 1), numbers)
        locked = [c.excel_row for c in result.changes if c.locked]
        unlocked = [c.excel_row for c in result.changes if not c.locked]
        self.macro(vba.SUB_LOCK)(F.SHEET_FORM, _row_inputs(locked), _row_inputs(unlocked))
        self._append_history(result)
        sheet, row, col = form.head_cell
        self._write(sheet, (row, col), [[result.head]])

    def _append_history(self, result: ActionResult) -> None:
        rows = self.grid().sheets.get(F.SHEET_HISTORY, [])
        last = len(rows)
        while last > 1 and not any(v not in (None, "") for v in rows[last - 1]):
            last -= 1
        values = [e.cells() for e in result.entries]
        if values:
            self._write(F.SHEET_HISTORY, (last + 1, 1), values)

    def add_rows(self, count: int) -> None:
        """Tambah Baris: the VBA helper inserts rows and moves the signature block."""
        self._unprotect([F.SHEET_FORM])
        self.macro(vba.SUB_ADD_ROWS)(count)


def _row_inputs(rows: list[int]) -> str:
    """``A8:I8;A10:I10``: the input cells of ``rows``, one string for the helper."""
    last_input = F.col_letter(vba.INPUT_COLUMNS)
    return ";".join(f"A{r}:{last_input}{r}" for r in sorted(rows))
