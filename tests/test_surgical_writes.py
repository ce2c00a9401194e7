"""A write owns only what it changes (DESIGN.md §16).

For every action and for forms carrying what people add to their workbooks —
and for one saved by LibreOffice — the saved package equals the original
except for the parts and cells the action owns, compared part by part and cell
by cell.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl import load_workbook

from pyaddin.engine import form as F
from pyaddin.engine.audit import verify_form
from pyaddin.files.package import REL_COMMENTS, REL_STYLES, REL_VML, Package, q
from pyaddin.files.reader import read_form_file
from pyaddin.workflow import act, add_rows_file, mark_file
from tests.helpers import GOOD_ROW, digest, fill, good_rows, make_form
from tests.libreoffice import save_as_xlsm
from tests.user_additions import USER_FILL, USER_SHEET, add_user_things

NS_V = "urn:schemas-microsoft-com:vml"
NS_X = "urn:schemas-microsoft-com:office:excel"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
BODY = range(F.ROW_BODY, F.ROW_BODY + F.DEFAULT_BODY_ROWS)
ALL_COLUMNS = range(1, len(F.COLUMNS) + 1)
BUSINESS_AND_STATUS = [F.column_index(k) + 1 for k in (*F.BUSINESS_KEYS, "status")]


def decorated_form(folder: Path) -> Path:
    """Four good rows (1-2 submitted), one invalid, and the owner's additions."""
    path = make_form(folder)
    fill(path, [*good_rows(4), {**GOOD_ROW, "judul": "salah", "lokus": "Palembang"}])
    act(path, "submit", "rina", [1, 2])
    add_user_things(path)
    return path


def libreoffice_saved(folder: Path) -> Path:
    """The decorated form opened and saved by LibreOffice Calc."""
    saved = save_as_xlsm(decorated_form(folder), folder / "lo")
    read_form_file(saved)  # still our form
    return saved


# --- what each action owns ---------------------------------------------------------


def _cells(rows: list[int], cols: Any) -> set[tuple[int, int]]:
    return {(r, c) for r in rows for c in cols}


ACTIONS: dict[str, tuple[Callable[[Path], Any], Callable[[Path], dict[str, set[Any]]]]] = {}


def action(name: str, run: Callable[[Path], Any], owns: Callable[[Path], dict[str, set[Any]]]):
    ACTIONS[name] = (run, owns)


def _head(path: Path) -> set[tuple[int, int]]:
    _, row, col = read_form_file(path).head_cell
    return {(row, col)}


def _riwayat_rows(path: Path, count: int) -> set[tuple[int, int]]:
    start = len(read_form_file(path).history) + 2
    return _cells(list(range(start, start + count)), range(1, len(F.HISTORY_COLUMNS) + 1))


action(
    "mark",
    lambda p: mark_file(p),
    lambda p: {F.SHEET_FORM: _cells(list(BODY), BUSINESS_AND_STATUS)},
)
action(
    "submit",
    lambda p: act(p, "submit", "rina", [3, 4]),
    lambda p: {
        F.SHEET_FORM: _cells([F.ROW_BODY + 2, F.ROW_BODY + 3], ALL_COLUMNS),
        F.SHEET_HISTORY: _riwayat_rows(p, 2),
        F.SHEET_SETTINGS: _head(p),
    },
)
action(
    "approve",
    lambda p: act(p, "approve", "siti", None),
    lambda p: {
        F.SHEET_FORM: _cells([F.ROW_BODY, F.ROW_BODY + 1], ALL_COLUMNS),
        F.SHEET_HISTORY: _riwayat_rows(p, 2),
        F.SHEET_SETTINGS: _head(p),
    },
)
action(
    "return",
    lambda p: act(p, "return", "siti", [2], "Lampirkan daftar hadir"),
    lambda p: {
        F.SHEET_FORM: _cells([F.ROW_BODY + 1], ALL_COLUMNS),
        F.SHEET_HISTORY: _riwayat_rows(p, 1),
        F.SHEET_SETTINGS: _head(p),
    },
)


# --- comparing packages --------------------------------------------------------------


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _sheet_cells(root: Any) -> dict[tuple[int, int], bytes]:
    cells = {}
    for c in root.iter(q("c")):
        area = F.parse_area(c.get("r", ""))
        assert area is not None
        cells[(area.first_row, area.first_col)] = etree.tostring(c, method="c14n")
    return cells


def _without_cells(root: Any) -> bytes:
    """The sheet with its cell data and extent left out: everything else it holds."""
    copy = etree.fromstring(etree.tostring(root))
    for tag in ("sheetData", "dimension"):
        node = copy.find(q(tag))
        if node is not None:
            copy.remove(node)
    return etree.tostring(copy, method="c14n")


