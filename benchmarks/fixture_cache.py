"""Benchmark inputs built once per version of the code that builds them.

Building a real month — hundreds of forms typed, submitted and approved through
the signed chain — takes longer than measuring it. The built inputs are kept in
``out/bench-fixtures/<fingerprint>/``, where the fingerprint is the SHA-256 of
every source that shapes them (the product's code and data, the templates, the
benchmark builders) and of the Python and library versions; any change builds
them again, and older sets are removed. A benchmark gets its own copy, hard
links of the kept files: every product write replaces a file atomically, so a
run never changes what is kept. ``--fresh`` (or ``make clean``) builds anew.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "out" / "bench-fixtures"
_SOURCES = ("pyaddin", "validators", "workbook", "benchmarks/month.py", "benchmarks/fixtures.py")
_LIBRARIES = ("openpyxl", "python-calamine", "XlsxWriter", "cryptography", "pydantic")
FRESH = "--fresh" in sys.argv
_key: str | None = None


def fingerprint() -> str:
    """The SHA-256 of what the inputs are built from (sources, data, templates,
    versions), first 16 hex digits."""
    global _key
    if _key is None:
        digest = hashlib.sha256(sys.version.encode())
        for name in _LIBRARIES:
            digest.update(f"{name}={version(name)}".encode())
        for source in _SOURCES:
            base = ROOT / source
            files = [base] if base.is_file() else sorted(base.rglob("*"))
            for file in files:
                if file.is_file() and "__pycache__" not in file.parts:
                    digest.update(file.relative_to(ROOT).as_posix().encode())
                    digest.update(file.read_bytes())
        _key = digest.hexdigest()[:16]
    return _key


def fixture(work: Path, name: str, build: Callable[[Path], object]) -> Path:
    """``work/name``: a copy of what ``build(folder)`` puts in an empty folder,
    built now or kept from an earlier run of the same code."""
    kept = CACHE / fingerprint() / name
    if FRESH and kept.exists():
        shutil.rmtree(kept)
    if not (kept / ".selesai").exists():
        for old in CACHE.glob("*"):
            if old.name != fingerprint():
                shutil.rmtree(old, ignore_errors=True)
        partial = kept.with_name(name + ".sebagian")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        start = time.perf_counter()
        build(partial)
        (partial / ".selesai").write_text(f"{time.perf_counter() - start:.0f}\n")
        shutil.rmtree(kept, ignore_errors=True)
        partial.rename(kept)
        print(f"  ({name}: inputs built in {float((kept / '.selesai').read_text()):.0f} s)")
    else:
        print(f"  ({name}: inputs kept from an earlier run of the same code)")
    target = work / name
    shutil.copytree(kept, target, copy_function=os.link)
    return target
