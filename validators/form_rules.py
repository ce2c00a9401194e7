"""Whole-form validation: every filled row, then the cross-row rules.

Cross-row rules: Σ realisasi per kode ≤ its pagu in Referensi (an error on the
row where the running total first exceeds it, and after); duplicate
(kode, judul, tanggal) rows are warnings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from pyaddin.engine.form import cell_ref, col_letter
from pyaddin.engine.messages import t
from pyaddin.engine.model import FormData, FormRow
from pyaddin.validators.errors import FieldError
from pyaddin.validators.row import Row, RowContext, check_row
from pyaddin.validators.rupiah import format_rupiah


@dataclass(frozen=True)
class Issue:
    """One problem at one cell: ``row`` is the Excel row, ``no`` the form's No."""

    row: int
    no: int | None
    field: str
    cell: str
    message: str


@dataclass
class ValidationReport:
    """The result of validating one form."""

    file: str
    periode: str
    subbagian: str
    rows: int
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    valid_rows: dict[int, Row] = field(default_factory=dict)
    _by_row: dict[int, list[Issue]] | None = field(default=None, repr=False, compare=False)
    _indexed: int = field(default=-1, repr=False, compare=False)
    _warn_by_row: dict[int, list[Issue]] | None = field(default=None, repr=False, compare=False)
    _warn_indexed: int = field(default=-1, repr=False, compare=False)

    @property
    def valid(self) -> bool:
        return not self.errors

    def errors_at(self, excel_row: int) -> list[Issue]:
        """The errors of one Excel row (indexed once: callers ask row by row)."""
        if self._by_row is None or self._indexed != len(self.errors):
            self._by_row = {}
            for issue in self.errors:
                self._by_row.setdefault(issue.row, []).append(issue)
            self._indexed = len(self.errors)
        return self._by_row.get(excel_row, [])

    def warnings_at(self, excel_row: int) -> list[Issue]:
        """The warnings of one Excel row."""
        if self._warn_by_row is None or self._warn_indexed != len(self.warnings):
            self._warn_by_row = {}
            for issue in self.warnings:
                self._warn_by_row.setdefault(issue.row, []).append(issue)
            self._warn_indexed = len(self.warnings)
        return self._warn_by_row.get(excel_row, [])

    def row_is_valid(self, excel_row: int) -> bool:
        return excel_row in self.valid_rows and not self.errors_at(excel_row)

    def to_json(self) -> dict[str, Any]:
        """The ``validate --json`` object of DESIGN.md §6."""
        return {
            "file": self.file,
            "periode": self.periode,
            "subbagian": self.subbagian,
            "valid": self.valid,
            "rows": self.rows,
            "errors": [asdict(e) for e in self.errors],
            "warnings": [asdict(w) for w in self.warnings],
        }


def context_for(form: FormData) -> RowContext:
    """The RowContext of a form: its lists (from Referensi) and its month."""
    return RowContext(
        period=form.period,
        jenis=tuple(form.lists.jenis),
        satuan=tuple(form.lists.satuan),
        lokus=tuple(form.lists.lokus),
        kode=tuple(k.kode for k in form.lists.kode),
    )


def _issue(row: FormRow, field: str, message: str) -> Issue:
    return Issue(row.excel_row, row.no, field, cell_ref(row.excel_row, field), message)


def validate_form(form: FormData) -> ValidationReport:
    """Validate every filled row of ``form`` and apply the cross-row rules."""
    context = context_for(form)
    filled = form.filled_rows()
    report = ValidationReport(form.file, form.periode, form.subbagian, rows=len(filled))
    for row in filled:
        result = check_row(row.values, context)
        if isinstance(result, Row):
            report.valid_rows[row.excel_row] = result
        else:
            report.errors.extend(_issue(row, f, m) for f, m in result.items())
    _check_duplicates(filled, report)
    _check_pagu(form, filled, report)
    _check_outside(form, report)
    report.errors.sort(key=lambda i: (i.row, _FIELD_ORDER.get(i.field, 99)))
    return report


_FIELD_ORDER = {
    k: i
    for i, k in enumerate(
        ("kode", "judul", "sasaran", "jenis", "anggaran", "realisasi", "lokus", "tanggal")
    )
}


def _check_outside(form: FormData, report: ValidationReport) -> None:
    """One error per sheet row that holds something outside the table."""
    seen: set[int] = set()
    for row, col, value in form.outside:
        if row in seen:
            continue
        seen.add(row)
        cell = f"{col_letter(col)}{row}"
        shown = " ".join(str(value).split())[:60]
        message = t("v.outside", row=row, cell=cell, value=shown)
        report.errors.append(Issue(row, None, OUTSIDE, cell, message))


OUTSIDE = "posisi"


def _check_pagu(form: FormData, rows: list[FormRow], report: ValidationReport) -> None:
    pagu = {k.kode: k.pagu for k in form.lists.kode if k.pagu is not None}
    if not pagu:
        return
    totals: dict[str, int] = {}
    for row in rows:
        valid = report.valid_rows.get(row.excel_row)
        if valid is None or valid.kode not in pagu:
            continue
        totals[valid.kode] = totals.get(valid.kode, 0) + valid.realisasi
        limit = pagu[valid.kode]
        if limit is not None and totals[valid.kode] > limit:
            message = FieldError(
                "v.realisasi.over_pagu",
                kode=valid.kode,
                total=format_rupiah(totals[valid.kode]),
                pagu=format_rupiah(limit),
            ).message
            report.errors.append(_issue(row, "realisasi", message))
            del report.valid_rows[row.excel_row]


def _check_duplicates(rows: list[FormRow], report: ValidationReport) -> None:
    seen: dict[tuple[str, str, str], FormRow] = {}
    for row in rows:
        valid = report.valid_rows.get(row.excel_row)
        if valid is None:
            continue
        key = (valid.kode, valid.judul.casefold(), valid.tanggal.canonical)
        first = seen.setdefault(key, row)
        if first is not row:
            other = first.no if first.no is not None else first.excel_row
            message = FieldError("v.duplicate", other=other).message
            report.warnings.append(_issue(row, "judul", message))
