"""Signed approvals (DESIGN.md §12): each forgery the hash chain alone let through
is now found, checked against the office's own list of people and keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pyaddin import macros
from pyaddin.demo.forgery import recompute_everything
from pyaddin.engine import form as F
from pyaddin.engine.signatures import public_key, sign
from pyaddin.files.key_store import new_private_key
from pyaddin.files.reader import read_form_file
from tests.helpers import cli, digest, fill, good_rows, make_form
from tests.keys import give_keys, write_config
from tests.remote import apply_actions, open_remote

CHAIN = (("submit", "rina", []), ("approve", "siti", ["--all"]), ("approve", "hendra", ["--all"]))


def final_form(folder: Path, capsys: Any, rows: int = 2) -> Path:
    """``rows`` rows taken through the whole chain, every step signed."""
    path = make_form(folder)
    fill(path, good_rows(rows))
    for action, who, extra in (*CHAIN, ("approve", "ahmad.fauzi", ["--all"])):
        run = cli(capsys, action, path, "--by", who, *extra)
        assert run.code == 0 and not run.err, run.err  # signed: no warning
    return path


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keys for the four people of Keuangan's chain; the office config that lists them."""
    return write_config(give_keys(tmp_path, monkeypatch), tmp_path / "kantor.toml")


def findings(capsys: Any, path: Path, config: Path) -> list[str]:
    run = cli(capsys, "verify", path, "--config", config, "--json")
    return [f["kind"] for f in run.json()["findings"]]


def month(capsys: Any, path: Path, config: Path) -> dict[str, Any]:
    out = path.parent / "laporan.xlsx"
    run = cli(
        capsys,
        "consolidate",
        path.parent,
        "--periode",
        "2026-11",
        "--out",
        out,
        "--config",
        config,
        "--json",
    )
    data = run.json()
    data["kinds"] = sorted({p["kind"] for p in data["problems"]} - {"MISSING_SUBBAGIAN"})
    return data


def test_a_signed_month_has_no_findings(tmp_path: Path, capsys: Any, office: Path) -> None:
    folder = tmp_path / "bulan"
    folder.mkdir()
    path = final_form(folder, capsys)
    assert findings(capsys, path, office) == []
    entries = read_form_file(path).history
    assert len(entries) == 8 and all(e.tanda_tangan for e in entries)
    data = month(capsys, path, office)
    assert data["kinds"] == [] and data["totals"]["kegiatan"] == 2


def test_recomputing_every_hash_is_found(tmp_path: Path, capsys: Any, office: Path) -> None:
    folder = tmp_path / "bulan"
    folder.mkdir()
    path = final_form(folder, capsys)
    recompute_everything(path, 0, "realisasi", 999_999)  # what the demo plants
    assert cli(capsys, "verify", path).code == 0  # the chain alone cannot tell
    kinds = findings(capsys, path, office)
    assert "BAD_SIGNATURE" in kinds and "FINAL_NOT_SIGNED" in kinds
    data = month(capsys, path, office)
    assert data["totals"]["kegiatan"] == 0  # every entry after the edit was re-hashed: none counts
    assert "BAD_SIGNATURE" in data["kinds"] and "FINAL_NOT_SIGNED" in data["kinds"]


def test_promoting_oneself_in_pengaturan_is_found(
    tmp_path: Path, capsys: Any, office: Path
) -> None:
    """Staff make themselves Sekretaris in the workbook and give the final approval."""
    folder = tmp_path / "bulan"
    folder.mkdir()
    path = make_form(folder)
    fill(path, good_rows(1))
    for action, who, extra in CHAIN:
        assert cli(capsys, action, path, "--by", who, *extra).code == 0
    book = load_workbook(path, keep_vba=True)
    ws = book[F.SHEET_SETTINGS]
    for row in ws.iter_rows(min_row=F.PEOPLE_HEADER_ROW + 1):
        if row[3].value == "rina":
            row[0].value = "Sekretaris"
    book.save(path)
    assert cli(capsys, "approve", path, "--by", "rina", "--all").code == 0  # Pengaturan allows it
    assert read_form_file(path).rows[0].status == "DISETUJUI"
    assert "ROLE_MISMATCH" in findings(capsys, path, office)
    data = month(capsys, path, office)
    assert data["totals"]["kegiatan"] == 0 and "ROLE_MISMATCH" in data["kinds"]


