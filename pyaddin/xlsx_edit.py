"""Apply the engine's results to a workbook loaded by openpyxl.

Validation marks (fills, notes, Status), workflow changes (Status, Catatan,
ID Baris, locks), Riwayat entries and the chain head. The engine decides; this
module only writes cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from openpyxl.comments import Comment

from pyaddin import _styles as S
from pyaddin import form as F
from pyaddin.marks import ERROR, Marks
from pyaddin.model import HistoryEntry

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from pyaddin.review import RowChange


def _col(key: str) -> int:
    return F.column_index(key) + 1


def apply_marks(book: Workbook, marks: Marks) -> None:
    """Clear old marks in the body, then highlight and annotate every marked cell."""
    ws = book[F.SHEET_FORM]
    first, last = marks.body_rows
    for row in range(first, last + 1):
        for key in F.BUSINESS_KEYS:
            cell = ws.cell(row, _col(key))
            if cell.fill is not None and cell.fill.fill_type is not None:
                cell.fill = S.NO_FILL
            if cell.comment is not None and cell.comment.author == F.NOTE_AUTHOR:
                cell.comment = None
    for (row, key), (kind, message) in marks.cells.items():
        cell = ws.cell(row, _col(key))
        cell.fill = S.ERROR_FILL if kind == ERROR else S.WARNING_FILL
        note = Comment(message, F.NOTE_AUTHOR, width=320, height=110)
        cell.comment = note
    for (row, key), value in marks.values.items():
        cell = ws.cell(row, _col(key))
        if cell.value != value:
            cell.value = value
    for row, text in marks.statuses.items():
        ws.cell(row, _col("status")).value = text or None


def apply_changes(book: Workbook, changes: Iterable[RowChange]) -> None:
    """Write Status, Catatan and ID Baris of changed rows and set their lock."""
    ws = book[F.SHEET_FORM]
    ids = {True: _protection_id(book, True), False: _protection_id(book, False)}
    for change in changes:
        ws.cell(change.excel_row, _col("status")).value = change.status_text
        ws.cell(change.excel_row, _col("catatan")).value = change.catatan or None
        ws.cell(change.excel_row, _col("id")).value = change.row_id
        if change.no_text is not None:
            ws.cell(change.excel_row, _col("no")).value = change.no_text
        set_row_locked(ws, change.excel_row, ids[change.locked])


def _protection_id(book: Workbook, locked: bool) -> int:
    """Index of a Protection in the workbook's style table (looked up once per
    action: assigning ``cell.protection`` hashes the object for every cell)."""
    table: Any = getattr(book, "_protections")  # noqa: B009 (openpyxl private style table)
    return int(table.add(S.LOCKED if locked else S.UNLOCKED))


def set_row_locked(ws: Worksheet, row: int, protection_id: int) -> None:
    """Lock (approved) or unlock (editable) the input cells of one body row."""
    for column in F.COLUMNS:
        if column.input:
            cell: Any = ws.cell(row, _col(column.key))
            if cell._style is None:
                cell.protection = S.LOCKED
            cell._style.protectionId = protection_id


def append_history(book: Workbook, entries: Iterable[HistoryEntry], head: str) -> None:
    """Append entries below the last used row of Riwayat and record the chain head."""
    ws = book[F.SHEET_HISTORY]
    last = ws.max_row  # computed by scanning every cell: once, not per entry
    row = last
    while row > 1 and all(ws.cell(row, c).value in (None, "") for c in range(1, 12)):
        row -= 1
    for entry in entries:
        row += 1
        if row > last:
            ws.append(entry.cells())  # below every used row: the fast path
        else:
            for col, value in enumerate(entry.cells(), start=1):
                ws.cell(row, col, value)
    settings = book[F.SHEET_SETTINGS]
    settings.cell(F.setting_row(F.SETTING_HEAD), 2, head)


def write_values(book: Workbook, values: dict[tuple[int, str], Any]) -> None:
    """Type values into the form's body, by (Excel row, column key)."""
    ws = book[F.SHEET_FORM]
    for (row, key), value in values.items():
        ws.cell(row, _col(key)).value = value
