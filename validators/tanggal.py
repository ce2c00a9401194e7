"""Dates and date ranges as people type them, checked against the report month.

Accepted: Excel dates (date/datetime or a serial number), ``12/11/2026``,
``12-11-2026``, ``2026-11-12``, ``12 November 2026``, ``12 Nov 2026``, and
ranges ``10 s.d. 12 November 2026``, ``10-12 November 2026``,
``10/11/2026 s/d 12/11/2026``, ``10 sampai 12 Nov 2026``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import Any

from pyaddin.validators.errors import FieldError

EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's date serial numbers (1900 system)
_NUMERIC = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_NAMED = re.compile(r"^(\d{1,2})\s*([a-z]+)\.?\s*(\d{4})$")
_PARTIAL = re.compile(r"^(\d{1,2})(?:\s*([/.-])\s*(\d{1,2}))?(?:\s*([a-z]+)\.?)?$")
_SEPARATOR = re.compile(
    r"\s*(?:s\s*\.?\s*/\s*d\.?|s\s*\.\s*d\s*\.?|\bsd\b|sampai\s+dengan|sampai|hingga|–|—|-)\s*"
)
_EXTRA_MONTHS = {
    "agt": 8,
    "ags": 8,
    "agust": 8,
    "sept": 9,
    "nop": 11,
    "nopember": 11,
    "pebruari": 2,
    "peb": 2,
    "pebr": 2,
    "febr": 2,
    "okto": 10,
    "des": 12,
    "desem": 12,
}


# Month names as CLDR gives them (Indonesian and English, wide and abbreviated: a
# test holds these to Babel's CLDR data). Written out: loading a locale's whole data
# for twelve names cost each process 25 ms and 6 MB.
MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_ID_SHORT = (
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_EN_SHORT = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


@cache
def month_numbers() -> dict[str, int]:
    """Month names (Indonesian and English, wide and short) → month number."""
    names: dict[str, int] = dict(_EXTRA_MONTHS)
    for table in (MONTHS_EN, MONTHS_EN_SHORT, MONTHS_ID, MONTHS_ID_SHORT):
        for number, name in enumerate(table, start=1):
            names[name.casefold()] = number
    return names


def month_name(month: int) -> str:
    """Indonesian month name: ``November``."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1 to 12")
    return MONTHS_ID[month - 1]


def month_label(periode: str) -> str:
    """``November 2026`` for ``2026-11``."""
    year, month = periode.split("-")
    return f"{month_name(int(month))} {year}"


@dataclass(frozen=True, order=True)
class DateRange:
    """A single day (start == end) or an inclusive range of days."""

    start: dt.date
    end: dt.date

    @cached_property
    def canonical(self) -> str:
        """ISO form used for hashing: ``2026-11-10`` or ``2026-11-10/2026-11-12``."""
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@lru_cache(maxsize=1024)
def format_tanggal(value: DateRange) -> str:
    """Indonesian text: ``12 November 2026`` or ``10 s.d. 12 November 2026``."""
    start, end = value.start, value.end
    tail = f"{end.day} {month_name(end.month)} {end.year}"
    if start == end:
        return tail
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} s.d. {tail}"
    if start.year == end.year:
        return f"{start.day} {month_name(start.month)} s.d. {tail}"
    return f"{start.day} {month_name(start.month)} {start.year} s.d. {tail}"


def from_excel_serial(value: float) -> dt.date:
    """The day an Excel date serial number stands for."""
    return EXCEL_EPOCH + dt.timedelta(days=int(value))


def to_excel_serial(value: dt.date) -> float:
    """Excel's serial number of a date (with the time of day for a datetime)."""
    if isinstance(value, dt.datetime):
        start = dt.datetime.combine(EXCEL_EPOCH, dt.time())
        return (value.replace(tzinfo=None) - start) / dt.timedelta(days=1)
    return float((value - EXCEL_EPOCH).days)


def parse_tanggal(value: Any, period: dt.date | None = None) -> DateRange:
    """Parse ``value``; when ``period`` is given, the range must lie in its month."""
    result = _parse(value)
    if result.end < result.start:
        raise FieldError("v.tanggal.reversed", value=_show(value))
    if period is not None:
        month = (period.year, period.month)
        if (result.start.year, result.start.month) != month or (
            result.end.year,
            result.end.month,
        ) != month:
            raise FieldError(
                "v.tanggal.outside",
                value=format_tanggal(result),
                month=f"{month_name(period.month)} {period.year}",
            )
    return result


def _parse(value: Any) -> DateRange:
    if isinstance(value, dt.datetime):
        return DateRange(value.date(), value.date())
    if isinstance(value, dt.date):
        return DateRange(value, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466 and float(value).is_integer():
            day = from_excel_serial(value)
            return DateRange(day, day)
        raise FieldError("v.tanggal.format", value=_show(value))
    if value is None or not str(value).strip():
        raise FieldError("v.required", label="Tanggal")
    text = " ".join(str(value).replace("\u00a0", " ").split()).casefold()
    single = _full_date(text, value)
    if single is not None:
        return DateRange(single, single)
    for match in _SEPARATOR.finditer(text):
        left, right = text[: match.start()].strip(), text[match.end() :].strip()
        if not left or not right:
            continue
        end = _full_date(right, value)
        if end is None:
            continue
        start = _full_date(left, value) or _partial_date(left, end, value)
        if start is not None:
            return DateRange(start, end)
    raise FieldError("v.tanggal.format", value=_show(value))


def _full_date(text: str, original: Any) -> dt.date | None:
    if m := _NUMERIC.match(text):
        return _make(int(m[4]), int(m[3]), int(m[1]), original)
    if m := _ISO.match(text):
        return _make(int(m[1]), int(m[2]), int(m[3]), original)
    if (m := _NAMED.match(text)) and m[2] in month_numbers():
        return _make(int(m[3]), month_numbers()[m[2]], int(m[1]), original)
    return None


def _partial_date(text: str, end: dt.date, original: Any) -> dt.date | None:
    """The left side of a range, taking month and year from the right side."""
    m = _PARTIAL.match(text)
    if not m:
        return None
    month = end.month
    if m[3]:
        month = int(m[3])
    elif m[4]:
        if m[4] not in month_numbers():
            return None
        month = month_numbers()[m[4]]
    year = end.year if month <= end.month else end.year - 1
    return _make(year, month, int(m[1]), original)


def _make(year: int, month: int, day: int, original: Any) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise FieldError("v.tanggal.no_such_day", value=_show(original)) from exc


def _show(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""
