"""The add-in without Excel: ribbon ↔ VBA ↔ Python consistency, the callbacks
run in pyOpenVBA's VBA interpreter, the xlwings pin, the committed artifact,
and a CLI write that keeps the VBA project and the ribbon."""

from __future__ import annotations

import ast
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xlwings
from pyopenvba import ExcelFile
from pyopenvba.apps.excel import ExcelApplication

from pyaddin import macros
from pyaddin.engine import vba
from pyaddin.files.addin_build import UI_PART, UI_REL_TYPE, build_workbook, vba_modules
from tests.helpers import cli, fill, good_rows, make_form
from tests.structure import template_structure

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "workbook" / "RealisasiKegiatan.xlsm"
RIBBON = ROOT / "workbook" / "customUI" / "customUI.xml"
CALLBACKS = ROOT / "workbook" / "vba" / "RK_Ribbon.bas"
HELPER = ROOT / "workbook" / "vba" / "RK_Helper.bas"
NS = "{http://schemas.microsoft.com/office/2006/01/customui}"


def on_actions() -> dict[str, str]:
    root = ElementTree.parse(RIBBON).getroot()
    return {b.get("onAction", ""): b.get("label", "") for b in root.iter(f"{NS}button")}


def callbacks() -> dict[str, str]:
    """Sub name → the command its RunPython sends."""
    text = CALLBACKS.read_text("utf-8")
    found = {}
    for match in re.finditer(
        r"Public Sub (\w+)\(control As IRibbonControl\)(.*?)End Sub", text, re.S
    ):
        command = re.search(r'RunPython "([^"]+)"', match.group(2))
        found[match.group(1)] = command.group(1) if command else ""
    return found


def test_ribbon_groups_and_buttons() -> None:
    root = ElementTree.parse(RIBBON).getroot()
    assert root.tag == f"{NS}customUI"  # the Office 2007 schema openpyxl keeps
    tab = next(root.iter(f"{NS}tab"))
    assert tab.get("label") == "Realisasi Kegiatan"
    groups = {
        g.get("label"): [b.get("label") for b in g.iter(f"{NS}button")]
        for g in tab.iter(f"{NS}group")
    }
    assert groups == {
        "Petugas": ["Validasi", "Ajukan", "Tambah Baris"],
        "Reviewer": ["Setujui Baris Terpilih", "Setujui Semua", "Kembalikan"],
        "Laporan": ["Konsolidasi", "Cek Keaslian", "Riwayat"],
        "Bantuan": ["Bantuan"],
    }
    for button in tab.iter(f"{NS}button"):
        assert button.get("imageMso") and button.get("screentip") and button.get("supertip")


def test_every_on_action_has_its_callback() -> None:
    assert set(on_actions()) == set(callbacks())


def test_every_runpython_command_names_an_existing_entry_point() -> None:
    for sub, command in callbacks().items():
        tree = ast.parse(command)
        imports = [n for n in tree.body if isinstance(n, ast.Import)]
        assert [a.name for a in imports[0].names] == ["pyaddin.macros"], sub
        call = tree.body[-1]
        assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
        assert not call.value.args and not call.value.keywords, "no user text in commands"
        name = call.value.func.attr  # type: ignore[attr-defined]
        assert callable(getattr(macros, name)), f"{sub} → pyaddin.macros.{name}"


def _interpreter(helper_source: str | None = None) -> ExcelApplication:
    app = ExcelApplication.open(WORKBOOK, with_vba=False)
    app.add_module(
        "Public Sub RunPython(ByVal command As String)\n"
        '    ThisWorkbook.Worksheets("Pengaturan").Range("Z1").Value = command\n'
        "End Sub\n",
        name="RunPythonStandIn",
    )
    modules = vba_modules()
    app.add_module(modules[vba.CONSTANTS_MODULE], name=vba.CONSTANTS_MODULE)
    app.add_module(helper_source or modules["RK_Helper"], name="RK_Helper")
    app.add_module(modules["RK_Ribbon"], name="RK_Ribbon")
    harness = "".join(
        f"Sub Press_{sub}()\n    Dim c As Object\n    {sub} c\nEnd Sub\n" for sub in callbacks()
    )
    app.add_module(harness, name="Harness")
    return app


