"""The row model: one pydantic validator per field, errors per field key.

Values arrive as Excel gives them; each validator normalises its field (see the
parser modules) and reports a :class:`FieldError` in the current language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
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
T = TypeVar("T")


@dataclass(frozen=True)
class RowContext:
    """What a row is checked against: the workbook's lists and report month."""

    period: dt.date
    jenis: tuple[str, ...]
    satuan: tuple[str, ...]
    lokus: tuple[str, ...]
    kode: tuple[str, ...] = ()


@lru_cache(maxsize=4096)
def _cached(parser: Callable[..., Any], value: Any, *context: Any) -> Any:
    """A parser's result for a value seen before (jenis, lokus, kode, satuan and
    dates repeat across rows and forms). Errors are not cached: they re-raise."""
    return parser(value, *context)


def cached(parser: Callable[..., T], value: Any, *context: Any) -> T:
    """``parser(value, *context)``, memoised when the value is hashable."""
    try:
        hash(value)
    except TypeError:
        return parser(value, *context)
    result: T = _cached(parser, value, *context)
    return result


def _run(field: str, value: Any, parse: Callable[[], T]) -> T:
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        raise PydanticCustomError(
            field, "{message}", {"message": _msg("v.cell_error", field, value.strip())}
        )
    try:
        return parse()
    except FieldError as exc:
        raise PydanticCustomError(field, "{message}", {"message": exc.message}) from None


def _msg(key: str, field: str, value: str) -> str:
    return FieldError(key, label=label(field), value=value).message


def _ctx(info: ValidationInfo) -> RowContext:
    context = info.context
    assert isinstance(context, RowContext)
    return context


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

    @field_validator("kode", mode="before")
    @classmethod
    def _kode(cls, v: Any, info: ValidationInfo) -> str:
        return _run("kode", v, lambda: cached(parse_kode, v, _ctx(info).kode))

    @field_validator("judul", mode="before")
    @classmethod
    def _judul(cls, v: Any) -> str:
        return _run("judul", v, lambda: parse_judul(v))

    @field_validator("sasaran", mode="before")
    @classmethod
    def _sasaran(cls, v: Any, info: ValidationInfo) -> Sasaran:
        return _run("sasaran", v, lambda: cached(parse_sasaran, v, _ctx(info).satuan))

    @field_validator("jenis", mode="before")
    @classmethod
    def _jenis(cls, v: Any, info: ValidationInfo) -> str:
        return _run("jenis", v, lambda: cached(parse_jenis, v, _ctx(info).jenis))

    @field_validator("anggaran", mode="before")
    @classmethod
    def _anggaran(cls, v: Any) -> int:
        amount = _run("anggaran", v, lambda: parse_rupiah(v, "anggaran"))
        if amount == 0:
            raise PydanticCustomError(
                "anggaran", "{message}", {"message": FieldError("v.rupiah.zero").message}
            )
        return amount

    @field_validator("realisasi", mode="before")
    @classmethod
    def _realisasi(cls, v: Any, info: ValidationInfo) -> int:
        amount = _run("realisasi", v, lambda: parse_rupiah(v, "realisasi"))
        anggaran = info.data.get("anggaran")
        if isinstance(anggaran, int) and amount > anggaran:
            from pyaddin.validators.rupiah import format_rupiah

            message = FieldError(
                "v.realisasi.over_anggaran",
                realisasi=format_rupiah(amount),
                anggaran=format_rupiah(anggaran),
            ).message
            raise PydanticCustomError("realisasi", "{message}", {"message": message})
        return amount

    @field_validator("lokus", mode="before")
    @classmethod
    def _lokus(cls, v: Any, info: ValidationInfo) -> str:
        return _run("lokus", v, lambda: cached(parse_lokus, v, _ctx(info).lokus))

    @field_validator("tanggal", mode="before")
    @classmethod
    def _tanggal(cls, v: Any, info: ValidationInfo) -> DateRange:
        return _run("tanggal", v, lambda: cached(parse_tanggal, v, _ctx(info).period))

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

    def verdict(fields: tuple[Any, ...], context: RowContext, lang: str) -> Row | dict[str, str]:
        return _check(dict(zip(_FIELDS, fields, strict=True)), context)

    _remembered = lru_cache(maxsize=size)(verdict) if size > 0 else None


def check_row(values: Mapping[str, Any], context: RowContext) -> Row | dict[str, str]:
    """A valid :class:`Row`, or ``{field: message}`` for every field that fails."""
    if _remembered is not None:
        from pyaddin.engine.messages import language

        fields = tuple(values.get(f) for f in _FIELDS)
        try:
            result = _remembered(fields, context, language())
        except TypeError:  # an unhashable value: checked afresh
            return _check(values, context)
        return dict(result) if isinstance(result, dict) else result
    return _check(values, context)


def _check(values: Mapping[str, Any], context: RowContext) -> Row | dict[str, str]:
    try:
        return Row.model_validate(dict(values), context=context)
    except ValidationError as exc:
        problems: dict[str, str] = {}
        for error in exc.errors(include_url=False):
            field = str(error["loc"][0]) if error["loc"] else "judul"
            message = str(error["msg"])
            if error["type"] == "missing":
                message = FieldError("v.required", label=label(field)).message
            problems.setdefault(field, message)
        return problems
