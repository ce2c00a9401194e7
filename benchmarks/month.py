"""A real month for the benchmarks: distinct units, rows typed as people type them.

``office(units)`` is an office config of ``units`` subbagian (eight to a bagian),
each with its Petugas and Kasubbag, a Kabag per bagian and one Sekretaris, all
with signing keys. ``build_month`` makes each unit's form from the template,
types its rows the ways staff type them (dotted rupiah, ``Kab.``, date ranges,
short satuan), and takes them through the real chain — submit, then the three
approvals, each signed — two units at a time.
"""

from __future__ import annotations

import datetime as dt
import random
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path
from typing import Any

from pyaddin.demo.data import ACTIVITIES
from pyaddin.demo.keys import throwaway_keys
from pyaddin.engine import form as F
from pyaddin.engine.config import OfficeConfig, Pegawai, Subbagian, dump_config, load_config
from pyaddin.engine.model import WIB
from pyaddin.files.form_file import FileForm
from pyaddin.workflow import act, new_form

PERIOD = dt.date(2026, 11, 1)
KEYS = ("kode", "judul", "sasaran", "jenis", "anggaran", "realisasi", "lokus", "tanggal")
TYPED = [a for unit in ACTIVITIES.values() for a in unit]


def office(units: int) -> OfficeConfig:
    """An office of ``units`` distinct subbagian and the people who act on them."""
    base = load_config()
    subbagian = [
        Subbagian(nama=f"Unit {i:03d}", bagian=f"Bagian {i // 8:02d}") for i in range(units)
    ]
    people = [
        Pegawai(
            nama="Sekretaris Uji",
            nip="196001011990011001",
            username="sekretaris",
            jabatan="Sekretaris",
        )
    ]
    for b in sorted({u.bagian for u in subbagian}):
        n = int(b.split()[-1])
        people.append(
            Pegawai(
                nama=f"Kabag {n:02d}",
                nip=f"1970010120000{n:05d}",
                username=f"kabag{n:02d}",
                jabatan="Kabag",
                bagian=b,
            )
        )
    for i, unit in enumerate(subbagian):
        for jabatan, nip in (("Kasubbag", "19800101201000"), ("Petugas", "19900101202000")):
            people.append(
                Pegawai(
                    nama=f"{jabatan} {i:03d}",
                    nip=f"{nip}{i:04d}",
                    username=f"{jabatan.lower()}{i:03d}",
                    jabatan=jabatan,
                    subbagian=unit.nama,
                )
            )
    return base.model_copy(update={"subbagian": subbagian, "pegawai": people})


def typed_rows(seed: int, rows: int, period: dt.date = PERIOD) -> dict[tuple[int, str], Any]:
    """``rows`` activities, shuffled per unit, with amounts of their own (in a month
    other than November, on days of that month, typed dd/mm/yyyy)."""
    pick = random.Random(seed)
    values: dict[tuple[int, str], Any] = {}
    for i in range(rows):
        activity = list(pick.choice(TYPED))
        activity[1] = f"{activity[1]} ({i + 1})"  # no two rows alike
        if period != PERIOD:
            activity[7] = f"{1 + i % 28:02d}/{period.month:02d}/{period.year}"
        for key, value in zip(KEYS, activity, strict=True):
            values[(F.ROW_BODY + i, key)] = value
    return values


def _one(
    index: int, config: OfficeConfig, folder: Path, rows: int, keys: Path, period: dt.date
) -> None:
    unit = config.subbagian[index]
    path = folder / f"Realisasi-{index:03d}.xlsm"
    with throwaway_keys(config, keys, "bench", make=False):
        new_form(config, unit, period, path, rows)
        with FileForm(path) as form:
            form.write_values(typed_rows(index + 100 * period.month, rows, period))
            form.commit()
        when = dt.datetime(period.year, period.month, 20, 9, tzinfo=WIB)
        act(path, "submit", f"petugas{index:03d}", None, now=when)
        for who in (f"kasubbag{index:03d}", f"kabag{index // 8:02d}", "sekretaris"):
            when += dt.timedelta(hours=2)
            act(path, "approve", who, None, now=when)


def build_month(
    folder: Path, units: int, rows: int, periods: tuple[dt.date, ...] = (PERIOD,)
) -> Path:
    """The month's forms in ``folder`` (or, for several ``periods``, each month's in
    ``folder/YYYY-MM``); returns the office config (with keys) beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    keys = folder.parent / f"{folder.name}-kunci"
    jobs = [
        (i, folder / f"{p:%Y-%m}" if len(periods) > 1 else folder, p)
        for p in periods
        for i in range(units)
    ]
    for place in {j[1] for j in jobs}:
        place.mkdir(parents=True, exist_ok=True)
    with throwaway_keys(office(units), keys, "bench") as config, ProcessPoolExecutor(2) as pool:
        list(
            pool.map(
                _one,
                [j[0] for j in jobs],
                repeat(config),
                [j[1] for j in jobs],
                repeat(rows),
                repeat(keys),
                [j[2] for j in jobs],
            )
        )
    path = folder.parent / f"{folder.name}.toml"
    path.write_text(dump_config(config), "utf-8")
    return path


def subset(pool: Path, units: int, folder: Path) -> Path:
    """The month of the first ``units`` units of the month built in ``pool`` (the forms
    hard-linked into ``folder``, a config of just those units and their people, with
    their keys); returns the config. One build serves every size of month."""
    config = load_config(pool.parent / f"{pool.name}.toml")
    kept = config.subbagian[:units]
    names = {u.nama for u in kept}
    bagian = {u.bagian for u in kept}
    people = [
        p
        for p in config.pegawai
        if p.subbagian in names or p.bagian in bagian or p.jabatan == "Sekretaris"
    ]
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(units):
        name = f"Realisasi-{index:03d}.xlsm"
        (folder / name).hardlink_to(pool / name)
    path = folder.parent / f"{folder.name}.toml"
    path.write_text(
        dump_config(config.model_copy(update={"subbagian": kept, "pegawai": people})), "utf-8"
    )
    return path


def phases(folder: Path, config_path: Path) -> dict[str, float]:
    """Where one process's time goes on ``folder``'s month, one file after another:
    seconds reading (calamine and the form), validating, verifying (hash chain and
    signatures), and writing the report."""
    import time

    from pyaddin.engine import consolidate as C
    from pyaddin.engine.audit import verify_form
    from pyaddin.engine.snapshot import read_form
    from pyaddin.files.reader import load_for_month, read_grid
    from pyaddin.outputs.report import write_report
    from pyaddin.validators.form_rules import validate_form

    config = load_config(config_path)
    spent = dict.fromkeys(("read", "validate", "verify", "report"), 0.0)
    for path in C.form_files(folder):
        start = time.perf_counter()
        form = read_form(read_grid(path, F.SHEETS))
        read = time.perf_counter()
        report = validate_form(form)
        valid = time.perf_counter()
        verify_form(form, report, config)
        spent["read"] += read - start
        spent["validate"] += valid - read
        spent["verify"] += time.perf_counter() - valid
    month = C.consolidate(C.form_files(folder), "2026-11", config, load_for_month, workers=2)
    start = time.perf_counter()
    write_report(month, config, folder.parent / f"{folder.name}-phases.xlsx")
    spent["report"] = time.perf_counter() - start
    return spent
