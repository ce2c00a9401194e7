"""One function per user action, over a workbook adapter.

The CLI, the ribbon macros and the demo all call these: validate (with or
without marks), submit / approve / return (:func:`run_action`), add rows,
consolidate. Each takes a :class:`~pyaddin.adapter.FormAdapter` (a file, or a
book open in Excel), runs the engine and applies the result, and returns the
outcome together with the one sentence a person is shown — the CLI prints it,
the ribbon puts it in a message box. The ``*_file`` helpers open a file with
the file adapter and commit atomically.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pyaddin.engine import form as F
from pyaddin.engine.errors import FileError, InputError
from pyaddin.engine.messages import register, t

if TYPE_CHECKING:
    from pyaddin.adapter import FormAdapter
    from pyaddin.engine.config import OfficeConfig, Subbagian
    from pyaddin.engine.consolidate import Consolidation
    from pyaddin.engine.review import ActionResult
    from pyaddin.engine.year import Year
    from pyaddin.files.form_file import FileForm
    from pyaddin.validators.form_rules import ValidationReport

T = TypeVar("T")

register(
    {
        "act.done": (
            "{verb}: {count} baris ({rows}) oleh {name}; Riwayat +{count} entri",
            "{verb}: {count} rows ({rows}) by {name}; Riwayat +{count} entries",
        ),
        "act.verb.submit": ("Diajukan", "Submitted"),
        "act.verb.approve": ("Disetujui", "Approved"),
        "act.verb.return": ("Dikembalikan", "Returned"),
        "act.valid": (
            "Semua {rows} baris terisi valid. Tekan Ajukan untuk mengirim ke Kasubbag.",
            "All {rows} filled rows are valid. Press Ajukan to send them to the Kasubbag.",
        ),
        "act.invalid": (
            "{errors} kesalahan dan {warnings} peringatan pada {rows} baris terisi.",
            "{errors} errors and {warnings} warnings in {rows} filled rows.",
        ),
        "act.no_key": (
            "{name} belum punya kunci tanda tangan di komputer ini, dan formulir ini mewajibkan "
            "tanda tangan. Buat dengan 'realisasi kunci buat --by {who}', minta admin "
            "menambahkan baris kunci_publik-nya ke konfigurasi kantor, lalu ulangi. Berkas "
            "tidak diubah.",
            "{name} has no signing key on this computer, and this form requires signatures. "
            "Make one with 'realisasi kunci buat --by {who}', ask the administrator to add its "
            "kunci_publik line to the office configuration, then try again. The file was not "
            "changed.",
        ),
        "act.unsigned": (
            "Peringatan: {name} belum punya kunci tanda tangan, jadi entri Riwayat ditulis "
            "tanpa tanda tangan. Buat kunci dengan 'realisasi kunci buat --by {who}'.",
            "Warning: {name} has no signing key, so the Riwayat entries were written unsigned. "
            "Make a key with 'realisasi kunci buat --by {who}'.",
        ),
        "act.added": (
            "{count} baris kosong ditambahkan; tabel kini {rows} baris.",
            "{count} empty rows added; the table now has {rows} rows.",
        ),
    }
)

TEMPLATE_NAME = "RealisasiKegiatan.xlsm"
SERVER_TEMPLATE_NAME = "RealisasiKegiatan-Server.xlsm"  # its ribbon calls the office server


class Action(Enum):
    """The review actions of DESIGN.md §5."""

    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"


_VERBS = {
    Action.SUBMIT: "act.verb.submit",
    Action.APPROVE: "act.verb.approve",
    Action.RETURN: "act.verb.return",
}


# --- the actions, over any adapter ------------------------------------------------


def validate(adapter: FormAdapter, mark: bool) -> ValidationReport:
    """Check the form; with ``mark``, also write what *Validasi* shows."""
    from pyaddin.validators.form_rules import validate_form

    form = adapter.read()
    report = validate_form(form)
    if mark:
        from pyaddin.engine.marks import marks_for

        adapter.apply_marks(marks_for(form, report))
    return report


def validation_sentence(report: ValidationReport) -> str:
    """The one-line verdict both front ends show after a check."""
    if report.valid and not report.warnings:
        return t("act.valid", rows=report.rows)
    return t(
        "act.invalid",
        errors=len(report.errors),
        warnings=len(report.warnings),
        rows=report.rows,
    )


def run_action(
    adapter: FormAdapter,
    action: Action,
    who: str,
    rows: list[int] | None,
    note: str = "",
    now: dt.datetime | None = None,
) -> ActionResult:
    """Submit, approve or return rows: all of them or none.

    A refusal raises before anything is applied, so a file stays byte-identical
    and a live book untouched.
    """
    from pyaddin.engine import review
    from pyaddin.engine.model import now_wib

    form = adapter.read()
    moment = now or now_wib()
    if action is Action.SUBMIT:
        result = review.submit(form, who, rows, moment)
    elif action is Action.APPROVE:
        result = review.approve(form, who, rows, moment)
    else:
        result = review.return_rows(form, who, rows or [], note, moment)
    sign_entries(result, form.signing, who)
    adapter.apply_action(result)
    return result


def sign_entries(result: ActionResult, policy: str, who: str) -> None:
    """Sign every new entry with the acting person's key from this PC's key store.
    No key: under ``wajib`` a refusal (nothing is applied), else the entries stay
    unsigned and :func:`unsigned_warning` says how to make one."""
    from pyaddin.engine.signatures import signer
    from pyaddin.files.key_store import open_store, person_id

    person = result.person
    key = open_store().get(person_id(person.nip, person.nama), person.nama)
    if key is None:
        if policy == "wajib":
            raise InputError("act.no_key", name=person.nama, who=who)
        return
    sign = signer(key)
    for entry in result.entries:
        entry.tanda_tangan = sign(entry.hash_entri)
    result.signed = True


def unsigned_warning(result: ActionResult, who: str) -> str | None:
    """The one line that says an action was written unsigned (None when signed)."""
    return None if result.signed else t("act.unsigned", name=result.person.nama, who=who)


def action_sentence(action: Action, result: ActionResult) -> str:
    """What an action did, in one line: the CLI prints it, the ribbon shows it."""
    rows = number_list([c.no for c in result.changes if c.no is not None])
    return t(
        "act.done",
        verb=t(_VERBS[action]),
        count=len(result.changes),
        rows=rows,
        name=result.person.nama,
    )


def number_list(numbers: list[int]) -> str:
    """``1, 2, 5`` — or, for more than ten, runs joined: ``1-250, 252-300``."""
    if len(numbers) <= 10:
        return ", ".join(map(str, numbers))
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def add_rows(adapter: FormAdapter, count: int) -> str:
    """Grow the table by ``count`` rows; returns the sentence to show."""
    form = adapter.read()
    adapter.add_rows(count)
    total = form.body_last_row - form.body_first_row + 1 + count
    return t("act.added", count=count, rows=total)


# --- files --------------------------------------------------------------------------


def slug(text: str) -> str:
    """File-name friendly text: ``Umum dan Logistik`` → ``Umum-dan-Logistik``."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def default_form_name(unit: Subbagian, period: dt.date) -> str:
    return f"Realisasi-{slug(unit.nama)}-{period:%Y-%m}.xlsm"


