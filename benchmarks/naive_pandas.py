"""The naive month-end script the consolidation benchmark compares against:
pandas read_excel (openpyxl) of every sheet of every workbook, concat, to_excel."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def main(folder: str, out: str) -> None:
    frames = []
    for path in sorted(Path(folder).glob("*.xlsm")):
        sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
        frame = sheets["Realisasi"]
        frame["Berkas"] = path.name
        frames.append(frame)
    pd.concat(frames).to_excel(out, index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
