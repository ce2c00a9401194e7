"""Month-end consolidation: every subbagian's workbook into one month.

Each workbook is validated and verified; only final-approved, unchanged rows
are kept (pending ones too with ``include_pending``, marked as such). Every
problem becomes one entry of a kind from DESIGN.md §6, and one bad file never
stops the month. Workbooks are read two at a time (calamine releases the GIL);
only the kept rows stay in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from sys import intern
from typing import Any, NamedTuple

from pyaddin.engine.audit import HISTORY_BROKEN, verify_form
from pyaddin.engine.config import OfficeConfig
from pyaddin.engine.errors import FileError
from pyaddin.engine.messages import language, register, set_language, t
from pyaddin.engine.model import FormData, approved_status
from pyaddin.engine.timing import WaitStats, wait_table, waits
from pyaddin.validators.form_rules import OUTSIDE, validate_form
from pyaddin.validators.row import Row
from pyaddin.validators.tanggal import format_tanggal

register(
    {
        "cons.pending": (
            "Baris No. {no} belum final ({status}).",
            "Row No. {no} is not final ({status}).",
        ),
        "cons.invalid": (
            "Baris No. {no} tidak valid: {detail}",
            "Row No. {no} is invalid: {detail}",
        ),
        "cons.wrong_period": (
            "Formulir untuk periode {found}, bukan {wanted}; berkas tidak dihitung.",
            "The form is for {found}, not {wanted}; the file is not counted.",
        ),
        "cons.duplicate": (
            "Subbagian {unit} juga dikirim dalam {other}; berkas ini tidak dihitung.",
            "Subbagian {unit} was also sent in {other}; this file is not counted.",
        ),
        "cons.missing": (
            "Subbagian {unit} tidak mengirim formulir bulan ini.",
            "Subbagian {unit} sent no form this month.",
        ),
        "cons.broken_excluded": (
            " Baris berkas ini tidak dihitung sampai Riwayat dipulihkan.",
            " This file's rows are not counted until Riwayat is restored.",
        ),
    }
)

PENDING = "PENDING"
INVALID = "INVALID"
WRONG_PERIOD = "WRONG_PERIOD"
DUPLICATE_SUBBAGIAN = "DUPLICATE_SUBBAGIAN"
MISSING_SUBBAGIAN = "MISSING_SUBBAGIAN"
UNREADABLE = "UNREADABLE"
OUTSIDE_TABLE = "OUTSIDE_TABLE"


@dataclass(frozen=True)
class Problem:
    file: str
    subbagian: str
    row: int | None
    kind: str
    message: str


class KeptRow(NamedTuple):
    """A row that goes into the report: its values as the report shows them (a
    tuple, so a month of many thousand rows stays light and crosses process
    boundaries fast: pickled as a tuple, not field by field)."""

    subbagian: str
    no: int | None
    kode: str
    judul: str
    sasaran: str
    jenis: str
    anggaran: int
    realisasi: int
    lokus: str
    tanggal: str
    final: bool

    @classmethod
    def of(cls, subbagian: str, no: int | None, row: Row, final: bool) -> KeptRow:
        """The kept form of a validated row."""
        # Repeated values (a unit, a kode, a lokus) become one object each, which
        # pickling then sends once per file and the parent keeps once.
        return cls(
            intern(subbagian),
            no,
            intern(row.kode),
            row.judul,
            intern(row.sasaran.canonical),
            intern(row.jenis),
            row.anggaran,
            row.realisasi,
            intern(row.lokus),
            intern(format_tanggal(row.tanggal)),
            final,
        )


@dataclass
class WorkbookSummary:
    file: str
    subbagian: str
    rows: int = 0
    approved: int = 0
    pending: int = 0
    problems: int = 0
    sha256: str = ""
    entries: int = 0
    counted: bool = True


@dataclass
class Consolidation:
    """The month: kept rows, per-workbook summaries, problems, Riwayat for timing."""

    periode: str
    workbooks: list[WorkbookSummary] = field(default_factory=list)
    rows: list[KeptRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    waits: dict[str, list[WaitStats]] = field(default_factory=dict)  # per subbagian
    last_final: str = ""
    order: list[str] = field(default_factory=list)


@dataclass
class _FileResult:
    """What one workbook contributes (small: it may cross a process boundary)."""

    summary: WorkbookSummary
    subbagian: str | None
    rows: list[KeptRow]
    problems: list[Problem]
    waits: list[WaitStats] = field(default_factory=list)  # summed up where measured
    last_final: str = ""
    path: str = ""
    periode: str = ""  # the form's own RK_PERIODE ("" when unreadable)


Loader = Callable[[Path], tuple[FormData, str]]
# From this many files on, two processes share the Python work (validation,
# hashing); below it threads suffice (calamine releases the GIL while parsing).
PROCESS_THRESHOLD = 8
# How worker processes start (None: the platform's default; Windows and macOS spawn).
START_METHOD: str | None = None


def _is_form_name(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm") and not path.name.startswith(("~$", ".~"))


def year_files(folder: Path) -> list[Path]:
    """Workbooks anywhere under ``folder`` (month subfolders or flat), sorted by path;
    lock and temp files and hidden folders skipped."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and _is_form_name(p)
        and not any(part.startswith(".") for part in p.relative_to(folder).parts[:-1])
    )


