"""What a consolidated month adds up to: serapan, totals per group, the
``consolidate --json`` object (DESIGN.md §6) and the date of its last final
approval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from pyaddin.engine.consolidate import Consolidation, KeptRow


def serapan(realisasi: int, anggaran: int) -> float:
    """% serapan to one decimal (0.0 when there is no anggaran)."""
    return round(realisasi * 100 / anggaran, 1) if anggaran else 0.0


def group_totals(
    rows: Iterable[KeptRow], key: Callable[[KeptRow], str], order: list[str] | None = None
) -> list[dict[str, Any]]:
    """kegiatan, anggaran, realisasi, serapan_persen per group (in ``order`` if given)."""
    groups: dict[str, list[int]] = {}
    for kept in rows:
        entry = groups.setdefault(key(kept), [0, 0, 0])
        entry[0] += 1
        entry[1] += kept.anggaran
        entry[2] += kept.realisasi
    names = [n for n in (order or []) if n in groups] + sorted(set(groups) - set(order or []))
    return [
        {
            "nama": n,
            "kegiatan": groups[n][0],
            "anggaran": groups[n][1],
            "realisasi": groups[n][2],
            "serapan_persen": serapan(groups[n][2], groups[n][1]),
        }
        for n in names
    ]


def to_json(month: Consolidation, out: str) -> dict[str, Any]:
    """The ``consolidate --json`` object of DESIGN.md §6."""
    anggaran = sum(r.anggaran for r in month.rows)
    realisasi = sum(r.realisasi for r in month.rows)
    by_unit = group_totals(month.rows, lambda r: r.subbagian, month.order)
    return {
        "periode": month.periode,
        "out": out,
        "workbooks": [
            {
                "file": w.file,
                "subbagian": w.subbagian,
                "rows": w.rows,
                "approved": w.approved,
                "pending": w.pending,
                "problems": w.problems,
            }
            for w in month.workbooks
        ],
        "totals": {
            "kegiatan": len(month.rows),
            "anggaran": anggaran,
            "realisasi": realisasi,
            "serapan_persen": serapan(realisasi, anggaran),
        },
        "by_subbagian": [
            {
                "subbagian": g["nama"],
                "kegiatan": g["kegiatan"],
                "anggaran": g["anggaran"],
                "realisasi": g["realisasi"],
                "serapan_persen": g["serapan_persen"],
            }
            for g in by_unit
        ],
        "problems": [
            {
                "file": p.file,
                "subbagian": p.subbagian,
                "row": p.row,
                "kind": p.kind,
                "message": p.message,
            }
            for p in month.problems
        ],
    }


def last_final_date(month: Consolidation) -> dt.date | None:
    """The day of the latest final approval in the month (for the signature line)."""
    try:
        return dt.datetime.fromisoformat(month.last_final).date() if month.last_final else None
    except ValueError:
        return None
