"""Signed approvals (DESIGN.md §12): each ``Riwayat`` entry carries the acting
person's Ed25519 signature over its ``Hash Entri``, and a check against the
office configuration — the finance office's list of people and keys, not the
workbook's own ``Pengaturan`` — says whether each entry was signed, by whom,
and in which role.

Findings: ``UNSIGNED`` (no signature), ``BAD_SIGNATURE`` (a signature no key of
the named person verifies: the entry or its hash was changed, or someone else
signed), ``UNKNOWN_SIGNER`` (the person the entry names is not in the office
config, or has no key there), ``ROLE_MISMATCH`` (the signer's jabatan in the
office config is not the step the entry records, or they do not act on this
subbagian), ``FINAL_NOT_SIGNED`` (a row at the final status whose chain is not
fully signed, the last by the top of the chain).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass, field

from pyaddin.engine.config import OfficeConfig, Pegawai
from pyaddin.engine.messages import register, t
from pyaddin.engine.model import ACTION_APPROVE, FormData, HistoryEntry, approved_status

register(
    {
        "sig.unsigned": (
            "Riwayat baris {sheet_row}: {aksi} oleh {oleh} tidak ditandatangani.",
            "Riwayat row {sheet_row}: {aksi} by {oleh} is not signed.",
        ),
        "sig.bad": (
            "Riwayat baris {sheet_row}: tanda tangan {aksi} oleh {oleh} tidak cocok dengan "
            "kuncinya: entri diubah, atau ditandatangani orang lain.",
            "Riwayat row {sheet_row}: the signature of {aksi} by {oleh} does not match their "
            "key: the entry was changed, or someone else signed it.",
        ),
        "sig.unknown": (
            "Riwayat baris {sheet_row}: {oleh} (NIP {nip}) tidak punya kunci di konfigurasi "
            "kantor.",
            "Riwayat row {sheet_row}: {oleh} (NIP {nip}) has no key in the office configuration.",
        ),
        "sig.role": (
            "Riwayat baris {sheet_row}: {oleh} tercatat sebagai {tahap}, tetapi di konfigurasi "
            "kantor adalah {jabatan}{unit}.",
            "Riwayat row {sheet_row}: {oleh} is recorded as {tahap}, but the office "
            "configuration has them as {jabatan}{unit}.",
        ),
        "sig.other_unit": (" untuk unit lain", " of another unit"),
        "sig.final": (
            "Baris No. {no} berstatus final, tetapi rantai persetujuannya tidak lengkap "
            "ditandatangani oleh orang yang berwenang; baris ini tidak dihitung.",
            "Row No. {no} is final, but its approval chain is not fully signed by the "
            "right people; the row is not counted.",
        ),
    }
)

UNSIGNED = "UNSIGNED"
BAD_SIGNATURE = "BAD_SIGNATURE"
UNKNOWN_SIGNER = "UNKNOWN_SIGNER"
ROLE_MISMATCH = "ROLE_MISMATCH"
FINAL_NOT_SIGNED = "FINAL_NOT_SIGNED"
SIGNATURE_KINDS = (UNSIGNED, BAD_SIGNATURE, UNKNOWN_SIGNER, ROLE_MISMATCH, FINAL_NOT_SIGNED)


def sign(private_key: bytes, hash_entri: str) -> str:
    """The base64 Ed25519 signature of an entry's ``Hash Entri``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(private_key)
    return base64.b64encode(key.sign(hash_entri.encode("ascii"))).decode("ascii")


