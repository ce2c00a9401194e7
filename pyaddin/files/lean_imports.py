"""Keep openpyxl from importing numpy on a click's path.

openpyxl imports numpy (≈55 ms of every command's start on these machines) only to
count numpy's number types as numbers when a cell is written. The product never
writes a numpy value through openpyxl, so the console script installs
:func:`skip_numpy_for_openpyxl` before any command runs: while, and only while,
``openpyxl.compat.numbers`` is being imported, ``import numpy`` fails as if numpy
were absent, which openpyxl handles (``NUMPY = False``). Anything else that imports
numpy later, in the same process, gets it as usual.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

_OPENPYXL_NUMBERS = "openpyxl.compat.numbers"


class _NoNumpyForOpenpyxl:
    """A meta path finder that refuses ``numpy`` to openpyxl's number module only."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name != "numpy":
            return None
        importing = sys.modules.get(_OPENPYXL_NUMBERS)
        spec = getattr(importing, "__spec__", None)
        if importing is not None and getattr(spec, "_initializing", False):
            raise ModuleNotFoundError("numpy is not needed by openpyxl here", name=name)
        return None


def skip_numpy_for_openpyxl() -> None:
    """Install the finder (once), unless openpyxl or numpy is already imported."""
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    if not any(isinstance(f, _NoNumpyForOpenpyxl) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoNumpyForOpenpyxl())
