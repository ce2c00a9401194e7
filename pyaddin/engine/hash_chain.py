"""The evidence: SHA-256 of each row's business fields and a chain over Riwayat.

``Hash Baris`` hashes the row's normalised fields (or its raw text when it no
longer validates); ``Hash Entri`` hashes an entry together with the previous
entry's hash, the first one anchored to the period and subbagian.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from pyaddin.engine.model import FormRow, HistoryEntry
from pyaddin.validators.row import Row

# One encoder for every hash: json.dumps with custom arguments builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


# What a JSON string must escape (ensure_ascii=False): quote, backslash, control chars.
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\]')


def _canonical(fields: list[str]) -> str:
    """``fields`` as a compact JSON array, the same text as ``_ENCODE(fields)``: joined
    directly when no field needs escaping (the common case), else by the encoder."""
    if not fields or _NEEDS_ESCAPE.search("".join(fields)):
        return _ENCODE(fields)
    return '["' + '","'.join(fields) + '"]'


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _raw(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else " ".join(str(value).split())


def row_fields(row: FormRow, valid: Row | None) -> list[str]:
    """What Hash Baris covers: canonical fields, or the raw text if invalid."""
    if valid is not None:
        return valid.canonical()
    from pyaddin.engine.form import BUSINESS_KEYS

    return ["RAW", *(_raw(row.values.get(k)) for k in BUSINESS_KEYS)]


def row_hash(fields: list[str]) -> str:
    """SHA-256 of the fields as a compact JSON array."""
    return _sha(_canonical(fields))


def genesis(periode: str, subbagian: str) -> str:
    """The anchor of a form's chain: its period and subbagian."""
    return _sha(f"REALISASI-KEGIATAN|{periode}|{' '.join(subbagian.split()).casefold()}")


def entry_hash(entry: HistoryEntry, previous: str) -> str:
    """Hash Entri of ``entry`` chained to ``previous``."""
    payload = [
        previous,
        entry.waktu,
        entry.row_id,
        "" if entry.no is None else str(entry.no),
        entry.aksi,
        entry.tahap,
        entry.oleh,
        entry.nip,
        entry.catatan,
        entry.hash_baris,
    ]
    return _sha(_canonical(payload))


def new_entry(previous: str, **fields: Any) -> HistoryEntry:
    """A Riwayat entry with its chain hashes filled in."""
    entry = HistoryEntry(hash_sebelumnya=previous, hash_entri="", **fields)
    entry.hash_entri = entry_hash(entry, previous)
    return entry


def chain_breaks(entries: list[HistoryEntry], anchor: str, head: str) -> list[tuple[int, str]]:
    """(sheet row, reason) for every break: ``link`` (an entry missing or moved
    before this one), ``edited`` (this entry changed), ``head`` (entries missing
    at the end, or the log emptied)."""
    breaks: list[tuple[int, str]] = []
    expected = anchor
    for entry in entries:
        if entry.hash_sebelumnya != expected:
            breaks.append((entry.sheet_row, "link"))
        if entry_hash(entry, entry.hash_sebelumnya) != entry.hash_entri:
            breaks.append((entry.sheet_row, "edited"))
        expected = entry.hash_entri
    last = entries[-1].hash_entri if entries else ""
    if head != last:
        breaks.append((entries[-1].sheet_row if entries else 0, "head"))
    return breaks
