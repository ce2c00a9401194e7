"""Grow the table as Excel's *Insert Rows* does, part by part (``tambah-baris``).

New rows go in right below the body, formatted like its last row and numbered;
everything below them — the signature block, the owner's notes, pictures and
text boxes — moves down with its cells, and every reference to those rows moves
too: merged cells, validation and conditional-format ranges (which grow with
the body), hyperlinks, page breaks, defined names (``RK_DATA`` grows; the print
area follows), drawing anchors, notes and threaded comments. Formulas the
owner typed are not rewritten (the form has none of its own).
"""

from __future__ import annotations

import re

from pyaddin.engine import form as F
from pyaddin.files.package import NS_REL, REL_COMMENTS, REL_VML, Package, q, resolve
from pyaddin.files.sheet_xml import SheetXml

NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_X = "urn:schemas-microsoft-com:office:excel"
REL_DRAWING = NS_REL + "/drawing"
REL_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
_CELL_REF = re.compile(r"(\$?)([A-Z]{1,3})(\$?)(\d+)")


class Shift:
    """Rows from ``at`` down move ``count`` rows; a range ending at ``grow_from - 1``
    inside the body grows instead (validation, formats, the body itself)."""

    def __init__(self, at: int, count: int) -> None:
        self.at = at
        self.count = count

    def row(self, row: int) -> int:
        return row + self.count if row >= self.at else row

    def ref(self, ref: str, grow: bool = False) -> str:
        """``B60`` → ``B70``; ``E8:E57`` → ``E8:E67`` when ``grow`` (it ends right above)."""
        parts = ref.split(":")
        if grow and len(parts) == 2:
            first, last = (_CELL_REF.fullmatch(p) for p in parts)
            if first and last and int(last.group(4)) == self.at - 1:
                return f"{parts[0]}:{_move(last, self.count)}"
        return ":".join(
            _CELL_REF.sub(lambda m: _move(m, self.count if int(m.group(4)) >= self.at else 0), p)
            for p in parts
        )

    def refs(self, text: str, grow: bool = False) -> str:
        """A space-separated list of refs (``sqref``)."""
        return " ".join(self.ref(r, grow) for r in text.split())


def _move(match: re.Match[str], by: int) -> str:
    col_abs, col, row_abs, row = match.groups()
    return f"{col_abs}{col}{row_abs}{int(row) + by}"


def insert_body_rows(
    package: Package, sheet_part: str, sheet: SheetXml, body: F.Area, count: int
) -> F.Area:
    """Insert ``count`` rows below ``body``; returns the new body area."""
    shift = Shift(body.last_row + 1, count)
    _move_rows(sheet, shift)
    _new_rows(sheet, body, count)
    root = sheet.root
    for merge in root.iter(q("mergeCell")):
        merge.set("ref", shift.ref(merge.get("ref", "")))
    for tag in ("dataValidation", "conditionalFormatting"):
        for node in root.iter(q(tag)):
            node.set("sqref", shift.refs(node.get("sqref", ""), grow=True))
    for link in root.iter(q("hyperlink")):
        link.set("ref", shift.ref(link.get("ref", "")))
    for brk in root.iter(q("brk")):
        if brk.getparent().tag == q("rowBreaks"):
            brk.set("id", str(shift.row(int(brk.get("id", "0")) + 1) - 1))
    dimension = root.find(q("dimension"))
    if dimension is not None:
        dimension.set("ref", shift.ref(dimension.get("ref", "A1")))
    grown = F.Area(body.sheet, body.first_row, body.first_col, body.last_row + count, body.last_col)
    _defined_names(package, body, grown, shift)
    _drawings(package, sheet_part, shift)
    _notes(package, sheet_part, shift)
    return grown


def _move_rows(sheet: SheetXml, shift: Shift) -> None:
    for number, row_el in sheet.rows.items():
        if number >= shift.at:
            row_el.set("r", str(number + shift.count))
            for c in row_el.iterchildren(q("c")):
                c.set("r", shift.ref(c.get("r", "")))
    sheet.reindex()


def _new_rows(sheet: SheetXml, body: F.Area, count: int) -> None:
    """Rows formatted like the body's last row, ``No.`` prefilled with the position."""
    template = sheet.rows.get(body.last_row)
    styles = {
        col: sheet.style(body.last_row, col) for col in range(body.first_col, body.last_col + 1)
    }
    for offset in range(1, count + 1):
        number = body.last_row + offset
        row_el = sheet.new_row(number)
        if template is not None:
            for key, value in template.attrib.items():
                if key not in ("r", "spans"):
                    row_el.set(key, value)
        for col, style in styles.items():
            sheet.set_style(number, col, style)
        sheet.set_value(number, body.first_col, number - body.first_row + 1)


def _defined_names(package: Package, body: F.Area, grown: F.Area, shift: Shift) -> None:
    book = package.workbook_part()
    root = package.xml(book)
    sheet_ref = re.compile(
        rf"((?:'{re.escape(body.sheet)}'|{re.escape(body.sheet)})!)([$A-Z0-9:]+)"
    )
    for defined in root.iter(q("definedName")):
        if defined.get("name") == F.NAME_DATA:
            defined.text = grown.absolute
        elif sheet_ref.search(defined.text or ""):  # the print area, the owner's names
            defined.text = sheet_ref.sub(
                lambda m: m.group(1) + shift.ref(m.group(2)), defined.text or ""
            )
    package.touch(book)


def _drawings(package: Package, sheet_part: str, shift: Shift) -> None:
    for rel in package.relationships(sheet_part):
        if rel.get("Type") != REL_DRAWING:
            continue
        part = resolve(sheet_part, rel.get("Target", ""))
        if not package.has(part):
            continue
        root = package.xml(part)
        for row in root.iter(f"{{{NS_XDR}}}row"):  # 0-based, in from/to anchors
            row.text = str(shift.row(int(row.text or 0) + 1) - 1)
        package.touch(part)


def _notes(package: Package, sheet_part: str, shift: Shift) -> None:
    for rel in package.relationships(sheet_part):
        kind, part = rel.get("Type"), resolve(sheet_part, rel.get("Target", ""))
        if not package.has(part):
            continue
        if kind in (REL_COMMENTS, REL_THREADED):
            root = package.xml(part)
            for node in root.iter():
                if isinstance(node.tag, str) and node.get("ref"):
                    node.set("ref", shift.ref(node.get("ref", "")))
            package.touch(part)
        elif kind == REL_VML:
            root = package.xml(part)
            for data in root.iter(f"{{{NS_X}}}ClientData"):
                row = data.find(f"{{{NS_X}}}Row")
                if row is not None:
                    row.text = str(shift.row(int(row.text or 0) + 1) - 1)
                anchor = data.find(f"{{{NS_X}}}Anchor")
                if anchor is not None and anchor.text:
                    values = [v.strip() for v in anchor.text.split(",")]
                    for i in (2, 6):  # top row, bottom row (0-based)
                        values[i] = str(shift.row(int(values[i]) + 1) - 1)
                    anchor.text = ", ".join(values)
            package.touch(part)
