"""Benchmark inputs, made by code: big forms and a month of approved forms."""

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


def approved_month(folder: Path, files: int, rows: int) -> Path:
    """``files`` approved forms (one built through the workflow, then copied)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    first = folder / "form-000.xlsm"
    submitted_form(first, rows)
    when = dt.datetime(2026, 11, 21, 9, tzinfo=WIB)
    for who in ("siti", "hendra", "ahmad.fauzi"):
        act(first, "approve", who, None, now=when)
    for i in range(1, files):
        shutil.copy(first, folder / f"form-{i:03d}.xlsm")
    return folder


def signed_month(folder: Path, files: int, rows: int) -> Path:
    """The same month as :func:`approved_month`, every action signed with keys of a
    throwaway store; returns the office config that lists the public keys."""
    from pyaddin.demo.keys import throwaway_keys
    from pyaddin.engine.config import dump_config

    keys = folder.parent / f"{folder.name}-kunci"
    with throwaway_keys(load_config(), keys, "bench") as office:
        approved_month(folder, files, rows)
    config = folder.parent / f"{folder.name}.toml"
    config.write_text(dump_config(office), "utf-8")
    return config