def test_a_cleared_riwayat_with_reset_statuses_is_found(
    tmp_path: Path, capsys: Any, office: Path
) -> None:
    folder = tmp_path / "bulan"
    folder.mkdir()
    path = final_form(folder, capsys)
    book = load_workbook(path, keep_vba=True)
    history = book[F.SHEET_HISTORY]
    history.delete_rows(2, history.max_row)
    for row in range(F.ROW_BODY, F.ROW_BODY + 2):
        book[F.SHEET_FORM].cell(row, F.column_index("status") + 1).value = None
    book.save(path)
    run = cli(capsys, "verify", path, "--json")
    assert run.code == 1 and "HISTORY_BROKEN" in [f["kind"] for f in run.json()["findings"]]
    assert month(capsys, path, office)["totals"]["kegiatan"] == 0


def test_a_signature_by_someone_else_is_found(
    tmp_path: Path, capsys: Any, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Kabag's entry re-signed with the Kasubbag's key (or any other key)."""
    folder = tmp_path / "bulan"
    folder.mkdir()
    path = final_form(folder, capsys, rows=1)
    form = read_form_file(path)
    kabag = next(e for e in form.history if e.tahap == "Kabag")
    other = new_private_key()
    book = load_workbook(path, keep_vba=True)
    book[F.SHEET_HISTORY].cell(kabag.sheet_row, 12, sign(other, kabag.hash_entri))
    book.save(path)
    assert findings(capsys, path, office).count("BAD_SIGNATURE") == 1
    assert public_key(other) not in office.read_text("utf-8")


def test_a_deleted_signature(tmp_path: Path, capsys: Any, office: Path) -> None:
    folder = tmp_path / "bulan"
    folder.mkdir()
    path = final_form(folder, capsys, rows=1)
    book = load_workbook(path, keep_vba=True)
    book[F.SHEET_HISTORY].cell(3, 12).value = None
    book.save(path)
    assert findings(capsys, path, office) == ["UNSIGNED"]
    data = month(capsys, path, office)  # "anjuran": counted, and listed
    assert data["totals"]["kegiatan"] == 1 and data["kinds"] == ["UNSIGNED"]
    required = office.with_name("wajib.toml")
    required.write_text(office.read_text("utf-8").replace('"anjuran"', '"wajib"'), "utf-8")
    data = month(capsys, path, required)  # "wajib": not counted
    assert data["totals"]["kegiatan"] == 0 and data["kinds"] == ["FINAL_NOT_SIGNED", "UNSIGNED"]


def test_wajib_refuses_an_unsigned_action_and_anjuran_warns(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyed = give_keys(tmp_path, monkeypatch, ("siti",))  # rina has no key
    keyed.tanda_tangan = "wajib"
    config = write_config(keyed, tmp_path / "wajib.toml")
    path = tmp_path / "f.xlsm"
    assert (
        cli(
            capsys,
            "new",
            "--subbagian",
            "Keuangan",
            "--periode",
            "2026-11",
            "--config",
            config,
            "--out",
            path,
        ).code
        == 0
    )
    fill(path, good_rows(1))
    before = digest(path)
    run = cli(capsys, "submit", path, "--by", "rina")
    assert (
        run.code == 2
        and "realisasi kunci buat --by rina" in run.err
        and len(run.err.strip().splitlines()) == 1
    )
    assert digest(path) == before
    lenient = tmp_path / "g.xlsm"
    assert (
        cli(capsys, "new", "--subbagian", "Keuangan", "--periode", "2026-11", "--out", lenient).code
        == 0
    )
    fill(lenient, good_rows(1))
    run = cli(capsys, "submit", lenient, "--by", "rina")
    assert run.code == 0 and run.err.startswith("Peringatan: Rina Marlina belum punya kunci")


def test_bad_keys_in_the_config_and_the_key_command(
    tmp_path: Path, capsys: Any, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = office.read_text("utf-8")
    truncated = tmp_path / "rusak.toml"
    first = text.index('kunci_publik = "') + len('kunci_publik = "')
    truncated.write_text(text[:first] + text[first + 8 :], "utf-8")
    run = cli(capsys, "verify", make_form(tmp_path), "--config", truncated)
    assert run.code == 2 and "kunci_publik" in run.err and "Drs. Ahmad Fauzi" in run.err
    made = cli(capsys, "kunci", "buat", "--by", "rina")
    assert made.code == 2 and "sudah punya kunci" in made.err  # the fixture made hers
    made = cli(capsys, "kunci", "buat", "--by", "rina", "--ganti")
    assert made.code == 0 and made.out.strip().splitlines()[-1].startswith('kunci_publik = "')
    listed = cli(capsys, "kunci", "daftar")
    assert "198501012010012001" in listed.out


def test_a_retired_key_still_verifies_old_forms(tmp_path: Path, capsys: Any, office: Path) -> None:
    folder = tmp_path / "bulan"
    folder.mkdir()
    path = final_form(folder, capsys, rows=1)
    assert cli(capsys, "kunci", "buat", "--by", "rina", "--ganti").code == 0  # lost laptop
    text = office.read_text("utf-8")
    block_start = text.index('nama = "Rina Marlina"')
    start = text.rindex("[[pegawai]]", 0, block_start)
    end = text.find("[[pegawai]]", block_start)
    block = text[start : end if end > 0 else len(text)]
    new_key = cli(capsys, "kunci", "buat", "--by", "rina", "--ganti").out.strip().splitlines()[-1]
    retired = block.rstrip() + "\nberlaku_sampai = 2099-12-31\n\n"
    current = block[: block.index("kunci_publik")] + new_key + "\n\n"
    rotated = office.with_name("rotasi.toml")
    rotated.write_text(
        text[:start] + retired + current + text[end if end > 0 else len(text) :], "utf-8"
    )
    assert findings(capsys, path, rotated) == []  # old entries still verify
    expired = office.with_name("kadaluarsa.toml")
    expired.write_text(rotated.read_text("utf-8").replace("2099-12-31", "2026-01-01"), "utf-8")
    assert "BAD_SIGNATURE" in findings(capsys, path, expired)  # signed after the key was retired


def test_the_ribbon_signs_on_the_remote_engine(
    tmp_path: Path, capsys: Any, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_form(tmp_path)
    fill(path, good_rows(2))
    monkeypatch.setenv("RK_USER", "rina")
    book = open_remote(path)
    macros.ajukan(book)
    alerts = apply_actions(path, book.json()["actions"])
    assert alerts == ["Diajukan: 2 baris (1, 2) oleh Rina Marlina; Riwayat +2 entri"]
    assert all(e.tanda_tangan for e in read_form_file(path).history)
    assert findings(capsys, path, office) == []


def test_new_copies_the_keys_and_cek_keaslian_checks_them(
    tmp_path: Path, capsys: Any, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ribbon checks with the keys `new` copied into Pengaturan (a PC without the
    office's file); a self-promotion shows there too."""
    path = tmp_path / "f.xlsm"
    args = ("--subbagian", "Keuangan", "--periode", "2026-11", "--config", office, "--out", path)
    assert cli(capsys, "new", *args).code == 0
    people = read_form_file(path).people
    assert all(p.kunci_publik for p in people) and len(people) == 4
    fill(path, good_rows(1))
    for action, who, extra in CHAIN:
        assert cli(capsys, action, path, "--by", who, *extra).code == 0
    monkeypatch.setenv("RK_USER", "rina")
    book = open_remote(path)
    macros.cek_keaslian(book)
    assert apply_actions(path, book.json()["actions"])[0].startswith("Formulir asli")
    book = load_workbook(path, keep_vba=True)
    for row in book[F.SHEET_SETTINGS].iter_rows(min_row=F.PEOPLE_HEADER_ROW + 1):
        if row[3].value == "rina":
            row[0].value = "Sekretaris"
    book.save(path)
    assert cli(capsys, "approve", path, "--by", "rina", "--all").code == 0
    book = open_remote(path)
    macros.cek_keaslian(book)
    alert = apply_actions(path, book.json()["actions"])[0]
    assert (
        alert.startswith("Ditemukan") and "ROLE" not in alert and "Rina Marlina tercatat" in alert
    )