def _user_notes(package: Package, sheet_part: str) -> tuple[list[Any], list[bytes]]:
    """Notes by anyone but the product, and the VML shapes that are not the product's."""
    found = package.target(sheet_part, REL_COMMENTS)
    if found is None:
        return [], []
    root = package.xml(found[1])
    authors = [a.text for a in root.iter(q("author"))]
    notes = sorted(
        (c.get("ref"), authors[int(c.get("authorId"))], "".join(c.itertext()))
        for c in root.iter(q("comment"))
        if authors[int(c.get("authorId"))] != F.NOTE_AUTHOR
    )
    ours = {
        (F.parse_area(c.get("ref")).first_row, F.parse_area(c.get("ref")).first_col)  # type: ignore[union-attr]
        for c in root.iter(q("comment"))
        if authors[int(c.get("authorId"))] == F.NOTE_AUTHOR
    }
    shapes = []
    vml = package.target(sheet_part, REL_VML)
    if vml is not None:
        for shape in package.xml(vml[1]).iter(f"{{{NS_V}}}shape"):
            data = shape.find(f"{{{NS_X}}}ClientData")
            row = data.findtext(f"{{{NS_X}}}Row") if data is not None else None
            col = data.findtext(f"{{{NS_X}}}Column") if data is not None else None
            if row is None or (int(row) + 1, int(col or 0) + 1) not in ours:
                shapes.append(etree.tostring(shape, method="c14n"))
    return notes, sorted(shapes)


def assert_only_owned_changed(before: Path, after: Path, owned: dict[str, set[Any]]) -> None:
    old_parts, new_parts = _parts(before), _parts(after)
    old, new = Package(before), Package(after)
    sheet_parts = old.sheet_parts()
    assert new.sheet_parts() == sheet_parts
    styles = old.target(old.workbook_part(), REL_STYLES)
    assert styles is not None
    form_part = sheet_parts[F.SHEET_FORM]
    notes = {
        t[1]
        for t in (
            old.target(form_part, REL_COMMENTS),
            old.target(form_part, REL_VML),
        )
        if t is not None
    }
    edited = {sheet_parts[name] for name in owned} | {styles[1]} | notes
    assert set(old_parts) <= set(new_parts)
    for name, data in old_parts.items():
        if name not in edited:
            assert new_parts[name] == data, f"{name} changed"
    for sheet, cells in owned.items():
        part = sheet_parts[sheet]
        old_root, new_root = old.xml(part), new.xml(part)
        assert _without_cells(new_root) == _without_cells(old_root), f"{sheet}: beyond its cells"
        old_cells, new_cells = _sheet_cells(old_root), _sheet_cells(new_root)
        for ref in set(old_cells) | set(new_cells):
            if ref not in cells:
                assert old_cells.get(ref) == new_cells.get(ref), (sheet, ref)
    for name in set(sheet_parts.values()) - {sheet_parts[s] for s in owned}:
        assert new_parts[name] == old_parts[name], name
    # Styles: every existing format, fill and font stays; new ones are appended.
    old_styles, new_styles = old.xml(styles[1]), new.xml(styles[1])
    for tag in ("cellXfs", "fills"):
        old_list = [etree.tostring(x, method="c14n") for x in old_styles.find(q(tag))]
        new_list = [etree.tostring(x, method="c14n") for x in new_styles.find(q(tag))]
        assert new_list[: len(old_list)] == old_list, tag
    for child in old_styles:
        tag = etree.QName(child).localname
        if tag not in ("cellXfs", "fills"):
            assert etree.tostring(child, method="c14n") == etree.tostring(
                new_styles.find(q(tag)), method="c14n"
            ), tag
    assert _user_notes(new, form_part) == _user_notes(old, form_part)


def _snapshot(path: Path, folder: Path) -> Path:
    copy = folder / ("before-" + path.name)
    shutil.copy(path, copy)
    return copy


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_each_action_owns_only_its_cells(tmp_path: Path, name: str) -> None:
    path = decorated_form(tmp_path)
    before = _snapshot(path, tmp_path)
    run, owns = ACTIONS[name]
    owned = owns(path)
    run(path)
    assert digest(path) != digest(before)
    assert_only_owned_changed(before, path, owned)
    book = load_workbook(path)
    assert book[F.SHEET_FORM]["C10"].fill.fgColor.rgb == USER_FILL  # their highlight
    assert book[USER_SHEET]["B3"].value == 15 and "MILIK_SAYA" in book.defined_names
    assert verify_form(read_form_file(path)).ok


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_a_form_saved_by_libreoffice_takes_every_action(tmp_path: Path, name: str) -> None:
    path = libreoffice_saved(tmp_path)
    before = _snapshot(path, tmp_path)
    run, owns = ACTIONS[name]
    owned = owns(path)
    run(path)
    assert_only_owned_changed(before, path, owned)
    assert verify_form(read_form_file(path)).ok


def test_notes_keep_their_size_and_a_refusal_changes_nothing(tmp_path: Path) -> None:
    path = decorated_form(tmp_path)
    mark_file(path)
    package = Package(path)
    form_part = package.sheet_parts()[F.SHEET_FORM]
    vml = package.target(form_part, REL_VML)
    assert vml is not None
    sizes_before = _product_note_styles(package, vml[1])
    assert sizes_before and all("width:240pt;height:82.5pt" in s for s in sizes_before)
    act(path, "submit", "rina", [3])
    after = Package(path)
    assert _product_note_styles(after, vml[1]) == sizes_before
    frozen = digest(path)
    with pytest.raises(Exception, match="belum valid"):
        act(path, "submit", "rina", [5])
    assert digest(path) == frozen


