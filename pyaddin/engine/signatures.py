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
from collections.abc import Callable
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
    return signer(private_key)(hash_entri)


def signer(private_key: bytes) -> Callable[[str], str]:
    """:func:`sign` with ``private_key`` loaded once (an action signs every entry
    of its run; loading the key cost as much as signing)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(private_key)

    def sign_one(hash_entri: str) -> str:
        return base64.b64encode(key.sign(hash_entri.encode("ascii"))).decode("ascii")

    return sign_one


def public_key(private_key: bytes) -> str:
    """The base64 public key of a raw private key (the line for the office config)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.from_private_bytes(private_key)
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


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
    """Check every ``Riwayat`` entry's signature against the office configuration.

    One action writes a run of entries (same person, step, action and time). Each
    entry's ``Hash Entri`` chains every entry before it, so a valid signature on
    the run's last entry vouches for the content of the whole run: that one is
    verified, and the others only when it fails (to say which). A month of 300
    rows per form thus costs a few Ed25519 verifications per form, not 1,200.
    """
    result = SignatureCheck()
    unit = next((u for u in office.subbagian if _same(u.nama, form.subbagian)), None)
    keys = _Keys(office, {id(p) for p in office.people_for(unit)} if unit else set())
    unsigned: set[str] = set()
    forged: set[str] = set()
    for run in _runs(form.history):
        tail_signer = keys.signer(run[-1])
        # a run shares its step, so the signer's role is right for all or for none
        role_ok = tail_signer is not None and keys.role(run[-1], tail_signer) is None
        for entry in run:
            if role_ok and entry.tanda_tangan:
                continue
            if tail_signer is not None and entry.tanda_tangan:
                finding = keys.role(entry, tail_signer)
            else:
                finding = keys.check(entry)
            if finding is None:
                continue
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
    last_entry = {e.row_id: e for e in form.history}  # each row's latest entry
    for row in form.filled_rows():
        row_id = row.row_id
        if not row_id or row.status != final:
            continue
        last = last_entry.get(row_id)
        closed_by_top = last is not None and last.aksi == ACTION_APPROVE and last.tahap == top
        bad = row_id in forged or (required and row_id in unsigned)
        if bad or not closed_by_top:
            result.bad_rows.add(row_id)
            result.findings.append(
                SignatureFinding(
                    FINAL_NOT_SIGNED, row.excel_row, row_id, row.no, t("sig.final", no=row.no)
                )
            )
    return result


def _runs(history: list[HistoryEntry]) -> list[list[HistoryEntry]]:
    """Consecutive entries of one action: same person, step, action and time."""
    runs: list[list[HistoryEntry]] = []
    last: tuple[str, ...] | None = None
    for entry in history:
        key = (entry.oleh, entry.nip, entry.tahap, entry.aksi, entry.waktu)
        if key == last:
            runs[-1].append(entry)
        else:
            runs.append([entry])
            last = key
    return runs


class _Keys:
    """The office's people with keys, looked up by NIP and name, keys loaded once."""

    def __init__(self, office: OfficeConfig, acting: set[int]) -> None:
        self.office = office
        self.acting = acting
        self.by_nip, self.by_name = _office_index(office)
        # per form: an OpenSSL key object is tens of kilobytes, and a month has
        # hundreds of people; loading one is cheap
        self._loaded: dict[int, object] = {}

    def named(self, entry: HistoryEntry) -> list[Pegawai]:
        found = (self.by_nip.get(entry.nip, []) if entry.nip else []) + self.by_name.get(
            _norm(entry.oleh), []
        )
        return list({id(p): p for p in found}.values())

    def signer(self, entry: HistoryEntry) -> Pegawai | None:
        """The named person whose key (valid on the entry's day) verifies it."""
        if not entry.tanda_tangan:
            return None
        day = _entry_day(entry)
        for person in self.named(entry):
            if person.berlaku_sampai is not None and (day is None or day > person.berlaku_sampai):
                continue
            if self._verifies(person, entry):
                return person
        return None

    def _verifies(self, person: Pegawai, entry: HistoryEntry) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        key = self._loaded.get(id(person))
        if key is None:
            key = self._loaded[id(person)] = Ed25519PublicKey.from_public_bytes(
                person.public_key or b""
            )
        try:
            raw = base64.b64decode(entry.tanda_tangan, validate=True)
            key.verify(raw, entry.hash_entri.encode("ascii"))  # type: ignore[attr-defined]
        except (InvalidSignature, ValueError, binascii.Error):
            return False
        return True

    def check(self, entry: HistoryEntry) -> tuple[str, str] | None:
        """Every check of one entry, its signature verified on its own."""
        words = {"sheet_row": entry.sheet_row, "aksi": entry.aksi, "oleh": entry.oleh}
        if not entry.tanda_tangan:
            return UNSIGNED, t("sig.unsigned", **words)
        if not self.named(entry):
            return UNKNOWN_SIGNER, t("sig.unknown", nip=entry.nip or "-", **words)
        signer = self.signer(entry)
        if signer is None:
            return BAD_SIGNATURE, t("sig.bad", **words)
        return self.role(entry, signer)

    def role(self, entry: HistoryEntry, signer: Pegawai) -> tuple[str, str] | None:
        """ROLE_MISMATCH unless the signer holds the entry's step for this subbagian."""
        if _same(signer.jabatan, entry.tahap) and self._acts(signer):
            return None
        other = "" if self._acts(signer) else t("sig.other_unit")
        words = {"sheet_row": entry.sheet_row, "aksi": entry.aksi, "oleh": entry.oleh}
        return ROLE_MISMATCH, t(
            "sig.role", tahap=entry.tahap, jabatan=signer.jabatan, unit=other, **words
        )

    def _acts(self, signer: Pegawai) -> bool:
        """Whether ``signer`` acts on this form's subbagian (a retired key's entry
        counts as the person's current one)."""
        if id(signer) in self.acting:
            return True
        return any(
            id(p) in self.acting and _same(p.nama, signer.nama) and p.jabatan == signer.jabatan
            for p in self.office.pegawai
        )


_Index = tuple[dict[str, list[Pegawai]], dict[str, list[Pegawai]]]
_last_index: tuple[OfficeConfig, _Index] | None = None


def _office_index(office: OfficeConfig) -> _Index:
    """The office's people with keys by NIP and by name: built once per office
    config (month end checks hundreds of forms against one)."""
    global _last_index
    if _last_index is not None and _last_index[0] is office:
        return _last_index[1]
    by_nip: dict[str, list[Pegawai]] = {}
    by_name: dict[str, list[Pegawai]] = {}
    for person in office.pegawai:
        if person.public_key:
            by_nip.setdefault(person.nip, []).append(person)
            by_name.setdefault(_norm(person.nama), []).append(person)
    index: _Index = (by_nip, by_name)
    _last_index = (office, index)
    return index


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


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
