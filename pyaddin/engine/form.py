"""The form's layout: sheets, labels, columns, defined names, styles.

This module is the single source of truth for the template builder, the readers
and the writers. It holds no I/O: adapters turn these facts into cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TEMPLATE_VERSION = "1.1"

SHEET_FORM = "Realisasi"
SHEET_HISTORY = "Riwayat"
SHEET_REFERENCE = "Referensi"
SHEET_SETTINGS = "Pengaturan"
SHEETS = (SHEET_FORM, SHEET_HISTORY, SHEET_REFERENCE, SHEET_SETTINGS)
SHEET_XLWINGS_CONF = "xlwings.conf"

# Sheet protection is a courtesy (the hash chain is the evidence); the VBA
# helper uses the same password to unprotect before Python writes.
SHEET_PASSWORD = "rk-bengkulu"

TITLE = "REALISASI KEGIATAN BULANAN"
LABEL_PERIOD = "BULAN/TAHUN ANGGARAN"
LABEL_PROVINCE = "PROVINSI BENGKULU"
LABEL_UNIT = "SUB BAGIAN"


@dataclass(frozen=True)
class Column:
    """One column of the table: its key, header label, width and number format."""

    key: str
    label: str
    width: float
    number_format: str = "General"
    input: bool = True


COLUMNS: tuple[Column, ...] = (
    Column("no", "No.", 5),
    Column("kode", "Kode", 31),  # the longest legal kode on one line
    Column("judul", "Judul Kegiatan", 42),
    Column("sasaran", "Sasaran/Volume", 15),
    Column("jenis", "Jenis Kegiatan", 22),
    Column("anggaran", "Anggaran (Rp)", 17, '"Rp "#,##0'),
    Column("realisasi", "Realisasi (Rp)", 17, '"Rp "#,##0'),
    Column("lokus", "Lokus", 18),
    Column("tanggal", "Tanggal", 24, "dd/mm/yyyy"),
    Column("status", "Status", 30, input=False),
    Column("catatan", "Catatan Reviewer", 34, input=False),
    Column("id", "ID Baris", 14, input=False),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
BUSINESS_KEYS = ("kode", "judul", "sasaran", "jenis", "anggaran", "realisasi", "lokus", "tanggal")
HIDDEN_KEYS = ("id",)
PRINT_LAST_KEY = "catatan"

# Rows of the form sheet (1-based, as Excel numbers them).
ROW_TITLE = 1
ROW_PERIOD = 3
ROW_PROVINCE = 4
ROW_UNIT = 5
ROW_HEADER = 7
ROW_BODY = 8
DEFAULT_BODY_ROWS = 50
LABEL_COL = 2  # B: labels of the header block
VALUE_COL = 3  # C: their values
PERIOD_FORMAT = "[$-421]mmmm yyyy"

# Signature block, placed SIGNATURE_GAP rows below the body.
SIGNATURE_GAP = 2
SIGNATURE_LEFT_COL = 3  # C
SIGNATURE_RIGHT_COL = 7  # G
SIGNATURE_HEIGHT = 8

# Defined names (workbook scope).
NAME_PERIOD = "RK_PERIODE"
NAME_UNIT = "RK_SUBBAGIAN"
NAME_DATA = "RK_DATA"
NAME_VERSION = "RK_VERSI"
NAME_HEAD = "RK_RIWAYAT_AKHIR"
NAME_INPUT = "RK_MASUKAN"
NAME_LIST_JENIS = "RK_LIST_JENIS"
NAME_LIST_SATUAN = "RK_LIST_SATUAN"
NAME_LIST_LOKUS = "RK_LIST_LOKUS"
NAME_LIST_KODE = "RK_LIST_KODE"
REQUIRED_NAMES = (NAME_PERIOD, NAME_UNIT, NAME_DATA, NAME_VERSION)

HISTORY_COLUMNS = (
    "Waktu",
    "ID Baris",
    "No.",
    "Aksi",
    "Tahap",
    "Oleh",
    "NIP",
    "Catatan",
    "Hash Baris",
    "Hash Sebelumnya",
    "Hash Entri",
    "Tanda Tangan",  # the acting person's Ed25519 signature over Hash Entri (§12)
)
HISTORY_WIDTHS = (26, 14, 6, 12, 14, 28, 20, 40, 20, 20, 20, 24)

REFERENCE_COLUMNS = ("Jenis Kegiatan", "Satuan", "Lokus", "Kode", "Pagu (Rp)", "Uraian Kode")
REFERENCE_WIDTHS = (28, 14, 22, 30, 18, 36)

# Pengaturan: key/value rows (label in A, value in B), then the people table.
SETTINGS_TITLE = "PENGATURAN FORMULIR REALISASI KEGIATAN"
SETTING_UNIT = "Subbagian"
SETTING_BAGIAN = "Bagian"
SETTING_CHAIN = "Alur Persetujuan"
SETTING_VERSION = "Versi Templat"
SETTING_HEAD = "Hash Riwayat Terakhir"
SETTING_INPUT = "Masukan Ribbon"
SETTING_OFFICE = "Instansi"
SETTING_CITY = "Kota"
SETTING_SIGNING = "Tanda Tangan"  # wajib | anjuran, from the office config
SETTINGS_ROWS = (
    SETTING_OFFICE,
    SETTING_CITY,
    SETTING_UNIT,
    SETTING_BAGIAN,
    SETTING_CHAIN,
    SETTING_VERSION,
    SETTING_HEAD,
    SETTING_INPUT,
    SETTING_SIGNING,
)
SETTINGS_FIRST_ROW = 3
PEOPLE_COLUMNS = ("Jabatan", "Nama", "NIP", "Username", "Subbagian", "Bagian", "Kunci Publik")
PEOPLE_HEADER_ROW = SETTINGS_FIRST_ROW + len(SETTINGS_ROWS) + 2
SETTINGS_WIDTHS = (24, 40, 22, 16, 34, 60, 48)


def setting_row(label: str) -> int:
    """The Pengaturan row (1-based) that holds setting ``label``."""
    return SETTINGS_FIRST_ROW + SETTINGS_ROWS.index(label)


def setting_cell(label: str) -> tuple[str, int, int]:
    """(sheet, row, column) of setting ``label``'s value in a fresh form."""
    return (SHEET_SETTINGS, setting_row(label), 2)


