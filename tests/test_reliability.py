"""Whatever arrives, the product answers clearly and never loses a thing."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from pyaddin.engine import form as F
from pyaddin.engine.audit import verify_form
from pyaddin.engine.errors import ActionRefused, InputError
from pyaddin.engine.model import WIB
from pyaddin.files.atomic import LOCK_SUFFIX, TEMP_PREFIX
from pyaddin.files.reader import read_form_file
from pyaddin.validators import FieldError
from pyaddin.validators.choices import parse_jenis, parse_judul, parse_lokus
from pyaddin.validators.row import Row, RowContext, check_row
from pyaddin.workflow import act
from tests.corpus import COMMANDS, Case, big_form, command_args, make_corpus
from tests.helpers import cli, cli_process, digest, fill, good_rows, make_form

HOLD_LOCK = (
    "import sys, time; from filelock import FileLock; "
    "lock = FileLock(sys.argv[1], timeout=0); lock.acquire(); "
    "print('held', flush=True); time.sleep(120)"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    return make_corpus(tmp_path_factory.mktemp("korpus"))


@pytest.fixture(scope="module")
def lock_holder(corpus: dict[str, Case]) -> Any:
    """Another process holding the lock of the 'sibuk' form."""
    target = str(corpus["sibuk"].path) + LOCK_SUFFIX
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, target], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "case",
    [
        "kosong.xlsm",
        "teks.xlsx",
        "lama.xls",
        "terpotong.xlsm",
        "sandi",
        "lain",
        "ganti-nama.xlsm",
        "tanpa-nama.xlsm",
        "masa-depan.xlsm",
        "gabung.xlsm",
        "rumus",
        "panjang",
        "aksara",
        "hanya-baca",
        "di-excel",
        "sibuk",
    ],
)
def test_every_command_on_every_bad_input(
    corpus: dict[str, Case],
    lock_holder: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    command: str,
) -> None:
    item = corpus[case]
    before = digest(item.path)
    run = cli(capsys, *command_args(command, item.path, tmp_path / "arsip.xlsx"))
    expected = item.codes[command]
    assert run.code == expected, (case, command, run.out, run.err)
    assert "Traceback" not in run.err + run.out
    if expected == 2:
        lines = run.err.strip().splitlines()
        assert len(lines) == 1, lines
        assert item.path.name in lines[0]
        assert item.words[command] in lines[0], lines[0]
    if command != "mark" or expected != 1:
        assert digest(item.path) == before, "the file must stay byte-identical"
    assert not Path(str(item.path) + LOCK_SUFFIX).exists() or case == "sibuk"


def test_bad_inputs_as_a_subprocess(corpus: dict[str, Case]) -> None:
    for case in ("terpotong.xlsm", "sandi", "gabung.xlsm"):
        run = cli_process("submit", corpus[case].path, "--by", "rina")
        assert run.code == 2 and "Traceback" not in run.err
        assert len(run.err.strip().splitlines()) == 1


def test_consolidation_survives_the_whole_corpus(
    corpus: dict[str, Case], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = next(iter(corpus.values())).path.parent
    before = {p.name: digest(p) for p in folder.iterdir() if p.is_file()}
    run = cli(
        capsys,
        "consolidate",
        folder,
        "--periode",
        "2026-11",
        "--out",
        tmp_path / "laporan.xlsx",
        "--json",
    )
    assert run.code == 1 and "Traceback" not in run.err
    kinds = {p["file"]: p["kind"] for p in run.json()["problems"]}
    for name in (
        "kosong.xlsm",
        "teks.xlsx",
        "terpotong.xlsm",
        "sandi.xlsm",
        "lain.xlsx",
        "gabung.xlsm",
    ):
        assert kinds.get(name) == "UNREADABLE", name
    assert {
        p.name: digest(p) for p in folder.iterdir() if p.is_file() and p.name in before
    } == before


@pytest.mark.slow
def test_fifty_thousand_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = big_form(tmp_path, 50_000)
    run = cli(capsys, "validate", path, "--json")
    assert run.code == 0 and run.json()["rows"] == 50_000
    assert cli(capsys, "status", path).code == 0


# --- nothing lost -------------------------------------------------------------

KILL_MID_SAVE = """
import sys, time
from pathlib import Path
import pyaddin.files.package as P
real_save = P.Package.save
def slow_save(self, filename):
    real_save(self, filename)  # the temp file is complete...
    Path(sys.argv[2]).write_text(filename)
    time.sleep(120)            # ...and the process dies before the replace