def form_files(folder: Path) -> list[Path]:
    """Workbooks in ``folder`` (sorted), skipping Excel's ``~$`` lock files and temp files."""
    return sorted(p for p in folder.iterdir() if p.is_file() and _is_form_name(p))


def month_folder(folder: Path, periode: str) -> Path:
    """The month's forms: ``folder/YYYY-MM`` when it exists, else ``folder``."""
    inner = folder / periode
    return inner if inner.is_dir() else folder


def consolidate(
    files: Iterable[Path],
    periode: str,
    config: OfficeConfig,
    loader: Loader,
    include_pending: bool = False,
    progress: Callable[[Iterator[Any]], Iterator[Any]] | None = None,
    workers: int = 2,
    on_merged: Callable[[str, list[KeptRow]], None] | None = None,
) -> Consolidation:
    """Consolidate ``files`` for ``periode`` (``YYYY-MM``); ``on_merged`` is told each
    subbagian and its rows as they join the month, while other files are still read."""
    month = Consolidation(periode)
    results = read_results(list(files), periode, config, loader, include_pending, workers)
    seen: dict[str, str] = {}
    for result in progress(results) if progress is not None else results:
        merge_result(month, result, seen)
        if on_merged is not None and result.subbagian is not None and result.summary.counted:
            on_merged(result.subbagian, result.rows)
    finish_month(month, config, seen)
    return month


# The office of a reading process, given once when the process starts (pickling a
# config of hundreds of people with every file costs milliseconds a file).
_PROCESS_OFFICE: OfficeConfig | None = None


def _start_reader(lang: str, office: OfficeConfig | None) -> None:
    global _PROCESS_OFFICE
    set_language(lang)
    _PROCESS_OFFICE = office


def reading_pool(count: int, workers: int, office: OfficeConfig | None = None) -> Executor:
    """The pool that reads ``count`` files: ``workers`` processes from
    :data:`PROCESS_THRESHOLD` files on, threads below it. Processes get ``office``
    once; pass :func:`office_for` ``(pool, office)`` to each task."""
    size = max(1, min(workers, count or 1))
    if workers < 2 or count < PROCESS_THRESHOLD:
        return ThreadPoolExecutor(max_workers=size)
    import gc
    import multiprocessing

    # A spawned worker (Windows, macOS) starts with the default language: pass ours on.
    pool = ProcessPoolExecutor(
        max_workers=size,
        mp_context=multiprocessing.get_context(START_METHOD),
        initializer=_start_reader,
        initargs=(language(), office),
    )
    # Forked readers share what this process holds: frozen, the collector of each
    # reader never walks it (fewer pages copied, less time collecting), and the
    # first task is what forks them. Thawed at once: this process may run for long.
    gc.freeze()
    try:
        pool.submit(int)
    finally:
        gc.unfreeze()
    return pool


def office_for(pool: Executor, office: OfficeConfig) -> OfficeConfig | None:
    """What a task of ``pool`` is given as its office: nothing in a process (it has
    the one of :func:`reading_pool`), the office itself in a thread."""
    return None if isinstance(pool, ProcessPoolExecutor) else office


def read_results(
    files: list[Path],
    periode: str,
    config: OfficeConfig,
    loader: Loader,
    include_pending: bool = False,
    workers: int = 2,
) -> Iterator[_FileResult]:
    """What each file contributes, in file order, read by a pool; ``periode`` is a
    month (``YYYY-MM``) or a year (``YYYY``: every month of it is accepted)."""
    pool = reading_pool(len(files), workers, config)
    processes = isinstance(pool, ProcessPoolExecutor)
    with pool:
        yield from pool.map(
            file_result,
            files,
            repeat(periode),
            repeat(loader),
            repeat(include_pending),
            repeat(office_for(pool, config)),
            chunksize=2 if processes else 1,
        )


def finish_month(month: Consolidation, config: OfficeConfig, seen: dict[str, str]) -> None:
    """After the last file: every expected subbagian that sent nothing, and the
    report's order of subbagian (the config's, then any others)."""
    for unit in config.subbagian:
        if unit.nama.casefold() not in seen:
            month.problems.append(
                Problem("", unit.nama, None, MISSING_SUBBAGIAN, t("cons.missing", unit=unit.nama))
            )
    names = [u.nama for u in config.subbagian]
    month.order = names + sorted({r.subbagian for r in month.rows} - set(names))


def merge_result(month: Consolidation, result: _FileResult, seen: dict[str, str]) -> None:
    """Add one file's result to ``month``; a second file of a subbagian already
    ``seen`` (casefolded name → file) is DUPLICATE_SUBBAGIAN and not counted."""
    summary, unit = result.summary, result.subbagian
    if unit is not None and summary.counted:
        key = unit.casefold()
        if key in seen:
            summary.counted = False
            message = t("cons.duplicate", unit=unit, other=seen[key])
            result.problems.append(Problem(summary.file, unit, None, DUPLICATE_SUBBAGIAN, message))
        else:
            seen[key] = Path(summary.file).name
            month.rows.extend(result.rows)
            month.waits[unit] = result.waits
            month.last_final = max(month.last_final, result.last_final)
    if not summary.counted:
        summary.approved = 0
    summary.problems = len(result.problems)
    month.workbooks.append(summary)
    month.problems.extend(result.problems)


