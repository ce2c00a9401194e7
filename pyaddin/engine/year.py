"""The year view (DESIGN.md §13): every month's forms through the same
consolidation, then cumulative realisation against the pagu, the triwulan
targets and the monthly withdrawal plan (Halaman III DIPA).

All the year's forms are read in one pool (the months are independent); each
month is then merged on its own, with the same duplicate and missing-subbagian
rules as ``consolidate``. Nothing is cached.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyaddin.engine.config import OfficeConfig
from pyaddin.engine.consolidate import (
    Consolidation,
    KeptRow,
    Loader,
    Problem,
    WorkbookSummary,
    finish_month,
    merge_result,
    read_results,
)
from pyaddin.engine.messages import register, t
from pyaddin.validators.tanggal import month_label

register(
    {
        "year.missing_month": (
            "Tidak ada formulir untuk {month}.",
            "There is no form for {month}.",
        ),
    }
)

MISSING_MONTH = "MISSING_MONTH"
AKUN_GROUPS = {"51": "Belanja Pegawai", "52": "Belanja Barang", "53": "Belanja Modal"}
_AKUN = re.compile(r"(?<!\d)(5\d{5})(?!\d)")


@dataclass(frozen=True)
class YearProblem:
    """A problem of the year: a month's problem with its month, or MISSING_MONTH."""

    periode: str
    problem: Problem


@dataclass
class Year:
    """The year so far: each month with forms, and what was read."""

    tahun: int
    pagu: int | None
    months: dict[str, Consolidation] = field(default_factory=dict)
    problems: list[YearProblem] = field(default_factory=list)
    sources: list[tuple[str, WorkbookSummary]] = field(default_factory=list)
    last: int = 0  # the last month (1–12) found, 0 when none

    def periodes(self) -> list[str]:
        """Every month from January to the last month found, ``YYYY-MM``."""
        return [f"{self.tahun}-{m:02d}" for m in range(1, self.last + 1)]

    def rows(self, periode: str) -> list[KeptRow]:
        month = self.months.get(periode)
        return month.rows if month else []


def akun_group(kode: str) -> str:
    """The akun group of a budget code: the first two digits of its six-digit akun
    (51 pegawai, 52 barang, 53 modal), ``Lainnya`` when it has none."""
    found = _AKUN.findall(kode)
    return AKUN_GROUPS.get(found[-1][:2], "Lainnya") if found else "Lainnya"


def consolidate_year(
    files: Iterable[tuple[Path, str]],
    tahun: int,
    config: OfficeConfig,
    loader: Loader,
    progress: Callable[[Iterator[Any]], Iterator[Any]] | None = None,
    workers: int = 2,
) -> Year:
    """Consolidate every form of ``tahun`` among ``files`` ((path, name to show)),
    month by month; forms of another year are WRONG_PERIOD."""
    files = list(files)
    year = Year(tahun, config.year_pagu())
    seen: dict[str, dict[str, str]] = {}
    found: set[str] = set()
    labels = {path: label for path, label in files}
    results = read_results([p for p, _ in files], str(tahun), config, loader, False, workers)
    for result in progress(results) if progress else results:
        result.summary.file = labels.get(Path(result.path), result.summary.file)
        result.problems[:] = [_relabel(p, result.summary.file) for p in result.problems]
        periode = result.periode if result.periode.startswith(f"{tahun}-") else ""
        if periode:
            found.add(periode)
            month = year.months.setdefault(periode, Consolidation(periode))
            before = len(month.problems)
            merge_result(month, result, seen.setdefault(periode, {}))
            year.problems += [YearProblem(periode, p) for p in month.problems[before:]]
        else:
            year.problems += [YearProblem(result.periode, p) for p in result.problems]
        year.sources.append((periode or result.periode, result.summary))
    year.last = max((int(p[5:]) for p in found), default=0)
    for periode in year.periodes():
        if periode not in year.months:
            message = t("year.missing_month", month=month_label(periode))
            year.problems.append(
                YearProblem(periode, Problem("", "", None, MISSING_MONTH, message))
            )
            continue
        month = year.months[periode]
        before = len(month.problems)
        finish_month(month, config, seen[periode])
        year.problems += [YearProblem(periode, p) for p in month.problems[before:]]
    year.problems.sort(key=lambda y: y.periode)  # stable: each month's own order kept
    year.sources.sort(key=lambda s: (s[0], s[1].file))
    return year


def _relabel(problem: Problem, file: str) -> Problem:
    if not problem.file:
        return problem
    return Problem(file, problem.subbagian, problem.row, problem.kind, problem.message)


def percent(amount: int, pagu: int | None) -> float | None:
    """``amount`` as % of ``pagu`` to two decimals; None without a pagu."""
    return round(100 * amount / pagu, 2) if pagu else None


