"""The form whose ribbon calls the office server (DESIGN.md §14): what its VBA
project carries, that every Sub the server's answers call exists there with the
workbook first and the right number of arguments, what each ribbon button posts
(run in pyOpenVBA's VBA interpreter), and the bodies the VBA client posts —
only the sheets a button sends, blanks as null, 18-digit NIPs as bare numbers —
through the office server's app, with its sentences for bad input."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xlwings
from openpyxl import load_workbook
from pyopenvba import ExcelFile
from pyopenvba.apps.excel import ExcelApplication

from pyaddin.engine import form as F
from pyaddin.engine import vba
from pyaddin.engine.messages import t
from pyaddin.files.addin_build import UI_PART, build_workbook, vba_modules
from pyaddin.files.reader import read_form_file
from pyaddin.files.server_vba import REMOTE_MODULES, SERVER_URL_KEY, SERVER_URL_ROW
from tests.helpers import GOOD_ROW, cli, fill, good_rows, make_form
from tests.remote import book_json
from tests.served import SCRIPT_SHEETS, post, press
from tests.structure import template_structure

ROOT = Path(__file__).resolve().parents[1]
SERVER_WORKBOOK = ROOT / "workbook" / "RealisasiKegiatan-Server.xlsm"
URL = "https://server-kantor:8000"


def _modules(path: Path) -> dict[str, str]:
    with ExcelFile(path) as book:
        return {name: book.get_module(name) for name in book.module_names()}


def _subs(source: str) -> dict[str, int]:
    """Public Sub name → its number of parameters."""
    return {
        name: len([p for p in params.split(",") if p.strip()])
        for name, params in re.findall(r"^Public Sub (\w+)\(([^)]*)\)", source, re.M)
    }


def test_committed_server_template_is_what_the_sources_build(tmp_path: Path) -> None:
    fresh = build_workbook(tmp_path / "RealisasiKegiatan-Server.xlsm", server_url="")
    assert _modules(fresh) == _modules(SERVER_WORKBOOK), "run `make workbook` and commit"
    assert template_structure(fresh) == template_structure(SERVER_WORKBOOK)
    with (
        zipfile.ZipFile(fresh) as a,
        zipfile.ZipFile(ROOT / "workbook" / "RealisasiKegiatan.xlsm") as b,
    ):
        assert a.read(UI_PART) == b.read(UI_PART)  # the same ribbon


def test_server_template_carries_xlwings_client_of_the_pinned_version() -> None:
    modules = _modules(SERVER_WORKBOOK)
    for file in REMOTE_MODULES:
        assert file.rsplit(".", 1)[0] in modules
    assert {"RK_Helper", "RK_Konstanta", "RK_Server", "RK_ServerAksi", "RK_Ribbon"} <= set(modules)
    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in modules["xlwings"]
    assert "RunPython" not in modules["RK_Ribbon"]  # no Python on the PC


def test_every_sub_the_server_calls_takes_the_workbook_first(tmp_path: Path) -> None:
    """Run every macro through the server; each runMacro it answers names a Sub of
    RK_ServerAksi taking the workbook plus its arguments, which calls the RK_Helper
    Sub of that name with the rest; nothing sends a colour of null."""
    modules = _modules(SERVER_WORKBOOK)
    wrappers = _subs(modules["RK_ServerAksi"])
    helper = _subs(vba_modules()["RK_Helper"])
    path = make_form(tmp_path, server=URL)
    fill(path, [GOOD_ROW, {**GOOD_ROW, "anggaran": "abc"}])
    seen: dict[str, int] = {}
    for script, who in (
        ("validasi", "rina"),
        ("ajukan", "rina"),
        ("tambah_baris", "rina"),
        ("setujui_semua", "siti"),
        ("riwayat", "siti"),
        ("bantuan", "siti"),
    ):
        body = book_json(path, client="VBA", include=SCRIPT_SHEETS[script])
        actions = post(script, body, who).json()["actions"]
        for action in actions:
            assert not (action["func"] == "setRangeColor" and action["args"][0] is None)
            if action["func"] == "runMacro":
                name = action["args"][0].split("!")[-1]
                seen[name] = len(action["args"])  # the name, then its arguments
    assert seen and all(n.startswith(vba.SERVER_PREFIX) for n in seen)
    for name, count in seen.items():
        assert wrappers[name] == count, name  # wb first, then count - 1 arguments
        helper_name = "RK_" + name.removeprefix(vba.SERVER_PREFIX)
        assert helper[helper_name] == count - 1
        assert f"    {helper_name} " in modules["RK_ServerAksi"]
    assert set(wrappers) == {vba.server_sub(n) for n in vba.CALLED_SUBS}


def _interpreter() -> ExcelApplication:
    app = ExcelApplication.open(SERVER_WORKBOOK, with_vba=False)
    app.add_module(
        "Public Function GetConfig(ByVal key As String) As String\n"
        f'    If key = "{SERVER_URL_KEY}" Then GetConfig = "{URL}"\n'
        "End Function\n"
        "Public Function RunServerPython(ByVal url As String, Optional ByVal include As String)\n"
        '    ThisWorkbook.Worksheets("Pengaturan").Range("Z1").Value = url\n'
        '    ThisWorkbook.Worksheets("Pengaturan").Range("Z2").Value = include\n'
        "End Function\n",
        name="ClientStandIn",
    )
    modules = _modules(SERVER_WORKBOOK)
    for name in (vba.CONSTANTS_MODULE, "RK_Helper", "RK_Server", "RK_Ribbon"):
        app.add_module(modules[name].split("\n", 1)[1], name=name)
    harness = "".join(
        f"Sub Press_{sub}()\n    Dim c As Object\n    {sub} c\nEnd Sub\n"
        for sub in vba.SERVER_CALLS
    )
    app.add_module(harness, name="Harness")
    return app


@pytest.mark.parametrize("callback", sorted(set(vba.SERVER_CALLS) - {"RK_Kembalikan"}))
def test_each_button_posts_to_its_script_with_its_sheets(callback: str) -> None:
    script, sheets, _ = vba.SERVER_CALLS[callback]
    app = _interpreter()
    app.run(f"Press_{callback}")
    assert app.sheet("Pengaturan").value("Z1") == f"{URL}/xlwings/custom-scripts-call/{script}"
    assert app.sheet("Pengaturan").value("Z2") == ",".join(sheets)


def test_kembalikan_posts_only_after_a_note() -> None:
    app = _interpreter()
    app.answer_dialogs("Lampirkan daftar hadir")
    app.run("Press_RK_Kembalikan")
    assert app.sheet("Pengaturan").value("Z1").endswith("/kembalikan")
    assert app.sheet("Pengaturan").value("B10") == "Lampirkan daftar hadir"
    cancelled = _interpreter()
    cancelled.answer_dialogs("")
    cancelled.run("Press_RK_Kembalikan")
    assert cancelled.sheet("Pengaturan").value("Z1") in (None, "")


def test_new_and_perbarui_makro_with_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "Keuangan.xlsm"
    args = ["new", "--subbagian", "Keuangan", "--periode", "2026-11", "--out", path]
    assert cli(capsys, *args, "--server", URL + "/").code == 0
    conf = load_workbook(path)[F.SHEET_XLWINGS_CONF]
    assert (conf.cell(SERVER_URL_ROW, 1).value, conf.cell(SERVER_URL_ROW, 2).value) == (
        SERVER_URL_KEY,
        URL,
    )
    assert _modules(path)["RK_Ribbon"] == _modules(SERVER_WORKBOOK)["RK_Ribbon"]
    bad = cli(capsys, *args[:-1], tmp_path / "b.xlsm", "--server", "server-kantor")
    assert bad.code == 2 and "http://" in bad.err and not (tmp_path / "b.xlsm").exists()
    # a form already in use moves to the server: macros replaced, what was typed stays
    old = make_form(tmp_path / "lama")
    fill(old, good_rows(2))
    before = read_form_file(old)
    assert cli(capsys, "perbarui-makro", old, "--server", URL).code == 0
    assert "RK_ServerAksi" in _modules(old)
    assert load_workbook(old)[F.SHEET_XLWINGS_CONF].cell(SERVER_URL_ROW, 2).value == URL
    assert [r.values for r in read_form_file(old).rows] == [r.values for r in before.rows]


def test_a_form_sent_by_the_vba_client_goes_through_the_chain(tmp_path: Path) -> None:
    """Validasi, Ajukan, Setujui, Kembalikan and Cek Keaslian over the server with the
    client's bodies: the same statuses, Riwayat and sentences as elsewhere."""
    path = make_form(tmp_path, server=URL)
    fill(path, [GOOD_ROW, {**GOOD_ROW, "judul": "Rapat evaluasi"}])
    assert press(path, "validasi", "rina") == [t("act.valid", rows=2)]
    (submitted,) = press(path, "ajukan", "rina")
    assert "Peringatan" not in submitted  # signed, with Rina's key on the server
    press(path, "setujui_semua", "siti")
    (alert,) = press(path, "cek_keaslian", "hendra")
    assert alert.startswith("Formulir asli"), alert  # every signature checks out
    form = read_form_file(path)
    assert [r.status for r in form.filled_rows()] == ["DISETUJUI KASUBBAG"] * 2
    assert [(e.aksi, e.oleh) for e in form.history][-1] == ("SETUJUI", "Siti Aminah, S.E.")
    assert all(e.tanda_tangan for e in form.history)


