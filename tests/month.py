"""A month with every kind of problem, with totals computed by hand.

Keuangan      3 final rows: 1.000.000/800.000, 2.000.000/2.000.000, 500.000/250.000
Umum dan L.   2 final rows: 1.000.000/900.000, 3.000.000/1.500.000;
              1 edited after approval (CHANGED_AFTER_APPROVAL); 1 submitted (PENDING)
Teknis P.P.   1 final row 10.000.000/7.777.777; 1 invalid row (INVALID)
Hukum         1 final row, then a Riwayat entry edited (HISTORY_BROKEN: not counted)
Perencanaan   a form for October (WRONG_PERIOD) -> also MISSING_SUBBAGIAN
z-copy        a second Keuangan workbook (DUPLICATE_SUBBAGIAN)
rusak.xlsx    not a workbook (UNREADABLE); ~$ lock file: skipped silently
Totals: 6 kegiatan, anggaran 17.500.000, realisasi 13.227.777, serapan 75.6 %.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from pyaddin.demo.keys import throwaway_keys
from pyaddin.engine import form as F
from pyaddin.engine.config import load_config
from pyaddin.engine.model import WIB
from pyaddin.workflow import act, new_form
from tests.helpers import GOOD_ROW, fill, make_form
from tests.keys import write_config

T = dt.datetime(2026, 11, 25, 8, 0, tzinfo=WIB)


def row(i: int, anggaran: int, realisasi: int) -> dict[str, Any]:
    return {**GOOD_ROW, "judul": f"Kegiatan {i}", "anggaran": anggaran, "realisasi": realisasi}


def approve_all(path: Path, rows: list[int] | None = None, start: int = 0) -> None:
    act(path, "submit", _staff(path), rows, now=T + dt.timedelta(minutes=start))
    for step, who in enumerate(("kasubbag", "kabag", "sekretaris"), start=1):
        act(
            path,
            "approve",
            _who(path, who),
            None,
            now=T + dt.timedelta(minutes=start + 30 * step + (120 if who == "kabag" else 0)),
        )


def _staff(path: Path) -> str:
    return _who(path, "petugas")


def _who(path: Path, role: str) -> str:
    ws = load_workbook(path, read_only=True)[F.SHEET_SETTINGS]
    for r in ws.iter_rows(min_row=F.PEOPLE_HEADER_ROW + 1, values_only=True):
        if r[0] and str(r[0]).casefold() == role:
            return str(r[3])
    raise LookupError(role)


def build_month(folder: Path) -> Path:
    """The month, every action signed; the office config is ``folder.parent/kantor.toml``."""
    folder.mkdir(parents=True, exist_ok=True)
    with throwaway_keys(load_config(), folder.parent / "kunci", "sandi-uji") as office:
        write_config(office, folder.parent / "kantor.toml")
        return _build(folder)


def _build(folder: Path) -> Path:
    keu = make_form(folder, "Keuangan", "Keuangan.xlsm")
    fill(keu, [row(1, 1_000_000, 800_000), row(2, 2_000_000, 2_000_000), row(3, 500_000, 250_000)])
    approve_all(keu)

    umum = make_form(folder, "Umum dan Logistik", "Umum.xlsm")
    fill(
        umum,
        [
            row(1, 1_000_000, 900_000),
            row(2, 3_000_000, 1_500_000),
            row(3, 700_000, 600_000),
            row(4, 400_000, 100_000),
        ],
    )
    approve_all(umum, [1, 2, 3])
    act(umum, "submit", _staff(umum), [4], now=T + dt.timedelta(hours=8))
    fill(umum, [{"realisasi": 650_000}], start=2)  # approved row 3 edited afterwards

    teknis = make_form(folder, "Teknis Penyelenggaraan Pemilu", "Teknis.xlsm")
    fill(teknis, [row(1, 10_000_000, 7_777_777), {**row(2, 1, 1), "lokus": "Palembang"}])
    approve_all(teknis, [1])

    hukum = make_form(folder, "Hukum", "Hukum.xlsm")
    fill(hukum, [row(1, 5_000_000, 5_000_000)])
    approve_all(hukum)
    book = load_workbook(hukum, keep_vba=True)
    book[F.SHEET_HISTORY]["F3"] = "Orang Lain"
    book.save(hukum)

    config = load_config()
    october = new_form(
        config,
        config.find_subbagian("Perencanaan"),
        dt.date(2026, 10, 1),
        folder / "Perencanaan-Oktober.xlsm",
    )
    fill(october, [row(1, 1_000_000, 1_000_000)])

    shutil.copy(keu, folder / "z-copy.xlsm")
    (folder / "rusak.xlsx").write_text("bukan excel", "utf-8")
    (folder / "~$Keuangan.xlsm").write_bytes(b"\x00owner")
    return folder
