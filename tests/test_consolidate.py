"""Month end: totals against hand-computed figures, every problem kind, the
report's structure (golden), determinism, PDF, export and the demo."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pyaddin.outputs.pdf import soffice
from tests.helpers import Run, check_golden, cli, digest
from tests.month import build_month

GOLDEN = Path(__file__).parent / "golden" / "report_structure.json"


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_month(tmp_path_factory.mktemp("bulan") / "masuk")


def consolidate(capsys: Any, folder: Path, out: Path, *extra: str) -> Run:
    """Consolidate as the finance office does: with its config (the people's keys)."""
    office = folder.parent / "kantor.toml"
    config = ["--config", str(office)] if office.exists() and "--config" not in extra else []
    return cli(
        capsys,
        "consolidate",
        folder,
        "--periode",
        "2026-11",
        "--out",
        out,
        "--json",
        *config,
        *extra,
    )


def test_totals_and_problems(
    month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "laporan.xlsx"
    run = consolidate(capsys, month, out)
    assert run.code == 1, run.err  # problems found; the report is written all the same
    assert out.exists()
    data = run.json()
    assert set(data) == {"periode", "out", "workbooks", "totals", "by_subbagian", "problems"}
    assert data["totals"] == {
        "kegiatan": 6,
        "anggaran": 17_500_000,
        "realisasi": 13_227_777,
        "serapan_persen": 75.6,
    }
    by_unit = {u["subbagian"]: u for u in data["by_subbagian"]}
    assert by_unit["Keuangan"] == {
        "subbagian": "Keuangan",
        "kegiatan": 3,
        "anggaran": 3_500_000,
        "realisasi": 3_050_000,
        "serapan_persen": 87.1,
    }
    assert by_unit["Umum dan Logistik"]["serapan_persen"] == 60.0
    assert by_unit["Teknis Penyelenggaraan Pemilu"]["realisasi"] == 7_777_777
    assert "Hukum" not in by_unit
    kinds = Counter(p["kind"] for p in data["problems"])
    assert kinds == {
        "PENDING": 1,
        "INVALID": 1,
        "CHANGED_AFTER_APPROVAL": 1,
        "HISTORY_BROKEN": 1,
        "WRONG_PERIOD": 1,
        "DUPLICATE_SUBBAGIAN": 1,
        "UNREADABLE": 1,
        "MISSING_SUBBAGIAN": 4,
    }
    missing = {p["subbagian"] for p in data["problems"] if p["kind"] == "MISSING_SUBBAGIAN"}
    assert missing == {
        "Partisipasi dan Hubungan Masyarakat",
        "Perencanaan",
        "Data dan Informasi",
        "Sumber Daya Manusia",
    }
    changed = next(p for p in data["problems"] if p["kind"] == "CHANGED_AFTER_APPROVAL")
    assert changed["file"] == "Umum.xlsm" and changed["row"] == 10
    files = {w["file"]: w for w in data["workbooks"]}
    assert "~$Keuangan.xlsm" not in files
    assert files["Umum.xlsm"] == {
        "file": "Umum.xlsm",
        "subbagian": "Umum dan Logistik",
        "rows": 4,
        "approved": 2,
        "pending": 1,
        "problems": 2,
    }
    assert files["z-copy.xlsm"]["approved"] == 0
    for problem in data["problems"]:
        assert set(problem) == {"file", "subbagian", "row", "kind", "message"}
        assert problem["message"]


def test_include_pending(month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = consolidate(capsys, month, tmp_path / "l.xlsx", "--include-pending").json()
    assert data["totals"]["kegiatan"] == 7
    assert data["totals"]["anggaran"] == 17_900_000
    rekap = load_workbook(tmp_path / "l.xlsx")["Rekap"]
    marked = [r for r in rekap.iter_rows(values_only=True) if "Belum final" in r]
    assert len(marked) == 1


def test_report_structure_golden(
    month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "laporan.xlsx"
    consolidate(capsys, month, out)
    book = load_workbook(out)
    structure: dict[str, Any] = {"sheets": book.sheetnames}
    for ws in book.worksheets:
        rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
        if ws.title == "Sumber":
            rows = [
                [c if i != 1 or r_i < 2 else "<sha256>" for i, c in enumerate(r)]
                for r_i, r in enumerate(rows)
            ]
        structure[ws.title] = {
            "rows": json.loads(json.dumps(rows, default=str)),
            "print": [
                ws.page_setup.orientation,
                ws.page_setup.paperSize,
                ws.page_setup.fitToWidth,
                ws.print_title_rows,
            ],
            "charts": len(ws._charts),
        }
    expected = check_golden(GOLDEN, structure)
    assert structure["sheets"] == ["Rekap", "Ringkasan", "Masalah", "Sumber"]
    for name in expected:
        assert structure[name] == expected[name], name


def test_rekap_figures(month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "laporan.xlsx"
    consolidate(capsys, month, out)
    rows = list(load_workbook(out)["Rekap"].iter_rows(values_only=True))
    labels = {r[0]: r for r in rows if isinstance(r[0], str)}
    assert labels["Jumlah Subbagian Keuangan"][5:8] == (3_500_000, 3_050_000, 87.1)
    assert labels["JUMLAH SELURUHNYA"][5:8] == (17_500_000, 13_227_777, 75.6)
    assert "SUB BAGIAN KEUANGAN" in labels
    assert any(r[8] and str(r[8]).startswith("Bengkulu, ") for r in rows)
    assert any(r[8] == "Drs. Ahmad Fauzi, M.Si." for r in rows)
    ringkasan = list(load_workbook(out)["Ringkasan"].iter_rows(values_only=True))
    timing = [r for r in ringkasan if r[1] in ("Kasubbag", "Kabag", "Sekretaris")]
    kabag = next(r for r in timing if r[0] == "Keuangan" and r[1] == "Kabag")
    assert kabag[2:7] == (3, 2.5, 2.5, 3, "Melebihi waktu baku")
    kasubbag = next(r for r in timing if r[0] == "Keuangan" and r[1] == "Kasubbag")
    assert kasubbag[3] == 0.5 and kasubbag[6] == "Sesuai"


def test_same_inputs_same_report(
    month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    consolidate(capsys, month, tmp_path / "a.xlsx")
    consolidate(capsys, month, tmp_path / "b.xlsx")
    assert digest(tmp_path / "a.xlsx") == digest(tmp_path / "b.xlsx")


def test_inputs_untouched_and_bad_folder(
    month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: digest(p) for p in month.iterdir()}
    consolidate(capsys, month, tmp_path / "x.xlsx")
    assert {p.name: digest(p) for p in month.iterdir()} == before
    run = cli(
        capsys,
        "consolidate",
        tmp_path / "nope",
        "--periode",
        "2026-11",
        "--out",
        tmp_path / "y.xlsx",
    )
    assert run.code == 2 and "tidak ditemukan" in run.err


def test_export_clean_copy(month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "Umum.xlsm"
    shutil.copy(month / "Umum.xlsm", source)
    run = cli(capsys, "export", source)
    assert run.code == 0, run.err
    copy = load_workbook(tmp_path / "Umum-arsip.xlsx")
    assert copy.sheetnames == ["Realisasi"]
    rows = list(copy["Realisasi"].iter_rows(values_only=True))
    header = rows[6]
    assert header == (
        "No.",
        "Kode",
        "Judul Kegiatan",
        "Sasaran/Volume",
        "Jenis Kegiatan",
        "Anggaran (Rp)",
        "Realisasi (Rp)",
        "Lokus",
        "Tanggal",
    )
    body = [r for r in rows[7:] if isinstance(r[0], int)]
    assert [r[2] for r in body] == ["Kegiatan 1", "Kegiatan 2"]
    flat = [c for r in rows for c in r if c]
    assert "Joko Prasetyo, S.T." in flat and "Hendra Saputra, S.E., M.M." in flat
    assert "NIP. 198109252009011005" in flat
    assert any(str(c).startswith("Bengkulu, 25 November 2026") for c in flat)
    assert "2 baris final" in run.out and "2 baris belum final" in run.out


def test_export_refuses_broken_history(
    month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = cli(capsys, "export", month / "Hukum.xlsm", "--out", tmp_path / "h.xlsx")
    assert run.code == 1 and "Riwayat" in run.err and not (tmp_path / "h.xlsx").exists()


needs_libreoffice = pytest.mark.skipif(
    soffice() is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) and pdftoppm are not installed: .ci/run installs them with "
    "apt (libreoffice-calc, poppler-utils); without them the PDF cannot be rendered",
)


@needs_libreoffice
def test_report_renders_to_pdf(
    month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "laporan.xlsx"
    run = consolidate(capsys, month, out, "--pdf")
    assert run.code == 1, run.err
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) >= 4  # Rekap, Ringkasan, Masalah, Sumber
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "REKAPITULASI REALISASI KEGIATAN BULANAN" in text
    assert "JUMLAH SELURUHNYA" in text and "Rp 13,227,777" in text.replace(".", ",")


def test_pdf_says_when_libreoffice_is_missing(
    month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    run = consolidate(capsys, month, tmp_path / "l.xlsx", "--pdf")
    assert run.code == 1 and "LibreOffice tidak terpasang" in run.err
    assert (tmp_path / "l.xlsx").exists()


def test_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # the PDF is covered above; keep this fast
    run = cli(capsys, "demo", tmp_path / "demo")
    assert run.code == 0, run.err
    report = tmp_path / "demo" / "Laporan-Realisasi-2026-11.xlsx"
    assert report.exists() and str(report) in run.out
    for kind in ("CHANGED_AFTER_APPROVAL", "INVALID", "MISSING_SUBBAGIAN", "PENDING"):
        assert kind in run.out
    # the planted forgeries, caught by the signatures (DESIGN.md §12)
    assert "4 BAD_SIGNATURE" in run.out and "2 ROLE_MISMATCH" in run.out
    assert "FINAL_NOT_SIGNED" in run.out and "UNSIGNED" not in run.out
    forms = sorted((tmp_path / "demo" / "formulir" / "2026-11").glob("*.xlsm"))
    assert len(forms) == 7
    assert cli(capsys, "demo", tmp_path / "demo").code == 0  # runs again over its own output


def test_rekap_rows_keep_the_forms_look(
    month: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The activity rows are streamed into the sheet XlsxWriter wrote (outputs/sheet_rows):
    they must carry the report's formats — borders, money, serapan, wrapping, heights."""
    out = tmp_path / "laporan.xlsx"
    consolidate(capsys, month, out)
    ws = load_workbook(out)["Rekap"]
    rows = [r for r in ws.iter_rows(min_row=6) if isinstance(r[0].value, int)]
    assert rows, "activity rows"
    for row in rows:
        assert [c.border.left.style for c in row[:11]] == ["thin"] * 11
        assert row[5].number_format == row[6].number_format == '"Rp "#,##0'
        assert row[7].number_format == "0.0"
        assert row[2].alignment.wrap_text and row[0].alignment.horizontal == "center"
        assert ws.row_dimensions[row[0].row].height in (None, 15)  # short texts: one line


def test_rekap_row_text_is_escaped_as_excel_does() -> None:
    """Markup, control characters and edge spaces in typed text survive the direct XML."""
    from xml.etree import ElementTree

    from pyaddin.outputs.sheet_rows import RowTemplate

    template = RowTemplate([("n", 1), ("s", 2), ("-", 2), ("s", 3)])
    xml = template.render(4, [7, "R&D <rapat> \x07", " lokasi "], 30)
    row = ElementTree.fromstring(xml)
    assert row.get("r") == "5" and row.get("ht") == "30"
    cells = list(row)
    assert [c.get("r") for c in cells] == ["A5", "B5", "C5", "D5"]
    texts = [t.text for t in row.iter("t")]
    assert texts == ["R&D <rapat> _x0007_", " lokasi "]


def test_rows_rendered_while_reading_give_the_same_report(month: Path, tmp_path: Path) -> None:
    """The Rekap rows rendered as each file joins the month (RekapRows) make the same
    bytes as rendering them at the end — pending rows, a duplicate file and a title
    with a control character included — and a unit it never saw is rendered there;
    its temporary file is gone afterwards."""
    from pyaddin.outputs.rekap_sheet import RekapRows

    with RekapRows() as rendered:
        _same_bytes(month, tmp_path, rendered)
        spool = rendered._spool
        assert spool is not None and not spool.closed
    assert spool.closed


def _same_bytes(month: Path, tmp_path: Path, rendered: Any) -> None:
    from pyaddin.engine.config import load_config
    from pyaddin.engine.consolidate import consolidate as run
    from pyaddin.engine.consolidate import form_files
    from pyaddin.files.reader import load_for_month
    from pyaddin.outputs.report import write_report

    office = load_config(month.parent / "kantor.toml")
    kept = run(form_files(month), "2026-11", office, load_for_month, True, on_merged=rendered.add)
    assert any(not r.final for r in kept.rows) and len(rendered._units) >= 2
    write_report(kept, office, tmp_path / "ahead.xlsx", None, rendered)
    write_report(kept, office, tmp_path / "end.xlsx")
    assert digest(tmp_path / "ahead.xlsx") == digest(tmp_path / "end.xlsx")

    first = kept.rows[0]
    kept.rows[0] = first._replace(judul=first.judul + " \x07<b>")
    rendered.add(first.subbagian, [r for r in kept.rows if r.subbagian == first.subbagian])
    del rendered._units[kept.rows[-1].subbagian]  # a unit it never saw
    write_report(kept, office, tmp_path / "ahead2.xlsx", None, rendered)
    write_report(kept, office, tmp_path / "end2.xlsx")
    assert digest(tmp_path / "ahead2.xlsx") == digest(tmp_path / "end2.xlsx")
    assert digest(tmp_path / "ahead2.xlsx") != digest(tmp_path / "ahead.xlsx")
