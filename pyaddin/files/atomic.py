"""Writing workbook files safely: one writer at a time, all or nothing.

A write refuses a file open in Excel (its ``~$`` owner file) or held by another
run of this program (a lock file beside the workbook), and replaces the file
only once the new one is complete (temp file in the same folder, fsync,
replace). A refused or failed write never touches the original.

The temp file (``.~rk-<name>-<pid>-<random>.tmp``) and the lock file carry the
hidden attribute on Windows, so nobody opens them by mistake; a temp file
whose process is gone (a write killed half-way) is removed by the next write
of the same workbook. Consolidation never reads either.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyaddin.engine.errors import FileBusyError, FileError

if TYPE_CHECKING:
    from filelock import BaseFileLock

LOCK_SUFFIX = ".rk-lock"
TEMP_PREFIX = ".~rk-"


def excel_lock(path: Path) -> Path | None:
    """Excel's owner file (``~$name``) beside ``path`` when the book is open in Excel."""
    for candidate in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])):
        if candidate.exists() and candidate != path:
            return candidate
    return None


class WriteLock:
    """The right to write one workbook: not open in Excel, writable, not held by
    another run of this program. Released on exit, whatever happened."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock: BaseFileLock | None = None

    def __enter__(self) -> WriteLock:
        lock_file = excel_lock(self.path)
        if lock_file is not None:
            raise FileBusyError("file.open_in_excel", file=self.path, lock=lock_file.name)
        if not os.stat(self.path).st_mode & stat.S_IWUSR:
            raise FileError("file.read_only", file=self.path)
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.path) + LOCK_SUFFIX, timeout=0)
        try:
            lock.acquire()
        except Timeout as exc:
            raise FileBusyError("file.busy", file=self.path) from exc
        except OSError as exc:
            raise FileError("file.read_only", file=self.path) from exc
        self._lock = lock
        hide(Path(lock.lock_file))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._lock is not None:
            self._lock.release()
            with contextlib.suppress(OSError):
                Path(self._lock.lock_file).unlink()
            self._lock = None


def hide(path: Path) -> None:
    """Give ``path`` the hidden attribute on Windows (elsewhere the leading dot or
    the lock suffix keeps it out of the way)."""
    if os.name == "nt":  # pragma: no cover (Windows)
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        kernel32.SetFileAttributesW(str(path), 0x2)  # FILE_ATTRIBUTE_HIDDEN


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a reused pid only delays a clean-up)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover (Windows)
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if handle:
            kernel32.CloseHandle(handle)
        return bool(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(target: Path) -> list[Path]:
    """Delete the temp files of ``target`` left by writes whose process is gone."""
    removed = []
    for temp in target.parent.glob(f"{TEMP_PREFIX}{target.name}-*.tmp"):
        pid = temp.name[len(TEMP_PREFIX) + len(target.name) + 1 :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                temp.unlink()
                removed.append(temp)
    return removed


@contextlib.contextmanager
def _temp_beside(target: Path) -> Iterator[Path]:
    fd, name = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{target.name}-{os.getpid()}-", suffix=".tmp", dir=target.parent
    )
    os.close(fd)
    temp = Path(name)
    hide(temp)
    try:
        yield temp
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_atomic(target: Path, writer: Callable[[str], Any]) -> None:
    """Call ``writer(temp_path)`` then move the finished file over ``target``."""
    target = Path(target)
    remove_stale_temps(target)
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
