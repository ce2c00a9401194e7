"""The row model: one pydantic validator per field, errors per field key.

Values arrive as Excel gives them; each validator normalises its field (see the
parser modules) and reports a :class:`FieldError` in the current language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from pyaddin.validators.choices import parse_jenis, parse_judul, parse_kode, parse_lokus
from pyaddin.validators.errors import FieldError
from pyaddin.validators.messages import label
from pyaddin.validators.rupiah import parse_rupiah
from pyaddin.validators.sasaran import Sasaran, parse_sasaran
from pyaddin.validators.tanggal import DateRange, parse_tanggal

EXCEL_ERRORS = frozenset(
    {"#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)


@dataclass(frozen=True)
class RowContext:
    """What a row is checked against: the workbook's lists and report month."""

    period: dt.date
    jenis: tuple[str, ...]
    satuan: tuple[str, ...]
    lokus: tuple[str, ...]
    kode: tuple[str, ...] = ()


def _kode(v: Any, ctx: RowContext) -> str:
    return parse_kode(v, ctx.kode)


def _judul(v: Any, ctx: RowContext) -> str:
    return parse_judul(v)


def _sasaran(v: Any, ctx: RowContext) -> Sasaran:
    return parse_sasaran(v, ctx.satuan)


def _jenis(v: Any, ctx: RowContext) -> str:
    return parse_jenis(v, ctx.jenis)


def _anggaran(v: Any, ctx: RowContext) -> int:
    amount = parse_rupiah(v, "anggaran")
    if amount == 0:
        raise FieldError("v.rupiah.zero")
    return amount


def _realisasi(v: Any, ctx: RowContext) -> int:
    return parse_rupiah(v, "realisasi")


def _lokus(v: Any, ctx: RowContext) -> str:
    return parse_lokus(v, ctx.lokus)


def _tanggal(v: Any, ctx: RowContext) -> DateRange:
    return parse_tanggal(v, ctx.period)


# Each field's check, in form order: the value as Excel gives it and the row's
# context (its lists and month). The one definition of a valid row: the pydantic
# model runs these, and so does :func:`check_row` without the model's machinery.
FIELD_CHECKS: dict[str, Callable[[Any, RowContext], Any]] = {
    "kode": _kode,
    "judul": _judul,
    "sasaran": _sasaran,
    "jenis": _jenis,
    "anggaran": _anggaran,
    "realisasi": _realisasi,
    "lokus": _lokus,
    "tanggal": _tanggal,
}
_UNIQUE = "judul"  # a title rarely repeats: not remembered

# Verdicts on values already seen against one context (a month's forms share their
# lists: kode, jenis, lokus, satuan, dates and amounts repeat across rows and forms).
# Only successes are kept; keyed by type too (1, 1.0 and True are equal keys).
_MEMO_LIMIT = 20_000
_memo_state: tuple[RowContext | None, dict[tuple[str, type, Any], Any]] = (None, {})
_NOT_SEEN = object()


def _memo_for(context: RowContext) -> dict[tuple[str, type, Any], Any]:
    global _memo_state
    held, memo = _memo_state  # one read: another thread may swap it
    if held is context:
        return memo
    if held != context:
        memo = {}
    _memo_state = (context, memo)
    return memo


def field_value(field: str, value: Any, context: RowContext, data: Mapping[str, Any]) -> Any:
    """``field``'s normalised value given the fields already valid (``data``);
    FieldError (its message in the current language) when it fails, an Excel error
    value (``#REF!``…) included."""
    return _field_value(field, value, context, data, _memo_for(context))


def _field_value(
    field: str,
    value: Any,
    context: RowContext,
    data: Mapping[str, Any],
    memo: dict[tuple[str, type, Any], Any],
) -> Any:
    """:func:`field_value` with the context's memo already in hand."""
    key: tuple[str, type, Any] | None = None
    found: Any = _NOT_SEEN
    if field != _UNIQUE:
        try:
            key = (field, type(value), value)
            found = memo.get(key, _NOT_SEEN)
        except TypeError:  # an unhashable value: checked, not remembered
            key = None
    if found is _NOT_SEEN:
        if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
            raise FieldError("v.cell_error", label=label(field), value=value.strip())
        found = FIELD_CHECKS[field](value, context)
        if key is not None and len(memo) < _MEMO_LIMIT:  # amounts can be all distinct
            memo[key] = found
    if field == "realisasi":
        anggaran = data.get("anggaran")
        if isinstance(anggaran, int) and found > anggaran:
            from pyaddin.validators.rupiah import format_rupiah

            raise FieldError(
                "v.realisasi.over_anggaran",
                realisasi=format_rupiah(found),
                anggaran=format_rupiah(anggaran),
            )
    return found


