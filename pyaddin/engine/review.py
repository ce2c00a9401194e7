"""The SOP's checking chain as a state machine: submit, approve, return.

``DRAF`` → ``DIAJUKAN`` → ``DISETUJUI KASUBBAG`` → ``DISETUJUI KABAG`` →
``DISETUJUI``; any reviewer may return a row waiting for them
(``DIKEMBALIKAN``) and resubmission starts the chain over. An action applies
to all the rows it names or to none: every refusal is an
:class:`~pyaddin.engine.errors.ActionRefused` (or InputError for an unknown person),
raised before anything is changed.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field

from pyaddin.engine.errors import ActionRefused, InputError
from pyaddin.engine.hash_chain import genesis, new_entry, row_fields, row_hash
from pyaddin.engine.messages import register, t
from pyaddin.engine.model import (
    ACTION_APPROVE,
    ACTION_RETURN,
    ACTION_SUBMIT,
    DIAJUKAN,
    DIKEMBALIKAN,
    DRAF,
    STATUS_SEPARATOR,
    FormData,
    FormRow,
    HistoryEntry,
    Person,
    approved_status,
    is_approved,
    waiting_level,
)
from pyaddin.validators.form_rules import OUTSIDE, ValidationReport, validate_form
from pyaddin.validators.messages import label

register(
    {
        "review.unknown_person": (
            "'{who}' tidak terdaftar di lembar Pengaturan {file}. Terdaftar: {names}.",
            "'{who}' is not registered in the Pengaturan sheet of {file}. Registered: {names}.",
        ),
        "review.not_staff": (
            "{name} ({jabatan}) bukan Petugas; hanya Petugas yang mengajukan baris.",
            "{name} ({jabatan}) is not a Petugas; only Petugas submit rows.",
        ),
        "review.not_reviewer": (
            "{name} ({jabatan}) tidak ada dalam alur persetujuan ({chain}).",
            "{name} ({jabatan}) is not in the approval chain ({chain}).",
        ),
        "review.no_rows": (
            "{name}: tidak ada baris yang dapat di{verb} pada tahap ini",
            "{name}: there are no rows to {verb} at this step",
        ),
        "review.unknown_no": (
            "No. {no} tidak ada di formulir (atau barisnya kosong).",
            "No. {no} is not in the form (or its row is empty).",
        ),
        "review.ambiguous_no": (
            "No. {no} dipakai oleh lebih dari satu baris; perbaiki nomor urut dulu.",
            "No. {no} is used by more than one row; fix the numbering first.",
        ),
        "review.refused": (
            "Ditolak, tidak ada yang diubah: {reasons}",
            "Refused, nothing was changed: {reasons}",
        ),
        "review.reason.invalid": (
            "No. {no} belum valid ({fields})",
            "No. {no} is not valid ({fields})",
        ),
        "review.reason.already": ("No. {no} berstatus {status}", "No. {no} is {status}"),
        "review.reason.not_submitted": (
            "No. {no} belum diajukan ({status})",
            "No. {no} has not been submitted ({status})",
        ),
        "review.reason.out_of_order": (
            "No. {no} masih menunggu {waiting}, bukan {jabatan}",
            "No. {no} is still waiting for {waiting}, not {jabatan}",
        ),
        "review.reason.done": (
            "No. {no} sudah melewati tahap {jabatan} ({status})",
            "No. {no} is already past the {jabatan} step ({status})",
        ),
        "review.note_required": (
            "Catatan wajib diisi saat mengembalikan baris: tulis apa yang harus diperbaiki.",
            "A note is required when returning rows: say what must be fixed.",
        ),
        "review.verb.submit": ("ajukan", "submit"),
        "review.verb.approve": ("setujui", "approve"),
        "review.verb.return": ("kembalikan", "return"),
    }
)


@dataclass(frozen=True)
class RowChange:
    """What an action does to one body row."""

    excel_row: int
    no: int | None
    row_id: str
    status: str
    status_text: str
    catatan: str
    locked: bool
    no_text: int | None = None


@dataclass
class ActionResult:
    """The outcome of one action: row changes, new Riwayat entries, the new head."""

    action: str
    person: Person
    changes: list[RowChange] = field(default_factory=list)
    entries: list[HistoryEntry] = field(default_factory=list)
    head: str = ""
    signed: bool = False  # every entry carries the acting person's signature


def identify(form: FormData, who: str) -> Person:
    """The registered person ``who`` names (name or username); InputError if none."""
    person = form.find_person(who)
    if person is None:
        names = ", ".join(f"{p.nama} ({p.jabatan})" for p in form.people) or "-"
        raise InputError("review.unknown_person", who=who, file=form.file, names=names)
    return person


def reviewer_level(form: FormData, person: Person) -> int:
    if person.jabatan not in form.chain:
        raise ActionRefused(
            "review.not_reviewer",
            name=person.nama,
            jabatan=person.jabatan,
            chain=" → ".join(form.chain),
        )
    return form.chain.index(person.jabatan)


def submit(form: FormData, who: str, rows: Sequence[int] | None, now: dt.datetime) -> ActionResult:
    """Petugas submits rows (default: every filled DRAF/DIKEMBALIKAN row)."""
    person = identify(form, who)
    if not person.is_staff:
        raise ActionRefused("review.not_staff", name=person.nama, jabatan=person.jabatan)
    report = validate_form(form)
    chosen = _select(form, rows, lambda r: r.status in (DRAF, DIKEMBALIKAN), person, "submit")
    reasons = [i.message for i in report.errors if i.field == OUTSIDE][:3]
    for row in chosen:
        if row.status not in (DRAF, DIKEMBALIKAN):
            reasons.append(t("review.reason.already", no=row.no, status=row.status))
        reasons.extend(_invalid(report, row))
    _refuse_if(reasons)
    return _apply(form, report, person, ACTION_SUBMIT, chosen, DIAJUKAN, "", now)


def approve(form: FormData, who: str, rows: Sequence[int] | None, now: dt.datetime) -> ActionResult:
    """A reviewer approves rows waiting for their level (``rows=None``: all of them)."""
    person = identify(form, who)
    level = reviewer_level(form, person)
    report = validate_form(form)
    chosen = _select(
        form, rows, lambda r: waiting_level(r.status, form.chain) == level, person, "approve"
    )
    reasons = [r for row in chosen for r in _not_waiting(form, row, level, person)]
    reasons += [r for row in chosen for r in _invalid(report, row)]
    _refuse_if(reasons)
    status = approved_status(form.chain, level)
    return _apply(form, report, person, ACTION_APPROVE, chosen, status, "", now)


def return_rows(
    form: FormData, who: str, rows: Sequence[int], note: str, now: dt.datetime
) -> ActionResult:
    """A reviewer returns rows waiting for their level, with a note saying what to fix."""
    person = identify(form, who)
    level = reviewer_level(form, person)
    note = " ".join((note or "").split())
    if not note:
        raise ActionRefused("review.note_required")
    report = validate_form(form)
    chosen = _select(
        form, rows, lambda r: waiting_level(r.status, form.chain) == level, person, "return"
    )
    reasons = [r for row in chosen for r in _not_waiting(form, row, level, person)]
    _refuse_if(reasons)
    return _apply(form, report, person, ACTION_RETURN, chosen, DIKEMBALIKAN, note, now)


def _select(
    form: FormData, numbers: Sequence[int] | None, default: object, person: Person, verb: str
) -> list[FormRow]:
    filled = form.filled_rows()
    if numbers is None:
        chosen = [r for r in filled if default(r)]  # type: ignore[operator]
    else:
        by_no: dict[int | None, list[FormRow]] = {}
        for row in filled:  # one pass: --rows may list thousands
            by_no.setdefault(row.no, []).append(row)
        chosen = []
        for no in dict.fromkeys(numbers):
            matches = by_no.get(no, [])
            if not matches:
                raise ActionRefused("review.unknown_no", no=no)
            if len(matches) > 1:
                raise ActionRefused("review.ambiguous_no", no=no)
            chosen.append(matches[0])
    if not chosen:
        raise ActionRefused("review.no_rows", verb=t(f"review.verb.{verb}"), name=person.nama)
    return chosen


def _invalid(report: ValidationReport, row: FormRow) -> list[str]:
    if report.row_is_valid(row.excel_row):
        return []
    fields = ", ".join(dict.fromkeys(label(i.field) for i in report.errors_at(row.excel_row)))
    return [t("review.reason.invalid", no=row.no, fields=fields)]


def _not_waiting(form: FormData, row: FormRow, level: int, person: Person) -> list[str]:
    waiting = waiting_level(row.status, form.chain)
    if waiting == level:
        return []
    if waiting is None and not is_approved(row.status):
        return [t("review.reason.not_submitted", no=row.no, status=row.status)]
    if waiting is not None and waiting < level:
        return [
            t(
                "review.reason.out_of_order",
                no=row.no,
                waiting=form.chain[waiting],
                jabatan=person.jabatan,
            )
        ]
    return [t("review.reason.done", no=row.no, jabatan=person.jabatan, status=row.status)]


def _refuse_if(reasons: list[str]) -> None:
    if reasons:
        raise ActionRefused("review.refused", reasons="; ".join(reasons) + ".")


def _apply(
    form: FormData,
    report: ValidationReport,
    person: Person,
    action: str,
    rows: list[FormRow],
    status: str,
    note: str,
    now: dt.datetime,
) -> ActionResult:
    result = ActionResult(action, person)
    previous = (
        form.history[-1].hash_entri if form.history else genesis(form.periode, form.subbagian)
    )
    taken = {r.row_id for r in form.rows if r.row_id}
    stamp = f"{person.nama}, {now:%d/%m/%Y %H:%M}"
    for row in rows:
        row_id = row.row_id or _new_id(taken)
        fields = row_fields(row, report.valid_rows.get(row.excel_row))
        entry = new_entry(
            previous,
            waktu=now.isoformat(),
            row_id=row_id,
            no=row.no,
            aksi=action,
            tahap=person.jabatan,
            oleh=person.nama,
            nip=person.nip,
            catatan=note,
            hash_baris=row_hash(fields),
        )
        previous = entry.hash_entri
        result.entries.append(entry)
        explicit_no = row.values.get("no")
        result.changes.append(
            RowChange(
                excel_row=row.excel_row,
                no=row.no,
                row_id=row_id,
                status=status,
                status_text=f"{status}{STATUS_SEPARATOR}{stamp}",
                catatan=note if action == ACTION_RETURN else "",
                locked=is_approved(status),
                no_text=row.no if explicit_no != row.no else None,
            )
        )
    result.head = previous
    return result


def _new_id(taken: set[str]) -> str:
    while True:
        candidate = "RK-" + secrets.token_hex(4).upper()
        if candidate not in taken:
            taken.add(candidate)
            return candidate