# Fills and fonts (hex RGB), used by both writers.
COLOR_HEADER = "D9E1F2"
COLOR_ERROR = "FFC7CE"
COLOR_WARNING = "FFEB9C"
COLOR_APPROVED = "E2EFDA"
COLOR_RETURNED = "FCE4D6"
COLOR_SUBMITTED = "FFF2CC"
NOTE_AUTHOR = "Realisasi Kegiatan"


def column_index(key: str) -> int:
    """0-based position of column ``key`` in the table."""
    return COLUMN_KEYS.index(key)


def col_letter(col: int) -> str:
    """Excel column letters of a 1-based column number."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_number(letters: str) -> int:
    """1-based column number of Excel column letters."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


@dataclass(frozen=True)
class Area:
    """A rectangular block on a sheet, 1-based and inclusive."""

    sheet: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int

    @property
    def ref(self) -> str:
        """A1 reference without sheet: ``A8:L57``."""
        a = f"{col_letter(self.first_col)}{self.first_row}"
        b = f"{col_letter(self.last_col)}{self.last_row}"
        return a if a == b else f"{a}:{b}"

    @property
    def absolute(self) -> str:
        """Absolute reference with sheet, as a defined name holds it."""
        quoted = f"'{self.sheet}'" if re.search(r"[^A-Za-z0-9_]", self.sheet) else self.sheet
        a = f"${col_letter(self.first_col)}${self.first_row}"
        b = f"${col_letter(self.last_col)}${self.last_row}"
        return f"{quoted}!{a}" if a == b else f"{quoted}!{a}:{b}"

    @property
    def rows(self) -> int:
        return self.last_row - self.first_row + 1


_REF = re.compile(
    r"^=?(?:'?(?P<sheet>(?:[^'!]|'')+)'?!)?\$?(?P<c1>[A-Za-z]{1,3})\$?(?P<r1>\d+)"
    r"(?::\$?(?P<c2>[A-Za-z]{1,3})\$?(?P<r2>\d+))?$"
)


def parse_area(ref: str, default_sheet: str = "") -> Area | None:
    """Parse ``Realisasi!$A$8:$L$57`` (or a plain ``A8``) into an Area; None if not a range."""
    match = _REF.match(ref.strip())
    if not match:
        return None
    sheet = (match["sheet"] or default_sheet).replace("''", "'")
    r1, c1 = int(match["r1"]), col_number(match["c1"])
    r2 = int(match["r2"]) if match["r2"] else r1
    c2 = col_number(match["c2"]) if match["c2"] else c1
    return Area(sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


def body_area(rows: int = DEFAULT_BODY_ROWS) -> Area:
    """The table body of a fresh form with ``rows`` rows."""
    return Area(SHEET_FORM, ROW_BODY, 1, ROW_BODY + rows - 1, len(COLUMNS))


SIGNATURE_HEADING = "Mengetahui"  # the block's first cell (left column) begins with it
HEADER_OWN_COLS = 3  # above the table, columns A-C hold the title, labels and values


def signature_top(body: Area) -> int:
    """First row of the signature block below ``body``."""
    return body.last_row + SIGNATURE_GAP


def cell_ref(row: int, key: str) -> str:
    """A1 address of column ``key`` on sheet row ``row``."""
    return f"{col_letter(column_index(key) + 1)}{row}"


def match_label(text: object, label: str) -> bool:
    """Header matching of the contract: case-insensitive, by prefix."""
    if not isinstance(text, str):
        return False
    norm = " ".join(text.split()).casefold()
    want = label.casefold()
    return bool(norm) and (norm.startswith(want) or (want.startswith(norm) and len(norm) >= 3))