def file_result(
    path: Path,
    periode: str,
    loader: Loader,
    include_pending: bool,
    office: OfficeConfig | None = None,
) -> _FileResult:
    """What one workbook contributes to ``periode`` (read with ``loader``): its kept
    rows, problems and waits; an unreadable file is a result with its problem.
    Without ``office``: the one this reading process was given (:func:`reading_pool`)."""
    if office is None:
        assert _PROCESS_OFFICE is not None, "a reading process is given its office"
        office = _PROCESS_OFFICE
    summary = WorkbookSummary(file=path.name, subbagian="")
    try:
        form, digest = loader(path)
    except FileError as exc:
        summary.counted = False
        message = FileError(exc.key, **{**exc.params, "file": path.name}).message
        problem = Problem(path.name, "", None, UNREADABLE, message)
        return _FileResult(summary, None, [], [problem], path=str(path))
    summary.subbagian, summary.sha256 = form.subbagian, digest
    summary.entries = len(form.history)
    filled = form.filled_rows()
    summary.rows = len(filled)
    if form.periode != periode and not (len(periode) == 4 and form.periode[:5] == periode + "-"):
        summary.counted = False
        message = t("cons.wrong_period", found=form.periode, wanted=periode)
        problem = Problem(path.name, form.subbagian, None, WRONG_PERIOD, message)
        return _FileResult(
            summary, form.subbagian, [], [problem], path=str(path), periode=form.periode
        )
    report = validate_form(form)
    audit = verify_form(form, report, office)
    problems = _problems(path.name, form, audit.findings)
    problems += [
        Problem(path.name, form.subbagian, issue.row, OUTSIDE_TABLE, issue.message)
        for issue in report.errors
        if issue.field == OUTSIDE
    ]
    broken = any(f.kind == HISTORY_BROKEN for f in audit.findings)
    if broken:
        first = next(p for p in problems if p.kind == HISTORY_BROKEN)
        problems[problems.index(first)] = Problem(
            first.file,
            first.subbagian,
            first.row,
            first.kind,
            first.message + t("cons.broken_excluded"),
        )
    changed = audit.broken_rows()
    final_status = approved_status(form.chain, len(form.chain) - 1)
    kept: list[KeptRow] = []
    for row in filled:
        valid = report.valid_rows.get(row.excel_row)
        row_id = row.row_id
        state = audit.states.get(row_id) if row_id else None
        status = state.status if state else "DRAF"
        if valid is None:
            detail = " ".join(i.message for i in report.errors_at(row.excel_row))
            problems.append(
                Problem(
                    path.name,
                    form.subbagian,
                    row.excel_row,
                    INVALID,
                    t("cons.invalid", no=row.no, detail=detail),
                )
            )
            continue
        if row.excel_row in changed or broken:
            continue
        if row_id in audit.unsigned_rows:
            continue  # final, but not signed by the right people (§12)
        if status == final_status:
            kept.append(KeptRow.of(form.subbagian, row.no, valid, final=True))
            summary.approved += 1
        else:
            summary.pending += 1
            problems.append(
                Problem(
                    path.name,
                    form.subbagian,
                    row.excel_row,
                    PENDING,
                    t("cons.pending", no=row.no, status=status),
                )
            )
            if include_pending:
                kept.append(KeptRow.of(form.subbagian, row.no, valid, final=False))
    final_level = form.chain[-1]
    last_final = max(
        (e.waktu for e in form.history if e.aksi == "SETUJUI" and e.tahap == final_level),
        default="",
    )
    return _FileResult(
        summary,
        form.subbagian,
        kept,
        problems,
        waits=wait_table({form.subbagian: waits(form.history, form.chain)}, [form.subbagian]),
        last_final=last_final,
        path=str(path),
        periode=form.periode,
    )


def _problems(file: str, form: FormData, findings: list[Any]) -> list[Problem]:
    """One problem per finding; a signature finding once per row and kind (a row's
    four unsigned entries are one problem), at the row's place on Realisasi."""
    from pyaddin.engine.signatures import SIGNATURE_KINDS

    rows_by_no: dict[int | None, int] | None = None  # made when a signature finding needs it
    problems, seen = [], set()
    for f in findings:
        if f.kind in SIGNATURE_KINDS:
            key = (f.no, f.kind)
            if key in seen:
                continue
            seen.add(key)
            if rows_by_no is None:
                rows_by_no = {r.no: r.excel_row for r in form.filled_rows()}
            problems.append(Problem(file, form.subbagian, rows_by_no.get(f.no), f.kind, f.message))
        else:
            problems.append(Problem(file, form.subbagian, f.row, f.kind, f.message))
    return problems
