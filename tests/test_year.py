"""The year view (DESIGN.md §13) on the small made-up year of tests/year.py:
cumulative figures, triwulan flags and plan deviations against hand-computed
values; the workbook's structure (golden); the year-to-date line of a month's
report; the PDF as a reader sees it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.helpers import Run, check_golden, cli, cli_process
from tests.test_consolidate import needs_libreoffice
from tests.year import JUTA, build_year

GOLDEN = Path(__file__).parent / "golden" / "year_structure.json"


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_year(tmp_path_factory.mktemp("tahun") / "Realisasi-2026")


def rekap(capsys: Any, folder: Path, out: Path, *extra: str) -> Run:
    office = folder.parent / "kantor.toml"
    return cli(
        capsys, "rekap-tahun", folder, "--tahun", "2026", "--out", out, "--config", office, *extra
    )


def test_cumulative_figures(year: Path, tmp_path: Path, capsys: Any) -> None:
    run = rekap(capsys, year, tmp_path / "r.xlsx", "--json")
    assert run.code == 1, run.err  # the year has problems; the workbook is written
    data = run.json()
    assert data["tahun"] == 2026 and data["pagu"] == 100 * JUTA
    months = [
        (
            m["periode"],
            m["kegiatan"],
            m["anggaran"],
            m["realisasi"],
            m["kumulatif_realisasi"],
            m["kumulatif_persen"],
        )
        for m in data["bulan"]
    ]
    assert months == [
        ("2026-01", 2, 16 * JUTA, 10 * JUTA, 10 * JUTA, 10.0),
        ("2026-02", 1, 3 * JUTA, 2 * JUTA, 12 * JUTA, 12.0),
        ("2026-03", 2, 9 * JUTA, 8 * JUTA, 20 * JUTA, 20.0),
        ("2026-04", 0, 0, 0, 20 * JUTA, 20.0),
        ("2026-05", 1, 2 * JUTA, 1 * JUTA, 21 * JUTA, 21.0),
    ]
    assert (tmp_path / "r.xlsx").exists()


def test_triwulan_and_plan(year: Path, tmp_path: Path, capsys: Any) -> None:
    data = rekap(capsys, year, tmp_path / "r.xlsx", "--json").json()
    assert data["triwulan"] == [
        {
            "triwulan": 1,
            "sampai": "2026-03",
            "kumulatif_persen": 20.0,
            "target_persen": 15.0,
            "tercapai": True,
        }
    ]
    plan = [
        (p["rencana"], p["realisasi"], p["deviasi_persen"], p["melewati_toleransi"])
        for p in data["rencana"]
    ]
    assert plan == [
        (10 * JUTA, 10 * JUTA, 0.0, False),
        (5 * JUTA, 2 * JUTA, 60.0, True),
        (8 * JUTA, 8 * JUTA, 0.0, False),
        (0, 0, None, False),  # no plan for April: no deviation to speak of
        (5 * JUTA, 1 * JUTA, 80.0, True),
    ]


def test_problems_of_the_year(year: Path, tmp_path: Path, capsys: Any) -> None:
    data = rekap(capsys, year, tmp_path / "r.xlsx", "--json").json()
    found = [(p["periode"], p["kind"], p["subbagian"]) for p in data["problems"]]
    assert found == [
        ("2025-12", "WRONG_PERIOD", "Keuangan"),
        ("2026-02", "MISSING_SUBBAGIAN", "Umum dan Logistik"),
        ("2026-04", "MISSING_MONTH", ""),
        ("2026-05", "MISSING_SUBBAGIAN", "Umum dan Logistik"),
    ]
    for problem in data["problems"]:
        assert set(problem) == {"file", "periode", "subbagian", "row", "kind", "message"}
    assert "April 2026" in next(
        p["message"] for p in data["problems"] if p["kind"] == "MISSING_MONTH"
    )
    files = {p["file"] for p in data["problems"] if p["file"]}
    assert files == {"lama.xlsm"}


def test_sheets_by_unit_and_akun(year: Path, tmp_path: Path, capsys: Any) -> None:
    rekap(capsys, year, tmp_path / "r.xlsx")
    book = load_workbook(tmp_path / "r.xlsx")
    rows = [r for r in book["Bulanan"].iter_rows(values_only=True)]
    by_name = {r[0]: r for r in rows if isinstance(r[0], str)}
    # Keuangan: 4, 2, 5, 0, 1 juta a month; anggaran 20 juta; 12 juta = 60 % serapan, 12 % pagu
    assert by_name["Keuangan"][1:10] == (
        4 * JUTA,
        2 * JUTA,
        5 * JUTA,
        0,
        1 * JUTA,
        20 * JUTA,
        12 * JUTA,
        60.0,
        12.0,
    )
    assert by_name["Belanja Modal"][1:10] == (6 * JUTA, 0, 0, 0, 0, 6 * JUTA, 6 * JUTA, 100.0, 6.0)
    assert by_name["Belanja Barang"][7] == 15 * JUTA
    totals = [r for r in rows if r[0] == "Jumlah"]  # per subbagian, then per akun
    assert len(totals) == 2 and totals[0] == totals[1]
    assert totals[0][1:10] == (
        10 * JUTA,
        2 * JUTA,
        8 * JUTA,
        0,
        1 * JUTA,
        30 * JUTA,
        21 * JUTA,
        70.0,
        21.0,
    )
    triwulan = list(book["Triwulan"].iter_rows(min_row=5, values_only=True))
    assert triwulan[0] == ("I", "Maret 2026", 20.0, 15.0, 5.0, "Tercapai")
    rencana = [r for r in book["Rencana"].iter_rows(values_only=True) if r[0] == "Februari"]
    assert rencana[0][3:] == (60.0, "Deviasi > 10%")  # the office's plan
    assert rencana[1][1:] == (2 * JUTA, 2 * JUTA, 0.0, "Dalam toleransi")  # Keuangan's own


def test_year_workbook_structure_golden(year: Path, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "rekap.xlsx"
    rekap(capsys, year, out)
    book = load_workbook(out)
    structure: dict[str, Any] = {"sheets": book.sheetnames}
    for ws in book.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        if ws.title == "Sumber":
            rows = [
                [c if i != 2 or n < 3 else "<sha256>" for i, c in enumerate(r)]
                for n, r in enumerate(rows)
            ]
        structure[ws.title] = {
            "rows": json.loads(json.dumps(rows, default=str)),
            "print": [ws.page_setup.orientation, ws.page_setup.paperSize, ws.print_title_rows],
            "charts": len(ws._charts),
        }
    expected = check_golden(GOLDEN, structure)
    assert structure["sheets"] == ["Bulanan", "Triwulan", "Rencana", "Masalah", "Sumber"]
    assert structure["Bulanan"]["charts"] == 1
    for name in expected:
        assert structure[name] == expected[name], name


def test_same_inputs_same_bytes(year: Path, tmp_path: Path, capsys: Any) -> None:
    rekap(capsys, year, tmp_path / "a.xlsx")
    rekap(capsys, year, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_month_report_gains_the_year_to_date_line(year: Path, tmp_path: Path, capsys: Any) -> None:
    office = str(year.parent / "kantor.toml")
    args = ["--periode", "2026-03", "--config", office, "--out"]
    cli(capsys, "consolidate", year / "2026-03", *args, tmp_path / "m.xlsx")
    line = load_workbook(tmp_path / "m.xlsx")["Ringkasan"]["A2"].value
    assert line == (
        "Kumulatif Januari s.d. Maret 2026: realisasi Rp 20.000.000 = 20,00% dari pagu "
        "Rp 100.000.000; target akhir triwulan I: 15%."
    )
    # January has no earlier month: no line
    cli(
        capsys,
        "consolidate",
        year / "2026-01",
        "--periode",
        "2026-01",
        "--config",
        office,
        "--out",
        tmp_path / "j.xlsx",
    )
    assert load_workbook(tmp_path / "j.xlsx")["Ringkasan"]["A2"].value is None


def test_cli_lines_and_bad_year(year: Path, tmp_path: Path) -> None:
    office = str(year.parent / "kantor.toml")
    run = cli_process(
        "rekap-tahun",
        str(year),
        "--tahun",
        "2026",
        "--out",
        str(tmp_path / "r.xlsx"),
        "--config",
        office,
    )
    assert run.code == 1, run.err
    assert "Rekap tahun 2026" in run.out and "= 21.0% dari pagu Rp 100.000.000" in run.out
    assert "Triwulan 1: 20.0% dari target 15.0% — tercapai." in run.out
    assert "MISSING_MONTH" in run.out and "Traceback" not in run.err
    bad = cli_process("rekap-tahun", str(year), "--tahun", "26", "--out", str(tmp_path / "x.xlsx"))
    assert bad.code == 2 and "--tahun '26' bukan tahun" in bad.err
    assert not (tmp_path / "x.xlsx").exists()


@needs_libreoffice
def test_year_renders_to_pdf(year: Path, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "rekap.xlsx"
    assert rekap(capsys, year, out, "--pdf").code == 1
    pdf = out.with_suffix(".pdf")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    assert len(sorted(tmp_path.glob("p-*.png"))) >= 5  # one page a sheet at least
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "REALISASI KUMULATIF TAHUN ANGGARAN 2026" in text
    assert "CAPAIAN TARGET PENYERAPAN PER TRIWULAN" in text and "Tercapai" in text
    assert "Deviasi > 10%" in text and "MISSING_MONTH" in text


def test_without_a_pagu_the_percentages_are_null(year: Path, tmp_path: Path, capsys: Any) -> None:
    from pyaddin.engine.config import Anggaran, load_config
    from tests.keys import write_config

    office = load_config(year.parent / "kantor.toml")
    plain = office.model_copy(update={"anggaran": Anggaran()})
    assert plain.year_pagu() is None  # no [anggaran] pagu and no pagu in the kode list
    config = write_config(plain, tmp_path / "tanpa-pagu.toml")
    run = cli(
        capsys,
        "rekap-tahun",
        year,
        "--tahun",
        "2026",
        "--out",
        tmp_path / "r.xlsx",
        "--config",
        config,
        "--json",
    )
    data = run.json()
    assert data["pagu"] is None and data["rencana"] == []
    assert [m["kumulatif_persen"] for m in data["bulan"]] == [None] * 5
    assert data["triwulan"][0]["kumulatif_persen"] is None
    assert data["triwulan"][0]["tercapai"] is False
    bulanan = load_workbook(tmp_path / "r.xlsx")["Bulanan"]
    assert "Pagu belum diisi" in str(bulanan["A3"].value)
    with_kode = plain.model_copy(deep=True)
    from pyaddin.engine.config import KodeRef

    with_kode.referensi.kode = [
        KodeRef(kode="521211", pagu=40 * JUTA),
        KodeRef(kode="532111", pagu=10 * JUTA),
    ]
    assert with_kode.year_pagu() == 50 * JUTA  # the kode list's pagu, summed


def test_an_empty_year(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / "kosong").mkdir()
    (tmp_path / "kosong" / "~$Realisasi.xlsx").write_bytes(b"lock")  # Excel's lock: skipped
    run = cli(
        capsys, "rekap-tahun", tmp_path / "kosong", "--tahun", "2026", "--out", tmp_path / "r.xlsx"
    )
    assert run.code == 0, run.err
    assert "Belum ada formulir tahun 2026 di antara 0 berkas" in run.out
    cells = [
        c
        for r in load_workbook(tmp_path / "r.xlsx")["Bulanan"].iter_rows(values_only=True)
        for c in r
        if c
    ]
    assert "Belum ada formulir tahun ini." in cells
