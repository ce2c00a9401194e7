"""One worksheet part edited cell by cell: values, style indexes, appended rows.

Only the cells a write owns are touched; every other element of the sheet
(other cells, merged cells, validation, conditional formats, hyperlinks,
drawings, print setup, extension lists) stays as it was. New text goes in as
inline strings, so the shared-strings part is never rewritten; a date goes in as
its serial number (the column's format shows it as a date).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

from pyaddin.engine import form as F
from pyaddin.engine.print_layout import ROW_PT
from pyaddin.files.package import NS_MAIN, q
from pyaddin.validators.tanggal import to_excel_serial

_REF = re.compile(r"^([A-Z]+)(\d+)$")
# Characters XML 1.0 cannot hold (a note or a name pasted from elsewhere may carry them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Elements that follow sheetData in a worksheet, in schema order.
_AFTER_DATA = (
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)


_LETTERS = [F.col_letter(c) for c in range(0, 64)]  # _LETTERS[3] == "C" (index 0 unused)
_COLUMNS = {letters: col for col, letters in enumerate(_LETTERS) if col}


def _letter(col: int) -> str:
    return _LETTERS[col] if col < len(_LETTERS) else F.col_letter(col)


def _column(ref: str) -> int:
    letters = ref.rstrip("0123456789")
    known = _COLUMNS.get(letters)
    if known is not None:
        return known
    match = _REF.match(ref)
    return F.col_number(match.group(1)) if match else 0


_C, _F, _V, _IS, _T = q("c"), q("f"), q("v"), q("is"), q("t")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _number_text(value: float | dt.date) -> str:
    """A number as a cell holds it (a date as its serial number; 3.0 as 3)."""
    number = to_excel_serial(value) if isinstance(value, dt.date) else value
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return repr(number) if isinstance(number, float) else str(number)


def _put(c: Any, value: Any) -> None:
    """Give an empty ``c`` element ``value``: inline text, a number, a bool, a date
    as its serial number; nothing for None."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        c.set("t", "b")
        etree.SubElement(c, _V).text = "1" if value else "0"
    elif isinstance(value, (int, float, dt.date)):
        etree.SubElement(c, _V).text = _number_text(value)
    else:
        text = _ILLEGAL.sub("", str(value))
        c.set("t", "inlineStr")
        t = etree.SubElement(etree.SubElement(c, _IS), _T)
        t.text = text
        if text != text.strip():
            t.set(_SPACE, "preserve")


def _row_xml(number: int, values: list[Any]) -> str:
    """A row's XML text, cells as :func:`_put` writes them."""
    cells = []
    for col, value in enumerate(values, start=1):
        ref = f"{_letter(col)}{number}"
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, (int, float, dt.date)):
            cells.append(f'<c r="{ref}"><v>{_number_text(value)}</v></c>')
        else:
            text = escape(_ILLEGAL.sub("", str(value)))
            space = ' xml:space="preserve"' if text != text.strip() else ""
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def _widen_spans(row_el: Any, col: int) -> None:
    """Excel's ``spans`` hint (``1:12``) must cover a cell added to the row."""
    spans = row_el.get("spans")
    if not spans or ":" not in spans or " " in spans:
        return
    low, high = spans.split(":", 1)
    if low.isdigit() and high.isdigit() and not int(low) <= col <= int(high):
        row_el.set("spans", f"{min(int(low), col)}:{max(int(high), col)}")