def public_key(private_key: bytes) -> str:
    """The base64 public key of a raw private key (the line for the office config)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.from_private_bytes(private_key)
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def _verifies(public: bytes, signature: str, hash_entri: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        raw = base64.b64decode(signature, validate=True)
        Ed25519PublicKey.from_public_bytes(public).verify(raw, hash_entri.encode("ascii"))
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


@dataclass(frozen=True)
class SignatureFinding:
    kind: str
    sheet_row: int
    row_id: str
    no: int | None
    message: str


@dataclass
class SignatureCheck:
    """The findings, and the row IDs whose whole chain is properly signed."""

    findings: list[SignatureFinding] = field(default_factory=list)
    bad_rows: set[str] = field(default_factory=set)  # final rows that must not be counted

    def row_is_signed(self, row_id: str) -> bool:
        return row_id not in self.bad_rows


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _entry_day(entry: HistoryEntry) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(entry.waktu).date()
    except ValueError:
        return None


def check_signatures(form: FormData, office: OfficeConfig) -> SignatureCheck:
    """Check every ``Riwayat`` entry's signature against the office configuration."""
    result = SignatureCheck()
    unit = next((u for u in office.subbagian if _same(u.nama, form.subbagian)), None)
    acting = {id(p) for p in office.people_for(unit)} if unit else set()
    unsigned: set[str] = set()
    forged: set[str] = set()
    for entry in form.history:
        finding = _check_entry(entry, office, acting)
        if finding is not None:
            kind, message = finding
            result.findings.append(
                SignatureFinding(kind, entry.sheet_row, entry.row_id, entry.no, message)
            )
            # no signature, or one no registered key can check: tolerated under
            # "anjuran"; a signature that fails or a wrong role: never counted
            (unsigned if kind in (UNSIGNED, UNKNOWN_SIGNER) else forged).add(entry.row_id)
    required = office.tanda_tangan == "wajib"
    final = approved_status(form.chain, len(form.chain) - 1)
    top = form.chain[-1]
    for row in form.filled_rows():
        if row.status != final or not row.row_id:
            continue
        last = [e for e in form.history if e.row_id == row.row_id]
        closed_by_top = bool(last) and last[-1].aksi == ACTION_APPROVE and last[-1].tahap == top
        bad = row.row_id in forged or (required and row.row_id in unsigned)
        if bad or not closed_by_top:
            result.bad_rows.add(row.row_id)
            result.findings.append(
                SignatureFinding(
                    FINAL_NOT_SIGNED, row.excel_row, row.row_id, row.no, t("sig.final", no=row.no)
                )
            )
    return result


def _check_entry(
    entry: HistoryEntry, office: OfficeConfig, acting: set[int]
) -> tuple[str, str] | None:
    words = {"sheet_row": entry.sheet_row, "aksi": entry.aksi, "oleh": entry.oleh}
    if not entry.tanda_tangan:
        return UNSIGNED, t("sig.unsigned", **words)
    named = [
        p
        for p in office.pegawai
        if p.public_key and ((entry.nip and p.nip == entry.nip) or _same(p.nama, entry.oleh))
    ]
    if not named:
        return UNKNOWN_SIGNER, t("sig.unknown", nip=entry.nip or "-", **words)
    day = _entry_day(entry)
    signer = next(
        (
            p
            for p in named
            if (p.berlaku_sampai is None or (day is not None and day <= p.berlaku_sampai))
            and _verifies(p.public_key or b"", entry.tanda_tangan, entry.hash_entri)
        ),
        None,
    )
    if signer is None:
        return BAD_SIGNATURE, t("sig.bad", **words)
    if not _same(signer.jabatan, entry.tahap) or not _acts(signer, office, acting):
        other = "" if _acts(signer, office, acting) else t("sig.other_unit")
        return ROLE_MISMATCH, t(
            "sig.role", tahap=entry.tahap, jabatan=signer.jabatan, unit=other, **words
        )
    return None


def office_from_form(form: FormData) -> OfficeConfig:
    """The workbook's own copy of its people and keys (Pengaturan) as an office
    config: what the ribbon can check on a PC without the office's file. The checks
    that count — ``verify --config``, consolidation, export — use the office's."""
    from pyaddin.engine.config import Subbagian

    unit = Subbagian(nama=form.subbagian, bagian=form.bagian or "-")
    people = [
        Pegawai(
            nama=p.nama,
            nip=p.nip,
            jabatan=p.jabatan,
            subbagian=form.subbagian if p.jabatan in (form.chain[0], "Petugas") else None,
            bagian=unit.bagian if p.jabatan in form.chain[1:-1] else None,
            kunci_publik=p.kunci_publik or None,
        )
        for p in form.people
    ]
    return OfficeConfig(approval_chain=form.chain, subbagian=[unit], pegawai=people)


def _acts(signer: Pegawai, office: OfficeConfig, acting: set[int]) -> bool:
    """Whether ``signer`` acts on this form's subbagian (a retired key's entry counts
    as the person's current one)."""
    if id(signer) in acting:
        return True
    return any(
        id(p) in acting and _same(p.nama, signer.nama) and p.jabatan == signer.jabatan
        for p in office.pegawai
    )
