"""Riwayat read straight from its XML (pyaddin.files.history_xml) gives exactly the
entries that reading its values with python-calamine gives, for whatever the sheet
holds: rows as the product writes them, and rows it must leave to calamine."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pyaddin.engine import form as F
from pyaddin.engine.errors import FileError
from pyaddin.engine.model import FormData
from pyaddin.files import history_xml, reader
from pyaddin.files.sheet_xml import _row_xml
from pyaddin.workflow import act
from tests.helpers import fill, good_rows, make_form

HEADER = list(F.HISTORY_COLUMNS)


@pytest.fixture(scope="module")
def approved_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A form whose rows went through the chain (Riwayat as the product writes it)."""
    folder = tmp_path_factory.mktemp("riwayat")
    path = make_form(folder)
    fill(path, good_rows(4))
    act(path, "submit", "rina", None)
    act(path, "approve", "siti", [1, 2])
    act(path, "return", "siti", [3], "Perbaiki lokus dan tanggal")
    return path


def _read(path: Path) -> FormData | str:
    """The form, or the message that refuses it."""
    try:
        return reader.read_form_file(path)
    except FileError as exc:
        return exc.message


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, bool]:
    """The form read as the product reads it, and with Riwayat left to calamine
    (or the refusal of each); and whether the direct reader took the sheet."""
    taken: list[bool] = []
    direct = history_xml.read_history

    def watched(xml: bytes) -> Any:
        found = direct(xml)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(reader, "read_history", watched)
    fast = _read(path)
    monkeypatch.setattr(reader, "read_history", lambda xml: None)
    slow = _read(path)
    monkeypatch.setattr(reader, "read_history", direct)
    return fast, slow, taken == [True]


def test_the_products_own_riwayat_is_read_directly_and_alike(
    approved_form: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow, taken = _both_ways(approved_form, monkeypatch)
    assert taken, "a Riwayat the product wrote is read without calamine"
    assert fast.history == slow.history and len(fast.history) == 4 + 2 + 1
    assert fast == slow
    assert [e.sheet_row for e in fast.history] == list(range(2, 9))
    assert fast.history[-1].catatan == "Perbaiki lokus dan tanggal"


def _with_riwayat(
    source: Path,
    target: Path,
    rows_xml: str | None = None,
    kind: int = zipfile.ZIP_DEFLATED,
    damage: bool = False,
) -> None:
    """``source`` copied to ``target``: Riwayat's rows replaced by ``rows_xml`` (when
    given), the part stored with ``kind``; with ``damage``, one byte of its packed
    data changed (its CRC no longer holds)."""
    with zipfile.ZipFile(source) as archive:
        part = reader._workbook(archive)[1]["Riwayat"]
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in archive.infolist():
                data = archive.read(info)
                if info.filename == part and rows_xml is not None:
                    head, _, rest = data.decode("utf-8").partition("<sheetData>")
                    tail = rest.partition("</sheetData>")[2]
                    data = f"{head}<sheetData>{rows_xml}</sheetData>{tail}".encode()
                packing = kind if info.filename == part else zipfile.ZIP_DEFLATED
                out.writestr(info.filename, data, compress_type=packing)
    if damage:
        with zipfile.ZipFile(target) as archive:
            info = archive.getinfo(part)
        packed = bytearray(target.read_bytes())
        middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
        packed[middle] ^= 0x55
        target.write_bytes(bytes(packed))


_plain_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12
)
_tricky_text = st.sampled_from(
    ["", " ", "  x ", "a & b", "<tag>", "_x0041_", "baris\r\nbaru", "baris\nbaru", "ééé", "\t"]
)
_number = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
_anything = st.one_of(_plain_text, _tricky_text, _number, st.none())


