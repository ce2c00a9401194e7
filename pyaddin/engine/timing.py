"""The SOP's time standard (*waktu baku*): each check takes at most 1 jam.

From Riwayat: a row starts waiting for a level when it is submitted (level 1)
or approved by the level below, and stops when that level approves or returns
it. Per subbagian and level: how many waits, the median, the longest, and how
many went over the standard.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass

from pyaddin.engine.model import ACTION_APPROVE, ACTION_RETURN, ACTION_SUBMIT, HistoryEntry

# Every checking step of the SOP (steps 3–5 and 9) has a waktu baku of 1 jam. The upload
# of step 10 (10 menit) happens outside the workbook, so Riwayat cannot time it.
WAKTU_BAKU = dt.timedelta(hours=1)


@dataclass(frozen=True)
class WaitStats:
    subbagian: str
    tahap: str
    count: int
    median_hours: float
    longest_hours: float
    over_standard: int

    @property
    def flagged(self) -> bool:
        return self.over_standard > 0


def waits(entries: list[HistoryEntry], chain: list[str]) -> dict[str, list[dt.timedelta]]:
    """Every finished wait, by the level (jabatan) that was waited for."""
    started: dict[str, tuple[str, dt.datetime]] = {}
    result: dict[str, list[dt.timedelta]] = {level: [] for level in chain}
    moments: dict[str, dt.datetime | None] = {}  # one action run shares one time
    for entry in entries:
        if entry.waktu not in moments:
            try:
                moments[entry.waktu] = dt.datetime.fromisoformat(entry.waktu)
            except ValueError:
                moments[entry.waktu] = None
        when = moments[entry.waktu]
        if when is None:
            continue
        waiting = started.pop(entry.row_id, None)
        if waiting is not None and entry.aksi in (ACTION_APPROVE, ACTION_RETURN):
            level, since = waiting
            if entry.tahap == level and when >= since:
                result[level].append(when - since)
        if entry.aksi == ACTION_SUBMIT:
            started[entry.row_id] = (chain[0], when)
        elif entry.aksi == ACTION_APPROVE and entry.tahap in chain:
            index = chain.index(entry.tahap)
            if index + 1 < len(chain):
                started[entry.row_id] = (chain[index + 1], when)
    return result


def wait_table(
    measured: Mapping[str, dict[str, list[dt.timedelta]]],
    order: list[str],
    standard: dt.timedelta = WAKTU_BAKU,
) -> list[WaitStats]:
    """One line per subbagian and level that had at least one wait."""
    table = []
    for subbagian in [s for s in order if s in measured]:
        for level, durations in measured[subbagian].items():
            if not durations:
                continue
            hours = [d.total_seconds() / 3600 for d in durations]
            table.append(
                WaitStats(
                    subbagian=subbagian,
                    tahap=level,
                    count=len(hours),
                    median_hours=round(statistics.median(hours), 2),
                    longest_hours=round(max(hours), 2),
                    over_standard=sum(1 for d in durations if d > standard),
                )
            )
    return table
