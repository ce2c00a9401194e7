"""Everything in the sheet is accounted for (DESIGN.md §11): what is typed in the
table's columns outside the table is an error at its row, blocks submit, is
marked by Validasi, and is a problem of its file at month end."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from pyaddin.engine import form as F
from pyaddin.engine.audit import verify_form
from pyaddin.files.reader import read_form_file
from tests.helpers import GOOD_ROW, cli, digest, fill, good_rows, make_form

LABELS = ["kode", "judul", "sasaran", "jenis", "anggaran", "realisasi", "lokus", "tanggal"]


def typed_outside(folder: Path) -> Path:
    """Two rows in the table, one typed right below it (row 58), one under the
    signature block (row 70), and a word in the header area (E3)."""
    path = make_form(folder)
    fill(path, good_rows(2))
    book = load_workbook(path, keep_vba=True)
    ws = book[F.SHEET_FORM]
    for col, key in enumerate(LABELS, start=2):
        ws.cell(58, col, GOOD_ROW[key])
    ws["C70"] = "Rapat tambahan yang lupa dimasukkan"
    ws["E3"] = "draft"
    book.save(path)
    return path


def test_validate_reports_each_row_outside_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = typed_outside(tmp_path)
    run = cli(capsys, "validate", path, "--json")
    assert run.code == 1
    data = run.json()
    assert data["rows"] == 2 and not data["valid"]
    outside = [(e["row"], e["no"], e["field"], e["cell"]) for e in data["errors"]]
    assert outside == [
        (3, None, "posisi", "E3"),
        (58, None, "posisi", "B58"),
        (70, None, "posisi", "C70"),
    ]
    message = data["errors"][1]["message"]
    assert "Baris 58" in message and "realisasi tambah-baris" in message
    text = cli(capsys, "validate", path).out
    assert "SALAH  baris 58 (No. -) B58 Posisi:" in text


def test_submit_is_refused_and_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = typed_outside(tmp_path)
    before = digest(path)
    run = cli(capsys, "submit", path, "--by", "rina")
    assert run.code == 1 and "Baris 3" in run.err and "di luar tabel" in run.err
    assert digest(path) == before


def test_mark_highlights_it_and_clears_it_once_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = typed_outside(tmp_path)
    cli(capsys, "validate", path, "--mark")
    ws = load_workbook(path)[F.SHEET_FORM]
    assert ws["B58"].fill.fgColor.rgb.endswith(F.COLOR_ERROR)
    assert "Baris 58" in ws["B58"].comment.text and ws["B58"].comment.author == F.NOTE_AUTHOR
    assert cli(capsys, "tambah-baris", path, 10).code == 0  # the signature block moves down
    book = load_workbook(path, keep_vba=True)
    ws = book[F.SHEET_FORM]
    for col in range(2, 10):  # row 58 moved down to 68 with the rows below: into the table
        ws.cell(58, col, ws.cell(68, col).value)
        ws.cell(68, col).value = None
    ws["C80"] = None  # row 70 moved to 80 with the block
    ws["E3"] = None
    book.save(path)
    run = cli(capsys, "validate", path, "--mark", "--json")
    assert run.code == 0, run.json()["errors"]
    ws = load_workbook(path)[F.SHEET_FORM]
    assert ws["B68"].comment is None and not ws["B68"].fill.fgColor.rgb.endswith(F.COLOR_ERROR)
    assert cli(capsys, "submit", path, "--by", "rina").code == 0
    assert len(read_form_file(path).filled_rows()) == 3


def test_month_end_lists_it_as_a_problem_of_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "bulan"
    folder.mkdir()
    typed_outside(folder)
    run = cli(
        capsys,
        "consolidate",
        folder,
        "--periode",
        "2026-11",
        "--out",
        tmp_path / "l.xlsx",
        "--json",
    )
    assert run.code == 1
    found = [
        (p["file"], p["row"], p["kind"])
        for p in run.json()["problems"]
        if p["kind"] == "OUTSIDE_TABLE"
    ]
    assert found == [
        ("form.xlsm", 3, "OUTSIDE_TABLE"),
        ("form.xlsm", 58, "OUTSIDE_TABLE"),
        ("form.xlsm", 70, "OUTSIDE_TABLE"),
    ]
    masalah = load_workbook(tmp_path / "l.xlsx")["Masalah"]
    assert sum(1 for r in masalah.iter_rows(values_only=True) if "OUTSIDE_TABLE" in r) == 3


def test_rows_inserted_inside_the_table_as_excel_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel's Insert Rows inside the block grows RK_DATA; the checks, the chain and
    the locks follow the rows. Deleting a row shrinks it again."""
    path = make_form(tmp_path)
    fill(path, good_rows(3))
    assert cli(capsys, "submit", path, "--by", "rina").code == 0
    assert cli(capsys, "approve", path, "--by", "siti", "--rows", "1").code == 0
    book = load_workbook(path, keep_vba=True)
    ws = book[F.SHEET_FORM]
    ws.insert_rows(9, 2)  # between No. 1 and No. 2, as a person does in Excel
    body = F.parse_area(book.defined_names[F.NAME_DATA].attr_text)
    assert body is not None
    grown = F.Area(body.sheet, body.first_row, 1, body.last_row + 2, body.last_col)
    book.defined_names[F.NAME_DATA].attr_text = grown.absolute  # what Excel does to the name
    for col, key in enumerate(LABELS, start=2):
        ws.cell(9, col, {**GOOD_ROW, "judul": "sisipan"}[key])
    ws.cell(9, 1, None)
    book.save(path)
    form = read_form_file(path)
    assert verify_form(form).ok and form.body_last_row == F.ROW_BODY + 51
    assert [r.status for r in form.filled_rows()] == [
        "DISETUJUI KASUBBAG",
        "DRAF",
        "DIAJUKAN",
        "DIAJUKAN",
    ]
    assert cli(capsys, "validate", path, "--json").code == 0
    assert (
        cli(capsys, "submit", path, "--by", "rina").code == 0
    )  # the new row, numbered by position
    assert cli(capsys, "approve", path, "--by", "siti", "--all").code == 0
    ws = load_workbook(path)[F.SHEET_FORM]
    assert all(ws.cell(r, 3).protection.locked for r in (8, 9, 11, 12))
    assert verify_form(read_form_file(path)).ok


