"""The office configuration (TOML): subbagian, people, approval chain, lists.

A default for KPU Provinsi Bengkulu ships as ``pyaddin/data/kpu_bengkulu.toml``.
A broken configuration is an :class:`~pyaddin.engine.errors.InputError` naming the key.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pyaddin.engine.defaults import (
    DEFAULT_CHAIN,
    DEFAULT_JENIS,
    DEFAULT_SATUAN,
    KABUPATEN_KOTA,
    PETUGAS,
)
from pyaddin.engine.errors import InputError
from pyaddin.engine.messages import register

register(
    {
        "config.invalid": (
            "Konfigurasi {file} tidak valid pada kunci '{key}': {detail}",
            "Configuration {file} is invalid at key '{key}': {detail}",
        ),
        "config.syntax": (
            "Konfigurasi {file} bukan TOML yang benar: {detail}",
            "Configuration {file} is not valid TOML: {detail}",
        ),
        "config.unknown_subbagian": (
            "Subbagian '{name}' tidak ada di konfigurasi. Pilihan: {choices}.",
            "Subbagian '{name}' is not in the configuration. Choices: {choices}.",
        ),
        "config.jabatan_not_in_chain": (
            "jabatan '{jabatan}' bukan Petugas dan tidak ada di approval_chain {chain}",
            "jabatan '{jabatan}' is not Petugas and not in approval_chain {chain}",
        ),
        "config.bad_key": (
            "kunci_publik bukan kunci publik Ed25519 (base64 dari 32 bita); salin lagi baris "
            "yang dicetak 'realisasi kunci buat'",
            "kunci_publik is not an Ed25519 public key (base64 of 32 bytes); copy again the "
            "line printed by 'realisasi kunci buat'",
        ),
        "config.bad_token": (
            "token_sha256 bukan SHA-256 (64 huruf heksadesimal); salin lagi baris terakhir "
            "yang dicetak 'realisasi token buat'",
            "token_sha256 is not a SHA-256 (64 hexadecimal characters); copy again the last "
            "line printed by 'realisasi token buat'",
        ),
        "config.unit_missing": (
            "{jabatan} {nama} perlu '{field}' yang ada di daftar [[subbagian]]",
            "{jabatan} {nama} needs a '{field}' listed in [[subbagian]]",
        ),
    }
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Kantor(_Strict):
    """The office: its name and the city written in signature blocks."""

    nama: str = "Sekretariat KPU Provinsi Bengkulu"
    provinsi: str = "Bengkulu"
    kota: str = "Bengkulu"
    kertas: Literal["A4", "F4"] = "A4"

    @property
    def paper_size(self) -> int:
        """Excel's paper code: 9 = A4, 14 = Folio (8.5 × 13 in, the F4 of Indonesian offices)."""
        return 14 if self.kertas == "F4" else 9


class Subbagian(_Strict):
    """A subbagian and the bagian it belongs to."""

    nama: str = Field(min_length=1)
    bagian: str = Field(min_length=1)