def template_path(server: bool = False) -> Path | None:
    """The committed template artifact (or the server form's), when installed."""
    name = SERVER_TEMPLATE_NAME if server else TEMPLATE_NAME
    candidate = resources.files("pyaddin.addin").joinpath(name)
    path = Path(str(candidate))
    return path if path.is_file() else None


def new_form(
    config: OfficeConfig,
    unit: Subbagian,
    period: dt.date,
    out: Path | None = None,
    rows: int | None = None,
    server_url: str | None = None,
) -> Path:
    """Make ``unit``'s form for ``period`` from the template; refuses to overwrite.
    With ``server_url``, the form whose ribbon calls the office server there."""
    from openpyxl import load_workbook

    from pyaddin.files.atomic import write_atomic
    from pyaddin.files.template import build_form, fill_form, grow_body

    target = out or Path(default_form_name(unit, period))
    if target.exists():
        raise FileError("file.exists", file=target)
    if server_url is not None:
        from pyaddin.files import server_vba

        server_url = server_vba.server_url(server_url, target)
    source = template_path(server=server_url is not None)
    if source is not None and target.suffix.lower() == ".xlsm":
        book = load_workbook(source, keep_vba=True)
    elif server_url is not None:
        raise FileError("file.missing", file=SERVER_TEMPLATE_NAME)
    else:
        book = build_form(config)
    if server_url is not None:
        server_vba.set_server_url(book, server_url)
    fill_form(book, config, unit, period)
    body = F.parse_area(book.defined_names[F.NAME_DATA].attr_text)
    if rows is not None and body is not None and rows > body.rows:
        grow_body(book, rows - body.rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, book.save)
    return target


def _on_file(path: Path, step: Callable[[FileForm], T]) -> T:
    """Run ``step`` on a form file through the file adapter and save atomically;
    a step that raises leaves the file byte-identical."""
    from pyaddin.files.form_file import FileForm

    with FileForm(path) as adapter:
        outcome = step(adapter)
        adapter.commit()
    return outcome


def validate_file(path: Path, mark: bool = False) -> ValidationReport:
    """Validate a form file; with ``mark``, write the marks (atomically)."""
    if not mark:
        from pyaddin.files.reader import read_form_file
        from pyaddin.validators.form_rules import validate_form

        return validate_form(read_form_file(path))
    return _on_file(path, lambda adapter: validate(adapter, mark=True))


