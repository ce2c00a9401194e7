"""Sasaran/Volume: ``<number> <satuan>``, e.g. ``1 Kegiatan``, ``30 OH``, ``1,5 OB``.

Indonesian numbers: comma for decimals, dots for thousands (``1.000 Eksemplar``).
Short forms (Kgt, Lap, Dok, Org, Pkt, Bln …) are stored in full.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

from pyaddin.validators.choices import index, suggest
from pyaddin.validators.errors import FieldError

SHORT_FORMS = {
    "kgt": "Kegiatan",
    "keg": "Kegiatan",
    "kegiatan": "Kegiatan",
    "lap": "Laporan",
    "lpr": "Laporan",
    "dok": "Dokumen",
    "dokumen": "Dokumen",
    "org": "Orang",
    "pkt": "Paket",
    "bln": "Bulan",
    "eks": "Eksemplar",
    "exp": "Eksemplar",
    "bks": "Berkas",
    "rek": "Rekomendasi",
    "orang kegiatan": "OK",
    "orang hari": "OH",
    "orang jam": "OJ",
    "orang bulan": "OB",
    "orang paket": "OP",
    "o-k": "OK",
    "o-h": "OH",
    "o-j": "OJ",
    "o-b": "OB",
    "o-p": "OP",
}
_PATTERN = re.compile(r"^(?P<num>\d[\d.,]*)\s*(?P<unit>[^\d\s].*)$")
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")


@dataclass(frozen=True)
class Sasaran:
    """A volume and its unit (canonical spelling)."""

    jumlah: Decimal
    satuan: str

    @cached_property
    def canonical(self) -> str:  # asked for twice a row; the same value repeats
        return format_sasaran(self)


def parse_number(text: str) -> Decimal | None:
    """Indonesian number: ``1,5`` → 1.5, ``1.000`` → 1000, ``2`` → 2; None if not one."""
    if _DOT_GROUPS.match(text):
        text = text.replace(".", "")
    elif text.count(".") == 1 and "," not in text:
        pass  # "1.5": a point read as the decimal mark
    elif "." in text:
        return None
    if text.count(",") > 1:
        return None
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def format_number(number: Decimal) -> str:
    """Indonesian text of a number: ``1,5``, ``1.000``."""
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    whole, _, frac = f"{number.normalize():f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def format_sasaran(value: Sasaran) -> str:
    return f"{format_number(value.jumlah)} {value.satuan}"


def parse_sasaran(value: Any, satuan: Sequence[str]) -> Sasaran:
    """Parse ``value`` against the unit list ``satuan``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise FieldError("v.required", label="Sasaran/Volume")
    text = " ".join(str(value).replace("\u00a0", " ").split())
    match = _PATTERN.match(text)
    if not match or isinstance(value, (int, float)):
        raise FieldError("v.sasaran.format", value=text)
    number = parse_number(match["num"].rstrip(".,"))
    if number is None:
        raise FieldError("v.sasaran.format", value=text)
    if number <= 0:
        raise FieldError("v.sasaran.not_positive", value=text)
    unit = _canonical_unit(match["unit"], satuan)
    return Sasaran(number, unit)


def _canonical_unit(raw: str, satuan: Sequence[str]) -> str:
    key = " ".join(raw.strip().rstrip(".").split()).casefold()
    by_key = index("satuan", satuan)
    if key in by_key:
        return by_key[key]
    full = SHORT_FORMS.get(key)
    if full is not None and full.casefold() in by_key:
        return by_key[full.casefold()]
    guess = suggest(key, list(by_key), by_key)
    raise FieldError(
        "v.sasaran.unit",
        unit=raw.strip(),
        hint=guess,
        choices=", ".join(satuan),
    )
