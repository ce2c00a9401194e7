"""Reading workbook files: python-calamine for the values (Riwayat, when this
product wrote it, straight from its XML: :mod:`pyaddin.files.history_xml`), the
defined names from ``xl/workbook.xml``, and a clear error for whatever is not a
workbook."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from python_calamine import CalamineWorkbook

from pyaddin.engine import form as F
from pyaddin.engine.errors import FileError
from pyaddin.engine.form import Area
from pyaddin.engine.model import FormData
from pyaddin.engine.snapshot import Grid, read_form
from pyaddin.files.history_xml import read_history  # compiles its pattern once, here
from pyaddin.files.part_reader import read_part

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def check_workbook_file(path: str | Path, deep: bool = True) -> Path:
    """The path, if it names a readable Excel 2007+ workbook; FileError otherwise.

    ``deep`` also checks every part's CRC (before a write); readers leave that to
    calamine, which fails on a damaged part itself.
    """
    file = Path(path)
    if not file.exists():
        raise FileError("file.missing", file=file)
    if file.is_dir():
        raise FileError("file.is_dir", file=file)
    try:
        with file.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise FileError("file.corrupt", file=file, detail=exc.strerror or str(exc)) from exc
    if not head:
        raise FileError("file.empty", file=file)
    if head.startswith(_OLE_MAGIC):
        raise FileError(_ole_kind(file), file=file)
    if not head.startswith(_ZIP_MAGIC):
        raise FileError("file.not_workbook", file=file)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            bad = archive.testzip() if deep else None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise FileError("file.corrupt", file=file, detail=str(exc)) from exc
    if bad is not None:
        raise FileError("file.corrupt", file=file, detail=bad)
    if "xl/workbook.xml" not in names:
        raise FileError("file.not_workbook", file=file)
    return file


def _ole_kind(file: Path) -> str:
    """An OLE container is either an encrypted OOXML workbook or an old .xls."""
    try:
        import msoffcrypto

        with file.open("rb") as handle:
            office = msoffcrypto.OfficeFile(handle)
            if office.is_encrypted():
                return "file.encrypted"
    except Exception:  # msoffcrypto raises several kinds on odd OLE files
        return "file.old_xls"
    return "file.old_xls"


def defined_names(file: Path) -> dict[str, str]:
    """Workbook-scope defined names from ``xl/workbook.xml`` (calamine has none)."""
    try:
        with zipfile.ZipFile(file) as archive:
            return _workbook(archive)[0]
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileError("file.corrupt", file=file, detail=str(exc)) from exc


def _workbook(archive: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """The workbook-scope defined names, and each sheet's worksheet part by name."""
    try:
        root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError) as exc:
        raise FileError("file.corrupt", file=archive.filename, detail=str(exc)) from exc
    names: dict[str, str] = {}
    for node in root.iter(f"{_MAIN_NS}definedName"):
        if node.get("localSheetId") is None and node.text:
            names[node.get("name", "")] = node.text.strip()
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts: dict[str, str] = {}
    for sheet in root.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(_REL_ID))
        if target:
            parts[sheet.get("name", "")] = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            )
    return names, parts


def read_grid(path: str | Path, sheets: tuple[str, ...] | None = None) -> Grid:
    """All (or the named) sheets' values, read with python-calamine; Riwayat, when
    it is laid out as this product writes it, read as entries straight from its XML
    (:mod:`pyaddin.files.history_xml`: the largest part of a form, in half the time)."""
    file = check_workbook_file(path, deep=False)
    history = None
    try:
        with zipfile.ZipFile(file) as archive:
            names, parts = _workbook(archive)
            if sheets is None or F.SHEET_HISTORY in sheets:
                part = parts.get(F.SHEET_HISTORY)
                if part in archive.namelist():  # else calamine says what is missing
                    history = read_history(read_part(file, archive, part))
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileError("file.corrupt", file=file, detail=str(exc)) from exc
    try:
        book = CalamineWorkbook.from_path(str(file))
    except Exception as exc:  # calamine raises its own error types
        raise FileError("file.corrupt", file=file, detail=str(exc).splitlines()[0]) from exc
    grid: dict[str, list[list[Any]]] = {}
    merged: dict[str, list[Area]] = {}
    try:
        for name in book.sheet_names:
            if sheets is not None and name not in sheets:
                continue
            if name == F.SHEET_HISTORY and history is not None:
                continue  # read above
            sheet = book.get_sheet_by_name(name)
            grid[name] = sheet.to_python(skip_empty_area=False)
            merged[name] = [
                Area(name, a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1)
                for a, b in (sheet.merged_cell_ranges or [])
            ]
    except Exception as exc:
        raise FileError("file.corrupt", file=file, detail=str(exc).splitlines()[0]) from exc
    finally:
        book.close()
    return Grid(str(file), grid, names, merged, history)


def read_form_file(path: str | Path) -> FormData:
    """Read one form file (values only) into the engine's FormData."""
    return read_form(read_grid(path, F.SHEETS))


def load_for_month(path: Path) -> tuple[FormData, str]:
    """A form and the SHA-256 of its bytes, for consolidation."""
    import hashlib

    form = read_form_file(path)
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return form, digest
