"""Golden file: the structure of a new form (sheets, labels, names, validations,
formats, print setup, protection). Regenerate with RK_UPDATE_GOLDEN=1 after a
deliberate change, and review the diff like code."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import check_golden, make_form
from tests.structure import template_structure

GOLDEN = Path(__file__).parent / "golden" / "new_form_structure.json"


def test_new_form_matches_golden(tmp_path: Path) -> None:
    actual = json.loads(json.dumps(template_structure(make_form(tmp_path)), default=str))
    expected = check_golden(GOLDEN, actual)
    assert actual.keys() == expected.keys()
    for key in expected:
        assert actual[key] == expected[key], key


def test_contract_facts(tmp_path: Path) -> None:
    """The DESIGN.md §3 contract, spelled out (independent of the golden file)."""
    data = template_structure(make_form(tmp_path))
    assert data["sheets"][:4] == ["Realisasi", "Riwayat", "Referensi", "Pengaturan"]
    for name in ("RK_PERIODE", "RK_SUBBAGIAN", "RK_DATA", "RK_VERSI"):
        assert name in data["names"]
    assert data["names"]["RK_DATA"] == "Realisasi!$A$8:$L$57"
    cells = data["Realisasi"]["cells"]
    labels = [cells[f"{c}7"] for c in "ABCDEFGHIJKL"]
    assert labels == [
        "No.",
        "Kode",
        "Judul Kegiatan",
        "Sasaran/Volume",
        "Jenis Kegiatan",
        "Anggaran (Rp)",
        "Realisasi (Rp)",
        "Lokus",
        "Tanggal",
        "Status",
        "Catatan Reviewer",
        "ID Baris",
    ]
    assert cells["A1"] == "REALISASI KEGIATAN BULANAN"
    assert {cells["B3"], cells["B4"], cells["B5"]} == {
        "BULAN/TAHUN ANGGARAN",
        "PROVINSI BENGKULU",
        "SUB BAGIAN",
    }
    assert "Mengetahui," in cells.values() and "Kepala Subbagian Keuangan" in cells.values()
    assert data["Realisasi"]["hidden_columns"] == ["L"]
    assert data["Realisasi"]["print"]["orientation"] == "landscape"
    assert data["Realisasi"]["print"]["title_rows"] == "$7:$7"
    assert data["Realisasi"]["body_formats"][5] == '"Rp "#,##0'
    assert data["Realisasi"]["body_formats"][8] == "dd/mm/yyyy"
    assert data["Riwayat"]["protected"] and data["Realisasi"]["protected"]
    riwayat = data["Riwayat"]["cells"]
    assert [riwayat[f"{c}1"] for c in "ABCDEFGHIJK"] == [
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
    ]
    formulas = {v[2] for v in data["Realisasi"]["validations"]}
    assert {"=RK_LIST_JENIS", "=RK_LIST_LOKUS"} <= formulas
