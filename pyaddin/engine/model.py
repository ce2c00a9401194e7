"""The engine's data: statuses, rows, people, history entries, a form snapshot.

Plain dataclasses, independent of any workbook library: the I/O adapters build
a :class:`FormData` from a workbook and apply an action's changes back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pyaddin.engine.defaults import PETUGAS
from pyaddin.engine.form import BUSINESS_KEYS, SETTING_HEAD, setting_cell

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
STATUS_SEPARATOR = " — "

DRAF = "DRAF"
DIAJUKAN = "DIAJUKAN"
DIKEMBALIKAN = "DIKEMBALIKAN"
DISETUJUI = "DISETUJUI"

ACTION_SUBMIT = "AJUKAN"
ACTION_APPROVE = "SETUJUI"
ACTION_RETURN = "KEMBALIKAN"


def approved_status(chain: list[str], level: int) -> str:
    """Status after approval at chain ``level``: ``DISETUJUI KASUBBAG`` … ``DISETUJUI``."""
    if level == len(chain) - 1:
        return DISETUJUI
    return f"{DISETUJUI} {chain[level].upper()}"


def all_statuses(chain: list[str]) -> list[str]:
    """Every status of a chain, in workflow order."""
    return (
        [DRAF, DIAJUKAN] + [approved_status(chain, i) for i in range(len(chain))] + [DIKEMBALIKAN]
    )


def status_of(cell: Any) -> str:
    """The status a Status cell begins with (an empty cell is DRAF)."""
    if cell is None:
        return DRAF
    text = str(cell).strip()
    if not text:
        return DRAF
    return text.split(STATUS_SEPARATOR, 1)[0].split(" —", 1)[0].strip().upper() or DRAF


def waiting_level(status: str, chain: list[str]) -> int | None:
    """Which chain level a row in ``status`` waits for (None: waits for nobody)."""
    if status == DIAJUKAN:
        return 0
    for level in range(len(chain) - 1):
        if status == approved_status(chain, level):
            return level + 1
    return None


def is_approved(status: str) -> bool:
    """Approved at any level (and so locked)."""
    return status.startswith(DISETUJUI)


def now_wib() -> dt.datetime:
    """The current time in WIB (+07:00), to the second."""
    return dt.datetime.now(WIB).replace(microsecond=0)


def period_label(period: dt.date) -> str:
    """``2026-11`` for a period date."""
    return f"{period.year:04d}-{period.month:02d}"


@dataclass(frozen=True)
class Person:
    """Someone registered in a workbook's Pengaturan."""

    jabatan: str
    nama: str
    nip: str = ""
    username: str = ""
    subbagian: str = ""
    bagian: str = ""
    kunci_publik: str = ""

    @property
    def is_staff(self) -> bool:
        return self.jabatan == PETUGAS


@dataclass
class FormRow:
    """One body row as read: its sheet row, ``No.`` and raw cell values by key."""

    excel_row: int
    values: dict[str, Any]

    @property
    def no(self) -> int | None:
        value = self.values.get("no")
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, (int, float)) and float(value).is_integer() and value > 0:
            return int(value)
        if isinstance(value, str) and value.strip().rstrip(".").isdigit():
            return int(value.strip().rstrip("."))
        return None

    @property
    def status(self) -> str:
        return status_of(self.values.get("status"))

    @property
    def row_id(self) -> str:
        value = self.values.get("id")
        return str(value).strip() if value not in (None, "") else ""

    def is_empty(self) -> bool:
        """No business field filled (No., status and ID do not count)."""
        return all(_blank(self.values.get(k)) for k in BUSINESS_KEYS)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(slots=True)
class HistoryEntry:
    """One line of Riwayat (slotted, not frozen: a month reads many thousands)."""

    waktu: str
    row_id: str
    no: int | None
    aksi: str
    tahap: str
    oleh: str
    nip: str
    catatan: str
    hash_baris: str
    hash_sebelumnya: str
    hash_entri: str
    tanda_tangan: str = ""
    sheet_row: int = 0

    def cells(self) -> list[Any]:
        """Values in Riwayat's column order."""
        return [
            self.waktu,
            self.row_id,
            self.no,
            self.aksi,
            self.tahap,
            self.oleh,
            self.nip,
            self.catatan,
            self.hash_baris,
            self.hash_sebelumnya,
            self.hash_entri,
            self.tanda_tangan,
        ]


@dataclass(frozen=True)
class KodeInfo:
    """A kode listed in Referensi, with its optional pagu."""

    kode: str
    pagu: int | None = None
    uraian: str = ""


@dataclass
class Lists:
    """The lists of a workbook's Referensi sheet."""

    jenis: list[str]
    satuan: list[str]
    lokus: list[str]
    kode: list[KodeInfo] = field(default_factory=list)


@dataclass
class FormData:
    """Everything the engine needs from one subbagian's workbook."""

    file: str
    period: dt.date
    subbagian: str
    bagian: str
    chain: list[str]
    version: str
    rows: list[FormRow]
    history: list[HistoryEntry]
    people: list[Person]
    lists: Lists
    head_hash: str = ""
    head_cell: tuple[str, int, int] = field(  # (sheet, row, col) of the chain head
        default_factory=lambda: setting_cell(SETTING_HEAD)
    )
    office: str = ""
    city: str = "Bengkulu"
    body_first_row: int = 0
    body_last_row: int = 0
    # (row, col, value) typed in the table's columns outside the table (DESIGN.md §11)
    outside: list[tuple[int, int, Any]] = field(default_factory=list)
    sheet_rows: int = 0  # used rows of the Realisasi sheet
    signature_row: int = 0  # first row of the signature block
    signing: str = "anjuran"  # wajib | anjuran: may an unsigned action be written?
    # filled_rows, kept while the row list is the same (validation, audit and month
    # end each ask; a write never empties a filled row)
    _filled: tuple[int, int, list[FormRow]] | None = field(default=None, repr=False, compare=False)

    @property
    def periode(self) -> str:
        return period_label(self.period)

    def filled_rows(self) -> list[FormRow]:
        """Rows with at least one business field filled."""
        key = (id(self.rows), len(self.rows))
        if self._filled is None or self._filled[:2] != key:
            self._filled = (*key, [r for r in self.rows if not r.is_empty()])
        return list(self._filled[2])

    def find_person(self, who: str) -> Person | None:
        """A registered person by name or username (case- and space-insensitive)."""
        key = " ".join(who.split()).casefold()
        for person in self.people:
            names = {" ".join(person.nama.split()).casefold(), person.username.casefold()}
            if key and key in names:
                return person
        return None
