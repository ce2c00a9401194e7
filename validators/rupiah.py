"""Rupiah amounts: whole rupiah from numbers or text people type.

Accepted: ``1500000``, ``1.500.000``, ``Rp 1.500.000``, ``Rp1.500.000,00``,
``1.500.000,-``, ``IDR 1500000``; numbers that Excel or calamine give (floats
such as ``1500000.0``). Rejected: negatives, fractions of a rupiah, text that is
not a number, commas as thousands separators.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from pyaddin.validators.errors import FieldError

MAX_RUPIAH = 10**12
_PREFIX = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_DECIMALS = re.compile(r"^(?P<int>[\d.]+?)(?:,(?P<frac>\d*|-))$")
_POINT_DECIMALS = re.compile(r"^(?P<int>\d+)\.(?P<frac>\d{1,2})$")


def parse_rupiah(value: Any, field: str = "anggaran") -> int:
    """Whole rupiah from ``value``; raises FieldError (never anything else)."""
    name = field
    if value is None or isinstance(value, (bool, dt.date)):
        raise FieldError("v.rupiah.format", field=name, value=_show(value))
    if isinstance(value, (int, float, Decimal)):
        return _whole(Decimal(str(value)), name, value)
    text = str(value).replace("\u00a0", " ").strip()
    if not text:
        raise FieldError("v.required", field=name)
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("()").lstrip("-").strip()
    text = _PREFIX.sub("", text).replace(" ", "")
    if text.startswith("-"):
        negative, text = True, text[1:]
    amount = _parse_digits(text, name, value)
    if negative and amount != 0:
        raise FieldError("v.rupiah.negative", field=name, value=_show(value))
    return _whole(amount, name, value)


def _parse_digits(text: str, name: str, original: Any) -> Decimal:
    """``name`` is the field key; its label is resolved when a message is shown."""
    frac = ""
    match = _DECIMALS.match(text)
    if match:
        text, frac = match["int"], match["frac"]
    elif (point := _POINT_DECIMALS.match(text)) and not _DOT_GROUPS.match(text):
        text, frac = point["int"], point["frac"]
    if _PLAIN.match(text):
        digits = text
    elif _DOT_GROUPS.match(text):
        digits = text.replace(".", "")
    elif _COMMA_GROUPS.match(text) and not frac:
        raise FieldError("v.rupiah.comma_thousands", field=name, value=_show(original))
    else:
        raise FieldError("v.rupiah.format", field=name, value=_show(original))
    if frac in ("", "-"):
        return Decimal(digits)
    try:
        return Decimal(f"{digits}.{frac}")
    except InvalidOperation as exc:  # pragma: no cover - regex guarantees digits
        raise FieldError("v.rupiah.format", field=name, value=_show(original)) from exc


def _whole(amount: Decimal, name: str, original: Any) -> int:
    if not amount.is_finite():
        raise FieldError("v.rupiah.format", field=name, value=_show(original))
    if amount < 0:
        raise FieldError("v.rupiah.negative", field=name, value=_show(original))
    if amount != amount.to_integral_value():
        raise FieldError("v.rupiah.fraction", field=name, value=_show(original))
    if amount > MAX_RUPIAH:
        raise FieldError("v.rupiah.too_large", field=name, value=_show(original))
    return int(amount)


def format_rupiah(amount: int) -> str:
    """``Rp 1.500.000`` (Indonesian grouping)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if value is not None else ""
