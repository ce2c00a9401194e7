"""The printed form reads like the paper one, and LibreOffice Calc is a second
client: a filled, approved 60-row form rendered by LibreOffice shows every kode
and status whole and the signature block together on the last page; a form
saved by LibreOffice validates, takes actions and verifies."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pyaddin.demo.data import ACTIVITIES
from pyaddin.engine.audit import verify_form
from pyaddin.files.package import Package, q
from pyaddin.files.reader import read_form_file
from tests.helpers import cli, fill, good_rows, make_form
from tests.libreoffice import save_as_xlsm

KEYS = ("kode", "judul", "sasaran", "jenis", "anggaran", "realisasi", "lokus", "tanggal")


def _tools() -> tuple[str, str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("LibreOffice and poppler's pdftotext are needed to render (CI installs them)")
    return soffice, pdftotext


def approved_form(folder: Path, capsys: pytest.CaptureFixture[str], rows: int = 60) -> Path:
    """``rows`` activities typed as staff type them, marked, submitted, approved."""
    path = make_form(folder, rows=rows)
    typed = [a for unit in ACTIVITIES.values() for a in unit]
    fill(path, [dict(zip(KEYS, typed[i % len(typed)], strict=True)) for i in range(rows)])
    assert cli(capsys, "validate", path, "--mark").code == 0
    assert cli(capsys, "submit", path, "--by", "rina").code == 0
    for who in ("siti", "hendra", "ahmad.fauzi"):
        assert cli(capsys, "approve", path, "--by", who, "--all").code == 0
    return path


def render_form_sheet(path: Path, soffice: str, pdftotext: str) -> list[str]:
    """The Realisasi sheet printed by LibreOffice: the text of each page."""
    only = path.with_name("cetak.xlsx")
    book = load_workbook(path)
    for ws in book.worksheets[1:]:
        ws.sheet_state = "hidden"  # print the form, not the log and the lists
    book.save(only)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(path.parent), str(only)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = only.with_suffix(".pdf")
    pages = subprocess.run(
        [pdftotext, "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    return [" ".join(p.split()) for p in pages if p.strip()]


def test_a_printed_60_row_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    soffice, pdftotext = _tools()
    path = approved_form(tmp_path, capsys)
    pages = render_form_sheet(path, soffice, pdftotext)
    text = " ".join(pages)
    form = read_form_file(path)
    assert len(pages) >= 2
    for row in form.filled_rows():
        kode = str(row.values["kode"])
        assert re.search(rf"\b{row.no} {re.escape(kode)}\b", text), kode  # whole, on its line
        status = str(row.values["status"])
        assert status.startswith("DISETUJUI — Drs. Ahmad Fauzi") and status in text, status
    signature = ["Mengetahui,", "Hendra Saputra, S.E., M.M.", "Siti Aminah, S.E.", "NIP. 1975"]
    assert all(s in pages[-1] for s in signature), pages[-1][:300]
    assert not any(s in page for page in pages[:-1] for s in signature)
    dates = re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)
    assert not dates, dates  # every single date printed as dd/mm/yyyy


def test_the_page_estimate_keeps_the_signature_block_whole() -> None:
    """Ten one-line rows fit on a page with the signature block; sixty two-line rows
    do not, so the block gets a page break above it (A4 and F4 alike)."""
    from pyaddin.engine.print_layout import body_row_height, signature_needs_break

    one_line = body_row_height({"judul": "Rapat"})
    two_lines = body_row_height({"status": "DISETUJUI — Drs. Ahmad Fauzi, M.Si., 30/11/2026 07:30"})
    assert two_lines > one_line
    for paper in (9, 14):
        assert not signature_needs_break([one_line] * 10, paper)
        assert signature_needs_break([two_lines] * 60, paper)


def test_a_form_saved_by_libreoffice_stays_usable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tools()
    path = make_form(tmp_path)
    fill(path, good_rows(3))
    saved = save_as_xlsm(path, tmp_path / "lo")
    run = cli(capsys, "validate", saved, "--json")
    assert run.code == 0 and run.json()["rows"] == 3
    assert cli(capsys, "validate", saved, "--mark").code == 0
    assert cli(capsys, "submit", saved, "--by", "rina").code == 0
    assert cli(capsys, "approve", saved, "--by", "siti", "--all").code == 0
    again = save_as_xlsm(saved, tmp_path / "lo2")  # and through LibreOffice once more
    assert cli(capsys, "verify", again).code == 0
    assert cli(capsys, "approve", again, "--by", "hendra", "--all").code == 0
    form = read_form_file(again)
    assert [r.status for r in form.filled_rows()] == ["DISETUJUI KABAG"] * 3
    assert verify_form(form).ok


def test_a_write_repairs_the_general_format_libreoffice_id_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """LibreOffice in the id-ID locale writes General as ``ge\\ner"al"``; the No.
    column then prints ###. The next write puts General back."""
    path = make_form(tmp_path)
    fill(path, good_rows(2))
    package = Package(path)
    styles = package.xml("xl/styles.xml")
    formats = styles.find(q("numFmts"))
    from lxml import etree

    etree.SubElement(formats, q("numFmt"), numFmtId="190", formatCode='ge\\ner"al"')
    formats.set("count", str(len(formats)))
    first_xf = styles.find(q("cellXfs"))[0]
    first_xf.set("numFmtId", "190")
    package.touch("xl/styles.xml")
    package.save(str(tmp_path / "x.xlsm"))
    (tmp_path / "x.xlsm").replace(path)
    assert cli(capsys, "submit", path, "--by", "rina").code == 0
    codes = [n.get("formatCode") for n in Package(path).xml("xl/styles.xml").iter(q("numFmt"))]
    assert 'ge\\ner"al"' not in codes and "General" in codes