class SheetXml:
    """A worksheet part's XML tree, with the rows of ``sheetData`` indexed."""

    def __init__(self, root: Any) -> None:
        self.root = root
        data = root.find(q("sheetData"))
        if data is None:
            data = etree.SubElement(root, q("sheetData"))
        self.data = data
        self.formula_removed = False
        self.reindex()

    def reindex(self) -> None:
        """Index the rows again (after rows were renumbered)."""
        self.rows: dict[int, Any] = {
            int(r.get("r")): r for r in self.data.iterchildren(q("row")) if r.get("r")
        }
        self._last = max(self.rows, default=0)
        self._cells: dict[int, dict[int, Any]] = {}  # row → column → c, built on first use

    # --- cells ---------------------------------------------------------------------

    def cell(self, row: int, col: int, create: bool = True) -> Any:
        """The ``c`` element at (row, col); created in column order when missing."""
        cells = self._cells.get(row)
        if cells is None:
            row_el = self.rows.get(row)
            if row_el is None and not create:
                return None
            if row_el is None:
                row_el = self.new_row(row)
            cells = {_column(c.get("r", "")): c for c in row_el.iterchildren(_C)}
            self._cells[row] = cells
        c = cells.get(col)
        if c is not None or not create:
            return c
        c = etree.Element(_C, r=f"{_letter(col)}{row}")
        row_el = self.rows[row]
        style = row_el.get("s") if row_el.get("customFormat") == "1" else None
        if style is not None:
            c.set("s", style)
        later = [k for k in cells if k > col]
        if later:
            cells[min(later)].addprevious(c)
        else:
            row_el.append(c)
        cells[col] = c
        _widen_spans(row_el, col)
        return c

    def new_row(self, row: int) -> Any:
        row_el = etree.Element(q("row"), r=str(row))
        if row > self._last:  # below every row: the common case (Riwayat grows)
            self.data.append(row_el)
            self._last = row
        else:
            self.rows[min(r for r in self.rows if r > row)].addprevious(row_el)
        self.rows[row] = row_el
        return row_el

    def has_formula(self, row: int, col: int) -> bool:
        c = self.cell(row, col, create=False)
        return c is not None and c.find(q("f")) is not None

    def set_value(self, row: int, col: int, value: Any) -> None:
        """Write ``value`` (text, number, bool, date, or None to empty) into a cell,
        keeping its style."""
        c = self.cell(row, col)
        for child in list(c):
            if child.tag == _F:
                self.formula_removed = True
            c.remove(child)
        c.attrib.pop("t", None)
        _put(c, value)

    def style(self, row: int, col: int) -> int:
        c = self.cell(row, col, create=False)
        return int(c.get("s", "0")) if c is not None else 0

    def set_style(self, row: int, col: int, style: int) -> None:
        c = self.cell(row, col)
        if style:
            c.set("s", str(style))
        else:
            c.attrib.pop("s", None)

    # --- rows ------------------------------------------------------------------------

    def last_filled_row(self, columns: int) -> int:
        """The last row with a value in its first ``columns`` columns (0: none)."""
        for number in sorted(self.rows, reverse=True):
            for c in self.rows[number].iter(q("c")):
                if _column(c.get("r", "")) <= columns and (
                    c.find(q("v")) is not None or c.find(q("is")) is not None
                ):
                    return number
        return 0

    def append_rows(self, first: int, rows: list[list[Any]]) -> None:
        """Write ``rows`` from sheet row ``first`` down, column A on. Rows below
        every existing row (the usual case: Riwayat grows) are parsed from one
        piece of XML text, much faster than building them element by element."""
        fresh = [(first + i, values) for i, values in enumerate(rows) if first + i > self._last]
        for number, values in [(first + i, v) for i, v in enumerate(rows)][
            : len(rows) - len(fresh)
        ]:
            for col, value in enumerate(values, start=1):
                self.set_value(number, col, value)
        if fresh:
            text = "".join(_row_xml(number, values) for number, values in fresh)
            holder = etree.fromstring(f'<sheetData xmlns="{NS_MAIN}">{text}</sheetData>')
            for row_el in list(holder):
                self.data.append(row_el)
                self.rows[int(row_el.get("r"))] = row_el
            self._last = fresh[-1][0]
        self._stretch_dimension(first + len(rows) - 1, max((len(r) for r in rows), default=1))

    def _stretch_dimension(self, last_row: int, last_col: int) -> None:
        dimension = self.root.find(q("dimension"))
        if dimension is None:
            return
        area = F.parse_area(dimension.get("ref", "A1"))
        if area is None:
            return
        grown = F.Area(
            "",
            area.first_row,
            area.first_col,
            max(area.last_row, last_row),
            max(area.last_col, last_col),
        )
        dimension.set("ref", grown.ref)

    def set_row_height(self, row: int, points: float) -> None:
        """Store the height a row's text needs (a one-line row goes back to the
        default); a height the person set (``customHeight``) is theirs and stays."""
        row_el = self.rows.get(row)
        if row_el is None:
            if points <= ROW_PT:
                return
            row_el = self.new_row(row)
        if row_el.get("customHeight") in ("1", "true"):
            return
        if points <= ROW_PT:
            row_el.attrib.pop("ht", None)
        else:
            row_el.set("ht", f"{points:g}")

    def set_break_above(self, row: int, wanted: bool, owned: range) -> None:
        """A manual page break right above ``row`` (or none), replacing the breaks
        above the rows in ``owned``; other breaks stay."""
        breaks = self.child("rowBreaks")
        mine = (
            [b for b in breaks if int(b.get("id", "0")) + 1 in owned] if breaks is not None else []
        )
        if [int(b.get("id", "0")) + 1 for b in mine] == ([row] if wanted else []):
            return  # already as wanted: the part stays as it was
        if breaks is None:
            breaks = etree.Element(q("rowBreaks"))
            self.insert_child(breaks)
        for brk in mine:
            breaks.remove(brk)
        if wanted:
            etree.SubElement(breaks, q("brk"), id=str(row - 1), max="16383", man="1")
        if len(breaks):
            breaks.set("count", str(len(breaks)))
            breaks.set("manualBreakCount", str(sum(b.get("man") in ("1", "true") for b in breaks)))
        else:
            self.root.remove(breaks)

    def paper(self) -> int:
        """The sheet's paper code (9 = A4 when unset)."""
        setup = self.child("pageSetup")
        value = setup.get("paperSize", "9") if setup is not None else "9"
        return int(value) if value.isdigit() else 9

    # --- other elements ------------------------------------------------------------------

    def child(self, tag: str) -> Any:
        return self.root.find(q(tag))

    def insert_child(self, element: Any) -> None:
        """Put ``element`` (a child of ``worksheet``) where the schema orders it."""
        name = etree.QName(element).localname
        later = _AFTER_DATA[_AFTER_DATA.index(name) + 1 :]
        for node in self.root:
            if isinstance(node.tag, str) and etree.QName(node).localname in later:
                node.addprevious(element)
                return
        self.root.append(element)