def _row_of(text: st.SearchStrategy[Any], no: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Up to thirteen cells: Waktu, ID Baris, No., then the rest."""
    return st.tuples(st.lists(text, max_size=2), no, st.lists(text, max_size=10)).map(
        lambda p: [*p[0], p[1], *p[2]] if len(p[0]) == 2 else p[0]
    )


# As the product writes it (text, No. a number or blank), or anything at all.
_clean_row = _row_of(st.one_of(_plain_text, st.just("")), st.one_of(_number, st.none()))
_any_row = _row_of(_anything, _anything)
# Cells written otherwise than the product writes them (by Excel, by hand, by a tool).
_foreign = st.sampled_from(
    [
        '<c r="C{r}" s="3"><v>7</v></c>',
        '<c r="B{r}" t="str"><f>A1</f><v>x</v></c>',
        '<c r="D{r}" t="s"><v>0</v></c>',
        '<c r="E{r}" s="2"/>',
        '<c r="F{r}" t="inlineStr"><is><r><t>ka</t></r><r><t>bag</t></r></is></c>',
        '<c r="C{r}" t="n"><v>12</v></c>',
        '<c r="M{r}" t="inlineStr"><is><t>lebih</t></is></c>',
    ]
)


@st.composite
def _sheet_rows(draw: st.DrawFn) -> str:
    clean = draw(st.booleans())
    numbers = sorted(set(draw(st.lists(st.integers(2, 40), max_size=8))))
    parts = [_row_xml(1, HEADER)] if draw(st.booleans()) else []
    for number in numbers:
        text = _row_xml(number, draw(_clean_row if clean else _any_row))
        if not clean and draw(st.integers(0, 4)) == 0:  # a cell of another kind
            cell = draw(_foreign).format(r=number)
            text = text.replace("</row>", cell + "</row>")
        parts.append(text)
    if not clean and draw(st.integers(0, 9)) == 0:
        parts.reverse()  # rows out of order
    return "".join(parts)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows_xml=_sheet_rows())
def test_direct_reading_gives_what_calamine_gives(
    approved_form: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows_xml: str
) -> None:
    target = tmp_path / "rupa.xlsm"
    _with_riwayat(approved_form, target, rows_xml)
    fast, slow, taken = _both_ways(target, monkeypatch)
    event("read directly" if taken else "left to calamine")
    assert fast == slow


@pytest.mark.parametrize(
    ("rows_xml", "taken"),
    [
        (_row_xml(1, HEADER) + _row_xml(2, ["t", "RK-1", 1, "AJUKAN"]), True),
        (_row_xml(1, HEADER) + _row_xml(2, ["t", "RK-1", 1.5, "AJUKAN"]), True),
        (_row_xml(1, HEADER) + _row_xml(3, ["t", "RK-1", "1", "AJUKAN"]), True),
        ("", True),  # a log with nothing in it, not even its header
        (_row_xml(1, HEADER) + _row_xml(2, ["t", "RK-1", 1, "a & b"]), False),
        (_row_xml(1, HEADER) + _row_xml(2, ["t", 5, 1, "AJUKAN"]), False),
        (_row_xml(2, ["t", "RK-1", 1]) + _row_xml(1, HEADER), False),
        ('<row r="2" spans="1:12"><c r="A2" t="inlineStr"><is><t>t</t></is></c></row>', True),
        ('<row r="2"/>', False),
        (_row_xml(1, HEADER) + "<!-- " + _row_xml(2, ["t", "RK-9", 9]) + " -->", False),
        (_row_xml(1, HEADER) + _row_xml(2, ["t", "RK-1", 1, "Awas!"]), True),
        (_row_xml(1, HEADER) + "<?catatan x?>" + _row_xml(2, ["t", "RK-1", 1]), False),
        (_row_xml(1, HEADER) + _row_xml(2, ["t", "RK-1", 1, "Kapan?"]), True),
        ('<row><c r="A2" t="inlineStr"><is><t>t</t></is></c></row>', False),
    ],
)
def test_what_is_read_directly_and_what_is_left_to_calamine(
    approved_form: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows_xml: str,
    taken: bool,
) -> None:
    target = tmp_path / "kasus.xlsm"
    _with_riwayat(approved_form, target, rows_xml)
    fast, slow, was_taken = _both_ways(target, monkeypatch)
    assert was_taken is taken
    assert fast == slow


def test_a_riwayat_saved_by_openpyxl_is_read_directly_and_alike(
    approved_form: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl writes text inline too, and numbers with ``t="n"``."""
    from openpyxl import load_workbook

    target = tmp_path / "openpyxl.xlsm"
    shutil.copy(approved_form, target)
    load_workbook(target, keep_vba=True).save(target)
    fast, slow, taken = _both_ways(target, monkeypatch)
    assert taken
    assert fast == slow and len(fast.history) == 7


def test_a_riwayat_saved_by_libreoffice_is_read_by_calamine(
    approved_form: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice (like Excel) saves text as shared strings: left to calamine."""
    import subprocess

    from tests.libreoffice import soffice

    office = soffice()
    profile = (tmp_path / "profil").as_uri()
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsm",
            "--outdir",
            str(tmp_path / "lo"),
            str(approved_form),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    target = tmp_path / "lo" / approved_form.name
    fast, slow, taken = _both_ways(target, monkeypatch)
    assert not taken
    assert fast == slow and len(fast.history) == 7


def test_a_riwayat_stored_without_compression_is_read_alike(
    approved_form: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "tersimpan.xlsm"
    _with_riwayat(approved_form, target, kind=zipfile.ZIP_STORED)
    fast, slow, taken = _both_ways(target, monkeypatch)
    assert taken and fast == slow


def test_a_damaged_riwayat_is_a_corrupt_file(approved_form: Path, tmp_path: Path) -> None:
    """Inflated with ISA-L, the part's CRC is checked as zipfile checks it."""
    target = tmp_path / "rusak.xlsm"
    _with_riwayat(approved_form, target, damage=True)
    with pytest.raises(FileError) as raised:
        reader.read_form_file(target)
    assert raised.value.key == "file.corrupt"
    assert "rusak" in raised.value.message and "rusak.xlsm" in raised.value.message
