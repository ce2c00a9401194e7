"""The month board (DESIGN.md §15): where every subbagian's form stands.

:func:`form_state` reads what one form file contributes — rows by status, who
its oldest waiting row waits for and since when, the rows waiting at each
level, % serapan of its counted rows, its problems — through the same per-file
engine as month end. :class:`BoardCache` keeps each file's state by its size,
modification time and SHA-256, so a refresh after one form changed re-reads one
file. :func:`month_board` puts the states in the office config's order, one
entry per subbagian, and :func:`waiting_for` picks what waits for one person.
Nothing here knows of a web page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections import Counter
from dataclasses import asdict, dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from pyaddin.engine.config import OfficeConfig, Pegawai
from pyaddin.engine.consolidate import (
    PENDING,
    file_result,
    form_files,
    month_folder,
    office_for,
    reading_pool,
)
from pyaddin.engine.model import (
    DIAJUKAN,
    DIKEMBALIKAN,
    DISETUJUI,
    DRAF,
    FormData,
    waiting_level,
)
from pyaddin.engine.timing import WAKTU_BAKU
from pyaddin.engine.year import percent

# The status words the board counts (DESIGN.md §5, with the usual chain).
STATUS_WORDS = (
    DRAF,
    DIAJUKAN,
    "DISETUJUI KASUBBAG",
    "DISETUJUI KABAG",
    DISETUJUI,
    DIKEMBALIKAN,
)


@dataclass(frozen=True)
class Wait:
    """The oldest row of a form waiting for one level."""

    jabatan: str
    nama: str
    sejak: str  # ISO time of the row's last Riwayat entry ("" when it has none)


@dataclass
class FormState:
    """What one form file shows on the board (small, cached per file)."""

    file: str
    subbagian: str | None
    periode: str
    status: dict[str, int] = field(default_factory=dict)
    waits: list[Wait] = field(default_factory=list)  # per level, the oldest first
    waiting: dict[str, int] = field(default_factory=dict)  # jabatan → rows waiting
    returned: int = 0
    anggaran: int = 0
    realisasi: int = 0
    problems: list[str] = field(default_factory=list)


def form_state(path: Path, periode: str, office: OfficeConfig | None) -> FormState:
    """One file's state, read with the fast reader; a file that cannot be read is
    a state with its problem (the board stays up). ``office`` None: the reading
    process's own (:func:`~pyaddin.engine.consolidate.reading_pool`)."""
    from pyaddin.files.reader import read_form_file

    read: dict[str, FormData] = {}

    def loader(target: Path) -> tuple[FormData, str]:
        form = read_form_file(target)
        read["form"] = form
        return form, ""

    result = file_result(path, periode, loader, False, office)
    state = FormState(path.name, result.subbagian, result.periode or periode)
    # a row still on its way up is a status on the board, not a problem
    state.problems = [p.message for p in result.problems if p.kind != PENDING]
    form = read.get("form")
    if form is None:
        return state
    final = [r for r in result.rows if r.final]
    state.anggaran = sum(r.anggaran for r in final)
    state.realisasi = sum(r.realisasi for r in final)
    filled = form.filled_rows()
    counts = Counter(r.status for r in filled)
    state.status = {word: counts.get(word, 0) for word in STATUS_WORDS}
    state.returned = counts.get(DIKEMBALIKAN, 0)
    last_entry = {e.row_id: e.waktu for e in form.history}
    oldest: dict[int, str] = {}
    for row in filled:
        level = waiting_level(row.status, form.chain)
        if level is None:
            continue
        jabatan = form.chain[level]
        state.waiting[jabatan] = state.waiting.get(jabatan, 0) + 1
        since = last_entry.get(row.row_id, "")
        if level not in oldest or (since and since < oldest[level]):
            oldest[level] = since
    for level, since in sorted(oldest.items(), key=lambda item: item[1]):
        jabatan = form.chain[level]
        names = ", ".join(p.nama for p in form.people if p.jabatan == jabatan)
        state.waits.append(Wait(jabatan, names, since))
    return state


