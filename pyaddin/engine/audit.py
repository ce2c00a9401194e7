"""Check a form against its Riwayat: ``verify`` and ``status``.

``verify`` recomputes every row hash and the chain. It reports
``HISTORY_BROKEN`` (an entry edited, removed, reordered; a Status that the log
does not explain) and ``CHANGED_AFTER_APPROVAL`` (an approved row edited,
copied or deleted behind the workflow's back).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from pyaddin.engine.config import OfficeConfig
from pyaddin.engine.hash_chain import chain_breaks, genesis, row_fields, row_hash
from pyaddin.engine.messages import register, t
from pyaddin.engine.model import (
    ACTION_APPROVE,
    ACTION_RETURN,
    ACTION_SUBMIT,
    DIAJUKAN,
    DIKEMBALIKAN,
    DRAF,
    FormData,
    HistoryEntry,
    all_statuses,
    approved_status,
    is_approved,
    waiting_level,
)
from pyaddin.validators.form_rules import ValidationReport, validate_form

register(
    {
        "audit.link": (
            "Riwayat baris {sheet_row}: entri sebelumnya hilang atau urutannya diubah.",
            "Riwayat row {sheet_row}: the entry before it is missing or was moved.",
        ),
        "audit.edited": (
            "Riwayat baris {sheet_row}: isi entri diubah setelah dicatat.",
            "Riwayat row {sheet_row}: the entry was edited after it was recorded.",
        ),
        "audit.head": (
            "Riwayat: entri terakhir hilang (hash terakhir tidak cocok dengan Pengaturan).",
            "Riwayat: the last entries are missing (the last hash does not match Pengaturan).",
        ),
        "audit.status": (
            "Status baris No. {no} ({status}) tidak sesuai Riwayat ({expected}).",
            "Status of row No. {no} ({status}) does not match Riwayat ({expected}).",
        ),
        "audit.changed": (
            "Baris No. {no} diubah setelah disetujui ({status}); ajukan ulang perubahannya.",
            "Row No. {no} was changed after approval ({status}); submit the change again.",
        ),
        "audit.copied": (
            "Baris No. {no} memakai ID {row_id} milik baris lain (disalin); hapus salinannya.",
            "Row No. {no} reuses ID {row_id} of another row (copied); delete the copy.",
        ),
        "audit.unknown_id": (
            "Baris No. {no} membawa ID {row_id} yang tidak ada di Riwayat: entrinya dihapus.",
            "Row No. {no} carries ID {row_id}, which Riwayat does not know: its entries were "
            "deleted.",
        ),
        "audit.deleted": (
            "Baris yang disetujui (ID {row_id}, No. {no}) tidak ada lagi di formulir.",
            "An approved row (ID {row_id}, No. {no}) is no longer in the form.",
        ),
    }
)

HISTORY_BROKEN = "HISTORY_BROKEN"
CHANGED_AFTER_APPROVAL = "CHANGED_AFTER_APPROVAL"


@dataclass(frozen=True)
class Finding:
    """One problem ``verify`` found; ``row`` is the Excel row on Realisasi or Riwayat."""

    kind: str
    row: int | None
    no: int | None
    message: str


@dataclass
class RowState:
    """A row's state as the log tells it."""

    status: str = DRAF
    no: int | None = None
    approved_hash: str = ""


@dataclass
class AuditResult:
    findings: list[Finding] = field(default_factory=list)
    states: dict[str, RowState] = field(default_factory=dict)
    unsigned_rows: set[str] = field(default_factory=set)  # final rows not to count (§12)

    @property
    def ok(self) -> bool:
        return not self.findings

    def broken_rows(self) -> set[int]:
        return {f.row for f in self.findings if f.kind == CHANGED_AFTER_APPROVAL and f.row}


def replay(history: list[HistoryEntry], chain: list[str]) -> dict[str, RowState]:
    """Each row ID's status after applying every entry in order."""
    states: dict[str, RowState] = {}
    for entry in history:
        state = states.get(entry.row_id)
        if state is None:
            state = states[entry.row_id] = RowState()
        state.no = entry.no
        if entry.aksi == ACTION_SUBMIT:
            state.status, state.approved_hash = DIAJUKAN, ""
        elif entry.aksi == ACTION_RETURN:
            state.status, state.approved_hash = DIKEMBALIKAN, ""
        elif entry.aksi == ACTION_APPROVE and entry.tahap in chain:
            state.status = approved_status(chain, chain.index(entry.tahap))
            state.approved_hash = entry.hash_baris
    return states


