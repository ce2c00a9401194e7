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

from lxml import etree

from pyaddin.engine import form as F
from pyaddin.files.package import q
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


def _column(ref: str) -> int:
    match = _REF.match(ref)
    return F.col_number(match.group(1)) if match else 0


class SheetXml:
    """A worksheet part's XML tree, with the rows of ``sheetData`` indexed."""

    def __init__(self, root: Any) -> None:
        self.root = root
        data = root.find(q("sheetData"))
        if data is None:
            data = etree.SubElement(root, q("sheetData"))
        self.data = data
        self.rows: dict[int, Any] = {int(r.get("r")): r for r in data.iter(q("row")) if r.get("r")}
        self._last = max(self.rows, default=0)
        self.formula_removed = False

    # --- cells ---------------------------------------------------------------------

    def cell(self, row: int, col: int, create: bool = True) -> Any:
        """The ``c`` element at (row, col); created in order when missing."""
        ref = f"{F.col_letter(col)}{row}"
        row_el = self.rows.get(row)
        if row_el is None:
            if not create:
                return None
            row_el = self._new_row(row)
        before = None
        for c in row_el.iter(q("c")):
            at = _column(c.get("r", ""))
            if at == col:
                return c
            if at > col:
                before = c
                break
        if not create:
            return None
        c = etree.Element(q("c"), r=ref)
        style = row_el.get("s") if row_el.get("customFormat") == "1" else None
        if style is not None:
            c.set("s", style)
        if before is None:
            row_el.append(c)
        else:
            before.addprevious(c)
        return c

    def _new_row(self, row: int) -> Any:
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
            if child.tag == q("f"):
                self.formula_removed = True
            c.remove(child)
        c.attrib.pop("t", None)
        if value is None or value == "":
            return
        if isinstance(value, bool):
            c.set("t", "b")
            etree.SubElement(c, q("v")).text = "1" if value else "0"
        elif isinstance(value, (int, float, dt.date)):
            number = to_excel_serial(value) if isinstance(value, dt.date) else value
            if isinstance(number, float) and number.is_integer():
                number = int(number)
            etree.SubElement(c, q("v")).text = (
                repr(number) if isinstance(number, float) else str(number)
            )
        else:
            text = _ILLEGAL.sub("", str(value))
            c.set("t", "inlineStr")
            t = etree.SubElement(etree.SubElement(c, q("is")), q("t"))
            t.text = text
            if text != text.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

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
        """Write ``rows`` from sheet row ``first`` down, column A on."""
        for offset, values in enumerate(rows):
            for col, value in enumerate(values, start=1):
                self.set_value(first + offset, col, value)
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