def _product_note_styles(package: Package, vml: str) -> list[str]:
    return [
        s.get("style", "")
        for s in package.xml(vml).iter(f"{{{NS_V}}}shape")
        if "240pt" in s.get("style", "") or "320px" in s.get("style", "")
    ]


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(sorted(ACTIONS)), min_size=1, max_size=3))
def test_any_sequence_of_actions_keeps_the_owners_additions(
    tmp_path_factory: pytest.TempPathFactory, steps: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("seq")
    path = decorated_form(folder)
    original = _parts(path)
    additions = ("xl/media/", "xl/charts/", "xl/threaded", "xl/persons/", "xl/drawings/drawing")
    kept = [n for n in original if n.startswith((*additions, "docProps/", "customUI/", "xl/vba"))]
    for step in steps:
        try:
            ACTIONS[step][0](path)
        except Exception as exc:  # a refusal (nothing waiting) is fine: the file is unchanged
            assert "Ditolak" in str(exc) or "tidak ada baris" in str(exc), exc
    now = _parts(path)
    for name in kept:
        assert now[name] == original[name], name
    assert now["xl/worksheets/sheet6.xml"] == original["xl/worksheets/sheet6.xml"]
    assert verify_form(read_form_file(path)).ok


def test_tambah_baris_grows_the_table_as_the_template_does(tmp_path: Path) -> None:
    """Part by part, the result reads as the template builder's own growth."""
    from pyaddin.files.template import grow_body
    from tests.structure import template_structure

    ours = make_form(tmp_path, name="ours.xlsm")
    fill(ours, good_rows(2))
    theirs = tmp_path / "theirs.xlsm"
    shutil.copy(ours, theirs)
    assert add_rows_file(ours, 10) == "10 baris kosong ditambahkan; tabel kini 60 baris."
    book = load_workbook(theirs, keep_vba=True)
    grow_body(book, 10)
    book.save(theirs)
    assert template_structure(ours) == template_structure(theirs)
    mine, reference = load_workbook(ours)[F.SHEET_FORM], load_workbook(theirs)[F.SHEET_FORM]
    for row in (57, 58, 67, 69, 75):
        for col in ALL_COLUMNS:
            a, b = mine.cell(row, col), reference.cell(row, col)
            assert (a.value, a.number_format, a.protection.locked, a.border.left.style) == (
                b.value,
                b.number_format,
                b.protection.locked,
                b.border.left.style,
            ), (row, col)


def test_tambah_baris_moves_what_lies_below_and_keeps_the_rest(tmp_path: Path) -> None:
    path = decorated_form(tmp_path)
    package = Package(path)  # the owner's note and text box below the signature block
    form_part = package.sheet_parts()[F.SHEET_FORM]
    comments = package.target(form_part, REL_COMMENTS)
    drawing = package.target(form_part, REL_DRAWING)
    assert comments is not None and drawing is not None
    root = package.xml(comments[1])
    rina = [a.text for a in root.iter(q("author"))].index("Rina")
    note = etree.SubElement(
        root.find(q("commentList")), q("comment"), ref="D70", authorId=str(rina)
    )
    etree.SubElement(etree.SubElement(note, q("text")), q("t")).text = "di bawah tanda tangan"
    package.touch(comments[1])
    rows = list(package.xml(drawing[1]).iter(f"{{{NS_XDR}}}row"))
    rows[-2].text, rows[-1].text = "70", "74"  # the text box: rows 71-75
    package.touch(drawing[1])
    package.save(str(tmp_path / "x.xlsm"))
    (tmp_path / "x.xlsm").replace(path)
    before = _parts(path)

    add_rows_file(path, 10)

    after = Package(path)
    notes = {c.get("ref"): "".join(c.itertext()) for c in after.xml(comments[1]).iter(q("comment"))}
    assert notes["D80"] == "di bawah tanda tangan" and notes["C8"].startswith("Sudah")
    anchors = [r.text for r in after.xml(drawing[1]).iter(f"{{{NS_XDR}}}row")]
    assert anchors[-2:] == ["80", "84"]  # moved with its rows; the picture above did not
    assert anchors[:2] == ["1", "5"]
    now = _parts(path)
    for name in before:
        if name.startswith(("xl/media/", "xl/charts/", "xl/persons/", "docProps/", "xl/vba")):
            assert now[name] == before[name], name
    form = read_form_file(path)
    assert form.body_last_row == F.ROW_BODY + 59 and verify_form(form).ok
    book = load_workbook(path)
    assert book[F.SHEET_FORM]["C10"].fill.fgColor.rgb == USER_FILL
    assert book[F.SHEET_FORM]["C69"].value == "Mengetahui,"
