"""The demo's year so far: January to October before the demo's November.

Every subbagian that has activities fills its form each month (the same kinds
of work, on days of that month, with amounts that follow a typical year:
slow in January, busiest before the year closes), submits it, and the chain
approves and signs it — the same calls as the ribbon. In July one subbagian
sends nothing, so the year view has a month with a missing subbagian.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyaddin.demo import data as D
from pyaddin.demo.month import acting_person
from pyaddin.engine import form as F
from pyaddin.engine.config import OfficeConfig
from pyaddin.engine.model import WIB
from pyaddin.files.form_file import FileForm
from pyaddin.validators.rupiah import parse_rupiah
from pyaddin.workflow import act, default_form_name, new_form

YEAR = 2026
# How busy each month is against November (absorption is slow early in the year).
PACE = {1: 0.35, 2: 0.6, 3: 0.9, 4: 0.8, 5: 1.0, 6: 1.1, 7: 0.9, 8: 1.0, 9: 1.2, 10: 1.1}
SKIPS_JULY = "Hukum"


def month_folder(root: Path, month: int) -> Path:
    """``root/2026-07``: one folder per month, the layout the README recommends."""
    return root / f"{YEAR}-{month:02d}"


def _rows(unit: str, month: int) -> dict[tuple[int, str], Any]:
    """The unit's activities as typed in ``month``: its days, its amounts."""
    typed: dict[tuple[int, str], Any] = {}
    for i, activity in enumerate(D.ACTIVITIES[unit]):
        kode, judul, sasaran, jenis, anggaran, realisasi, lokus, _ = activity
        scale = PACE[month] * (1 + 0.04 * ((i + month) % 5))
        amounts = [round(parse_rupiah(v) * scale, -3) for v in (anggaran, realisasi)]
        day = dt.date(YEAR, month, 2 + 4 * i)
        values = (kode, judul, sasaran, jenis, *amounts, lokus, day)
        keys = ("kode", "judul", "sasaran", "jenis", "anggaran", "realisasi", "lokus", "tanggal")
        for key, value in zip(keys, values, strict=True):
            typed[(F.ROW_BODY + i, key)] = value
    return typed


def run_month(config: OfficeConfig, root: Path, month: int) -> list[Path]:
    """Every sending subbagian's form of ``month``, filled and approved to the top."""
    folder = month_folder(root, month)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("Realisasi-*.xlsm"):
        old.unlink()
    period = dt.date(YEAR, month, 1)
    made = []
    for unit in config.subbagian:
        if unit.nama not in D.ACTIVITIES or (month == 7 and unit.nama == SKIPS_JULY):
            continue
        path = new_form(config, unit, period, folder / default_form_name(unit, period))
        with FileForm(path) as form:
            form.write_values(_rows(unit.nama, month))
            form.commit()
        when = dt.datetime(YEAR, month, 24, 8, 30, tzinfo=WIB)
        act(
            path, "submit", acting_person(config, "Petugas", unit.nama, unit.bagian), None, now=when
        )
        for step, jabatan in enumerate(config.approval_chain, start=1):
            who = acting_person(config, jabatan, unit.nama, unit.bagian)
            act(path, "approve", who, None, now=when + dt.timedelta(hours=step, minutes=7 * step))
        made.append(path)
    return made


def run_year(config: OfficeConfig, root: Path, say: Callable[[str], None] = print) -> None:
    """January to October in ``root``'s month folders."""
    for month in PACE:
        forms = run_month(config, root, month)
        say(f"  {YEAR}-{month:02d}: {len(forms)} formulir diisi, diajukan dan disetujui")