P.Package.save = slow_save
from pyaddin.workflow import act
act(Path(sys.argv[1]), "submit", "rina", None)
"""


def test_killed_mid_save_leaves_the_original_intact(tmp_path: Path) -> None:
    path = make_form(tmp_path)
    fill(path, good_rows(3))
    before = digest(path)
    signal_file = tmp_path / "saving"
    proc = subprocess.Popen([sys.executable, "-c", KILL_MID_SAVE, str(path), str(signal_file)])
    for _ in range(600):
        if signal_file.exists() or proc.poll() is not None:
            break
        time.sleep(0.1)
    assert signal_file.exists(), "the child never reached the save"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert digest(path) == before
    assert read_form_file(path).rows[0].status == "DRAF"
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert left == [Path(signal_file.read_text()).name]  # the killed write's temp file
    # the dead process's lock is not held: the next action goes through, and cleans up
    result = act(path, "submit", "rina", None)
    assert len(result.changes) == 3 and verify_form(read_form_file(path)).ok
    assert not Path(str(path) + LOCK_SUFFIX).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.xlsm", "saving"]


def _parts(path: Path) -> dict[str, Any]:
    """Everything a review action must not touch."""
    with zipfile.ZipFile(path) as archive:
        vba = hashlib.sha256(archive.read("xl/vbaProject.bin")).hexdigest()
        ui = archive.read("customUI/customUI.xml")
        rels = archive.read("_rels/.rels")
    book = load_workbook(path, keep_vba=True)
    form = book[F.SHEET_FORM]
    workflow_cols = {F.column_index(k) + 1 for k in ("status", "catatan", "id")}
    skip_settings = {F.setting_row(F.SETTING_HEAD)}
    return {
        "vba": vba,
        "ui": ui,
        "rels": rels,
        "names": {n: d.attr_text for n, d in book.defined_names.items()},
        "form": [
            [c.value for c in row if c.column not in workflow_cols] for row in form.iter_rows()
        ],
        "validations": [(str(d.sqref), d.formula1) for d in form.data_validations.dataValidation],
        "print": (
            form.page_setup.orientation,
            form.page_setup.paperSize,
            form.print_area,
            form.print_title_rows,
            form.page_setup.fitToWidth,
        ),
        "merged": sorted(str(r) for r in form.merged_cells.ranges),
        "formats": [form.cell(F.ROW_BODY, c).number_format for c in range(1, 13)],
        "other": {
            ws.title: [[c.value for c in row] for row in ws.iter_rows()]
            for ws in book.worksheets
            if ws.title not in (F.SHEET_FORM, F.SHEET_HISTORY, F.SHEET_SETTINGS)
        },
        "settings": [
            [c.value for c in row]
            for row in book[F.SHEET_SETTINGS].iter_rows()
            if row[0].row not in skip_settings
        ],
    }


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["submit", "approve", "return"]),
        st.sampled_from(["rina", "siti", "hendra", "ahmad.fauzi"]),
        st.lists(st.integers(1, 3), min_size=1, max_size=3, unique=True) | st.none(),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS)
def test_property_actions_change_only_what_they_may(
    tmp_path_factory: pytest.TempPathFactory, steps: list[Any]
) -> None:
    path = make_form(tmp_path_factory.mktemp("inv"))
    fill(path, good_rows(3))
    before = _parts(path)
    for minute, (action, who, rows) in enumerate(steps):
        with contextlib.suppress(ActionRefused, InputError):
            act(
                path,
                action,
                who,
                rows,
                "perbaiki",
                now=dt.datetime(2026, 11, 20, 9, minute, tzinfo=WIB),
            )
    after = _parts(path)
    for key in before:
        assert after[key] == before[key], key
    assert verify_form(read_form_file(path)).ok


# --- two people at once -------------------------------------------------------


def test_busy_file_is_refused_then_free(tmp_path: Path) -> None:
    path = make_form(tmp_path)
    fill(path, good_rows(2))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path) + LOCK_SUFFIX],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    before = digest(path)
    run = cli_process("submit", path, "--by", "rina")
    assert run.code == 2 and "sedang diproses" in run.err and digest(path) == before
    holder.kill()
    holder.wait()
    assert cli_process("submit", path, "--by", "rina").code == 0


def test_two_processes_at_the_same_moment(tmp_path: Path) -> None:
    path = make_form(tmp_path)
    fill(path, good_rows(4))
    exe = Path(sys.executable).with_name("realisasi")
    for round_ in range(3):
        rows = (f"{2 * round_ + 1}", f"{2 * round_ + 2}") if round_ < 2 else ("1", "2")
        procs = [
            subprocess.Popen(
                [str(exe), "submit", str(path), "--by", "rina", "--rows", r],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for r in rows
        ]
        results = [(p.wait(), p.stderr.read() if p.stderr else "") for p in procs]
        for code, err in results:
            assert code in (0, 1, 2), err
            if code == 2:
                assert "sedang diproses" in err
            assert "Traceback" not in err
        form = read_form_file(path)
        assert verify_form(form).ok, "the chain verifies after both"
        submitted = {e.no for e in form.history}
        assert {r.no for r in form.rows if r.status == "DIAJUKAN"} == submitted
    assert not Path(str(path) + LOCK_SUFFIX).exists()


def test_lock_file_cleaned_on_every_exit_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_form(tmp_path)
    fill(path, good_rows(2))
    lock = Path(str(path) + LOCK_SUFFIX)
    act(path, "submit", "rina", [1])
    assert not lock.exists()
    with pytest.raises(ActionRefused):
        act(path, "approve", "hendra", [1])
    assert not lock.exists()
    monkeypatch.setattr("pyaddin.engine.review.approve", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        act(path, "approve", "siti", [1])
    assert not lock.exists()


# --- fuzzing the validators -----------------------------------------------------

CTX = RowContext(
    dt.date(2026, 11, 1),
    ("Rapat Koordinasi", "Sosialisasi"),
    ("Kegiatan", "Laporan", "OH"),
    ("Kota Bengkulu", "Kaur"),
)
ANY_CELL = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(-(10**13), 10**13),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


@settings(max_examples=3000, deadline=None)
@given(st.fixed_dictionaries({k: ANY_CELL for k in F.BUSINESS_KEYS}))
def test_check_row_never_raises(values: dict[str, Any]) -> None:
    result = check_row(values, CTX)
    if not isinstance(result, Row):
        assert result and all(isinstance(m, str) and m for m in result.values())
        assert set(result) <= set(F.BUSINESS_KEYS)


# Cells as staff type them, so that many generated rows are valid.
TYPED_CELL = {
    "kode": st.sampled_from(["521211", "524111", " 522151 ", "52.12.11", "x"]),
    "judul": st.sampled_from(["Rapat  koordinasi", "Sosialisasi", " ", "a" * 300]),
    "sasaran": st.sampled_from(["2 kegiatan", "1 Lap", "3 OH", "0 OH", "dua"]),
    "jenis": st.sampled_from(["rapat koordinasi", "Sosialisasi", "Lain"]),
    "anggaran": st.sampled_from(["Rp 1.500.000", 1500000.0, "1,500,000", 0, "#REF!"]),
    "realisasi": st.sampled_from(["1.450.000", 1500000, 2000000.0, "Rp1.500.000,00", "-5"]),
    "lokus": st.sampled_from(["kota bengkulu", "Kab. Kaur", "Mars"]),
    "tanggal": st.sampled_from(["3/11/2026", "10-12 November 2026", dt.date(2026, 11, 5)]),
}


@pytest.mark.parametrize("remembered", [0, 1000], ids=["fresh", "remembered"])
@settings(max_examples=1500, deadline=None)
@given(
    typed=st.one_of(
        st.fixed_dictionaries(TYPED_CELL),
        st.fixed_dictionaries({k: st.one_of(TYPED_CELL[k], ANY_CELL) for k in F.BUSINESS_KEYS}),
    ),
    missing=st.one_of(st.just(set()), st.sets(st.sampled_from(F.BUSINESS_KEYS), max_size=2)),
)
def test_check_row_is_the_models_verdict(
    typed: dict[str, Any], missing: set[str], remembered: int
) -> None:
    """The direct checks give what the pydantic model gives: the same row, or the
    same message for each failing field (a missing field included), whether the
    verdicts are remembered (the office server) or not."""
    from pyaddin.validators import row

    before = row._remembered.cache_parameters()["maxsize"] if row._remembered else 0
    row.remember_rows(remembered)
    try:
        _same_verdict(typed, missing)
    finally:
        row.remember_rows(before or 0)


def _same_verdict(typed: dict[str, Any], missing: set[str]) -> None:
    from pydantic import ValidationError

    from pyaddin.validators.errors import FieldError as Missing
    from pyaddin.validators.messages import label

    values = {k: v for k, v in typed.items() if k not in missing}
    ours = check_row(values, CTX)
    try:
        model: Row | dict[str, str] = Row.model_validate(dict(values), context=CTX)
    except ValidationError as exc:
        model = {}
        for error in exc.errors(include_url=False):
            field = str(error["loc"][0])
            message = str(error["msg"])
            if error["type"] == "missing":
                message = Missing("v.required", label=label(field)).message
            model.setdefault(field, message)
    if isinstance(model, Row):
        assert isinstance(ours, Row) and ours.model_dump() == model.model_dump()
        assert ours == model and ours.model_fields_set == model.model_fields_set
        assert ours.canonical() == model.canonical()
    else:
        assert ours == model


def test_a_checked_row_is_what_model_construct_makes() -> None:
    """check_row builds its Row as model_construct would, without its walk over the
    fields' settings: only while the model has none that model_construct honours."""
    from pyaddin.validators import row as module

    assert Row.__pydantic_post_init__ is None and not Row.__private_attributes__
    for field in Row.model_fields.values():
        assert field.is_required() and field.alias is None and field.validation_alias is None
    assert Row.model_config.get("extra") in (None, "ignore", "forbid")
    typed = {
        "kode": "521211",
        "judul": "Rapat koordinasi",
        "sasaran": "2 kegiatan",
        "jenis": "rapat koordinasi",
        "anggaran": "Rp 1.500.000",
        "realisasi": 1450000.0,
        "lokus": "Kab. Kaur",
        "tanggal": "10-12 November 2026",
    }
    good = check_row(typed, CTX)
    assert isinstance(good, Row)
    data = dict(good)
    built, constructed = module._valid_row(dict(data)), Row.model_construct(**data)
    for attribute in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__"):
        assert getattr(built, attribute) == getattr(constructed, attribute)
    assert built.__pydantic_private__ == constructed.__pydantic_private__
    assert type(built) is Row and built == constructed and hash(built) == hash(constructed)


