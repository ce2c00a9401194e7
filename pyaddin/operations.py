"""File operations the CLI (and batch jobs) call: each one reads a workbook
through the file adapter, runs the engine, and writes back atomically.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pyaddin import form as F
from pyaddin.errors import FileError
from pyaddin.io_xlsx import WorkbookSession, read_form_file, write_atomic
from pyaddin.marks import marks_for
from pyaddin.model import FormData
from pyaddin.snapshot import read_form
from pyaddin.validators.form_rules import ValidationReport, validate_form

TEMPLATE_NAME = "RealisasiKegiatan.xlsm"


def slug(text: str) -> str:
    """File-name friendly text: ``Umum dan Logistik`` → ``Umum-dan-Logistik``."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def default_form_name(unit: Subbagian, period: dt.date) -> str:
    return f"Realisasi-{slug(unit.nama)}-{period:%Y-%m}.xlsm"


def template_path() -> Path | None:
    """The committed template artifact, when installed with the package."""
    candidate = resources.files("pyaddin.addin").joinpath(TEMPLATE_NAME)
    path = Path(str(candidate))
    return path if path.is_file() else None


def new_form(
    config: OfficeConfig,
    unit: Subbagian,
    period: dt.date,
    out: Path | None = None,
    rows: int | None = None,
) -> Path:
    """Make ``unit``'s form for ``period`` from the template; refuses to overwrite."""
    from openpyxl import load_workbook

    from pyaddin.template import build_form, fill_form, grow_body

    target = out or Path(default_form_name(unit, period))
    if target.exists():
        raise FileError("file.exists", file=target)
    source = template_path()
    if source is not None and target.suffix.lower() == ".xlsm":
        book = load_workbook(source, keep_vba=True)
    else:
        book = build_form(config)
    fill_form(book, config, unit, period)
    body = F.parse_area(book.defined_names[F.NAME_DATA].attr_text)
    if rows is not None and body is not None and rows > body.rows:
        grow_body(book, rows - body.rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, book.save)
    return target


def validate_file(path: Path) -> ValidationReport:
    """Validate a form file; reads only."""
    return validate_form(read_form_file(path))


def mark_file(path: Path) -> ValidationReport:
    """Validate and write the marks the ribbon's *Validasi* shows."""
    from pyaddin.xlsx_edit import apply_marks

    with WorkbookSession(path) as session:
        form: FormData = read_form(session.grid())
        report = validate_form(form)
        assert session.book is not None
        apply_marks(session.book, marks_for(form, report))
        session.save()
    return report


def act(
    path: Path,
    action: str,
    who: str,
    rows: list[int] | None,
    note: str = "",
    now: dt.datetime | None = None,
) -> ReviewResult:
    """Run one workflow action on a file: all rows or none, written atomically.

    ``action`` is ``submit``, ``approve`` or ``return``. A refusal raises before
    anything is written, so the file stays byte-identical.
    """
    from pyaddin import review
    from pyaddin.model import now_wib
    from pyaddin.xlsx_edit import append_history, apply_changes

    moment = now or now_wib()
    with WorkbookSession(path) as session:
        form = read_form(session.grid())
        if action == "submit":
            result = review.submit(form, who, rows, moment)
        elif action == "approve":
            result = review.approve(form, who, rows, moment)
        else:
            result = review.return_rows(form, who, rows or [], note, moment)
        assert session.book is not None
        apply_changes(session.book, result.changes)
        append_history(session.book, result.entries, result.head)
        session.save()
    return result


if TYPE_CHECKING:
    from pyaddin.config import OfficeConfig, Subbagian
    from pyaddin.review import ActionResult as ReviewResult


def consolidate_folder(
    folder: Path,
    periode: str,
    out: Path,
    config: OfficeConfig,
    include_pending: bool = False,
    show_progress: bool = False,
) -> Consolidation:
    """Consolidate every workbook in ``folder`` and write the report to ``out``."""
    from pyaddin.consolidate import consolidate, form_files
    from pyaddin.io_xlsx import load_for_month
    from pyaddin.report import write_report

    if not folder.is_dir():
        raise FileError("file.missing", file=folder)
    files = [f for f in form_files(folder) if f.resolve() != out.resolve()]
    progress = None
    if show_progress:
        from tqdm import tqdm

        def progress(items):  # type: ignore[no-untyped-def]
            return tqdm(
                items, total=len(files), desc="Membaca formulir", unit="berkas", leave=False
            )

    month = consolidate(files, periode, config, load_for_month, include_pending, progress)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, lambda temp: write_report(month, config, Path(temp)))
    return month


if TYPE_CHECKING:
    from pyaddin.consolidate import Consolidation
