"""What *Validasi* shows on the form: highlighted cells, notes, the Status column.

Computed from a :class:`ValidationReport`, independent of any workbook library;
the adapters apply it (a cell typed outside the table is marked where it is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pyaddin.engine.form import COLUMN_KEYS, parse_area
from pyaddin.engine.messages import register, t
from pyaddin.engine.model import DIKEMBALIKAN, DRAF, STATUS_SEPARATOR, FormData
from pyaddin.validators.form_rules import OUTSIDE, Issue, ValidationReport
from pyaddin.validators.row import Row
from pyaddin.validators.tanggal import format_tanggal

register(
    {
        "mark.ready": ("siap diajukan", "ready to submit"),
        "mark.fix": ("perlu perbaikan: {fields}", "needs fixing: {fields}"),
        "mark.warn": ("periksa: {fields}", "check: {fields}"),
    }
)

ERROR = "error"
WARNING = "warning"


@dataclass
class Marks:
    """Cell marks keyed by (excel_row, field) and new Status texts by excel_row."""

    cells: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)
    statuses: dict[int, str] = field(default_factory=dict)
    values: dict[tuple[int, str], Any] = field(default_factory=dict)
    body_rows: tuple[int, int] = (0, 0)
    # The rows whose product marks are cleared first: every used row of the sheet
    # (a cell outside the table may carry a mark from an earlier Validasi).
    clear_rows: tuple[int, int] = (0, 0)


def marks_for(form: FormData, report: ValidationReport) -> Marks:
    """Marks for every issue; Status text for DRAF and DIKEMBALIKAN rows."""
    marks = Marks(
        body_rows=(form.body_first_row, form.body_last_row),
        clear_rows=(1, max(form.sheet_rows, form.body_last_row)),
    )
    for issue in report.warnings:
        marks.cells[(issue.row, issue.field)] = (WARNING, issue.message)
    for issue in report.errors:
        marks.cells[(issue.row, _column_key(issue))] = (ERROR, issue.message)
    for row in form.filled_rows():
        if row.status not in (DRAF, DIKEMBALIKAN):
            continue
        bad = [i.field for i in report.errors_at(row.excel_row)]
        warn = [i.field for i in report.warnings_at(row.excel_row)]
        if bad:
            note = t("mark.fix", fields=", ".join(dict.fromkeys(bad)))
        elif warn:
            note = t("mark.warn", fields=", ".join(dict.fromkeys(warn)))
        else:
            note = t("mark.ready")
        marks.statuses[row.excel_row] = f"{row.status}{STATUS_SEPARATOR}{note}"
    for excel_row, valid in report.valid_rows.items():
        for key, value in normalised_cells(valid).items():
            marks.values[(excel_row, key)] = value
    for row in form.rows:
        if row.is_empty() and row.status == DRAF and row.values.get("status"):
            marks.statuses[row.excel_row] = ""
    return marks


def _column_key(issue: Issue) -> str:
    """The table column an issue is marked in (a cell outside the table: its column)."""
    if issue.field != OUTSIDE:
        return issue.field
    area = parse_area(issue.cell)
    return COLUMN_KEYS[area.first_col - 1] if area else "kode"


def normalised_cells(row: Row) -> dict[str, Any]:
    """A valid row's values as the form stores them: canonical spellings, whole
    rupiah as numbers, a single day as a date, a range as Indonesian text."""
    tanggal = row.tanggal
    return {
        "kode": row.kode,
        "judul": row.judul,
        "sasaran": row.sasaran.canonical,
        "jenis": row.jenis,
        "anggaran": row.anggaran,
        "realisasi": row.realisasi,
        "lokus": row.lokus,
        "tanggal": tanggal.start if tanggal.start == tanggal.end else format_tanggal(tanggal),
    }