def months_table(year: Year) -> list[dict[str, Any]]:
    """The ``bulan`` list of §13: each month, its sums and the cumulative figures."""
    table, cumulative = [], 0
    for periode in year.periodes():
        rows = year.rows(periode)
        realisasi = sum(r.realisasi for r in rows)
        cumulative += realisasi
        table.append(
            {
                "periode": periode,
                "kegiatan": len(rows),
                "anggaran": sum(r.anggaran for r in rows),
                "realisasi": realisasi,
                "kumulatif_realisasi": cumulative,
                "kumulatif_persen": percent(cumulative, year.pagu),
            }
        )
    return table


def triwulan_table(
    year: Year, config: OfficeConfig, months: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The ``triwulan`` list of §13: each triwulan ended by the last month found
    (``months``: the :func:`months_table` already made, if any)."""
    months = months if months is not None else months_table(year)
    table = []
    for quarter in range(1, 5):
        end = quarter * 3
        if end > year.last:
            break
        reached = months[end - 1]["kumulatif_persen"]
        target = config.anggaran.target_triwulan[quarter - 1]
        table.append(
            {
                "triwulan": quarter,
                "sampai": f"{year.tahun}-{end:02d}",
                "kumulatif_persen": reached,
                "target_persen": target,
                "tercapai": reached is not None and reached >= target,
            }
        )
    return table


def deviation(realisasi: int, rencana: int) -> float | None:
    """The Halaman III DIPA deviation, % of the plan (None where the plan is 0)."""
    return round(100 * abs(realisasi - rencana) / rencana, 2) if rencana else None


def plan_table(
    year: Year, plan: list[int], tolerance: float, unit: str | None = None
) -> list[dict[str, Any]]:
    """Realisation against ``plan`` month by month (of one subbagian when ``unit``)."""
    table = []
    for periode in year.periodes():
        rows = year.rows(periode)
        if unit is not None:
            rows = [r for r in rows if r.subbagian == unit]
        realisasi = sum(r.realisasi for r in rows)
        rencana = plan[int(periode[5:]) - 1]
        off = deviation(realisasi, rencana)
        table.append(
            {
                "periode": periode,
                "rencana": rencana,
                "realisasi": realisasi,
                "deviasi_persen": off,
                "melewati_toleransi": off is not None and off > tolerance,
            }
        )
    return table


def by_month(year: Year, key: Callable[[KeptRow], str], order: list[str]) -> list[dict[str, Any]]:
    """Per group (subbagian or akun group): realisasi of each month, the year's
    anggaran and realisasi, % serapan and % of pagu."""
    groups: dict[str, dict[str, Any]] = {}
    for index, periode in enumerate(year.periodes()):
        for row in year.rows(periode):
            entry = groups.setdefault(
                key(row), {"bulan": [0] * year.last, "anggaran": 0, "realisasi": 0}
            )
            entry["bulan"][index] += row.realisasi
            entry["anggaran"] += row.anggaran
            entry["realisasi"] += row.realisasi
    names = [n for n in order if n in groups] + sorted(set(groups) - set(order))
    return [
        {"nama": n, **groups[n], "persen_pagu": percent(groups[n]["realisasi"], year.pagu)}
        for n in names
    ]


def year_to_json(year: Year, config: OfficeConfig, out: str) -> dict[str, Any]:
    """The ``rekap-tahun --json`` object of DESIGN.md §13."""
    plan = config.anggaran.rencana
    tolerance = config.anggaran.toleransi_deviasi
    months = months_table(year)
    return {
        "tahun": year.tahun,
        "out": out,
        "pagu": year.pagu,
        "bulan": months,
        "triwulan": triwulan_table(year, config, months),
        "rencana": plan_table(year, plan, tolerance) if plan else [],
        "problems": [
            {
                "file": y.problem.file,
                "periode": y.periode,
                "subbagian": y.problem.subbagian,
                "row": y.problem.row,
                "kind": y.problem.kind,
                "message": y.problem.message,
            }
            for y in year.problems
        ],
    }


def year_to_date(year: Year, periode: str, config: OfficeConfig) -> dict[str, Any] | None:
    """For the monthly report: cumulative realisation to ``periode`` and the target
    of its triwulan; None when no earlier month of the year was found."""
    months = [m for m in months_table(year) if m["periode"] <= periode]
    if not months or len(months) < int(periode[5:]) or not any(m["kegiatan"] for m in months[:-1]):
        return None
    quarter = (int(periode[5:]) - 1) // 3 + 1
    return {
        "sampai": periode,
        "kumulatif_realisasi": months[-1]["kumulatif_realisasi"],
        "kumulatif_persen": months[-1]["kumulatif_persen"],
        "pagu": year.pagu,
        "triwulan": quarter,
        "target_persen": config.anggaran.target_triwulan[quarter - 1],
    }