def test_bad_bodies_get_a_sentence_and_change_nothing(tmp_path: Path) -> None:
    path = make_form(tmp_path, server=URL)
    body: Any = book_json(path, client="VBA", include=SCRIPT_SHEETS["ajukan"])
    other = {**body, "version": "0.30.0"}
    answer = post("ajukan", other, "rina")
    assert answer.status_code == 400
    assert "0.30.0" in answer.json()["detail"] and xlwings.__version__ in answer.json()["detail"]
    assert "versinya harus sama" in answer.json()["detail"]
    stranger = {**body, "names": [], "sheets": [{"name": "Lembar1", "values": [["x"]]}]}
    actions = post("ajukan", stranger, "rina").json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]
    truncated = post_raw("ajukan", b'{"client": "VBA", "version": "0.3', "rina")
    assert truncated.status_code == 400 and "tidak utuh" in truncated.json()["detail"]
    assert read_form_file(path).history == []


def post_raw(script: str, data: bytes, who: str) -> Any:
    from tests.served import client, token_of

    return client().post(
        f"/xlwings/custom-scripts-call/{script}",
        content=data,
        headers={"Authorization": token_of(who), "Content-Type": "application/json"},
    )


def test_konsolidasi_consolidates_the_servers_shared_folder(tmp_path: Path) -> None:
    """Month end from the ribbon: the server's own folder (``serve --folder``; its
    ``YYYY-MM`` subfolder when there is one), the report beside the forms, and the
    message box says where — whatever folder the PC has."""
    from pyaddin.workflow import act
    from tests.served import shared

    month = shared() / "2026-11"
    month.mkdir(exist_ok=True)
    for unit, who in (("Keuangan", "rina"), ("Umum dan Logistik", "budi")):
        path = make_form(month, unit, name=f"{unit[:4]}.xlsm")
        fill(path, good_rows(2))
        act(path, "submit", who, None)
    pc = make_form(tmp_path, server=URL)  # the finance officer's own copy, anywhere
    (alert,) = press(pc, "konsolidasi", "ahmad.fauzi")
    report = month / "Laporan-Realisasi-2026-11.xlsx"
    assert report.is_file() and str(report) in alert
    assert alert.startswith("Laporan 2026-11 dibuat")
