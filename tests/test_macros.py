"""The ribbon's Python side, run against xlwings' own object model (the remote
engine), compared with what the CLI does on the same form."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pyaddin import macros
from pyaddin.engine import form as F
from pyaddin.engine.audit import verify_form
from pyaddin.files.reader import read_form_file
from tests.helpers import GOOD_ROW, cli, fill, good_rows, make_form
from tests.remote import apply_actions, open_remote


def click(
    path: Path, macro: Any, user: str, monkeypatch: pytest.MonkeyPatch, selection: str = "A1"
) -> list[str]:
    """Press a ribbon button as ``user``: run the macro on the remote engine and
    apply what it queued to the file."""
    monkeypatch.setenv("RK_USER", user)
    book = open_remote(path, selection)
    macro(book)
    return apply_actions(path, book.json()["actions"])


def history(path: Path) -> list[tuple[str, str, str, int | None]]:
    return [(e.aksi, e.tahap, e.oleh, e.no) for e in read_form_file(path).history]


def statuses(path: Path) -> list[str]:
    return [r.status for r in read_form_file(path).filled_rows()]


def test_macros_do_what_the_cli_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ribbon = make_form(tmp_path, name="ribbon.xlsm")
    fill(ribbon, good_rows(4))
    terminal = tmp_path / "cli.xlsm"
    shutil.copy(ribbon, terminal)

    click(ribbon, macros.ajukan, "rina", monkeypatch)
    cli(capsys, "submit", terminal, "--by", "rina")
    click(ribbon, macros.setujui_terpilih, "siti", monkeypatch, selection="C8:C9")
    cli(capsys, "approve", terminal, "--by", "siti", "--rows", "1,2")
    monkeypatch.setenv("RK_USER", "siti")
    book = open_remote(ribbon, "B11")
    book.names[F.NAME_INPUT].refers_to_range.value = "Lampirkan daftar hadir"
    apply_actions(ribbon, book.json()["actions"])  # what the InputBox stores
    click(ribbon, macros.kembalikan, "siti", monkeypatch, selection="B11")
    cli(
        capsys,
        "return",
        terminal,
        "--by",
        "siti",
        "--rows",
        "4",
        "--note",
        "Lampirkan daftar hadir",
    )
    click(ribbon, macros.setujui_semua, "hendra", monkeypatch)
    cli(capsys, "approve", terminal, "--by", "hendra", "--all")

    assert statuses(ribbon) == statuses(terminal)
    assert statuses(ribbon) == ["DISETUJUI KABAG", "DISETUJUI KABAG", "DIAJUKAN", "DIKEMBALIKAN"]
    assert history(ribbon) == history(terminal)
    form = read_form_file(ribbon)
    assert verify_form(form).ok
    assert form.rows[3].values["catatan"] == "Lampirkan daftar hadir"
    assert read_form_file(ribbon).head_hash == form.history[-1].hash_entri
    ws = load_workbook(ribbon)[F.SHEET_FORM]
    locked = [ws.cell(F.ROW_BODY + i, 3).protection.locked for i in range(4)]
    assert locked == [True, True, False, False]
    assert ws.protection.sheet  # protected again after the write
    assert load_workbook(ribbon)[F.SHEET_FORM].cell(11, 11).value == "Lampirkan daftar hadir"
    assert (
        load_workbook(ribbon)[F.SHEET_SETTINGS].cell(F.setting_row(F.SETTING_INPUT), 2).value
        is None
    )  # the note was taken


def test_validasi_matches_validate_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ribbon = make_form(tmp_path, name="ribbon.xlsm")
    rows = [
        {**GOOD_ROW, "jenis": "rapat koordinasi", "anggaran": "Rp 1.500.000"},
        {**GOOD_ROW, "lokus": "Palembang", "judul": "b"},
    ]
    fill(ribbon, rows)
    terminal = tmp_path / "cli.xlsm"
    shutil.copy(ribbon, terminal)
    alerts = click(ribbon, macros.validasi, "rina", monkeypatch)
    cli(capsys, "validate", terminal, "--mark")
    assert alerts and "1 kesalahan" in alerts[0]
    mine, theirs = load_workbook(ribbon)[F.SHEET_FORM], load_workbook(terminal)[F.SHEET_FORM]
    for row in (8, 9):
        for col in range(1, 11):
            assert mine.cell(row, col).value == theirs.cell(row, col).value, (row, col)
    assert mine["H9"].comment.text == theirs["H9"].comment.text
    assert mine["H9"].fill.fgColor.rgb.endswith(F.COLOR_ERROR)
    assert mine["E8"].value == "Rapat Koordinasi" and mine["F8"].value == 1_500_000


def test_errors_reach_the_user_as_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_form(tmp_path)
    fill(path, good_rows(2))
    alerts = click(path, macros.setujui_semua, "tamu", monkeypatch)
    assert len(alerts) == 1 and "'tamu' tidak terdaftar" in alerts[0]
    alerts = click(path, macros.setujui_terpilih, "siti", monkeypatch, selection="A1")
    assert "Pilih dulu baris" in alerts[0]
    alerts = click(path, macros.kembalikan, "siti", monkeypatch, selection="B8")
    assert "Catatan pengembalian kosong" in alerts[0]
    monkeypatch.setattr("pyaddin.engine.review.submit", lambda *a: 1 / 0)
    alerts = click(path, macros.ajukan, "rina", monkeypatch)
    assert "ZeroDivisionError" in alerts[0] and "Traceback" not in alerts[0]
    assert statuses(path) == ["DRAF", "DRAF"]


def test_other_buttons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bulan"
    folder.mkdir()
    path = make_form(folder)
    fill(path, good_rows(2))
    click(path, macros.ajukan, "rina", monkeypatch)
    assert "asli" in click(path, macros.cek_keaslian, "rina", monkeypatch)[0]
    assert (
        "Kasubbag (Siti Aminah, S.E.) No. 1, 2"
        in click(path, macros.riwayat, "rina", monkeypatch)[0]
    )
    assert "PETUGAS" in click(path, macros.bantuan, "rina", monkeypatch)[0]
    assert "10 baris" in click(path, macros.tambah_baris, "rina", monkeypatch)[0]
    assert F.parse_area(load_workbook(path).defined_names[F.NAME_DATA].attr_text).rows == 60
    book = open_remote(path)
    book.names[F.NAME_INPUT].refers_to_range.value = str(folder)
    apply_actions(path, book.json()["actions"])
    alerts = click(path, macros.konsolidasi, "rina", monkeypatch)
    assert "Laporan 2026-11 dibuat" in alerts[0]
    assert (folder / "Laporan-Realisasi-2026-11.xlsx").exists()
    book = load_workbook(path, keep_vba=True)
    book[F.SHEET_FORM]["G8"] = 1  # behind the workflow's back
    book.save(path)
    click(path, macros.setujui_semua, "siti", monkeypatch)
    fill(path, [{"realisasi": 2}], start=0)
    assert "Ditemukan" in click(path, macros.cek_keaslian, "rina", monkeypatch)[0]


MACROS = (
    "validasi",
    "ajukan",
    "tambah_baris",
    "setujui_terpilih",
    "setujui_semua",
    "kembalikan",
    "konsolidasi",
    "cek_keaslian",
    "riwayat",
    "bantuan",
)
USERS = {"setujui_terpilih": "siti", "setujui_semua": "siti", "kembalikan": "siti"}


def _form_for_counting(folder: Path, rows: int, errors: int) -> Path:
    """``rows`` filled rows, the first ``errors`` of them with a wrong lokus; two
    submitted, so that every button has something to do."""
    path = make_form(folder, name=f"f{rows}-{errors}.xlsm", rows=max(rows, 50))
    typed = good_rows(rows)
    for row in typed[2 : 2 + errors]:
        row["lokus"] = "Palembang"
    fill(path, typed)
    from pyaddin.workflow import act

    act(path, "submit", "rina", [1, 2])
    book = load_workbook(path, keep_vba=True)
    book[F.SHEET_SETTINGS].cell(F.setting_row(F.SETTING_INPUT), 2, str(folder))
    book.save(path)
    return path


def _count_every_macro(folder: Path, rows: int, errors: int, monkeypatch: Any) -> dict[str, int]:
    from tests.remote import bridge_calls

    folder.mkdir()
    path = _form_for_counting(folder, rows, errors)
    counts = {}
    for name in MACROS:
        monkeypatch.setenv("RK_USER", USERS.get(name, "rina"))
        book = open_remote(path, "B8:B9")
        with bridge_calls() as calls:
            getattr(macros, name)(book)
        counts[name] = sum(calls.values())
        alerts = [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
        assert len(alerts) == 1 and "kesalahan tak terduga" not in alerts[0], (name, alerts)
    return counts


def test_a_click_costs_a_constant_number_of_excel_calls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every macro stays within 60 bridge calls, the same for 10 and 1,000 rows and
    for 0 and 500 errors (each call is a round trip to Excel on Windows)."""
    counts = {
        (rows, errors): _count_every_macro(tmp_path / f"{rows}-{errors}", rows, errors, monkeypatch)
        for rows, errors in ((10, 0), (10, 8), (1000, 0), (1000, 500))
    }
    first = counts[(10, 0)]
    assert max(first.values()) <= 60, first
    assert all(c == first for c in counts.values()), counts