def mark_file(path: Path) -> ValidationReport:
    """Validate and write the marks the ribbon's *Validasi* shows."""
    return validate_file(path, mark=True)


def act(
    path: Path,
    action: Action | str,
    who: str,
    rows: list[int] | None,
    note: str = "",
    now: dt.datetime | None = None,
) -> ActionResult:
    """:func:`run_action` on a file, written atomically (nothing on a refusal)."""
    return _on_file(path, lambda adapter: run_action(adapter, Action(action), who, rows, note, now))


def add_rows_file(path: Path, count: int) -> str:
    """:func:`add_rows` on a file, written atomically."""
    return _on_file(path, lambda adapter: add_rows(adapter, count))


def update_macros_file(path: Path, server_url: str | None = None) -> None:
    """Give a form of an older template this version's VBA project and ribbon (with
    ``server_url``: the server form's, calling the office server there)."""
    if server_url is not None:
        from pyaddin.files.server_vba import server_url as checked

        server_url = checked(server_url)
    source = template_path(server=server_url is not None)
    if source is None:
        raise FileError("file.missing", file=SERVER_TEMPLATE_NAME if server_url else TEMPLATE_NAME)

    def update(adapter: FileForm) -> None:
        adapter.read()  # refuses what is not our form
        adapter.replace_macros(source, server_url)

    _on_file(path, update)


def _progress(total: int) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """A progress bar on stderr over ``total`` files being read."""
    from tqdm import tqdm

    def progress(items: Iterator[Any]) -> Iterator[Any]:
        return iter(tqdm(items, total=total, desc="Membaca formulir", unit="berkas", leave=False))

    return progress


def consolidate_folder(
    folder: Path,
    periode: str,
    out: Path,
    config: OfficeConfig,
    include_pending: bool = False,
    show_progress: bool = False,
) -> Consolidation:
    """Consolidate every workbook in ``folder`` and write the report to ``out``."""
    from pyaddin.engine.consolidate import consolidate, form_files
    from pyaddin.files.atomic import write_atomic
    from pyaddin.files.reader import load_for_month
    from pyaddin.outputs.rekap_sheet import RekapRows
    from pyaddin.outputs.report import write_report

    if not folder.is_dir():
        raise FileError("file.missing", file=folder)
    files = [f for f in form_files(folder) if f.resolve() != out.resolve()]
    progress = _progress(len(files)) if show_progress else None
    with RekapRows() as rendered:  # the report's rows, rendered while files are read
        month = consolidate(
            files,
            periode,
            config,
            load_for_month,
            include_pending,
            progress,
            on_merged=rendered.add,
        )
        ytd = _year_to_date(folder, month, config)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, lambda temp: write_report(month, config, Path(temp), ytd, rendered))
    return month


def _year_to_date(
    folder: Path, month: Consolidation, config: OfficeConfig
) -> dict[str, Any] | None:
    """When ``folder`` sits among its year's month folders (``2026-01``, ``2026-02``,
    …: the layout the README recommends), the year to date: the earlier months read
    through the same engine, this month as just consolidated."""
    from pyaddin.engine.consolidate import form_files
    from pyaddin.engine.year import consolidate_year, year_to_date
    from pyaddin.files.reader import load_for_month

    tahun, number = month.periode[:4], int(month.periode[5:])
    earlier = [folder.resolve().parent / f"{tahun}-{m:02d}" for m in range(1, number)]
    files = [(f, f"{d.name}/{f.name}") for d in earlier if d.is_dir() for f in form_files(d)]
    if not files:
        return None
    year = consolidate_year(files, int(tahun), config, load_for_month)
    year.months[month.periode] = month
    year.last = number
    return year_to_date(year, month.periode, config)


def year_folder(
    folder: Path, tahun: int, out: Path, config: OfficeConfig, show_progress: bool = False
) -> Year:
    """Consolidate every form of ``tahun`` under ``folder`` and write the year view."""
    from pyaddin.engine.consolidate import year_files
    from pyaddin.engine.year import consolidate_year
    from pyaddin.files.atomic import write_atomic
    from pyaddin.files.reader import load_for_month
    from pyaddin.outputs.year_report import write_year_report

    if not folder.is_dir():
        raise FileError("file.missing", file=folder)
    found = [f for f in year_files(folder) if f.resolve() != out.resolve()]
    files = [(f, f.relative_to(folder).as_posix()) for f in found]
    year = consolidate_year(
        files, tahun, config, load_for_month, _progress(len(files)) if show_progress else None
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, lambda temp: write_year_report(year, config, Path(temp)))
    return year
