"""openpyxl styles shared by the template builder and the file writer."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

from pyaddin.engine import form as F

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor=F.COLOR_HEADER)
ERROR_FILL = PatternFill("solid", fgColor=F.COLOR_ERROR)
WARNING_FILL = PatternFill("solid", fgColor=F.COLOR_WARNING)
NO_FILL = PatternFill(fill_type=None)
BOLD = Font(name="Arial", size=10, bold=True)
NORMAL = Font(name="Arial", size=10)
TITLE = Font(name="Arial", size=14, bold=True)
SIGNER = Font(name="Arial", size=10, bold=True, underline="single")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
# Dates read one way whether typed as text or as a date value.
WRAP_TOP_LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")
TOP = Alignment(vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)
WRAPPED_KEYS = frozenset({"judul", "catatan", "tanggal", "status", "kode"})


def style_body_cell(cell: object, key: str, locked: bool = False) -> None:
    """Give a body cell the form's look: border, format, wrap, protection."""
    column = F.COLUMNS[F.column_index(key)]
    cell.border = BORDER  # type: ignore[attr-defined]
    cell.font = NORMAL  # type: ignore[attr-defined]
    cell.number_format = column.number_format  # type: ignore[attr-defined]
    alignment = WRAP_TOP_LEFT if key == "tanggal" else WRAP_TOP if key in WRAPPED_KEYS else TOP
    cell.alignment = alignment  # type: ignore[attr-defined]
    cell.protection = (  # type: ignore[attr-defined]
        UNLOCKED if column.input and not locked else LOCKED
    )
