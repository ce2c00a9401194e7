"""``realisasi demo``: a realistic month for every subbagian, run through the
whole flow with the same engine calls the ribbon makes, then consolidated.

Staff type rows (with the usual mistakes), press Validasi, fix what is marked
and submit; Kasubbag returns a row, staff fix and resubmit; the chain approves;
at month end some rows are still pending, one invalid row was never fixed, an
approved row is edited in Excel afterwards, and one subbagian sends nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyaddin.demo import data as D
from pyaddin.demo.forgery import promote_in_settings, recompute_everything
from pyaddin.demo.keys import throwaway_keys
from pyaddin.engine import form as F
from pyaddin.engine.config import OfficeConfig, dump_config
from pyaddin.engine.model import WIB
from pyaddin.files.form_file import FileForm
from pyaddin.workflow import (
    act,
    consolidate_folder,
    default_form_name,
    mark_file,
    new_form,
    year_folder,
)

KEYS = ("kode", "judul", "sasaran", "jenis", "anggaran", "realisasi", "lokus", "tanggal")
PERIOD = dt.date(2026, 11, 1)


class Clock:
    """Simulated office time: work days 07:30-16:00 WIB, late November 2026."""

    def __init__(self, seed: int) -> None:
        self.now = dt.datetime(2026, 11, 26, 8, 0, tzinfo=WIB)
        self.random = random.Random(seed)

    def wait(self, low: int, high: int) -> dt.datetime:
        self.now += dt.timedelta(minutes=self.random.randint(low, high))
        if self.now.hour >= 16:
            self.now = (self.now + dt.timedelta(days=1)).replace(hour=7, minute=30)
        while self.now.weekday() >= 5:
            self.now += dt.timedelta(days=1)
        return self.now


def _type(path: Path, values: dict[tuple[int, str], Any]) -> None:
    """What a person types in Excel between two clicks."""
    with FileForm(path) as form:
        form.write_values(values)
        form.commit()


def acting_person(config: OfficeConfig, jabatan: str, unit: str, bagian: str) -> str:
    """The username of who holds ``jabatan`` for ``unit`` (of ``bagian``)."""
    for p in config.pegawai:
        if p.jabatan == jabatan and (
            p.subbagian == unit or p.bagian == bagian or jabatan == config.approval_chain[-1]
        ):
            return p.username or p.nama
    raise LookupError(f"{jabatan} {unit}")


def run_unit(config: OfficeConfig, unit_name: str, folder: Path, clock: Clock) -> Path:
    """One subbagian's month, from an empty form to where it stands at month end."""
    unit = config.find_subbagian(unit_name)
    path = new_form(config, unit, PERIOD, folder / default_form_name(unit, PERIOD))
    row = lambda i: F.ROW_BODY + i  # noqa: E731
    typed: dict[tuple[int, str], Any] = {}
    for i, activity in enumerate(D.ACTIVITIES[unit_name]):
        typed.update({(row(i), key): value for key, value in zip(KEYS, activity, strict=True)})
    wrong = {(u, i): (k, v) for u, i, k, v in D.MISTAKES if u == unit_name}
    for (_, i), (key, value) in wrong.items():
        typed[(row(i), key)] = value
    _type(path, typed)
    staff = acting_person(config, "Petugas", unit.nama, unit.bagian)
    kasubbag, kabag, sekretaris = (
        acting_person(config, j, unit.nama, unit.bagian) for j in config.approval_chain
    )
    report = mark_file(path)  # Validasi
    fixes = {
        (row(i), key): D.ACTIVITIES[unit_name][i][KEYS.index(key)]
        for (u, i), (key, _) in wrong.items()
        if (u, i) not in D.UNFIXED
    }
    if fixes:
        _type(path, fixes)
        report = mark_file(path)
    valid = [
        no
        for no in range(1, len(D.ACTIVITIES[unit_name]) + 1)
        if not any(e.no == no for e in report.errors)
    ]
    act(path, "submit", staff, valid, now=clock.wait(20, 120))
    returned = D.RETURNS.get(unit_name)
    if returned:
        no, note, key, value = returned
        act(path, "return", kasubbag, [no], note, now=clock.wait(20, 200))
        act(path, "approve", kasubbag, None, now=clock.wait(1, 10))
        _type(path, {(row(no - 1), key): value})
        act(path, "submit", staff, [no], now=clock.wait(30, 180))
    act(path, "approve", kasubbag, None, now=clock.wait(10, 150))
    pending_level, pending_rows = D.PENDING.get(unit_name, ("", []))
    for jabatan, who in (("Kabag", kabag), ("Sekretaris", sekretaris)):
        if jabatan == pending_level:
            waiting = [n for n in valid if n not in pending_rows]
            if waiting:
                act(path, "approve", who, waiting, now=clock.wait(30, 600))
            break
        act(path, "approve", who, None, now=clock.wait(20, 700))
    edited_unit, index, field, amount = D.EDITED_AFTER_APPROVAL
    if edited_unit == unit_name:
        _type(path, {(row(index), str(field)): amount})
    forged_unit, index, field, amount = D.RECOMPUTED
    if forged_unit == unit_name:
        recompute_everything(path, index, str(field), amount)
    if unit_name == D.SELF_PROMOTED:
        promote_in_settings(path, staff, config.approval_chain[-1])
        act(path, "approve", staff, pending_rows, now=clock.wait(30, 120))
    return path


def run_demo(
    config: OfficeConfig, outdir: Path, say: Callable[[str], None] = print
) -> dict[str, Any]:
    """The year so far in ``outdir/formulir/2026-MM`` (January–October clean, November
    as described above), November's report and the year view in ``outdir``."""
    from pyaddin.demo.year import YEAR, month_folder, run_year

    root = outdir / "formulir"
    folder = month_folder(root, PERIOD.month)
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("Realisasi-*.xlsm"), *root.glob("Realisasi-*.xlsm")]:
        old.unlink()  # this month's forms of an earlier run, and the old flat layout's
    clock = Clock(seed=2026)
    with throwaway_keys(config, outdir / "kunci", "demo-realisasi") as keyed:
        run_year(keyed, root, say)
        say(f"  {PERIOD:%Y-%m}:")
        for unit in keyed.subbagian:
            if unit.nama == D.MISSING or unit.nama not in D.ACTIVITIES:
                continue
            say(
                f"    {unit.nama}: {len(D.ACTIVITIES[unit.nama])} kegiatan diisi, divalidasi, "
                "diajukan dan diperiksa (ditandatangani)"
            )
            run_unit(keyed, unit.nama, folder, clock)
        out = outdir / f"Laporan-Realisasi-{PERIOD:%Y-%m}.xlsx"
        month = consolidate_folder(folder, f"{PERIOD:%Y-%m}", out, keyed)
        year_out = outdir / f"Rekap-Tahun-{YEAR}.xlsx"
        year = year_folder(root, YEAR, year_out, keyed)
        # the office config with the demo's public keys: `verify --config` reads it
        (outdir / "kantor-demo.toml").write_text(dump_config(keyed), "utf-8")
    return {
        "folder": folder,
        "report": out,
        "month": month,
        "year_report": year_out,
        "year": year,
        "config": keyed,
    }
