"""Values picked from a list: kode (budget codes), jenis kegiatan, lokus, judul.

Matching is case- and space-insensitive; near misses get a suggestion.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from pyaddin.engine.messages import t
from pyaddin.validators.errors import FieldError

_KODE_FULL = re.compile(
    r"^(?:\d{3}\.\d{2}\.[A-Z]{2}\.)?\d{4}\.[A-Z]{3}\.\d{3}\.\d{3}\.[A-Z]\.\d{6}$"
)
_AKUN = re.compile(r"^\d{6}$")
MAX_JUDUL = 500

JENIS_ALIASES = {
    "rakor": "Rapat Koordinasi",
    "bimtek": "Bimbingan Teknis",
    "monev": "Monitoring dan Evaluasi",
    "fgd": "Focus Group Discussion",
    "perjadin": "Perjalanan Dinas",
    "pbj": "Pengadaan Barang/Jasa",
    "pengadaan barang dan jasa": "Pengadaan Barang/Jasa",
}
_LOKUS_PREFIXES = ("kabupaten ", "kab. ", "kab.", "kab ")


def suggest(key: str, keys: Sequence[str], canonical: Mapping[str, str]) -> str:
    """`` Maksud Anda 'X'?`` for the closest key, or an empty string."""
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.7)
    if not close:
        close = [k for k in keys if key and (key in k or k in key) and len(key) >= 3][:1]
    return t("v.hint", suggestion=canonical[close[0]]) if close else ""


@lru_cache(maxsize=64)
def _index(kind: str, choices: tuple[str, ...]) -> dict[str, str]:
    """key → canonical spelling of a list, cached per list (one per form)."""
    keyer = {
        "kode": lambda a: a.replace(" ", "").upper(),
        "jenis": _jenis_key,
        "lokus": lokus_key,
        "satuan": str.casefold,
    }[kind]
    return {keyer(choice): choice for choice in choices}


def index(kind: str, choices: Sequence[str]) -> dict[str, str]:
    """The cached lookup table of ``choices`` for matching values of ``kind``."""
    return _index(kind, tuple(choices))


def parse_kode(value: Any, allowed: Sequence[str] = ()) -> str:
    """A budget code, upper-cased and without spaces; in ``allowed`` when given."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value is None or isinstance(value, bool) or not str(value).strip():
        raise FieldError("v.required", label="Kode")
    text = re.sub(r"\s+", "", str(value)).upper().strip(".")
    if not (_KODE_FULL.match(text) or _AKUN.match(text)):
        raise FieldError("v.kode.format", value=str(value).strip())
    if allowed:
        by_key = index("kode", allowed)
        if text not in by_key:
            hint = suggest(text, list(by_key), by_key)
            raise FieldError("v.kode.not_listed", value=text, hint=hint)
        return by_key[text]
    return text


def parse_judul(value: Any) -> str:
    """Trimmed title, whitespace runs folded, at most 500 characters."""
    text = " ".join(str(value).split()) if value is not None else ""
    if not text:
        raise FieldError("v.required", label="Judul Kegiatan")
    if len(text) > MAX_JUDUL:
        raise FieldError("v.judul.too_long", length=len(text))
    return text


def _jenis_key(text: str) -> str:
    return re.sub(r"\s*/\s*", "/", " ".join(text.split())).casefold()


def parse_jenis(value: Any, jenis: Sequence[str]) -> str:
    """One of the Jenis Kegiatan list, in its canonical spelling."""
    if value is None or not str(value).strip():
        raise FieldError("v.required", label="Jenis Kegiatan")
    key = _jenis_key(str(value))
    by_key = index("jenis", jenis)
    if key in by_key:
        return by_key[key]
    alias = JENIS_ALIASES.get(key)
    if alias is not None and _jenis_key(alias) in by_key:
        return by_key[_jenis_key(alias)]
    hint = suggest(key, list(by_key), by_key)
    raise FieldError("v.choice.jenis", value=" ".join(str(value).split()), hint=hint)


def lokus_key(text: str) -> str:
    """``Kab. Rejang Lebong`` → ``rejang lebong``; ``KOTA BENGKULU`` → ``kota bengkulu``."""
    key = " ".join(text.replace("\u00a0", " ").split()).casefold()
    for prefix in _LOKUS_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :].strip()
            break
    if key.startswith("kab.") or key.startswith("kota."):
        key = key.replace(".", ". ", 1)
    return key


def parse_lokus(value: Any, lokus: Sequence[str]) -> str:
    """A kabupaten/kota (or other Lokus-list entry), canonical spelling."""
    if value is None or not str(value).strip():
        raise FieldError("v.required", label="Lokus")
    key = lokus_key(str(value))
    by_key = index("lokus", lokus)
    if key in by_key:
        return by_key[key]
    hint = suggest(key, list(by_key), by_key)
    raise FieldError("v.choice.lokus", value=" ".join(str(value).split()), hint=hint)
