"""The corpus of bad inputs, made by code.

Each case is a file (and sometimes a condition around it, like a lock held by
another process) with the exit code every command must give: 2 for input that
cannot be used, 1 where the product finds a problem in usable input, 0 where
the input is fine. Expected words say what the one-line message must mention.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook

from pyaddin.engine import form as F
from tests.helpers import GOOD_ROW, fill, good_rows, make_form

READS = ("validate", "status", "verify")
WRITES = ("mark", "submit", "approve", "return", "export")
COMMANDS = READS + WRITES


@dataclass
class Case:
    path: Path
    codes: dict[str, int]
    words: dict[str, str] = field(default_factory=dict)  # command → expected text (exit 2)


def all_codes(code: int) -> dict[str, int]:
    return {c: code for c in COMMANDS}


def _bad_bytes(folder: Path) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    good = make_form(folder, name="asli.xlsm")
    for name, data, word in (
        ("kosong.xlsm", b"", "kosong"),
        ("teks.xlsx", b"ini bukan excel", "bukan buku kerja"),
        ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048, "97-2003"),
        ("terpotong.xlsm", good.read_bytes()[: good.stat().st_size // 2], "rusak"),
    ):
        path = folder / name
        path.write_bytes(data)
        cases[name] = Case(path, all_codes(2), dict.fromkeys(COMMANDS, word))
    encrypted = folder / "sandi.xlsm"
    from msoffcrypto.format.ooxml import OOXMLFile

    with good.open("rb") as src, encrypted.open("wb") as dst:
        OOXMLFile(src).encrypt("rahasia", dst)
    cases["sandi"] = Case(encrypted, all_codes(2), dict.fromkeys(COMMANDS, "kata sandi"))
    return cases


def _not_ours(folder: Path) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    other = folder / "lain.xlsx"
    Workbook().save(other)
    cases["lain"] = Case(other, all_codes(2), dict.fromkeys(COMMANDS, "bukan formulir"))
    for name, edit, word in (
        ("ganti-nama.xlsm", lambda b: setattr(b[F.SHEET_FORM], "title", "Lembar1"), "Realisasi"),
        ("tanpa-nama.xlsm", lambda b: b.defined_names.pop(F.NAME_DATA), "RK_DATA"),
        (
            "masa-depan.xlsm",
            lambda b: b[F.SHEET_SETTINGS].cell(F.setting_row(F.SETTING_VERSION), 2, "9.0"),
            "9.0",
        ),
        ("gabung.xlsm", lambda b: b[F.SHEET_FORM].merge_cells("C9:E9"), "gabungan"),
    ):
        path = make_form(folder, name=name)
        fill(path, good_rows(2))
        book = load_workbook(path, keep_vba=True)
        edit(book)
        book.save(path)
        cases[name] = Case(path, all_codes(2), dict.fromkeys(COMMANDS, word))
    return cases


# A usable form with invalid rows: reading commands answer, checks find (1), writes refuse.
FINDING = {
    "validate": 1,
    "status": 0,
    "verify": 0,
    "mark": 1,
    "submit": 1,
    "approve": 1,
    "return": 1,
    "export": 0,
}


def _findings(folder: Path) -> dict[str, Case]:
    """Usable forms whose content the product must report, not choke on."""
    cases: dict[str, Case] = {}
    formulas = make_form(folder, name="rumus.xlsm")
    fill(
        formulas,
        [
            GOOD_ROW,
            {**GOOD_ROW, "anggaran": "=1/0", "realisasi": "#REF!", "judul": "=A1&B1"},
            {**GOOD_ROW, "tanggal": "#VALUE!"},
        ],
    )
    cases["rumus"] = Case(formulas, dict(FINDING))
    long_text = make_form(folder, name="panjang.xlsm")
    fill(long_text, [{**GOOD_ROW, "judul": "x" * 10_000}])
    cases["panjang"] = Case(long_text, dict(FINDING))
    foreign = make_form(folder, name="aksara.xlsm")
    fill(
        foreign,
        [
            {**GOOD_ROW, "judul": "Rapat 选举委员会 — مراقبة الانتخابات — Ἐκλογές"},
            {**GOOD_ROW, "judul": "b", "lokus": "Москва"},
        ],
    )
    cases["aksara"] = Case(foreign, dict(FINDING))
    return cases


def _conditions(folder: Path) -> dict[str, Case]:
    """Good forms that cannot be written right now."""
    cases: dict[str, Case] = {}
    read_only = make_form(folder, name="hanya-baca.xlsm")
    fill(read_only, good_rows(2))
    os.chmod(read_only, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    codes = {**dict.fromkeys(READS, 0), **dict.fromkeys(WRITES, 2), "export": 0}
    cases["hanya-baca"] = Case(read_only, codes, dict.fromkeys(WRITES, "hanya-baca"))
    in_excel = make_form(folder, name="di-excel.xlsm")
    fill(in_excel, good_rows(2))
    in_excel.with_name("~$" + in_excel.name).write_bytes(b"\x04rina")
    cases["di-excel"] = Case(in_excel, dict(codes), dict.fromkeys(WRITES, "Tutup dulu"))
    busy = make_form(folder, name="sibuk.xlsm")
    fill(busy, good_rows(2))
    cases["sibuk"] = Case(busy, dict(codes), dict.fromkeys(WRITES, "sedang diproses"))
    return cases


def make_corpus(folder: Path) -> dict[str, Case]:
    folder.mkdir(parents=True, exist_ok=True)
    return {**_bad_bytes(folder), **_not_ours(folder), **_findings(folder), **_conditions(folder)}


def command_args(command: str, path: Path, out: Path) -> list[str]:
    return {
        "validate": ["validate", path, "--json"],
        "status": ["status", path],
        "verify": ["verify", path],
        "mark": ["validate", path, "--mark"],
        "submit": ["submit", path, "--by", "rina"],
        "approve": ["approve", path, "--by", "siti", "--rows", "1"],
        "return": ["return", path, "--by", "siti", "--rows", "1", "--note", "cek"],
        "export": ["export", path, "--out", out],
    }[command]


def big_form(folder: Path, rows: int = 50_000) -> Path:
    """A form with ``rows`` filled rows (written fast, straight into the body)."""
    path = make_form(folder, name="besar.xlsm", rows=rows)
    book = load_workbook(path, keep_vba=True)
    ws = book[F.SHEET_FORM]
    for i in range(rows):
        r = F.ROW_BODY + i
        for col, value in enumerate(
            (
                "521211",
                f"Rapat koordinasi {i}",
                "1 Kegiatan",
                "Rapat Koordinasi",
                1_500_000,
                1_250_000,
                "Kota Bengkulu",
                dt.datetime(2026, 11, 12),
            ),
            start=2,
        ):
            ws.cell(r, col).value = value
    book.save(path)
    return path