class Pegawai(_Strict):
    """A person who fills or reviews forms."""

    nama: str = Field(min_length=1)
    nip: str = ""
    username: str = ""
    jabatan: str = Field(min_length=1)
    subbagian: str | None = None
    bagian: str | None = None
    # Signed approvals (DESIGN.md §12): the person's Ed25519 public key, base64; a
    # retired key stays in an entry of its own with the last day it signed.
    kunci_publik: str | None = None
    berlaku_sampai: dt.date | None = None
    # The office server (DESIGN.md §14): the SHA-256 of the person's token, never the token.
    token_sha256: str | None = None

    @field_validator("token_sha256")
    @classmethod
    def _sha256(cls, value: str | None) -> str | None:
        if value is None:
            return None
        text = value.strip().lower()
        if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
            raise ValueError(_token_msg())
        return text

    @field_validator("kunci_publik")
    @classmethod
    def _ed25519(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError(_key_msg()) from exc
        if len(raw) != 32:
            raise ValueError(_key_msg())
        return value

    @property
    def public_key(self) -> bytes | None:
        """The raw 32-byte public key, if the person has one."""
        return base64.b64decode(self.kunci_publik) if self.kunci_publik else None


class KodeRef(_Strict):
    """A budget code the office allows, with its optional pagu (ceiling)."""

    kode: str = Field(min_length=1)
    pagu: int | None = Field(default=None, ge=0)
    uraian: str = ""


class Referensi(_Strict):
    """The lists behind the form's dropdowns and checks."""

    jenis: list[str] = Field(default_factory=lambda: list(DEFAULT_JENIS), min_length=1)
    satuan: list[str] = Field(default_factory=lambda: list(DEFAULT_SATUAN), min_length=1)
    lokus: list[str] = Field(default_factory=lambda: list(KABUPATEN_KOTA), min_length=1)
    kode: list[KodeRef] = Field(default_factory=list)


class Anggaran(_Strict):
    """The year's budget as the DIPA gives it (DESIGN.md §13): the pagu, the
    cumulative absorption target at the end of each triwulan (% of pagu), the
    monthly withdrawal plan (Halaman III DIPA) and the tolerated deviation."""

    pagu: int | None = Field(default=None, ge=0)
    target_triwulan: list[float] = Field(
        default_factory=lambda: [15.0, 40.0, 70.0, 95.0], min_length=4, max_length=4
    )
    rencana: list[int] | None = Field(default=None, min_length=12, max_length=12)
    rencana_subbagian: dict[str, list[int]] = Field(default_factory=dict)
    toleransi_deviasi: float = Field(default=5.0, ge=0)

    @field_validator("target_triwulan")
    @classmethod
    def _rising(cls, value: list[float]) -> list[float]:
        if any(not 0 <= v <= 100 for v in value) or value != sorted(value):
            raise ValueError("target_triwulan: empat persen kumulatif 0–100 yang naik")
        return value

    @field_validator("rencana_subbagian")
    @classmethod
    def _twelve(cls, value: dict[str, list[int]]) -> dict[str, list[int]]:
        for unit, plan in value.items():
            if len(plan) != 12 or any(v < 0 for v in plan):
                raise ValueError(f"rencana_subbagian.{unit}: 12 angka rupiah, satu per bulan")
        return value


class Server(_Strict):
    """The office server (DESIGN.md §14): the licence key the office sets, and the
    largest request it accepts."""

    xlwings_license_key: str | None = None
    batas_mb: float = Field(default=20.0, gt=0)


class OfficeConfig(_Strict):
    """The whole office configuration."""

    approval_chain: list[str] = Field(default_factory=lambda: list(DEFAULT_CHAIN), min_length=1)
    kantor: Kantor = Field(default_factory=Kantor)
    subbagian: list[Subbagian] = Field(min_length=1)
    pegawai: list[Pegawai] = Field(default_factory=list)
    referensi: Referensi = Field(default_factory=Referensi)
    tanda_tangan: Literal["wajib", "anjuran"] = "anjuran"
    anggaran: Anggaran = Field(default_factory=Anggaran)
    server: Server = Field(default_factory=Server)

    def year_pagu(self) -> int | None:
        """The year's pagu: ``[anggaran] pagu``, else the sum of the kode list's pagu."""
        if self.anggaran.pagu is not None:
            return self.anggaran.pagu
        ceilings = [k.pagu for k in self.referensi.kode if k.pagu is not None]
        return sum(ceilings) if ceilings else None

    def people_problem(self) -> tuple[str, str] | None:
        """(key, reason) of the first person whose jabatan or unit is wrong."""
        units = {s.nama for s in self.subbagian}
        bagians = {s.bagian for s in self.subbagian}
        for index, person in enumerate(self.pegawai):
            key = f"pegawai[{index}]"
            if person.jabatan != PETUGAS and person.jabatan not in self.approval_chain:
                return f"{key}.jabatan", _msg(
                    "config.jabatan_not_in_chain", person.jabatan, self.approval_chain
                )
            needs = _unit_field(person.jabatan, self.approval_chain)
            if needs == "subbagian" and person.subbagian not in units:
                return f"{key}.subbagian", _unit_msg(person, "subbagian")
            if needs == "bagian" and person.bagian not in bagians:
                return f"{key}.bagian", _unit_msg(person, "bagian")
        return None

    def find_subbagian(self, name: str) -> Subbagian:
        """The subbagian called ``name`` (case-insensitive), or an InputError."""
        for unit in self.subbagian:
            if unit.nama.casefold() == name.strip().casefold():
                return unit
        raise InputError(
            "config.unknown_subbagian",
            name=name,
            choices=", ".join(u.nama for u in self.subbagian),
        )

    def people_for(self, unit: Subbagian) -> list[Pegawai]:
        """Who acts on this subbagian's forms: its Petugas and Kasubbag, the Kabag
        of its bagian and the top of the chain (the Sekretaris)."""
        chosen = []
        for person in self.pegawai:
            if person.berlaku_sampai is not None:
                continue  # a retired key's entry: not someone who acts today
            scope = _unit_field(person.jabatan, self.approval_chain)
            if (
                (scope == "subbagian" and person.subbagian == unit.nama)
                or (scope == "bagian" and person.bagian == unit.bagian)
                or scope is None
            ):
                chosen.append(person)
        return chosen


def _unit_field(jabatan: str, chain: list[str]) -> str | None:
    """Which unit a jabatan belongs to: Petugas and the first level a subbagian,
    a middle level a bagian, the last level (Sekretaris) none."""
    if jabatan == PETUGAS:
        return "subbagian"
    level = chain.index(jabatan) if jabatan in chain else -1
    if level == len(chain) - 1:
        return None
    return "subbagian" if level == 0 else "bagian"


def _msg(key: str, jabatan: str, chain: list[str]) -> str:
    from pyaddin.engine.messages import t

    return t(key, jabatan=jabatan, chain=chain)


def _token_msg() -> str:
    from pyaddin.engine.messages import t

    return t("config.bad_token")


def _key_msg() -> str:
    from pyaddin.engine.messages import t

    return t("config.bad_key")


def _unit_msg(person: Pegawai, field: str) -> str:
    from pyaddin.engine.messages import t

    return t("config.unit_missing", jabatan=person.jabatan, nama=person.nama, field=field)


def dump_config(office: OfficeConfig) -> str:
    """``office`` as TOML that :func:`load_config` reads back (the lists are left
    out when they are the defaults)."""

    def text(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [
        "approval_chain = [" + ", ".join(text(j) for j in office.approval_chain) + "]",
        f"tanda_tangan = {text(office.tanda_tangan)}",
        "",
        "[kantor]",
    ]
    lines += [f"{k} = {text(str(v))}" for k, v in office.kantor.model_dump().items()]
    for unit in office.subbagian:
        lines += ["", "[[subbagian]]", f"nama = {text(unit.nama)}", f"bagian = {text(unit.bagian)}"]
    for person in office.pegawai:
        lines += ["", "[[pegawai]]"]
        for key, value in person.model_dump(exclude_none=True).items():
            if isinstance(value, dt.date):
                lines.append(f"{key} = {value.isoformat()}")
            elif value != "":
                lines.append(f"{key} = {text(str(value))}")
    if office.referensi != Referensi():
        lines += ["", "[referensi]"]
        for key in ("jenis", "satuan", "lokus"):
            items = getattr(office.referensi, key)
            lines.append(f"{key} = [" + ", ".join(text(i) for i in items) + "]")
        for kode in office.referensi.kode:
            lines += ["", "[[referensi.kode]]", f"kode = {text(kode.kode)}"]
            if kode.pagu is not None:
                lines.append(f"pagu = {kode.pagu}")
            if kode.uraian:
                lines.append(f"uraian = {text(kode.uraian)}")
    if office.server != Server():
        lines += ["", "[server]", f"batas_mb = {office.server.batas_mb!r}"]
        if office.server.xlwings_license_key:
            lines.append(f"xlwings_license_key = {text(office.server.xlwings_license_key)}")
    if office.anggaran != Anggaran():
        plan = office.anggaran
        lines += ["", "[anggaran]"]
        if plan.pagu is not None:
            lines.append(f"pagu = {plan.pagu}")
        lines.append(f"target_triwulan = {plan.target_triwulan!r}")
        if plan.rencana is not None:
            lines.append(f"rencana = {plan.rencana!r}")
        lines.append(f"toleransi_deviasi = {plan.toleransi_deviasi!r}")
        if plan.rencana_subbagian:
            lines += ["", "[anggaran.rencana_subbagian]"]
            lines += [f"{text(unit)} = {p!r}" for unit, p in plan.rencana_subbagian.items()]
    return "\n".join(lines) + "\n"


def default_config_text() -> str:
    """The TOML text of the shipped default configuration."""
    return resources.files("pyaddin.data").joinpath("kpu_bengkulu.toml").read_text("utf-8")


def load_config(path: str | Path | None = None) -> OfficeConfig:
    """Read and check a configuration; ``None`` gives the shipped default."""
    label = str(path) if path is not None else "kpu_bengkulu.toml (bawaan)"
    if path is None:
        text = default_config_text()
    else:
        file = Path(path)
        if not file.is_file():
            from pyaddin.engine.errors import FileError

            raise FileError("file.missing", file=file)
        text = file.read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError("config.syntax", file=label, detail=str(exc)) from exc
    try:
        config = OfficeConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in first["loc"]).replace(
            ".[", "["
        )
        detail = str(first["msg"]).removeprefix("Value error, ")
        loc = first["loc"]
        if len(loc) > 1 and loc[0] == "pegawai" and isinstance(loc[1], int):
            people = data.get("pegawai") or []
            person = people[loc[1]] if loc[1] < len(people) else {}
            if isinstance(person, dict) and person.get("nama"):
                key = f"{key} ({person['nama']})"
        raise InputError("config.invalid", file=label, key=key or "-", detail=detail) from exc
    problem = config.people_problem()
    if problem is not None:
        raise InputError("config.invalid", file=label, key=problem[0], detail=problem[1])
    return config