@settings(max_examples=2000)
@given(ANY_CELL)
def test_choice_parsers_raise_only_field_errors(value: Any) -> None:
    for parse in (
        lambda v: parse_jenis(v, CTX.jenis),
        lambda v: parse_lokus(v, CTX.lokus),
        parse_judul,
    ):
        try:
            parse(value)
        except FieldError as exc:
            assert exc.message


# --- tamper evidence, exhaustively on a small form -------------------------------

CHANGED = {
    "kode": "524111",
    "judul": "Judul lain",
    "sasaran": "2 Kegiatan",
    "jenis": "Sosialisasi",
    "anggaran": 1_600_000,
    "realisasi": 1_000_000,
    "lokus": "Kaur",
    "tanggal": dt.datetime(2026, 11, 13),
}


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = make_form(tmp_path_factory.mktemp("tamper"))
    fill(path, good_rows(2))
    act(path, "submit", "rina", None)
    for who in ("siti", "hendra", "ahmad.fauzi"):
        act(path, "approve", who, None)
    return path


def _edited(source: Path, target: Path, edit: Any) -> list[tuple[str, int | None]]:
    book = load_workbook(source, keep_vba=True)
    edit(book)
    book.save(target)
    return [(f.kind, f.row) for f in verify_form(read_form_file(target)).findings]