@pytest.mark.parametrize("sub", sorted(set(callbacks()) - {"RK_Kembalikan", "RK_Konsolidasi"}))
def test_callback_sends_exactly_its_command(sub: str) -> None:
    app = _interpreter()
    app.run(f"Press_{sub}")
    assert app.sheet("Pengaturan").value("Z1") == callbacks()[sub]


def test_kembalikan_asks_for_a_note_and_passes_it_by_name() -> None:
    app = _interpreter()
    app.answer_dialogs('=HYPERLINK("x") "kutip" ; m.hapus()')
    app.run("Press_RK_Kembalikan")
    assert app.sheet("Pengaturan").value("Z1") == callbacks()["RK_Kembalikan"]
    assert app.sheet("Pengaturan").value("B10") == '=HYPERLINK("x") "kutip" ; m.hapus()'
    assert app.dialogs[-1][0] == "InputBox"
    cancelled = _interpreter()
    cancelled.answer_dialogs("")
    cancelled.run("Press_RK_Kembalikan")
    assert cancelled.sheet("Pengaturan").value("Z1") in (None, "")


def test_konsolidasi_stores_the_chosen_folder() -> None:
    helper = vba_modules()["RK_Helper"]
    start = helper.index("Private Function RK_DialogFolder")
    stubbed = helper[:start] + (
        "Private Function RK_DialogFolder() As String\n"
        '    RK_DialogFolder = "C:\\Laporan\\2026-11"\nEnd Function\n'
    )
    app = _interpreter(stubbed)
    app.run("Press_RK_Konsolidasi")
    assert app.sheet("Pengaturan").value("Z1") == callbacks()["RK_Konsolidasi"]
    assert app.sheet("Pengaturan").value("B10") == "C:\\Laporan\\2026-11"


def test_xlwings_dll_version_matches_installed_xlwings() -> None:
    with ExcelFile(WORKBOOK) as book:
        module = book.get_module("xlwings")
    versions = set(re.findall(r"xlwings(?:32|64)-(\d+\.\d+\.\d+)\.dll", module))
    assert versions == {xlwings.__version__}
    pins = (ROOT / "pyproject.toml").read_text("utf-8")
    assert f'"xlwings=={xlwings.__version__}"' in pins


def _modules(path: Path) -> dict[str, str]:
    with ExcelFile(path) as book:
        return {name: book.get_module(name) for name in book.module_names()}


def _ribbon_parts(path: Path) -> tuple[bytes, bool]:
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("_rels/.rels").decode()
        return archive.read(UI_PART), UI_REL_TYPE in rels and UI_PART in rels


