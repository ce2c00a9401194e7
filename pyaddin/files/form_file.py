"""The file adapter: one form file opened for one user action.

:class:`FileForm` implements :class:`pyaddin.adapter.FormAdapter` for a file
on disk. It takes the write lock on entry (refusing a file open in Excel or
busy with another run), reads with python-calamine (fast, and nothing more is
loaded when the engine refuses the action), loads the workbook into openpyxl
only when something is to be written (``keep_vba``: the VBA project and the
ribbon part survive), and saves atomically on :meth:`commit`. Leaving the block
without a commit leaves the file byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyaddin.engine import form as F
from pyaddin.engine.errors import FileError
from pyaddin.engine.marks import ERROR, Marks
from pyaddin.engine.model import FormData, HistoryEntry
from pyaddin.files.atomic import WriteLock, write_atomic
from pyaddin.files.reader import check_workbook_file, read_grid

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from pyaddin.engine.review import ActionResult, RowChange


def _col(key: str) -> int:
    return F.column_index(key) + 1


MARK_COLOURS = (F.COLOR_ERROR, F.COLOR_WARNING)
_MACRO_PARTS = ("xl/vbaProject.bin", "customUI/")


class FileForm:
    """A form file for one action: ``with FileForm(path) as form: …; form.commit()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = WriteLock(self.path)
        self._form: FormData | None = None
        self._book: Workbook | None = None

    def __enter__(self) -> FileForm:
        check_workbook_file(self.path, deep=False)  # openpyxl checks each CRC as it reads
        self._lock.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._book = None
        self._lock.__exit__()

    # --- reading -------------------------------------------------------------

    def read(self) -> FormData:
        """The form as the engine sees it (calamine, once)."""
        if self._form is None:
            from pyaddin.engine.snapshot import read_form

            self._form = read_form(read_grid(self.path, F.SHEETS))
        return self._form

    @property
    def book(self) -> Workbook:
        """The openpyxl workbook, loaded on the first write."""
        if self._book is None:
            from openpyxl import load_workbook

            keep_vba = self.path.suffix.lower() in (".xlsm", ".xltm")
            try:
                self._book = load_workbook(self.path, keep_vba=keep_vba, rich_text=False)
            except Exception as exc:
                raise FileError("file.corrupt", file=self.path, detail=str(exc)[:200]) from exc
        return self._book

    # --- writing -------------------------------------------------------------

    def apply_marks(self, marks: Marks) -> None:
        """Clear the product's old marks in the body, then set the new ones."""
        from openpyxl.comments import Comment

        from pyaddin.files import styles as S

        ws = self.book[F.SHEET_FORM]
        first, last = marks.body_rows
        for row in range(first, last + 1):
            for key in F.BUSINESS_KEYS:
                cell = ws.cell(row, _col(key))
                if is_mark_fill(cell):
                    cell.fill = S.NO_FILL
                if cell.comment is not None and cell.comment.author == F.NOTE_AUTHOR:
                    cell.comment = None
        for (row, key), (kind, message) in marks.cells.items():
            cell = ws.cell(row, _col(key))
            cell.fill = S.ERROR_FILL if kind == ERROR else S.WARNING_FILL
            cell.comment = Comment(message, F.NOTE_AUTHOR, width=320, height=110)
        for (row, key), value in marks.values.items():
            cell = ws.cell(row, _col(key))
            if cell.value != value:
                cell.value = value
        for row, text in marks.statuses.items():
            ws.cell(row, _col("status")).value = text or None

    def apply_action(self, result: ActionResult) -> None:
        """Status, Catatan, ID Baris, No. and locks of the acted rows; Riwayat; head."""
        self._apply_changes(result.changes)
        self._append_history(result.entries)
        sheet, row, col = self.read().head_cell
        self.book[sheet].cell(row, col).value = result.head

    def add_rows(self, count: int) -> None:
        """Grow the body by ``count`` rows (the signature block moves down)."""
        from pyaddin.files.template import grow_body

        grow_body(self.book, count)

    def write_values(self, values: dict[tuple[int, str], Any]) -> None:
        """Type values into the body by (Excel row, column key), as a person would."""
        ws = self.book[F.SHEET_FORM]
        for (row, key), value in values.items():
            ws.cell(row, _col(key)).value = value

    def replace_macros(self, template: Path) -> None:
        """Take the VBA project and the ribbon of ``template`` (same VBA for every
        form), and its template version; the sheets and what was typed stay."""
        import io
        import zipfile

        original = self.book.vba_archive
        if original is None:
            raise FileError("file.no_macros", file=self.path)
        with zipfile.ZipFile(template) as source:
            fresh = {n: source.read(n) for n in source.namelist() if n.startswith(_MACRO_PARTS)}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as merged:
            for info in original.infolist():
                if not info.filename.startswith(_MACRO_PARTS):
                    merged.writestr(info, original.read(info.filename))
            for name, data in fresh.items():
                merged.writestr(name, data)
        self.book.vba_archive = zipfile.ZipFile(buffer)
        area = F.parse_area(self.book.defined_names[F.NAME_VERSION].attr_text)
        if area is not None:
            self.book[area.sheet].cell(area.first_row, area.first_col).value = F.TEMPLATE_VERSION

    def commit(self) -> None:
        """Save atomically over the original (nothing to do when nothing was applied)."""
        if self._book is not None:
            write_atomic(self.path, self._book.save)

    def _apply_changes(self, changes: Iterable[RowChange]) -> None:
        ws = self.book[F.SHEET_FORM]
        ids = {True: self._protection_id(True), False: self._protection_id(False)}
        for change in changes:
            ws.cell(change.excel_row, _col("status")).value = change.status_text
            ws.cell(change.excel_row, _col("catatan")).value = change.catatan or None
            ws.cell(change.excel_row, _col("id")).value = change.row_id
            if change.no_text is not None:
                ws.cell(change.excel_row, _col("no")).value = change.no_text
            _set_row_locked(ws, change.excel_row, ids[change.locked])

    def _protection_id(self, locked: bool) -> int:
        """Index of a Protection in the style table (looked up once per action:
        assigning ``cell.protection`` hashes the object for every cell)."""
        from pyaddin.files import styles as S

        table: Any = getattr(self.book, "_protections")  # noqa: B009 (openpyxl private)
        return int(table.add(S.LOCKED if locked else S.UNLOCKED))

    def _append_history(self, entries: Iterable[HistoryEntry]) -> None:
        ws = self.book[F.SHEET_HISTORY]
        last = ws.max_row  # computed by scanning every cell: once, not per entry
        row = last
        width = len(F.HISTORY_COLUMNS)
        while row > 1 and all(ws.cell(row, c).value in (None, "") for c in range(1, width + 1)):
            row -= 1
        for entry in entries:
            row += 1
            if row > last:
                ws.append(entry.cells())  # below every used row: the fast path
            else:
                for col, value in enumerate(entry.cells(), start=1):
                    ws.cell(row, col, value)


def is_mark_fill(cell: Any) -> bool:
    """Whether a cell's fill is one the product's marks set (error or warning)."""
    fill = cell.fill
    if fill is None or fill.fill_type != "solid":
        return False
    rgb = getattr(fill.fgColor, "rgb", None)
    return isinstance(rgb, str) and rgb.upper().endswith(MARK_COLOURS)


def _set_row_locked(ws: Worksheet, row: int, protection_id: int) -> None:
    """Lock (approved) or unlock (editable) the input cells of one body row."""
    from pyaddin.files import styles as S

    for column in F.COLUMNS:
        if column.input:
            cell: Any = ws.cell(row, _col(column.key))
            if cell._style is None:
                cell.protection = S.LOCKED
            cell._style.protectionId = protection_id
