"""LibreOffice Calc driven headless, as an office that edits forms in it would.

``insert_rows`` runs LibreOffice's own *Insert Rows* on a form (through a Basic
macro in a throwaway user profile) and saves it as LibreOffice saves an .xlsm.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

INSERT_ROWS = """Sub InsertRows(spec As String)
    Dim parts As Variant, path As String
    parts = Split(spec, "|")
    path = parts(0)
    Dim args(0) As New com.sun.star.beans.PropertyValue
    args(0).Name = "Hidden"
    args(0).Value = True
    Dim doc As Object
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(path), "_blank", 0, args())
    Dim sheet As Object
    sheet = doc.Sheets.getByName("Realisasi")
    sheet.unprotect(parts(3))
    sheet.Rows.insertByIndex(CLng(parts(1)) - 1, CLng(parts(2)))
    Dim save(0) As New com.sun.star.beans.PropertyValue
    save(0).Name = "FilterName"
    save(0).Value = "Calc MS Excel 2007 VBA XML"
    doc.storeToURL(ConvertToURL(path), save())
    doc.close(True)
End Sub
"""

_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" \
library:readonly="false" library:passwordprotected="false">{element}</library:library>
"""
_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" \
"libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" \
xmlns:xlink="http://www.w3.org/1999/xlink"><library:library library:name="Standard" \
xlink:href="$(USER)/basic/Standard/{kind}.xlb/" xlink:type="simple" library:link="false"/>\
</library:libraries>
"""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (CI installs it)")
    return found


def _profile(folder: Path) -> Path:
    """A user profile with the macro (LibreOffice makes the profile on its first start,
    so it starts once before the macro goes in)."""
    if not (folder / "profile" / "user").is_dir():
        subprocess.run(
            [soffice(), _installation(folder / "profile"), "--headless", "--terminate_after_init"],
            check=True,
            capture_output=True,
            timeout=240,
        )
    basic = folder / "profile" / "user" / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    module = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE script:module PUBLIC '
        '"-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
        '<script:module xmlns:script="http://openoffice.org/2000/script" '
        'script:name="Module1" script:language="StarBasic">'
        + escape(INSERT_ROWS, {'"': "&quot;"})
        + "</script:module>\n"
    )
    (basic / "Standard" / "Module1.xba").write_text(module, "utf-8")
    (basic / "Standard" / "script.xlb").write_text(
        _LIBRARY.format(element='<library:element library:name="Module1"/>'), "utf-8"
    )
    (basic / "Standard" / "dialog.xlb").write_text(_LIBRARY.format(element=""), "utf-8")
    for kind in ("script", "dialog"):
        (basic / f"{kind}.xlc").write_text(_CONTAINER.format(kind=kind), "utf-8")
    return folder / "profile"


def _installation(profile: Path) -> str:
    return f"-env:UserInstallation={profile.resolve().as_uri()}"


def insert_rows(path: Path, before_row: int, count: int, password: str) -> None:
    """LibreOffice inserts ``count`` rows above sheet row ``before_row`` of Realisasi."""
    profile = _profile(path.parent / "lo-profile")
    spec = f"{path.resolve()}|{before_row}|{count}|{password}"
    subprocess.run(
        [
            soffice(),
            _installation(profile),
            "--headless",
            "--norestore",
            f'macro:///Standard.Module1.InsertRows("{spec}")',
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )


def save_as_xlsm(path: Path, folder: Path) -> Path:
    """``path`` opened and saved by LibreOffice as a macro-enabled workbook in ``folder``."""
    folder.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice(),
            "--headless",
            "--convert-to",
            "xlsm:Calc MS Excel 2007 VBA XML",
            "--outdir",
            str(folder),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return folder / path.name