def test_committed_workbook_is_what_the_sources_build(tmp_path: Path) -> None:
    fresh = build_workbook(tmp_path / "RealisasiKegiatan.xlsm")
    assert _modules(fresh) == _modules(WORKBOOK), "run `make workbook` and commit the result"
    assert _ribbon_parts(fresh) == _ribbon_parts(WORKBOOK)
    assert template_structure(fresh) == template_structure(WORKBOOK)
    with zipfile.ZipFile(WORKBOOK) as archive:
        content_types = archive.read("[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in content_types


def test_cli_writes_keep_vba_project_and_ribbon(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_form(tmp_path)
    modules, ribbon = _modules(path), _ribbon_parts(path)
    assert {"xlwings", "Dictionary", "RK_Ribbon", "RK_Helper"} <= set(modules)
    fill(path, good_rows(3))
    for args in (
        ["validate", path, "--mark"],
        ["submit", path, "--by", "rina"],
        ["approve", path, "--by", "siti", "--all"],
        ["return", path, "--by", "hendra", "--rows", "1", "--note", "cek"],
    ):
        assert cli(capsys, *args).code == 0
        assert _modules(path) == modules
        assert _ribbon_parts(path) == ribbon


def test_no_public_name_is_defined_twice() -> None:
    """VBA refuses an ambiguous name; a callback and a helper must not share one."""
    names: list[str] = []
    for source in vba_modules().values():
        names += re.findall(r"^Public (?:Sub|Function) (\w+)", source, re.M)
    assert len(names) == len(set(names))


def test_python_calls_only_helpers_that_exist() -> None:
    """Every Sub the live adapter calls exists in RK_Helper with that many arguments,
    and the adapter names no Sub outside the shared list."""
    helper = vba_modules()["RK_Helper"]
    defined = {
        name: len([p for p in params.split(",") if p.strip()])
        for name, params in re.findall(r"^Public Sub (\w+)\(([^)]*(?:_\n[^)]*)*)\)", helper, re.M)
    }
    assert {name: defined.get(name) for name in vba.CALLED_SUBS} == vba.CALLED_SUBS
    source = (ROOT / "pyaddin" / "excel" / "live_form.py").read_text("utf-8")
    assert not re.findall(r'macro\(\s*"', source)  # names come from pyaddin.engine.vba


def test_vba_shares_constants_with_python_from_one_place() -> None:
    """The .bas sources define none of the shared constants nor spell their values:
    they come from the module generated out of pyaddin.engine.vba."""
    generated = vba_modules()[vba.CONSTANTS_MODULE]
    for name, value in vba.constants().items():
        assert f"Public Const {name} " in generated
        for path in (HELPER, CALLBACKS):
            text = path.read_text("utf-8")
            assert not re.search(rf"Const {name}\b", text), (path.name, name)
            if isinstance(value, str):
                assert f'"{value}"' not in text, (path.name, value)
    assert generated.strip() in _modules(WORKBOOK)[vba.CONSTANTS_MODULE]


def test_the_helpers_python_calls_run_in_the_vba_interpreter() -> None:
    """RK_Lindungi, RK_Kunci and RK_Tandai (without notes: the interpreter cannot size
    a comment shape) run in pyOpenVBA's VBA interpreter: rows lock and unlock, mark
    fills are set, and cleared again by the next Validasi."""
    app = ExcelApplication.open(WORKBOOK, with_vba=False)
    modules = vba_modules()
    app.add_module(modules[vba.CONSTANTS_MODULE], name=vba.CONSTANTS_MODULE)
    app.add_module(modules["RK_Helper"], name="RK_Helper")
    app.add_module(
        "Sub Harness()\n"
        "    Dim form As Worksheet, out As Worksheet\n"
        '    Set form = ThisWorkbook.Worksheets("Realisasi")\n'
        '    Set out = ThisWorkbook.Worksheets("Pengaturan")\n'
        '    RK_Lindungi "Realisasi;Riwayat", False\n'
        '    RK_Kunci "Realisasi", "A8:I8", "A9:I9"\n'
        '    RK_Tandai "Realisasi", "A1:L60", "H8", "B9", ""\n'
        '    out.Range("Z1").Value = form.Range("C8").Locked\n'
        '    out.Range("Z2").Value = form.Range("C9").Locked\n'
        '    out.Range("Z3").Value = form.Range("H8").Interior.Color\n'
        '    out.Range("Z4").Value = form.Range("B9").Interior.Color\n'
        '    RK_Tandai "Realisasi", "A1:L60", "", "", ""\n'
        '    out.Range("Z5").Value = form.Range("H8").Interior.Color\n'
        '    RK_Lindungi "Realisasi;Riwayat", True\n'
        "End Sub\n",
        name="Harness",
    )
    app.run("Harness")
    out = app.sheet("Pengaturan")
    colours = vba.constants()
    assert [out.value(f"Z{i}") for i in range(1, 5)] == [
        True,
        False,
        colours["RK_WARNA_SALAH"],
        colours["RK_WARNA_CEK"],
    ]
    assert out.value("Z5") not in (colours["RK_WARNA_SALAH"], colours["RK_WARNA_CEK"])