def test_every_single_cell_edit_of_an_approved_row(approved: Path, tmp_path: Path) -> None:
    for offset in range(2):
        row = F.ROW_BODY + offset
        for key, value in CHANGED.items():
            col = F.column_index(key) + 1
            found = _edited(
                approved,
                tmp_path / "t.xlsm",
                lambda b, r=row, c=col, v=value: b[F.SHEET_FORM].cell(r, c, v),
            )
            assert ("CHANGED_AFTER_APPROVAL", row) in found, (row, key)


def test_every_riwayat_edit_deletion_and_reordering(approved: Path, tmp_path: Path) -> None:
    form = read_form_file(approved)
    entries = len(form.history)
    target = tmp_path / "t.xlsm"
    for index in range(entries):
        sheet_row = index + 2
        for col in range(1, 12):

            def edit(b: Any, r: int = sheet_row, c: int = col) -> None:
                cell = b[F.SHEET_HISTORY].cell(r, c)
                cell.value = f"{cell.value}x" if c != 3 else (cell.value or 0) + 1

            assert any(k == "HISTORY_BROKEN" for k, _ in _edited(approved, target, edit)), (
                index,
                col,
            )
        assert any(
            k == "HISTORY_BROKEN"
            for k, _ in _edited(
                approved, target, lambda b, r=sheet_row: b[F.SHEET_HISTORY].delete_rows(r)
            )
        ), index
        if index + 1 < entries:

            def swap(b: Any, r: int = sheet_row) -> None:
                ws = b[F.SHEET_HISTORY]
                for c in range(1, 12):
                    a, z = ws.cell(r, c), ws.cell(r + 1, c)
                    a.value, z.value = z.value, a.value

            assert any(k == "HISTORY_BROKEN" for k, _ in _edited(approved, target, swap)), index


def test_legitimate_history_verifies(approved: Path) -> None:
    """The baseline of the tamper tests: the untouched form verifies."""
    assert verify_form(read_form_file(approved)).ok


def test_remembered_field_verdicts_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A month of all-distinct amounts does not grow the memo of field verdicts
    without end (each reading process keeps it for the whole month)."""
    from pyaddin.validators import row

    monkeypatch.setattr(row, "_MEMO_LIMIT", 50)
    context = dataclasses.replace(CTX, period=dt.date(2026, 10, 1))  # a memo of its own
    for amount in range(1, 200):
        verdict = check_row(
            {
                "kode": "521211",
                "judul": "Rapat",
                "sasaran": "1 Kegiatan",
                "jenis": "Sosialisasi",
                "anggaran": amount * 1000,
                "realisasi": amount * 1000,
                "lokus": "Kaur",
                "tanggal": "3/10/2026",
            },
            context,
        )
        assert isinstance(verdict, Row) and verdict.anggaran == amount * 1000
    assert row._memo_state[0] is context and len(row._memo_state[1]) == 50
