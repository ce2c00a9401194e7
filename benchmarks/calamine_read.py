"""The floor of the consolidation benchmark: python-calamine reading the values
of every sheet of every workbook, nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

from python_calamine import CalamineWorkbook


def main(folder: str) -> None:
    cells = 0
    for path in sorted(Path(folder).glob("*.xlsm")):
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            cells += sum(len(r) for r in book.get_sheet_by_name(name).to_python())
        book.close()
    print(cells)


if __name__ == "__main__":
    main(sys.argv[1])
