"""A small made-up year, with its figures computed by hand (tests/test_year.py).

Office: Keuangan and Umum dan Logistik; pagu 100.000.000; targets 15/40/70/95 %;
plan (Rp juta) 10, 5, 8, 0, 5, …; tolerance 10 %; Keuangan's own plan 4, 2, 5, 0, 2, ….

2026-01/  Keuangan 10.000.000/4.000.000 (521211)   Umum 6.000.000/6.000.000 (532111)
2026-02/  Keuangan 3.000.000/2.000.000              Umum sends nothing (MISSING_SUBBAGIAN)
2026-03/  Keuangan 5.000.000/5.000.000              Umum 4.000.000/3.000.000
(April: no form at all: MISSING_MONTH)
keu-mei.xlsm (flat, at the top)  Keuangan, May: 2.000.000/1.000.000; Umum missing
lama.xlsm  Keuangan, December 2025: WRONG_PERIOD

Realisasi by month: 10, 2, 8, 0, 1 (juta); cumulative 10, 12, 20, 20, 21 = % of pagu.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pyaddin.demo.keys import throwaway_keys
from pyaddin.engine.config import Anggaran, OfficeConfig, load_config
from pyaddin.workflow import new_form
from tests.helpers import GOOD_ROW, fill
from tests.keys import write_config
from tests.month import approve_all

JUTA = 1_000_000
UNITS = ("Keuangan", "Umum dan Logistik")


def office() -> OfficeConfig:
    base = load_config()
    units = [u for u in base.subbagian if u.nama in UNITS]
    bagian = {u.bagian for u in units}
    people = [
        p
        for p in base.pegawai
        if p.subbagian in UNITS or p.bagian in bagian or p.jabatan == base.approval_chain[-1]
    ]
    plan = [10 * JUTA, 5 * JUTA, 8 * JUTA, 0, 5 * JUTA] + [5 * JUTA] * 7
    mine = [4 * JUTA, 2 * JUTA, 5 * JUTA, 0, 2 * JUTA] + [2 * JUTA] * 7
    anggaran = Anggaran(
        pagu=100 * JUTA,
        target_triwulan=[15.0, 40.0, 70.0, 95.0],
        rencana=plan,
        rencana_subbagian={"Keuangan": mine},
        toleransi_deviasi=10.0,
    )
    return base.model_copy(update={"subbagian": units, "pegawai": people, "anggaran": anggaran})


# (file under the year folder, subbagian, (year, month), anggaran and realisasi in juta, kode)
FORMS = [
    ("2026-01/keu.xlsm", "Keuangan", (2026, 1), (10, 4), "521211"),
    ("2026-01/umum.xlsm", "Umum dan Logistik", (2026, 1), (6, 6), "532111"),
    ("2026-02/keu.xlsm", "Keuangan", (2026, 2), (3, 2), "521211"),
    ("2026-03/keu.xlsm", "Keuangan", (2026, 3), (5, 5), "521211"),
    ("2026-03/umum.xlsm", "Umum dan Logistik", (2026, 3), (4, 3), "521211"),
    ("keu-mei.xlsm", "Keuangan", (2026, 5), (2, 1), "521211"),
    ("lama.xlsm", "Keuangan", (2025, 12), (1, 1), "521211"),
]


def build_year(folder: Path) -> Path:
    """The year in ``folder``; its config (with the keys) is ``folder.parent/kantor.toml``."""
    with throwaway_keys(office(), folder.parent / "kunci", "sandi-uji") as config:
        write_config(config, folder.parent / "kantor.toml")
        for name, unit, (year, month), (anggaran, realisasi), kode in FORMS:
            path, period = folder / name, dt.date(year, month, 1)
            path.parent.mkdir(parents=True, exist_ok=True)
            new_form(config, config.find_subbagian(unit), period, path)
            row = {
                **GOOD_ROW,
                "kode": kode,
                "anggaran": anggaran * JUTA,
                "realisasi": realisasi * JUTA,
                "tanggal": period.replace(day=12),
            }
            fill(path, [row])
            approve_all(path)
    return folder
