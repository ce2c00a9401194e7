"""The review workflow on real workbooks: chain, refusals, locks, tampering."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from pyaddin.engine import form as F
from pyaddin.engine.audit import verify_form
from pyaddin.engine.errors import ActionRefused, FileBusyError, InputError
from pyaddin.engine.model import WIB, status_of
from pyaddin.files.reader import read_form_file
from pyaddin.workflow import act
from tests.helpers import GOOD_ROW, cli, digest, fill, good_rows, make_form

T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=WIB)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = make_form(tmp_path)
    fill(path, good_rows(4))
    return path


def statuses(path: Path) -> list[str]:
    ws = load_workbook(path)[F.SHEET_FORM]
    return [
        status_of(ws.cell(F.ROW_BODY + i, F.column_index("status") + 1).value) for i in range(4)
    ]


def locked_rows(path: Path) -> list[bool]:
    ws = load_workbook(path)[F.SHEET_FORM]
    return [
        ws.cell(F.ROW_BODY + i, F.column_index("judul") + 1).protection.locked for i in range(4)
    ]


def test_full_chain_with_return_and_resubmission(filled: Path) -> None:
    act(filled, "submit", "rina", None, now=at(0))
    assert statuses(filled) == ["DIAJUKAN"] * 4
    act(filled, "approve", "Siti Aminah, S.E.", [1, 2, 3], now=at(30))
    act(filled, "return", "siti", [4], "Lampirkan daftar hadir", now=at(31))
    assert statuses(filled) == ["DISETUJUI KASUBBAG"] * 3 + ["DIKEMBALIKAN"]
    assert locked_rows(filled) == [True, True, True, False]
    act(filled, "approve", "hendra", None, now=at(90))
    act(filled, "return", "ahmad.fauzi", [2], "Realisasi belum sesuai SPJ", now=at(120))
    act(filled, "approve", "ahmad.fauzi", [1, 3], now=at(121))
    assert statuses(filled) == ["DISETUJUI", "DIKEMBALIKAN", "DISETUJUI", "DIKEMBALIKAN"]
    assert locked_rows(filled) == [True, False, True, False]
    ws = load_workbook(filled)[F.SHEET_FORM]
    assert ws["K9"].value == "Realisasi belum sesuai SPJ"
    assert ws["J8"].value.startswith("DISETUJUI — Drs. Ahmad Fauzi, M.Si., 20/11/2026 11:01")
    # resubmission starts the chain over
    act(filled, "submit", "rina", [2, 4], now=at(200))
    for who in ("siti", "hendra", "ahmad.fauzi"):
        act(filled, "approve", who, None, now=at(300))
    assert statuses(filled) == ["DISETUJUI"] * 4
    form = read_form_file(filled)
    assert verify_form(form).ok
    assert [e.aksi for e in form.history][:5] == ["AJUKAN"] * 4 + ["SETUJUI"]
    first = form.history[0]
    assert first.waktu == "2026-11-20T09:00:00+07:00" and first.tahap == "Petugas"
    assert first.row_id.startswith("RK-") and first.oleh == "Rina Marlina"
    assert form.head_hash == form.history[-1].hash_entri


def _refusal(path: Path, action: str, who: str, rows: list[int] | None, note: str = "") -> str:
    before = digest(path)
    with pytest.raises((ActionRefused, InputError)) as info:
        act(path, action, who, rows, note, now=at(5))
    assert digest(path) == before, "a refused action must leave the file byte-identical"
    return info.value.message


def test_refusals_change_nothing(filled: Path) -> None:
    fill(filled, [{**GOOD_ROW, "lokus": "Palembang"}], start=3)
    assert "tidak terdaftar" in _refusal(filled, "submit", "dodi", None)
    assert "bukan Petugas" in _refusal(filled, "submit", "siti", None)
    assert "No. 4 belum valid (Lokus)" in _refusal(filled, "submit", "rina", None)
    act(filled, "submit", "rina", [1, 2, 3], now=at(1))
    assert "masih menunggu Kasubbag" in _refusal(filled, "approve", "hendra", [1])
    assert "belum diajukan" in _refusal(filled, "approve", "siti", [1, 4])
    assert "No. 99 tidak ada" in _refusal(filled, "approve", "siti", [99])
    assert "Catatan wajib" in _refusal(filled, "return", "siti", [1], "  ")
    assert "tidak ada dalam alur" in _refusal(filled, "approve", "rina", [1])
    act(filled, "approve", "siti", [1], now=at(2))
    assert "sudah melewati tahap Kasubbag" in _refusal(filled, "approve", "siti", [1])
    assert "berstatus DISETUJUI KASUBBAG" in _refusal(filled, "submit", "rina", [1])
    assert "tidak ada baris" in _refusal(filled, "approve", "ahmad.fauzi", None)
    assert verify_form(read_form_file(filled)).ok


def test_cli_refusal_exit_codes(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(filled)
    run = cli(capsys, "approve", filled, "--by", "siti", "--all")
    assert run.code == 1 and "tidak ada baris" in run.err
    run = cli(capsys, "approve", filled, "--by", "orang asing", "--rows", "1")
    assert run.code == 2 and "tidak terdaftar" in run.err
    run = cli(capsys, "approve", filled, "--by", "siti")
    assert run.code == 2 and "--rows atau --all" in run.err
    run = cli(capsys, "return", filled, "--by", "siti", "--rows", "1")
    assert run.code == 2 and "--note" in run.err
    run = cli(capsys, "submit", filled, "--by", "rina", "--rows", "1,x")
    assert run.code == 2 and "--rows '1,x'" in run.err
    assert digest(filled) == before
    run = cli(capsys, "submit", filled, "--by", "rina", "--rows", "1-3")
    assert run.code == 0 and "Diajukan: 3 baris (1, 2, 3)" in run.out


def test_status_and_verify_json(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    act(filled, "submit", "rina", None, now=at(0))
    act(filled, "approve", "siti", [1, 2], now=at(10))
    data = cli(capsys, "status", filled, "--json").json()
    assert data["by_status"]["DIAJUKAN"] == 2 and data["by_status"]["DISETUJUI KASUBBAG"] == 2
    assert data["next"][0] == {"jabatan": "Kasubbag", "nama": ["Siti Aminah, S.E."], "rows": [3, 4]}
    assert data["next"][1]["jabatan"] == "Kabag"
    run = cli(capsys, "verify", filled, "--json")
    assert run.code == 0 and run.json()["ok"] and run.json()["entries"] == 6


def _approved(path: Path) -> None:
    act(path, "submit", "rina", None, now=at(0))
    for who in ("siti", "hendra", "ahmad.fauzi"):
        act(path, "approve", who, None, now=at(10))


def _edit(path: Path, sheet: str, cell: str, value: object) -> None:
    book = load_workbook(path, keep_vba=True)
    book[sheet][cell] = value
    book.save(path)


def _kinds(path: Path) -> list[tuple[str, int | None]]:
    return [(f.kind, f.no) for f in verify_form(read_form_file(path)).findings]


def test_tamper_approved_cell(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _approved(filled)
    _edit(filled, F.SHEET_FORM, "G9", 1_249_999)
    assert _kinds(filled) == [("CHANGED_AFTER_APPROVAL", 2)]
    assert cli(capsys, "verify", filled).code == 1


def test_tamper_log_entry_edited(filled: Path) -> None:
    _approved(filled)
    _edit(filled, F.SHEET_HISTORY, "F3", "Orang Lain")
    findings = verify_form(read_form_file(filled)).findings
    assert [(f.kind, f.row) for f in findings] == [("HISTORY_BROKEN", 3)]


def test_tamper_log_entry_deleted(filled: Path) -> None:
    _approved(filled)
    book = load_workbook(filled, keep_vba=True)
    book[F.SHEET_HISTORY].delete_rows(5)
    book.save(filled)
    assert ("HISTORY_BROKEN", None) in _kinds(filled)


def test_tamper_last_entry_deleted_and_status_forged(filled: Path) -> None:
    _approved(filled)
    book = load_workbook(filled, keep_vba=True)
    ws = book[F.SHEET_HISTORY]
    ws.delete_rows(ws.max_row)
    book.save(filled)
    assert any(k == "HISTORY_BROKEN" for k, _ in _kinds(filled))


def test_tamper_status_typed_by_hand(filled: Path) -> None:
    _edit(filled, F.SHEET_FORM, "J8", "DISETUJUI — saya sendiri")
    assert _kinds(filled) == [("HISTORY_BROKEN", 1)]


def test_copied_and_deleted_approved_rows(filled: Path) -> None:
    _approved(filled)
    book = load_workbook(filled, keep_vba=True)
    ws = book[F.SHEET_FORM]
    for col in range(2, 13):
        ws.cell(F.ROW_BODY + 4, col, ws.cell(F.ROW_BODY, col).value)
    for col in range(2, 13):
        ws.cell(F.ROW_BODY + 1, col).value = None
    book.save(filled)
    kinds = _kinds(filled)
    assert ("CHANGED_AFTER_APPROVAL", 5) in kinds
    assert ("CHANGED_AFTER_APPROVAL", 2) in kinds


def test_file_open_in_excel_is_refused(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    owner = filled.with_name("~$" + filled.name)
    owner.write_bytes(b"\x00rina")
    before = digest(filled)
    with pytest.raises(FileBusyError):
        act(filled, "submit", "rina", None)
    run = cli(capsys, "submit", filled, "--by", "rina")
    assert run.code == 2 and "Tutup dulu" in run.err and digest(filled) == before
    assert cli(capsys, "validate", filled).code == 0  # reading is fine


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["submit", "approve", "return"]),
        st.sampled_from(["rina", "siti", "hendra", "ahmad.fauzi"]),
        st.lists(st.integers(1, 4), min_size=1, max_size=3, unique=True) | st.none(),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=ACTIONS)
def test_property_random_actions_keep_invariants(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, str, list[int] | None]]
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    path = make_form(folder)
    fill(path, good_rows(4))
    for minute, (action, who, rows) in enumerate(steps):
        before = digest(path)
        try:
            act(path, action, who, rows, "perbaiki", now=at(minute))
        except (ActionRefused, InputError):
            assert digest(path) == before
    form = read_form_file(path)
    assert verify_form(form).ok, "the chain always verifies after legitimate actions"
    approved = [s.startswith("DISETUJUI") for s in statuses(path)]
    assert locked_rows(path) == approved, "a locked row is exactly an approved row"


@given(st.lists(st.text(), max_size=12))
def test_canonical_encoding_is_the_json_encoding(fields: list[str]) -> None:
    """The hashes' fast encoding gives exactly the JSON text it replaced (every hash
    ever written stays valid): quotes, backslashes, control characters, any script."""
    import json

    from pyaddin.engine.hash_chain import _canonical

    assert _canonical(fields) == json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