def test_entry_points_use_the_caller_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xlwings as xw

    path = make_form(tmp_path)
    book = open_remote(path)
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: book))
    macros.bantuan()
    assert book.json()["actions"][-2]["func"] == "alert"


def test_macros_import_nothing_heavy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pyaddin.macros; "
        "print(','.join(m for m in ('pandas', 'openpyxl', 'xlsxwriter') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_form_of_an_older_template_is_told_how_to_update_its_macros(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pyopenvba import ExcelFile

    from pyaddin.workflow import template_path

    path = make_form(tmp_path)
    fill(path, good_rows(2))
    book = load_workbook(path, keep_vba=True)
    book[F.SHEET_SETTINGS].cell(F.setting_row(F.SETTING_VERSION), 2, "1.0")
    book.save(path)
    alerts = click(path, macros.validasi, "rina", monkeypatch)
    assert "realisasi perbarui-makro" in alerts[0] and "1.0" in alerts[0]
    assert cli(capsys, "perbarui-makro", path).code == 0
    assert read_form_file(path).version == F.TEMPLATE_VERSION
    assert [r.values["judul"] for r in read_form_file(path).filled_rows()] == [
        r["judul"] for r in good_rows(2)
    ]
    source = template_path()
    assert source is not None
    with ExcelFile(path) as mine, ExcelFile(source) as template:
        assert {n: mine.get_module(n) for n in mine.module_names()} == {
            n: template.get_module(n) for n in template.module_names()
        }
    assert "Semua 2 baris terisi valid" in click(path, macros.validasi, "rina", monkeypatch)[0]