def test_rows_inserted_by_libreoffice_inside_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """LibreOffice's own Insert Rows: RK_DATA grows, and the checks, the chain and the
    locks follow the rows."""
    from tests.libreoffice import insert_rows

    path = make_form(tmp_path)
    fill(path, good_rows(3))
    assert cli(capsys, "submit", path, "--by", "rina").code == 0
    assert cli(capsys, "approve", path, "--by", "siti", "--rows", "1").code == 0
    insert_rows(path, 9, 2, F.SHEET_PASSWORD)
    form = read_form_file(path)
    assert form.body_last_row == F.ROW_BODY + 51 and verify_form(form).ok
    book = load_workbook(path, keep_vba=True)
    ws = book[F.SHEET_FORM]
    for col, key in enumerate(LABELS, start=2):
        ws.cell(9, col, {**GOOD_ROW, "judul": "sisipan di LibreOffice"}[key])
    book.save(path)
    assert cli(capsys, "validate", path, "--json").code == 0
    assert cli(capsys, "submit", path, "--by", "rina").code == 0
    assert cli(capsys, "approve", path, "--by", "siti", "--all").code == 0
    form = read_form_file(path)
    assert [r.status for r in form.filled_rows()] == ["DISETUJUI KASUBBAG"] * 4
    assert verify_form(form).ok
    ws = load_workbook(path)[F.SHEET_FORM]
    assert all(ws.cell(r, 3).protection.locked for r in (8, 9, 11, 12))


def test_a_row_deleted_inside_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Deleting rows as Excel does shrinks RK_DATA; an empty row's loss changes nothing
    the chain cares about, an approved row's loss is a finding."""
    path = make_form(tmp_path)
    fill(path, good_rows(3))
    assert cli(capsys, "submit", path, "--by", "rina").code == 0
    assert cli(capsys, "approve", path, "--by", "siti", "--all").code == 0
    book = load_workbook(path, keep_vba=True)
    ws = book[F.SHEET_FORM]
    ws.delete_rows(20, 1)  # an empty row
    body = F.parse_area(book.defined_names[F.NAME_DATA].attr_text)
    assert body is not None
    shrunk = F.Area(body.sheet, body.first_row, 1, body.last_row - 1, body.last_col)
    book.defined_names[F.NAME_DATA].attr_text = shrunk.absolute
    book.save(path)
    form = read_form_file(path)
    assert form.body_last_row == F.ROW_BODY + 48 and verify_form(form).ok
    assert cli(capsys, "approve", path, "--by", "hendra", "--all").code == 0
    book = load_workbook(path, keep_vba=True)
    book[F.SHEET_FORM].delete_rows(9, 1)  # an approved row
    book.defined_names[F.NAME_DATA].attr_text = F.Area(
        body.sheet, body.first_row, 1, body.last_row - 2, body.last_col
    ).absolute
    book.save(path)
    run = cli(capsys, "verify", path, "--json")
    assert run.code == 1
    assert any(f["kind"] == "CHANGED_AFTER_APPROVAL" for f in run.json()["findings"])