def verify_form(
    form: FormData, report: ValidationReport | None = None, office: OfficeConfig | None = None
) -> AuditResult:
    """Every HISTORY_BROKEN and CHANGED_AFTER_APPROVAL finding of ``form``; with
    ``office``, also every signature finding against that office config (§12)."""
    report = report or validate_form(form)
    result = AuditResult(states=replay(form.history, form.chain))
    if office is not None:
        from pyaddin.engine.signatures import check_signatures

        signatures = check_signatures(form, office)
        result.unsigned_rows = signatures.bad_rows
        result.findings += [
            Finding(f.kind, f.sheet_row or None, f.no, f.message) for f in signatures.findings
        ]
    anchor = genesis(form.periode, form.subbagian)
    for sheet_row, reason in chain_breaks(form.history, anchor, form.head_hash):
        result.findings.append(
            Finding(
                HISTORY_BROKEN, sheet_row or None, None, t(f"audit.{reason}", sheet_row=sheet_row)
            )
        )
    seen: set[str] = set()
    for row in form.rows:
        row_id = row.row_id
        state = result.states.get(row_id) if row_id else None
        expected = state.status if state else DRAF
        if row_id and row_id in seen:
            result.findings.append(
                Finding(
                    CHANGED_AFTER_APPROVAL,
                    row.excel_row,
                    row.no,
                    t("audit.copied", no=row.no, row_id=row_id),
                )
            )
            continue
        if row_id:
            seen.add(row_id)
            if state is None and not row.is_empty():
                result.findings.append(
                    Finding(
                        HISTORY_BROKEN,
                        row.excel_row,
                        row.no,
                        t("audit.unknown_id", no=row.no, row_id=row_id),
                    )
                )
        status = row.status
        if status != expected and not (expected == DRAF and row.is_empty()):
            result.findings.append(
                Finding(
                    HISTORY_BROKEN,
                    row.excel_row,
                    row.no,
                    t("audit.status", no=row.no, status=status, expected=expected),
                )
            )
        if state is not None and is_approved(state.status):
            current = row_hash(row_fields(row, report.valid_rows.get(row.excel_row)))
            if current != state.approved_hash:
                result.findings.append(
                    Finding(
                        CHANGED_AFTER_APPROVAL,
                        row.excel_row,
                        row.no,
                        t("audit.changed", no=row.no, status=state.status),
                    )
                )
    for row_id, state in result.states.items():
        if is_approved(state.status) and row_id not in seen:
            result.findings.append(
                Finding(
                    CHANGED_AFTER_APPROVAL,
                    None,
                    state.no,
                    t("audit.deleted", row_id=row_id, no=state.no),
                )
            )
    return result


def verify_json(form: FormData, result: AuditResult) -> dict[str, Any]:
    """``verify --json``: file, periode, subbagian, ok, findings."""
    return {
        "file": form.file,
        "periode": form.periode,
        "subbagian": form.subbagian,
        "ok": result.ok,
        "entries": len(form.history),
        "findings": [asdict(f) for f in result.findings],
    }


def status_summary(form: FormData) -> dict[str, Any]:
    """Rows per status and who is next, for ``status``."""
    counts = Counter(r.status for r in form.filled_rows())
    by_status = {s: counts.get(s, 0) for s in all_statuses(form.chain)}
    waiting: dict[int, list[int | None]] = {}
    for row in form.filled_rows():
        level = waiting_level(row.status, form.chain)
        if level is not None:
            waiting.setdefault(level, []).append(row.no)
    next_steps = []
    for level, numbers in sorted(waiting.items()):
        jabatan = form.chain[level]
        names = [p.nama for p in form.people if p.jabatan == jabatan]
        next_steps.append({"jabatan": jabatan, "nama": names, "rows": numbers})
    draft = [r.no for r in form.filled_rows() if r.status in (DRAF, DIKEMBALIKAN)]
    return {
        "file": form.file,
        "periode": form.periode,
        "subbagian": form.subbagian,
        "rows": len(form.filled_rows()),
        "by_status": by_status,
        "next": next_steps,
        "staff_rows": draft,
        "final": by_status.get(approved_status(form.chain, len(form.chain) - 1), 0),
    }
