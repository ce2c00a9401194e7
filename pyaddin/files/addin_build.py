"""Build ``workbook/RealisasiKegiatan.xlsm``: the form, the VBA project, the ribbon.

Steps: the form from :mod:`pyaddin.files.template` (openpyxl) → pyOpenVBA adds the
VBA project (xlwings' standalone module from the installed, pinned xlwings,
the constants module generated from :mod:`pyaddin.engine.vba`, and our
``workbook/vba/*.bas``) → the Office 2007 customUI part and its
relationship → one openpyxl ``keep_vba`` round trip, which sets the
macro-enabled content type and proves the parts survive a CLI write.
"""

from __future__ import annotations

import re
import zipfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pyaddin.engine import vba
from pyaddin.engine.config import load_config
from pyaddin.files.atomic import write_atomic

if TYPE_CHECKING:
    from openpyxl import Workbook

UI_REL_TYPE = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
UI_PART = "customUI/customUI.xml"


def addin_sources() -> Path:
    """The folder holding ``vba/`` and ``customUI/`` (the repo's ``workbook/``)."""
    return Path(str(resources.files("pyaddin.addin")))


def vba_modules(folder: Path | None = None, part: str = "vba") -> dict[str, str]:
    """Our VBA modules by name (without Attribute lines): the generated constants,
    then ``vba/*.bas``; or, for ``part="vba_server"``, just the server form's own."""
    base = (folder or addin_sources()) / part
    modules = {vba.CONSTANTS_MODULE: vba.constants_module()} if part == "vba" else {}
    for path in sorted(base.glob("*.bas")):
        text = path.read_text("utf-8")
        name_match = re.search(r'^Attribute VB_Name = "([^"]+)"', text, re.M)
        name = name_match.group(1) if name_match else path.stem
        modules[name] = strip_attributes(text)
    return modules


def xlwings_module() -> str:
    """xlwings' standalone VBA module from the installed xlwings."""
    import xlwings

    path = Path(xlwings.__file__).parent / "xlwings.bas"
    return strip_attributes(path.read_text("utf-8", errors="replace"))


def xlwings_dictionary_class() -> str:
    """The Dictionary class module a standalone xlwings workbook carries."""
    import xlwings

    path = Path(xlwings.__file__).parent / "addin" / "Dictionary.cls"
    return path.read_text("utf-8", errors="replace")


# xlwings reads its settings from this sheet (key in A, value in B). The UDF
# server keeps Python warm between clicks on Windows, and is the known way round
# Defender's rule that stops Office from starting child processes.
XLWINGS_CONF = (
    ("Interpreter_Win", ""),
    ("Interpreter_Mac", ""),
    ("PYTHONPATH", ""),
    ("Conda Path", ""),
    ("Conda Env", ""),
    ("UDF Modules", ""),
    ("Debug UDFs", False),
    ("Use UDF Server", True),
    ("Show Console", False),
    ("ADD_WORKBOOK_TO_PYTHONPATH", False),
)


def add_xlwings_conf(book: Workbook, server_url: str | None = None) -> None:
    """The hidden ``xlwings.conf`` sheet, last in the workbook; a server form's
    has the server's address too (``SERVER_URL``, blank in the template)."""
    from pyaddin.engine.form import SHEET_XLWINGS_CONF
    from pyaddin.files.server_vba import SERVER_URL_KEY, SERVER_URL_ROW

    ws = book.create_sheet(SHEET_XLWINGS_CONF)
    settings: tuple[tuple[str, str | bool], ...] = XLWINGS_CONF
    if server_url is not None:
        settings += ((SERVER_URL_KEY, server_url),)
        assert len(settings) == SERVER_URL_ROW
    for row, (key, value) in enumerate(settings, start=1):
        ws.cell(row, 1, key)
        ws.cell(row, 2, value if value != "" else None)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 40
    ws.sheet_state = "hidden"


def strip_attributes(text: str) -> str:
    """A module's source without its ``Attribute VB_`` lines (pyOpenVBA writes them)."""
    lines = [ln for ln in text.splitlines() if not ln.startswith("Attribute VB_")]
    return "\n".join(lines).strip("\n") + "\n"


def custom_ui(folder: Path | None = None) -> bytes | None:
    path = (folder or addin_sources()) / "customUI" / "customUI.xml"
    return path.read_bytes() if path.is_file() else None


def build_workbook(out: Path, server_url: str | None = None) -> Path:
    """Build the template artifact at ``out`` (atomically). With ``server_url``
    (``""``: the server template, its address set by ``new --server``), the form
    whose ribbon calls the office server (:mod:`pyaddin.files.server_vba`)."""
    from openpyxl import load_workbook
    from pyopenvba import ExcelFile
    from pyopenvba.vba import VBAModuleKind

    from pyaddin.files import server_vba
    from pyaddin.files.template import build_form

    out.parent.mkdir(parents=True, exist_ok=True)
    stage = out.with_name(f".~build-{out.stem}.xlsm")
    staged_vba = stage.with_name(stage.stem + "-vba.xlsm")
    try:
        form = build_form(load_config())
        add_xlwings_conf(form, server_url)
        form.save(stage)
        modules = vba_modules()
        if server_url is not None:
            modules[server_vba.RIBBON_MODULE] = server_vba.ribbon_module()
            modules.update(vba_modules(addin_sources(), "vba_server"))
            modules[server_vba.ACTIONS_MODULE] = server_vba.actions_module()
        with ExcelFile(stage) as book:
            project = book.add_vba_project()
            project.add_module("xlwings", xlwings_module())
            project.add_module("Dictionary", xlwings_dictionary_class(), kind=VBAModuleKind.other)
            if server_url is not None:
                for name, (source, is_class) in server_vba.remote_modules().items():
                    kind = VBAModuleKind.other if is_class else VBAModuleKind.standard
                    project.add_module(name, source, kind=kind)
            for name, source in modules.items():
                project.add_module(name, source)
            book.save(staged_vba)
        ui = custom_ui()
        if ui is not None:
            _add_custom_ui(staged_vba, ui)
        final = load_workbook(staged_vba, keep_vba=True)
        write_atomic(out, final.save)
    finally:
        for path in (stage, staged_vba):
            path.unlink(missing_ok=True)
    return out


def _add_custom_ui(path: Path, ui: bytes) -> None:
    """Add ``customUI/customUI.xml`` and its package relationship (Office 2007 form)."""
    temp = path.with_suffix(".ui.tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "_rels/.rels":
                rel = (
                    f'<Relationship Id="rIdCustomUI" Type="{UI_REL_TYPE}" '
                    f'Target="{UI_PART}"/></Relationships>'
                )
                data = data.replace(b"</Relationships>", rel.encode())
            dst.writestr(info, data)
        dst.writestr(UI_PART, ui)
    temp.replace(path)
