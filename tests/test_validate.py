"""`realisasi new` + filling rows by header labels + `validate`."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pyaddin.engine import form as F
from tests.helpers import GOOD_ROW, cli, cli_process, digest, fill, good_rows, make_form

# Valid rows typed the many ways people type them: nothing may be reported.
TYPED_VALID = [
    {**GOOD_ROW},
    {
        **GOOD_ROW,
        "judul": "Perjalanan dinas monitoring DPB",
        "kode": "076.01.WA.3361.EBA.962.051.A.524111",
        "sasaran": "1,5 OB",
        "jenis": "monitoring dan evaluasi",
        "anggaran": "Rp 25.000.000",
        "realisasi": "24.500.000,00",
        "lokus": "Kab. Rejang Lebong",
        "tanggal": "10 s.d. 12 November 2026",
    },
    {
        **GOOD_ROW,
        "judul": "Bimtek PPK",
        "sasaran": "30 OH",
        "jenis": "Bimtek",
        "anggaran": "1.500.000",
        "realisasi": 0,
        "lokus": "kabupaten kaur",
        "tanggal": "10-12 November 2026",
    },
    {
        **GOOD_ROW,
        "judul": "Sosialisasi",
        "sasaran": "2 Lap",
        "jenis": "SOSIALISASI",
        "anggaran": 2000000.0,
        "realisasi": "Rp 2.000.000,-",
        "lokus": "KOTA BENGKULU",
        "tanggal": "12 Nov 2026",
    },
    {**GOOD_ROW, "judul": "Penyusunan laporan", "tanggal": "12/11/2026", "lokus": "Mukomuko"},
    {**GOOD_ROW, "judul": "Penyusunan dokumen", "tanggal": "12-11-2026", "kode": 524114},
]

PLANTED = [  # (row values, field expected to fail)
    ({**GOOD_ROW, "judul": "a", "kode": "52121"}, "kode"),
    ({**GOOD_ROW, "judul": "b", "judul_blank": None}, None),
    ({**GOOD_ROW, "judul": "c", "sasaran": "Kegiatan"}, "sasaran"),
    ({**GOOD_ROW, "judul": "d", "jenis": "Arisan"}, "jenis"),
    ({**GOOD_ROW, "judul": "e", "anggaran": "-1.000.000"}, "anggaran"),
    ({**GOOD_ROW, "judul": "f", "anggaran": 1000, "realisasi": 2000}, "realisasi"),
    ({**GOOD_ROW, "judul": "g", "lokus": "Palembang"}, "lokus"),
    ({**GOOD_ROW, "judul": "h", "tanggal": "12/10/2026"}, "tanggal"),
    ({**GOOD_ROW, "judul": "i", "anggaran": 1500.5}, "anggaran"),
    ({**GOOD_ROW, "judul": "j", "tanggal": "31 November 2026"}, "tanggal"),
    ({**GOOD_ROW, "judul": None}, "judul"),
]


def test_new_form_is_valid_and_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_form(tmp_path)
    run = cli(capsys, "validate", path, "--json")
    assert run.code == 0
    assert run.json() == {
        "file": str(path),
        "periode": "2026-11",
        "subbagian": "Keuangan",
        "valid": True,
        "rows": 0,
        "errors": [],
        "warnings": [],
    }


def test_typed_valid_rows_report_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_form(tmp_path)
    fill(path, TYPED_VALID)
    before = digest(path)
    run = cli(capsys, "validate", path, "--json")
    data = run.json()
    assert data["errors"] == [] and data["warnings"] == []
    assert data["rows"] == len(TYPED_VALID) and data["valid"] and run.code == 0
    assert digest(path) == before  # validate without --mark never writes


def test_every_planted_error_at_its_row_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_form(tmp_path)
    rows = [{k: v for k, v in r.items() if k != "judul_blank"} for r, _ in PLANTED]
    fill(path, [GOOD_ROW, *rows])
    data = cli(capsys, "validate", path, "--json").json()
    found = {(e["no"], e["field"]) for e in data["errors"]}
    expected = {(i + 2, f) for i, (_, f) in enumerate(PLANTED) if f}
    assert found == expected
    for error in data["errors"]:
        assert error["row"] == F.ROW_BODY + error["no"] - 1
        assert error["cell"] == F.cell_ref(error["row"], error["field"])
        assert error["message"]
    assert not data["valid"]


def test_validate_exit_code_and_human_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_form(tmp_path)
    fill(path, [{**GOOD_ROW, "lokus": "Rejang Lebonk"}])
    run = cli(capsys, "validate", path)
    assert run.code == 1
    assert "H8" in run.out and "Maksud Anda 'Rejang Lebong'?" in run.out


def test_pagu_and_duplicates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_form(tmp_path)
    book = load_workbook(path, keep_vba=True)
    ref = book[F.SHEET_REFERENCE]
    ref["D2"], ref["E2"] = "521211", 2_000_000
    book.save(path)
    fill(path, [GOOD_ROW, GOOD_ROW, {**GOOD_ROW, "judul": "lain", "realisasi": 100_000}])
    data = cli(capsys, "validate", path, "--json").json()
    assert [(e["no"], e["field"]) for e in data["errors"]] == [(2, "realisasi"), (3, "realisasi")]
    assert "pagu" in data["errors"][0]["message"]
    assert [(w["no"], w["field"]) for w in data["warnings"]] == [(2, "judul")]


def test_mark_writes_notes_fills_status_and_normalises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_form(tmp_path)
    fill(path, [TYPED_VALID[1], {**GOOD_ROW, "lokus": "Palembang"}])
    assert cli(capsys, "validate", path, "--mark").code == 1
    ws = load_workbook(path)[F.SHEET_FORM]
    assert ws["J8"].value == "DRAF — siap diajukan"
    assert ws["J9"].value.startswith("DRAF — perlu perbaikan")
    assert ws["H9"].fill.fgColor.rgb.endswith(F.COLOR_ERROR)
    assert "Palembang" in ws["H9"].comment.text
    assert ws["E8"].value == "Monitoring dan Evaluasi" and ws["H8"].value == "Rejang Lebong"
    assert ws["F8"].value == 25_000_000 and ws["D8"].value == "1,5 OB"
    # fix it, mark again: the old note and fill are gone
    fill(path, [{"lokus": "Seluma"}], start=1)
    assert cli(capsys, "validate", path, "--mark").code == 0
    ws = load_workbook(path)[F.SHEET_FORM]
    assert ws["H9"].comment is None and ws["H9"].fill.fill_type is None
    assert ws["J9"].value == "DRAF — siap diajukan"


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_form(tmp_path)
    before = digest(path)
    run = cli(capsys, "new", "--subbagian", "Keuangan", "--periode", "2026-11", "--out", path)
    assert run.code == 2 and "sudah ada" in run.err and digest(path) == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--subbagian", "Dapur", "--periode", "2026-11"], "Subbagian 'Dapur'"),
        (["--subbagian", "Keuangan", "--periode", "11-2026"], "Periode '11-2026'"),
        (["--subbagian", "Keuangan", "--periode", "2026-13"], "Periode '2026-13'"),
    ],
)
def test_new_bad_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    run = cli(capsys, "new", *args, "--out", tmp_path / "x.xlsm")
    assert run.code == 2 and needle in run.err and len(run.err.strip().splitlines()) == 1


def test_new_fills_pengaturan_from_config(tmp_path: Path) -> None:
    path = make_form(tmp_path, "Hukum")
    ws = load_workbook(path)[F.SHEET_SETTINGS]
    people = [
        (ws.cell(r, 1).value, ws.cell(r, 2).value)
        for r in range(F.PEOPLE_HEADER_ROW + 1, ws.max_row + 1)
        if ws.cell(r, 1).value
    ]
    jabatan = sorted(p[0] for p in people)
    assert jabatan == ["Kabag", "Kasubbag", "Petugas", "Sekretaris"]
    assert ("Kabag", "Dewi Kartika, S.H., M.H.") in people
    form = load_workbook(path)[F.SHEET_FORM]
    assert form["C5"].value == "Hukum" and form["C3"].value == dt.datetime(2026, 11, 1)


def test_broken_config_names_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "office.toml"
    config.write_text(
        '[[subbagian]]\nnama = "A"\nbagian = "B"\n[[pegawai]]\nnama = "X"\njabatan = "Lurah"\n',
        "utf-8",
    )
    run = cli(
        capsys,
        "new",
        "--subbagian",
        "A",
        "--periode",
        "2026-11",
        "--config",
        config,
        "--out",
        tmp_path / "a.xlsm",
    )
    assert run.code == 2 and "Lurah" in run.err and "pegawai" in run.err


def test_bigger_body_with_baris(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "big.xlsm"
    assert (
        cli(
            capsys,
            "new",
            "--subbagian",
            "Hukum",
            "--periode",
            "2026-11",
            "--out",
            out,
            "--baris",
            "120",
        ).code
        == 0
    )
    book = load_workbook(out)
    body = F.parse_area(book.defined_names[F.NAME_DATA].attr_text)
    assert body is not None and body.rows == 120
    ws = book[F.SHEET_FORM]
    assert ws.cell(F.signature_top(body), F.SIGNATURE_LEFT_COL).value == "Mengetahui,"
    assert str(ws.data_validations.dataValidation[0].sqref).endswith(str(body.last_row))


# --- bad input: exit 2, one line naming the file, no traceback, file untouched ---


def _bad_files(folder: Path) -> dict[str, Path]:
    files = {}
    files["empty"] = folder / "kosong.xlsx"
    files["empty"].write_bytes(b"")
    files["text"] = folder / "teks.xlsx"
    files["text"].write_text("ini bukan excel", "utf-8")
    files["xls"] = folder / "lama.xls"
    files["xls"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    good = make_form(folder, name="asli.xlsm")
    files["truncated"] = folder / "terpotong.xlsm"
    files["truncated"].write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    files["not_form"] = folder / "lain.xlsx"
    from openpyxl import Workbook

    Workbook().save(files["not_form"])
    files["missing_name"] = folder / "tanpa-nama.xlsm"
    book = load_workbook(good, keep_vba=True)
    del book.defined_names[F.NAME_DATA]
    book.save(files["missing_name"])
    files["renamed"] = folder / "ganti-nama.xlsm"
    book = load_workbook(good, keep_vba=True)
    book[F.SHEET_FORM].title = "Lembar1"
    book.save(files["renamed"])
    files["future"] = folder / "masa-depan.xlsm"
    book = load_workbook(good, keep_vba=True)
    book[F.SHEET_SETTINGS].cell(F.setting_row(F.SETTING_VERSION), 2, "9.0")
    book.save(files["future"])
    return files


EXPECTED_WORDS = {
    "empty": "kosong",
    "text": "bukan buku kerja",
    "xls": "97-2003",
    "truncated": "rusak",
    "not_form": "bukan formulir",
    "missing_name": "RK_DATA",
    "renamed": "Realisasi",
    "future": "9.0",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED_WORDS))
@pytest.mark.parametrize(
    "command",
    [["validate"], ["validate", "--mark"], ["status"], ["verify"], ["submit", "--by", "rina"]],
)
def test_bad_input_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, command: list[str]
) -> None:
    path = _bad_files(tmp_path)[kind]
    before = digest(path)
    run = cli(capsys, command[0], path, *command[1:])
    assert run.code == 2, run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and path.name in lines[0] and EXPECTED_WORDS[kind] in lines[0]
    assert "Traceback" not in run.err and run.out == ""
    assert digest(path) == before


def test_missing_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = cli(capsys, "validate", tmp_path / "tidak-ada.xlsm")
    assert run.code == 2 and "tidak ditemukan" in run.err
    run = cli(capsys, "validate", tmp_path)
    assert run.code == 2 and "folder" in run.err


def test_encrypted_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = make_form(tmp_path, name="polos.xlsm")
    encrypted = tmp_path / "sandi.xlsm"
    with plain.open("rb") as src, encrypted.open("wb") as dst:
        office = OOXMLFile(src)
        office.encrypt("rahasia", dst)
    run = cli(capsys, "validate", encrypted)
    assert run.code == 2 and "kata sandi" in run.err


def test_subprocess_exit_codes_and_english(tmp_path: Path) -> None:
    path = make_form(tmp_path)
    fill(path, [{**GOOD_ROW, "anggaran": "-5"}])
    run = cli_process("validate", path, "--json")
    assert run.code == 1 and run.json()["errors"][0]["field"] == "anggaran"
    run = cli_process("--lang", "en", "validate", tmp_path / "nope.xlsx")
    assert run.code == 2 and "was not found" in run.err and "Traceback" not in run.err
    run = cli_process("validate", tmp_path / "nope.xlsx", env={"REALISASI_LANG": "en"})
    assert "was not found" in run.err
    run = cli_process("--debug", "validate", tmp_path / "nope.xlsx")
    assert run.code != 0 and "Traceback" in run.err


def test_validate_reads_with_zip_intact(tmp_path: Path) -> None:
    path = make_form(tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None


def test_f4_paper_from_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pyaddin.engine.config import default_config_text

    config = tmp_path / "kantor.toml"
    config.write_text(default_config_text().replace('kertas = "A4"', 'kertas = "F4"'), "utf-8")
    out = tmp_path / "f4.xlsm"
    assert (
        cli(
            capsys,
            "new",
            "--subbagian",
            "Hukum",
            "--periode",
            "2026-11",
            "--config",
            config,
            "--out",
            out,
        ).code
        == 0
    )
    assert load_workbook(out)[F.SHEET_FORM].page_setup.paperSize == 14


def test_f4_reaches_every_sheet_of_the_report_and_the_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pyaddin.engine.config import default_config_text

    config = tmp_path / "kantor.toml"
    config.write_text(default_config_text().replace('kertas = "A4"', 'kertas = "F4"'), "utf-8")
    folder = tmp_path / "bulan"
    folder.mkdir()
    form = make_form(folder)
    fill(form, good_rows(2))
    for who, args in (("rina", []), ("siti", ["--all"]), ("hendra", ["--all"])):
        assert cli(capsys, "approve" if args else "submit", form, "--by", who, *args).code == 0
    assert cli(capsys, "approve", form, "--by", "ahmad.fauzi", "--all").code == 0
    report = tmp_path / "laporan.xlsx"
    cli(capsys, "consolidate", folder, "--periode", "2026-11", "--out", report, "--config", config)
    book = load_workbook(report)
    assert {ws.title: ws.page_setup.paperSize for ws in book.worksheets} == {
        "Rekap": 14,
        "Ringkasan": 14,
        "Masalah": 14,
        "Sumber": 14,
    }
    archive = tmp_path / "arsip.xlsx"
    assert cli(capsys, "export", form, "--out", archive, "--config", config).code == 0
    assert all(ws.page_setup.paperSize == 14 for ws in load_workbook(archive).worksheets)
