"""Workbook files: python-calamine to read fast, openpyxl to write.

Every write goes through :class:`WorkbookSession`: it refuses a file open in
Excel (``~$`` lock) or held by another run of this program (a lock file beside
the workbook), loads with ``keep_vba`` so the VBA project and the ribbon part
survive, and saves atomically (temp file in the same folder, fsync, replace).
A refused or failed action never touches the original.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from pyaddin.errors import FileBusyError, FileError
from pyaddin.form import Area
from pyaddin.model import FormData
from pyaddin.snapshot import Grid, read_form

if TYPE_CHECKING:
    from filelock import BaseFileLock
    from openpyxl import Workbook

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
LOCK_SUFFIX = ".rk-lock"


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
            root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise FileError("file.corrupt", file=file, detail=str(exc)) from exc
    names: dict[str, str] = {}
    for node in root.iter(f"{_MAIN_NS}definedName"):
        if node.get("localSheetId") is None and node.text:
            names[node.get("name", "")] = node.text.strip()
    return names


def read_grid(path: str | Path, sheets: tuple[str, ...] | None = None) -> Grid:
    """All (or the named) sheets' values, read with python-calamine."""
    from python_calamine import CalamineWorkbook

    file = check_workbook_file(path, deep=False)
    names = defined_names(file)
    try:
        book = CalamineWorkbook.from_path(str(file))
    except Exception as exc:  # calamine raises its own error types
        raise FileError("file.corrupt", file=file, detail=str(exc).splitlines()[0]) from exc
    grid: dict[str, list[list[Any]]] = {}
    merged: dict[str, list[Area]] = {}
    try:
        for name in book.sheet_names:
            if sheets is None or name in sheets:
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
    return Grid(str(file), grid, names, merged)


def read_form_file(path: str | Path) -> FormData:
    """Read one form file (values only) into the engine's FormData."""
    from pyaddin import form as F

    return read_form(read_grid(path, F.SHEETS))


def excel_lock(path: Path) -> Path | None:
    """Excel's owner file (``~$name``) beside ``path`` when the book is open in Excel."""
    for candidate in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])):
        if candidate.exists() and candidate != path:
            return candidate
    return None


def grid_from_openpyxl(book: Workbook, file: str) -> Grid:
    """The same Grid as :func:`read_grid`, from a workbook already loaded by openpyxl."""
    sheets = {
        ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets
    }
    names = {name: dn.attr_text for name, dn in book.defined_names.items() if dn.attr_text}
    merged = {
        ws.title: [
            Area(ws.title, r.min_row, r.min_col, r.max_row, r.max_col)
            for r in ws.merged_cells.ranges
        ]
        for ws in book.worksheets
    }
    return Grid(file, sheets, names, merged)


class WorkbookSession:
    """Open a workbook for one write: locks, openpyxl load, atomic save.

    Use as a context manager; call :meth:`save` to commit. Leaving the block
    without saving (or with an exception) leaves the file byte-identical.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.book: Workbook | None = None
        self._lock: BaseFileLock | None = None

    def __enter__(self) -> WorkbookSession:
        from openpyxl import load_workbook

        check_workbook_file(self.path, deep=False)  # openpyxl checks each CRC as it reads
        lock_file = excel_lock(self.path)
        if lock_file is not None:
            raise FileBusyError("file.open_in_excel", file=self.path, lock=lock_file.name)
        if not os.stat(self.path).st_mode & stat.S_IWUSR:
            raise FileError("file.read_only", file=self.path)
        self._acquire()
        try:
            keep_vba = self.path.suffix.lower() in (".xlsm", ".xltm")
            self.book = load_workbook(self.path, keep_vba=keep_vba, rich_text=False)
        except Exception as exc:
            self._release()
            raise FileError("file.corrupt", file=self.path, detail=str(exc)[:200]) from exc
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._release()

    def grid(self) -> Grid:
        assert self.book is not None
        return grid_from_openpyxl(self.book, str(self.path))

    def save(self) -> None:
        """Write the workbook atomically over the original."""
        assert self.book is not None
        save_atomic(self.book, self.path)

    def _acquire(self) -> None:
        from filelock import FileLock, Timeout

        self._lock = FileLock(str(self.path) + LOCK_SUFFIX, timeout=0)
        try:
            self._lock.acquire()
        except Timeout as exc:
            self._lock = None
            raise FileBusyError("file.busy", file=self.path) from exc
        except OSError as exc:
            self._lock = None
            raise FileError("file.read_only", file=self.path) from exc

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            with contextlib.suppress(OSError):
                Path(self._lock.lock_file).unlink()
            self._lock = None


@contextlib.contextmanager
def _temp_beside(target: Path) -> Iterator[Path]:
    fd, name = tempfile.mkstemp(prefix=".~rk-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def save_atomic(book: Workbook, target: Path) -> None:
    """Save ``book`` to ``target`` via a temp file in the same folder, then replace."""
    write_atomic(target, book.save)


def write_atomic(target: Path, writer: Any) -> None:
    """Call ``writer(temp_path)`` then move the finished file over ``target``."""
    target = Path(target)
    try:
        with _temp_beside(target) as temp:
            writer(str(temp))
            with temp.open("rb+") as handle:
                handle.flush()
                os.fsync(handle.fileno())
            if target.exists():
                with contextlib.suppress(OSError):
                    os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
            os.replace(temp, target)
    except PermissionError as exc:
        raise FileError("file.read_only", file=target) from exc
    except OSError as exc:
        raise FileError("file.write_failed", file=target, detail=exc.strerror or str(exc)) from exc


def load_for_month(path: Path) -> tuple[FormData, str]:
    """A form and the SHA-256 of its bytes, for consolidation."""
    import hashlib

    form = read_form_file(path)
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return form, digest
