"""The notes (legacy comments) of one sheet: the comments part and its VML drawing.

*Validasi* owns the notes whose author is the product (``Realisasi Kegiatan``):
it removes those in the marked area and adds its own, each at the size the
message needs. A note anyone else wrote — its text, size, position, whether it
is shown — and every other shape of the VML drawing stay as they were.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from pyaddin.engine import form as F
from pyaddin.files.package import (
    NS_MAIN,
    NS_REL,
    REL_COMMENTS,
    REL_VML,
    TYPE_COMMENTS,
    TYPE_VML,
    Package,
    q,
)
from pyaddin.files.sheet_xml import SheetXml

NS_V = "urn:schemas-microsoft-com:vml"
NS_O = "urn:schemas-microsoft-com:office:office"
NS_X = "urn:schemas-microsoft-com:office:excel"
NOTE_WIDTH_PT = 240  # 320 px: a message of a few lines shows whole
NOTE_HEIGHT_PT = 82.5  # 110 px

_EMPTY_VML = f"""<xml xmlns:v="{NS_V}" xmlns:o="{NS_O}" xmlns:x="{NS_X}">
<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>
<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">
<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>
</xml>""".encode()

_NOTE_SHAPE = (
    f'<v:shape xmlns:v="{NS_V}" xmlns:o="{NS_O}" xmlns:x="{NS_X}" type="#_x0000_t202" '
    'style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;'
    f'width:{NOTE_WIDTH_PT}pt;height:{NOTE_HEIGHT_PT}pt;z-index:1;visibility:hidden" '
    'fillcolor="#ffffe1" o:insetmode="auto">'
    '<v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/>'
    '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
    '<div style="text-align:left"/></v:textbox>'
    '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
    "<x:Anchor>0</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>0</x:Column>"
    "</x:ClientData>"
    "</v:shape>"
)
_SHAPE_NUMBER = re.compile(r"_x0000_s(\d+)$")


class Notes:
    """The notes of the sheet in part ``sheet_part`` (read and edited in ``package``)."""

    def __init__(self, package: Package, sheet_part: str, sheet: SheetXml) -> None:
        self.package = package
        self.sheet_part = sheet_part
        self.sheet = sheet
        found = package.target(sheet_part, REL_COMMENTS)
        self.comments_part = found[1] if found and package.has(found[1]) else None
        drawing = sheet.child("legacyDrawing")
        rel_id = drawing.get(q("id", NS_REL)) if drawing is not None else None
        vml = None
        for rel in package.relationships(sheet_part):
            if rel.get("Id") == rel_id and rel.get("Type") == REL_VML:
                from pyaddin.files.package import resolve

                vml = resolve(sheet_part, rel.get("Target", ""))
        self.vml_part = vml if vml and package.has(vml) else None
        self._broken_vml_rel = rel_id if rel_id and self.vml_part is None else None

    # --- removing ------------------------------------------------------------------

    def remove_ours(self, area: F.Area, author: str) -> None:
        """Delete the notes by ``author`` whose cell lies in ``area``."""
        if self.comments_part is None:
            return
        root = self.package.xml(self.comments_part)
        authors = [a.text or "" for a in root.iter(q("author"))]
        gone: set[tuple[int, int]] = set()
        for comment in list(root.iter(q("comment"))):
            index = int(comment.get("authorId", "-1"))
            target = F.parse_area(comment.get("ref", ""))
            if (
                0 <= index < len(authors)
                and authors[index] == author
                and target is not None
                and area.first_row <= target.first_row <= area.last_row
                and area.first_col <= target.first_col <= area.last_col
            ):
                comment.getparent().remove(comment)
                gone.add((target.first_row, target.first_col))
        if not gone:
            return
        self.package.touch(self.comments_part)
        if self.vml_part is not None:
            vml = self.package.xml(self.vml_part)
            for shape in list(vml.iter(f"{{{NS_V}}}shape")):
                if _note_cell(shape) in gone:
                    shape.getparent().remove(shape)
            self.package.touch(self.vml_part)

    # --- adding ----------------------------------------------------------------------

    def add(self, notes: list[tuple[int, int, str]], author: str) -> None:
        """Add a note by ``author`` to each (row, col, text), replacing a note there."""
        if not notes:
            return
        root = self._comments()
        authors = root.find(q("authors"))
        names = [a.text or "" for a in authors]
        if author not in names:
            etree.SubElement(authors, q("author")).text = author
            names.append(author)
        author_id = str(names.index(author))
        comment_list = root.find(q("commentList"))
        wanted = {(r, c) for r, c, _ in notes}
        for comment in list(comment_list):
            target = F.parse_area(comment.get("ref", ""))
            if target is not None and (target.first_row, target.first_col) in wanted:
                comment_list.remove(comment)
        vml = self._vml()
        for shape in list(vml.iter(f"{{{NS_V}}}shape")):
            if _note_cell(shape) in wanted:
                shape.getparent().remove(shape)
        number = max(
            (int(m.group(1)) for s in vml.iter(f"{{{NS_V}}}shape") if (m := _shape_id(s))),
            default=1024,
        )
        for row, col, text in sorted(notes):
            comment = etree.SubElement(
                comment_list, q("comment"), ref=f"{F.col_letter(col)}{row}", authorId=author_id
            )
            etree.SubElement(etree.SubElement(comment, q("text")), q("t")).text = text
            number += 1
            vml.append(_shape(number, row, col))
        self.package.touch(self.comments_part or "")
        self.package.touch(self.vml_part or "")

    def _comments(self) -> Any:
        if self.comments_part is None:
            name = self.package.free_name("xl/comments{}.xml")
            root = etree.Element(q("comments"), nsmap={None: NS_MAIN})
            etree.SubElement(root, q("authors"))
            etree.SubElement(root, q("commentList"))
            self.package.put(name, root, TYPE_COMMENTS)
            self.package.add_relationship(self.sheet_part, REL_COMMENTS, name)
            self.comments_part = name
        return self.package.xml(self.comments_part)

    def _vml(self) -> Any:
        if self.vml_part is None:
            name = self.package.free_name("xl/drawings/vmlDrawing{}.vml")
            self.package.put(name, _EMPTY_VML, TYPE_VML)
            if self._broken_vml_rel is not None:  # a reference to a part that is gone
                self.package.remove_relationship(self.sheet_part, self._broken_vml_rel)
                old = self.sheet.child("legacyDrawing")
                old.getparent().remove(old)
            rel_id = self.package.add_relationship(self.sheet_part, REL_VML, name)
            drawing = etree.Element(q("legacyDrawing"), nsmap={"r": NS_REL})
            drawing.set(q("id", NS_REL), rel_id)
            self.sheet.insert_child(drawing)
            self.vml_part = name
        return self.package.xml(self.vml_part)


def _shape(number: int, row: int, col: int) -> Any:
    shape = etree.fromstring(_NOTE_SHAPE)
    shape.set("id", f"_x0000_s{number}")
    data = shape.find(f"{{{NS_X}}}ClientData")
    data.find(f"{{{NS_X}}}Row").text = str(row - 1)
    data.find(f"{{{NS_X}}}Column").text = str(col - 1)
    # Where the box stands when shown: right of the cell, four columns wide, six rows high.
    top = max(row - 2, 0)
    data.find(f"{{{NS_X}}}Anchor").text = f"{col}, 15, {top}, 10, {col + 4}, 15, {top + 6}, 4"
    return shape


def _shape_id(shape: Any) -> re.Match[str] | None:
    return _SHAPE_NUMBER.search(shape.get("id", "") or "")


def _note_cell(shape: Any) -> tuple[int, int] | None:
    """(row, col), 1-based, of the cell a VML note shape belongs to."""
    data = shape.find(f"{{{NS_X}}}ClientData")
    if data is None or data.get("ObjectType") != "Note":
        return None
    row, col = data.find(f"{{{NS_X}}}Row"), data.find(f"{{{NS_X}}}Column")
    if row is None or col is None:
        return None
    return int(row.text or 0) + 1, int(col.text or 0) + 1