def _validated(v: Any, info: ValidationInfo) -> Any:
    field = str(info.field_name)
    context = info.context
    assert isinstance(context, RowContext)
    try:
        return field_value(field, v, context, info.data)
    except FieldError as exc:
        raise PydanticCustomError(field, "{message}", {"message": exc.message}) from None


class Row(BaseModel):
    """A valid, normalised row of the form."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    kode: str
    judul: str
    sasaran: Sasaran
    jenis: str
    anggaran: int
    realisasi: int
    lokus: str
    tanggal: DateRange

    _check_fields = field_validator(*FIELD_CHECKS, mode="before")(_validated)

    def canonical(self) -> list[str]:
        """The business fields as normalised text, in form order (hashed by the chain)."""
        return [
            self.kode,
            self.judul,
            self.sasaran.canonical,
            self.jenis,
            str(self.anggaran),
            str(self.realisasi),
            self.lokus,
            self.tanggal.canonical,
        ]


_FIELDS = tuple(Row.model_fields)
_remembered: Callable[..., Row | dict[str, str]] | None = None


def remember_rows(size: int) -> None:
    """Keep the verdicts on the last ``size`` distinct rows (by their fields, the
    lists they are checked against and the language of the messages). For the
    office server, where a form's rows arrive again with every click — Validasi,
    Ajukan, each approval — and only what changed needs checking again. Off by
    default: a command reads each row once, and month end keeps its memory low."""
    global _remembered

    def verdict(
        fields: tuple[Any, ...], types: tuple[type, ...], context: RowContext, lang: str
    ) -> Row | dict[str, str]:
        return _check(dict(zip(_FIELDS, fields, strict=True)), context)

    _remembered = lru_cache(maxsize=size)(verdict) if size > 0 else None


def check_row(values: Mapping[str, Any], context: RowContext) -> Row | dict[str, str]:
    """A valid :class:`Row`, or ``{field: message}`` for every field that fails."""
    if _remembered is not None and all(f in values for f in _FIELDS):  # else: as is
        from pyaddin.engine.messages import language

        fields = tuple(values[f] for f in _FIELDS)
        types = tuple(map(type, fields))  # 0, 0.0 and False are equal keys, not one verdict
        try:
            result = _remembered(fields, types, context, language())
        except TypeError:  # an unhashable value: checked afresh
            return _check(values, context)
        return dict(result) if isinstance(result, dict) else result
    return _check(values, context)


def _check(values: Mapping[str, Any], context: RowContext) -> Row | dict[str, str]:
    """The checks of :data:`FIELD_CHECKS` run directly, field after field as the
    model runs them (a month checks tens of thousands of rows; the model's own
    machinery costs more than the checks). ``Row.model_validate`` gives the same."""
    memo = _memo_for(context)
    data: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for field in FIELD_CHECKS:
        if field not in values:
            problems[field] = FieldError("v.required", label=label(field)).message
            continue
        try:
            data[field] = _field_value(field, values[field], context, data, memo)
        except FieldError as exc:
            problems[field] = exc.message
    if problems:
        return problems
    return _valid_row(data)


def _valid_row(data: dict[str, Any]) -> Row:
    """A :class:`Row` of fields already checked: what ``Row.model_construct(**data)``
    makes for this model (every field set; no alias, default, extra or private
    attribute, no post-init), without walking its fields' settings for each of a
    month's tens of thousands of rows. A test holds the two to the same object."""
    row = _new_row(Row)
    _set(row, "__dict__", data)
    _set(row, "__pydantic_fields_set__", set(_FIELDS))
    _set(row, "__pydantic_extra__", None)
    _set(row, "__pydantic_private__", None)
    return row


_new_row = object.__new__
_set = object.__setattr__
