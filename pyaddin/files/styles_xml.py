"""The workbook's cell formats (``xl/styles.xml``), for the two things a write
changes about a cell's look: its lock (approved rows) and a mark's fill.

A cell keeps its own format; a write switches it to the variant of that format
that differs only in the lock or the fill, reusing an existing one when the
workbook has it and appending it otherwise. No existing format is changed, so
every other cell that shares it looks as before.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

from pyaddin.engine import form as F
from pyaddin.files.package import q

MARK_COLOURS = (F.COLOR_ERROR, F.COLOR_WARNING)
KEEP: Any = object()  # "leave the fill as it is"


class StylesXml:
    """``xl/styles.xml``: cell formats (``cellXfs``) and fills."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.xfs = root.find(q("cellXfs"))
        if self.xfs is None:
            self.xfs = etree.SubElement(root, q("cellXfs"))
        self.fills = root.find(q("fills"))
        self._known = {self._key(xf): i for i, xf in enumerate(self.xfs)}
        self._variants: dict[tuple[int, Any, Any], int] = {}
        self.changed = False

    @staticmethod
    def _key(xf: Any) -> bytes:
        return bytes(etree.tostring(xf, method="c14n"))

    def _xf(self, index: int) -> Any:
        return self.xfs[index] if 0 <= index < len(self.xfs) else self.xfs[0]

    # --- reading ---------------------------------------------------------------------

    def fill_rgb(self, index: int) -> str | None:
        """The solid fill colour (``RRGGBB``) of format ``index``, if it has one."""
        fill_id = int(self._xf(index).get("fillId", "0"))
        if self.fills is None or not 0 <= fill_id < len(self.fills):
            return None
        pattern = self.fills[fill_id].find(q("patternFill"))
        if pattern is None or pattern.get("patternType") != "solid":
            return None
        colour = pattern.find(q("fgColor"))
        rgb = colour.get("rgb") if colour is not None else None
        return rgb[-6:].upper() if rgb else None

    def is_mark(self, index: int) -> bool:
        """Whether format ``index`` carries a mark's fill (error or warning colour)."""
        return self.fill_rgb(index) in MARK_COLOURS

    # --- variants ----------------------------------------------------------------------

    def variant(self, index: int, locked: bool | None = None, fill: Any = KEEP) -> int:
        """Format ``index`` with the lock set (``locked`` not None) and the fill
        replaced (``fill``: an ``RRGGBB`` colour, or None for no fill)."""
        key = (index, locked, fill)
        if key not in self._variants:
            xf = copy.deepcopy(self._xf(index))
            if locked is not None:
                self._set_lock(xf, locked)
            if fill is not KEEP:
                xf.set("fillId", str(self._fill_id(fill)))
                xf.set("applyFill", "1")
            self._variants[key] = self._index_of(xf)
        return self._variants[key]

    @staticmethod
    def _set_lock(xf: Any, locked: bool) -> None:
        protection = xf.find(q("protection"))
        if protection is None:
            protection = etree.SubElement(xf, q("protection"))
        if locked:
            protection.attrib.pop("locked", None)  # Excel's default: locked
        else:
            protection.set("locked", "0")
        if not protection.attrib:
            xf.remove(protection)
        xf.set("applyProtection", "1")

    def repair_general(self) -> None:
        """LibreOffice in the id-ID locale saves the General format as ``ge\\ner"al"``,
        which Excel reads as text to show (``No.`` then prints ``###``): the form's
        formats go back to General."""
        formats = self.root.find(q("numFmts"))
        for node in formats if formats is not None else []:
            code = node.get("formatCode", "")
            plain = code.replace("\\", "").replace('"', "").casefold()
            if plain == "general" and code != "General":
                node.set("formatCode", "General")
                self.changed = True

    def _index_of(self, xf: Any) -> int:
        key = self._key(xf)
        if key not in self._known:
            self.xfs.append(xf)
            self.xfs.set("count", str(len(self.xfs)))
            self._known[key] = len(self.xfs) - 1
            self.changed = True
        return self._known[key]

    def _fill_id(self, rgb: str | None) -> int:
        if rgb is None:
            return 0
        if self.fills is None:
            self.fills = etree.Element(q("fills"))
            self.root.insert(1, self.fills)
        for i, fill in enumerate(self.fills):
            pattern = fill.find(q("patternFill"))
            colour = pattern.find(q("fgColor")) if pattern is not None else None
            if (
                pattern is not None
                and pattern.get("patternType") == "solid"
                and colour is not None
                and (colour.get("rgb") or "").upper().endswith(rgb.upper())
            ):
                return i
        fill = etree.SubElement(self.fills, q("fill"))
        pattern = etree.SubElement(fill, q("patternFill"), patternType="solid")
        etree.SubElement(pattern, q("fgColor"), rgb="FF" + rgb.upper())
        etree.SubElement(pattern, q("bgColor"), indexed="64")
        self.fills.set("count", str(len(self.fills)))
        self.changed = True
        return len(self.fills) - 1
