"""How the printed form lays out: row heights for wrapped text, and whether the
signature block needs a page of its own.

Spreadsheet programs do not all fit a row to its text when they open a file
(Excel keeps the stored height, LibreOffice recomputes only some), so a write
stores a height that shows every line of the row's longest wrapped text. A
row's lines are counted by greedy word wrap at the column's width in
characters. The page estimate follows Excel's fit-to-width scaling and errs
towards a page break before the signature block, never towards splitting it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from pyaddin.engine import form as F

LINE_PT = 12.75  # one line of Arial 10
ROW_PT = 15.0  # an unwrapped row
CHARS_PER_WIDTH = 1.15  # characters of Arial 10 per unit of column width
PT_PER_WIDTH = 5.6  # points per unit of column width (Excel, default font)
PAGE_PT = {9: (841.9, 595.3), 14: (936.0, 612.0)}  # A4, F4 (Folio): landscape width, height
MARGINS_PT = (0.4 * 72 * 2, 0.5 * 72 * 2 + 30)  # left+right; top+bottom and the footer
WRAPPED = ("kode", "judul", "tanggal", "status", "catatan")


def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapped cell ``width`` units wide (greedy word wrap;
    a word longer than a line breaks inside it)."""
    per_line = max(int(width * CHARS_PER_WIDTH), 1)
    if len(text) <= per_line:  # most cells: the whole text fits on one line
        return 1
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        if used and used + 1 + size <= per_line:
            used += 1 + size
            continue
        if used:  # the word starts a new line
            lines += 1
        extra, used = divmod(size, per_line)  # a word longer than a line breaks inside it
        if used == 0:
            extra, used = extra - 1, per_line
        lines += extra
    return lines


def text_height(cells: Iterable[tuple[Any, float]]) -> float:
    """The height (points) that shows every line of the longest wrapped cell."""
    lines = 1
    for text, width in cells:  # a loop, not max(): reports ask this of every row
        if text is None or text == "":
            continue
        text = text if isinstance(text, str) else str(text)
        if len(text) > int(width * CHARS_PER_WIDTH):  # else one line (wrapped_lines' own test)
            lines = max(lines, wrapped_lines(text, width))
    return ROW_PT if lines <= 1 else math.ceil(LINE_PT * lines + 3)


def body_row_height(values: Mapping[str, Any]) -> float:
    """The height of a body row holding ``values`` (by column key)."""
    return text_height((values.get(key), F.COLUMNS[F.column_index(key)].width) for key in WRAPPED)


def signature_needs_break(body_heights: list[float], paper: int = 9) -> bool:
    """Whether the form, printed fit to width, runs past one page: then a page break
    goes right above the signature block so that it is never split."""
    width_units = sum(c.width for c in F.COLUMNS[: F.column_index(F.PRINT_LAST_KEY) + 1])
    page_w, page_h = PAGE_PT.get(paper, PAGE_PT[9])
    scale = min(1.0, (page_w - MARGINS_PT[0]) / (width_units * PT_PER_WIDTH))
    header = ROW_PT * (F.ROW_BODY - 1) + 8
    tail = ROW_PT * (F.SIGNATURE_GAP + F.SIGNATURE_HEIGHT)
    return (header + sum(body_heights) + tail) * scale > page_h - MARGINS_PT[1]
