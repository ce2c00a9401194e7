"""An Office Open XML package (the zip inside an ``.xlsx``/``.xlsm``) edited in place.

A write opens the package, edits the few parts that hold what it changes, and
saves a new package in which every other part is copied unchanged, in the
original order, with its original name, date and compression. Parts are XML
trees parsed with lxml, which keeps every namespace declaration and every
element it is not asked to change (``mc:Ignorable`` prefixes, extension lists,
what a newer Excel added).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from pyaddin.engine.errors import FileError

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_WORKSHEET = NS_REL + "/worksheet"
REL_STYLES = NS_REL + "/styles"
REL_COMMENTS = NS_REL + "/comments"
REL_VML = NS_REL + "/vmlDrawing"
REL_CALC_CHAIN = NS_REL + "/calcChain"
TYPE_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
TYPE_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"

_PARSER = etree.XMLParser(remove_blank_text=False, huge_tree=True, resolve_entities=False)


def q(tag: str, ns: str = NS_MAIN) -> str:
    """A qualified tag name: ``q("row")`` → ``{…/main}row``."""
    return f"{{{ns}}}{tag}"


def rels_name(part: str) -> str:
    """The relationships part of ``part``: ``xl/workbook.xml`` → ``xl/_rels/workbook.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source: str, target: str) -> str:
    """A relationship's target as a part name (targets are relative to the source's folder)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


class Package:
    """The parts of one workbook file; :meth:`save` writes the edited package."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with zipfile.ZipFile(path) as archive:
                self._infos = archive.infolist()
                self._data = {i.filename: archive.read(i.filename) for i in self._infos}
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise FileError("file.corrupt", file=path, detail=str(exc)) from exc
        self._trees: dict[str, Any] = {}
        self._dirty: set[str] = set()
        self._added: list[str] = []
        self._removed: set[str] = set()

    # --- parts -----------------------------------------------------------------

    def has(self, name: str) -> bool:
        return (name in self._data or name in self._trees) and name not in self._removed

    def xml(self, name: str) -> Any:
        """The parsed XML of part ``name`` (parsed once; edits mark it dirty via :meth:`touch`)."""
        if name not in self._trees:
            try:
                self._trees[name] = etree.fromstring(self._data[name], _PARSER)
            except KeyError as exc:
                raise FileError("file.corrupt", file=self.path, detail=name) from exc
            except etree.XMLSyntaxError as exc:
                raise FileError("file.corrupt", file=self.path, detail=f"{name}: {exc}") from exc
        return self._trees[name]

    def touch(self, name: str) -> None:
        """Say that part ``name`` (parsed with :meth:`xml`) was edited."""
        self._dirty.add(name)

    def put(self, name: str, data: bytes | Any, content_type: str | None = None) -> None:
        """Add or replace part ``name`` (bytes, or an XML tree)."""
        self._removed.discard(name)
        if isinstance(data, bytes):
            self._trees.pop(name, None)
            self._data[name] = data
        else:
            self._trees[name] = data
        self._dirty.add(name)
        if name not in {i.filename for i in self._infos} and name not in self._added:
            self._added.append(name)
        if content_type is not None:
            self.set_content_type(name, content_type)

    def remove(self, name: str) -> None:
        """Drop part ``name`` (and its override in the content types)."""
        self._removed.add(name)
        types = self.xml("[Content_Types].xml")
        for node in types.findall(q("Override", NS_TYPES)):
            if node.get("PartName") == "/" + name:
                types.remove(node)
                self.touch("[Content_Types].xml")

    def free_name(self, pattern: str) -> str:
        """The first unused part name of ``pattern`` (``xl/comments{}.xml``)."""
        n = 1
        while self.has(pattern.format(n)):
            n += 1
        return pattern.format(n)

    @property
    def edited(self) -> bool:
        return bool(self._dirty or self._removed)

    # --- relationships and content types ---------------------------------------

    def relationships(self, part: str) -> list[Any]:
        """The ``Relationship`` elements of ``part`` (an empty list when it has none)."""
        name = rels_name(part)
        if not self.has(name):
            return []
        return list(self.xml(name).iter(q("Relationship", NS_PKG_REL)))

    def target(self, part: str, rel_type: str) -> tuple[str, str] | None:
        """(relationship id, part name) of ``part``'s first relationship of ``rel_type``."""
        for rel in self.relationships(part):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                return rel.get("Id"), resolve(part, rel.get("Target", ""))
        return None

    def add_relationship(self, part: str, rel_type: str, target: str) -> str:
        """Relate ``part`` to part ``target``; returns the new relationship's id."""
        name = rels_name(part)
        if not self.has(name):
            self.put(name, etree.Element(q("Relationships", NS_PKG_REL), nsmap={None: NS_PKG_REL}))
        root = self.xml(name)
        taken = {rel.get("Id") for rel in root}
        n = 1
        while f"rId{n}" in taken:
            n += 1
        rel_id = f"rId{n}"
        etree.SubElement(
            root, q("Relationship", NS_PKG_REL), Id=rel_id, Type=rel_type, Target="/" + target
        )
        self.touch(name)
        return rel_id

    def remove_relationship(self, part: str, rel_id: str) -> None:
        name = rels_name(part)
        if not self.has(name):
            return
        root = self.xml(name)
        for rel in list(root):
            if rel.get("Id") == rel_id:
                root.remove(rel)
                self.touch(name)

    def set_content_type(self, name: str, content_type: str) -> None:
        """An override for part ``name`` (or the default of its extension, for VML)."""
        types = self.xml("[Content_Types].xml")
        if content_type == TYPE_VML:
            extension = name.rsplit(".", 1)[-1]
            for node in types.findall(q("Default", NS_TYPES)):
                if node.get("Extension", "").lower() == extension.lower():
                    return
            node = etree.Element(q("Default", NS_TYPES), Extension=extension)
            node.set("ContentType", content_type)
            types.insert(0, node)
        else:
            for node in types.findall(q("Override", NS_TYPES)):
                if node.get("PartName") == "/" + name:
                    node.set("ContentType", content_type)
                    break
            else:
                etree.SubElement(
                    types, q("Override", NS_TYPES), PartName="/" + name, ContentType=content_type
                )
        self.touch("[Content_Types].xml")

    def sheet_parts(self) -> dict[str, str]:
        """Worksheet part name by sheet name, from ``xl/workbook.xml`` and its relationships."""
        book = self.workbook_part()
        rels = {
            rel.get("Id"): resolve(book, rel.get("Target", "")) for rel in self.relationships(book)
        }
        parts = {}
        for sheet in self.xml(book).iter(q("sheet")):
            target = rels.get(sheet.get(q("id", NS_REL)))
            if target is not None:
                parts[sheet.get("name")] = target
        return parts

    def workbook_part(self) -> str:
        for rel in self.relationships(""):
            if rel.get("Type", "").endswith("/officeDocument"):
                return resolve("", rel.get("Target", ""))
        return "xl/workbook.xml"

    # --- saving ------------------------------------------------------------------

    def save(self, target: str) -> None:
        """Write the package to ``target``: edited parts serialised, every other part
        as it was (same name, order, date and compression)."""
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self._infos:
                if info.filename in self._removed:
                    continue
                out.writestr(_copy_info(info), self._bytes(info.filename))
            for name in self._added:
                if name not in self._removed:
                    info = zipfile.ZipInfo(name, self._infos[0].date_time)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(info, self._bytes(name))

    def _bytes(self, name: str) -> bytes:
        if name in self._dirty and name in self._trees:
            return bytes(
                etree.tostring(
                    self._trees[name], xml_declaration=True, encoding="UTF-8", standalone=True
                )
            )
        return self._data[name]


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    return copy