class BoardCache:
    """Each file's :class:`FormState`, kept while its size and modification time
    stay the same — or its SHA-256, when only the time changed (a copy, a touch).

    Kept in memory and, with a ``folder``, on disk as well (JSON), so that the office
    server's workers share what one of them read, and a restart starts warm. A
    state is kept per office config (its keys and subbagian decide it)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._states: dict[str, tuple[int, int, str, FormState]] = {}

    def states(
        self, paths: list[Path], periode: str, office: OfficeConfig, workers: int = 2
    ) -> list[FormState]:
        """The states of ``paths``, reading only the files whose bytes changed (by
        two processes when there are many)."""
        tag = hashlib.sha256(office.model_dump_json().encode()).hexdigest()[:16]
        found: dict[Path, FormState] = {}
        missing: list[tuple[Path, str, os.stat_result, str]] = []
        for path in paths:
            key = hashlib.sha256(f"{path.resolve()}|{periode}|{tag}".encode()).hexdigest()
            try:
                info = path.stat()
            except OSError:
                continue  # gone since the folder was listed
            kept = self._states.get(key) or self._load(key)
            if kept is not None and kept[:2] == (info.st_size, info.st_mtime_ns):
                found[path] = kept[3]
                continue
            digest = _sha256(path)
            if kept is not None and digest and kept[2] == digest:
                self._keep(key, (info.st_size, info.st_mtime_ns, digest, kept[3]))
                found[path] = kept[3]
                continue
            missing.append((path, key, info, digest))
        for (path, key, info, digest), state in zip(
            missing, _read_states([m[0] for m in missing], periode, office, workers), strict=True
        ):
            self._keep(key, (info.st_size, info.st_mtime_ns, digest, state))
            found[path] = state
        return [found[p] for p in paths if p in found]

    def _keep(self, key: str, entry: tuple[int, int, str, FormState]) -> None:
        self._states[key] = entry
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            target = self.folder / f"{key}.json"
            temp = target.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
            size, mtime, digest, state = entry
            record = {"size": size, "mtime": mtime, "sha256": digest, "state": asdict(state)}
            temp.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
            temp.replace(target)

    def _load(self, key: str) -> tuple[int, int, str, FormState] | None:
        if self.folder is None:
            return None
        try:
            record = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            fields = dict(record["state"])
            fields["waits"] = [Wait(**w) for w in fields["waits"]]
            entry = (int(record["size"]), int(record["mtime"]), str(record["sha256"]))
            kept = (*entry, FormState(**fields))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # unreadable or of another version: read the form again
        self._states[key] = kept
        return kept


def _read_states(
    paths: list[Path], periode: str, office: OfficeConfig, workers: int
) -> list[FormState]:
    """:func:`form_state` of each path, by month end's reading pool."""
    if not paths:
        return []
    with reading_pool(len(paths), workers, office) as pool:
        return list(pool.map(form_state, paths, repeat(periode), repeat(office_for(pool, office))))


def _sha256(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def month_board(
    folder: Path,
    periode: str,
    office: OfficeConfig,
    cache: BoardCache,
    person: Pegawai | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The board of ``periode`` as DESIGN.md §15's JSON, plus ``berkas_bermasalah``
    (files no subbagian could be read from) and, per subbagian, the waits over the
    SOP's *waktu baku* (``lewat_waktu_baku``) for the page."""
    place = month_folder(folder, periode)
    files = form_files(place) if place.is_dir() else []
    states = cache.states(files, periode, office)
    states = [s for s in states if s.periode == periode or s.subbagian is None]
    by_unit: dict[str, list[FormState]] = {}
    unreadable = []
    for state in states:
        if state.subbagian is None:
            unreadable.append({"berkas": state.file, "masalah": state.problems})
            continue
        by_unit.setdefault(state.subbagian.casefold(), []).append(state)
    moment = now or dt.datetime.now(dt.UTC)
    entries = []
    names = [u.nama for u in office.subbagian]
    extra = sorted({s.subbagian for s in states if s.subbagian} - set(names), key=str.casefold)
    for nama in names + [n for n in extra if n]:
        mine = by_unit.get(nama.casefold(), [])
        entries.append(_unit_entry(nama, mine, moment))
    return {
        "periode": periode,
        "subbagian": entries,
        "menunggu_anda": waiting_for(person, office, states) if person else [],
        "berkas_bermasalah": unreadable,
    }


def _unit_entry(nama: str, states: list[FormState], moment: dt.datetime) -> dict[str, Any]:
    status = dict.fromkeys(STATUS_WORDS, 0)
    anggaran = realisasi = 0
    problems = 0
    waits: list[Wait] = []
    for index, state in enumerate(states):
        for word, n in state.status.items():
            status[word] = status.get(word, 0) + n
        if index == 0:  # a second form of the same subbagian is not counted
            anggaran, realisasi = state.anggaran, state.realisasi
        problems += len(state.problems) + (1 if index else 0)
        waits += state.waits
    waits.sort(key=lambda w: w.sejak or "9999")
    first = waits[0] if waits else None
    late = first is not None and _older_than(first.sejak, moment, WAKTU_BAKU)
    return {
        "nama": nama,
        "berkas": [s.file for s in states],
        "status": status,
        "menunggu": (
            {"jabatan": first.jabatan, "nama": first.nama, "sejak": first.sejak} if first else None
        ),
        "serapan_persen": percent(realisasi, anggaran),
        "masalah": problems,
        "lewat_waktu_baku": late,
    }


def _older_than(since: str, moment: dt.datetime, span: dt.timedelta) -> bool:
    try:
        when = dt.datetime.fromisoformat(since)
    except ValueError:
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return moment - when > span


def waiting_for(
    person: Pegawai, office: OfficeConfig, states: list[FormState]
) -> list[dict[str, Any]]:
    """The forms with rows waiting at ``person``'s level, in their scope (a Kasubbag
    their subbagian, a Kabag their bagian, the Sekretaris every one); for a
    Petugas, the rows returned to their subbagian."""
    bagian = {u.nama.casefold(): (u.bagian or "").casefold() for u in office.subbagian}
    found = []
    for state in states:
        unit = (state.subbagian or "").casefold()
        if not unit:
            continue
        if person.jabatan == "Petugas":
            rows = state.returned if unit == (person.subbagian or "").casefold() else 0
        elif person.jabatan == "Kasubbag":
            rows = (
                state.waiting.get("Kasubbag", 0)
                if unit == (person.subbagian or "").casefold()
                else 0
            )
        elif person.jabatan == "Kabag":
            mine = bagian.get(unit, "") == (person.bagian or "").casefold()
            rows = state.waiting.get("Kabag", 0) if mine else 0
        else:
            rows = state.waiting.get(person.jabatan, 0)
        if rows:
            found.append({"berkas": state.file, "subbagian": state.subbagian, "baris": rows})
    return found
