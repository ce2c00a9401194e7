"""Benchmark inputs, made by code: big forms of one unit (months: month.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from pyaddin.engine import form as F
from pyaddin.engine.config import load_config
from pyaddin.engine.model import WIB
from pyaddin.workflow import act, new_form

ROW = [
    "521211",
    "Rapat koordinasi",
    "1 Kegiatan",
    "Rapat Koordinasi",
    1_500_000,
    1_250_000,
    "Kota Bengkulu",
    dt.date(2026, 11, 12),
]


def big_form(path: Path, rows: int, unit: str = "Keuangan") -> Path:
    config = load_config()
    new_form(config, config.find_subbagian(unit), dt.date(2026, 11, 1), path, rows)
    book = load_workbook(path, keep_vba=True)
    ws = book[F.SHEET_FORM]
    for i in range(rows):
        values = list(ROW)
        values[1] = f"Rapat koordinasi tahap {i + 1}"
        for col, value in enumerate(values, start=2):
            ws.cell(F.ROW_BODY + i, col, value)
    book.save(path)
    return path


def submitted_form(path: Path, rows: int, unit: str = "Keuangan", who: str = "rina") -> Path:
    big_form(path, rows, unit)
    act(path, "submit", who, None, now=dt.datetime(2026, 11, 20, 9, tzinfo=WIB))
    return path
