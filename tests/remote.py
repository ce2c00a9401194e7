"""xlwings' remote engine as a stand-in for Excel in tests.

``open_remote`` turns a workbook file into the JSON book the remote engine
reads; ``apply_actions`` plays the queued actions back onto the file the way
Excel and the VBA helper (RK_Helper) would, so a macro's effect can be read
with the same reader as the CLI's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from pyaddin.engine import form as F
from pyaddin.engine import vba
from pyaddin.files import styles as S
from pyaddin.files.styles_xml import MARK_COLOURS

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?)?$")


def _json_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%dT00:00:00.000Z")
    return value


def open_remote(path: Path, selection: str = "A1") -> Any:
    """An ``xlwings.Book`` on the remote engine holding ``path``'s values and names."""
    import xlwings as xw  # the licence key for tests is set in conftest.py

    return xw.Book(json=book_json(path, selection))


def book_json(
    path: Path,
    selection: str = "A1",
    client: str = "Microsoft Office Scripts",
    include: tuple[str, ...] | None = None,
) -> Any:
    """The JSON book a client sends for ``path``: values of every sheet (of the
    ``include`` sheets only, the others as ``[[]]``), names, selection.

    ``client="VBA"`` is the body of xlwings' VBA client (``RunServerPython`` in
    Remote.bas) exactly: blank cells as ``null``; dates as
    ``yyyy-mm-ddTHH:MM:SS.000Z``; a text of 16 to 100 digits (an 18-digit NIP)
    as a bare JSON number, as its JSON writer (VBA-JSON's
    ``json_StringIsLargeNumber``) emits it; names by sheet index and address
    only, without ``refers_to``."""
    import xlwings as xw

    vba_client = client == "VBA"
    encode = _vba_value if vba_client else _json_value
    book = load_workbook(path)
    sheets = []
    for ws in book.worksheets:
        if include is not None and ws.title not in include:
            values: list[list[Any]] = [[]]
        else:
            values = [[encode(v) for v in row] for row in ws.iter_rows(values_only=True)]
        empty = [[None]] if vba_client else [[""]]
        sheets.append({"name": ws.title, "values": values or empty, "pictures": [], "tables": []})
    names = []
    for name, defined in book.defined_names.items():
        area = F.parse_area(defined.attr_text)
        if area is None:
            continue
        entry = {
            "name": name,
            "sheet_index": book.sheetnames.index(area.sheet),
            "address": area.ref.replace("$", ""),
            "book_scope": True,
            "scope_sheet_name": None,
            "scope_sheet_index": None,
        }
        if not vba_client:
            entry["refers_to"] = "=" + defined.attr_text
        names.append(entry)
    body = {
        "client": client,
        "version": xw.__version__,
        "book": {"name": path.name, "active_sheet_index": 0, "selection": selection},
        "names": names,
        "sheets": sheets,
    }
    # through text, as it travels: a bare 18-digit number arrives as an int
    text = json.dumps(body, default=str)
    return json.loads(_BARE_JSON.sub(r"\1", text)) if vba_client else json.loads(text)


_LARGE_NUMBER = re.compile(r"^[0-9.Ee]{16,100}$")
_BARE = "\x00bare\x00"
_BARE_JSON = re.compile(r'"\\u0000bare\\u0000([0-9.Ee]+)\\u0000bare\\u0000"')


def _vba_value(value: Any) -> Any:
    """One cell as the VBA client's JSON writer emits it (see :func:`book_json`)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%dT00:00:00.000Z")
    if isinstance(value, str) and _LARGE_NUMBER.match(value):
        return f"{_BARE}{value}{_BARE}"  # written bare into the JSON text
    return value


def _cells(ws: Any, action: dict[str, Any]) -> list[Any]:
    return [
        ws.cell(action["start_row"] + 1 + r, action["start_column"] + 1 + c)
        for r in range(action["row_count"])
        for c in range(action["column_count"])
    ]


def apply_actions(path: Path, actions: list[dict[str, Any]]) -> list[str]:
    """Play ``actions`` onto ``path`` as Excel would; returns the alerts shown."""
    from pyaddin.files.template import grow_body

    book = load_workbook(path, keep_vba=True)
    alerts = []
    for action in actions:
        func, args = action["func"], action["args"]
        if func == "setValues":
            ws = book.worksheets[action["sheet_position"]]
            for r, row in enumerate(action["values"]):
                for c, value in enumerate(row):
                    if isinstance(value, str) and value.startswith("'"):
                        value = value[1:]  # Excel's text prefix
                    elif isinstance(value, str) and ISO_DATE.match(value):
                        value = dt.datetime.fromisoformat(value[:19])  # Excel reads a date
                    cell = ws.cell(action["start_row"] + 1 + r, action["start_column"] + 1 + c)
                    cell.value = None if value == "" else value
        elif func == "setRangeColor":
            ws = book.worksheets[action["sheet_position"]]
            for cell in _cells(ws, action):
                cell.fill = (
                    PatternFill("solid", fgColor=args[0].lstrip("#")) if args[0] else S.NO_FILL
                )
        elif func == "runMacro":
            name = args[0].split("!")[-1]
            if name.startswith(vba.SERVER_PREFIX):  # the VBA client passes the workbook first
                name = "RK_" + name.removeprefix(vba.SERVER_PREFIX)
            _macro(book, name, args[1:], grow_body)
        elif func == "alert":
            alerts.append(args[0])
    book.save(path)
    return alerts


def _macro(book: Any, name: str, args: list[Any], grow_body: Any) -> None:
    """What RK_Helper's Subs do in Excel, done with openpyxl."""
    if name == vba.SUB_PROTECT:
        for sheet in str(args[0]).split(";"):
            book[sheet].protection.sheet = bool(args[1])
    elif name == vba.SUB_LOCK:
        ws = book[args[0]]
        for ranges, protection in ((args[1], S.LOCKED), (args[2], S.UNLOCKED)):
            for part in filter(None, str(ranges).split(";")):
                for row in ws[part]:
                    for cell in row:
                        cell.protection = protection
    elif name == vba.SUB_MARK:
        ws = book[args[0]]
        for row in ws[args[1]]:
            for cell in row:
                if is_mark_fill(cell):
                    cell.fill = S.NO_FILL
                if cell.comment is not None and cell.comment.author == F.NOTE_AUTHOR:
                    cell.comment = None
        for cells, fill in ((args[2], S.ERROR_FILL), (args[3], S.WARNING_FILL)):
            for ref in filter(None, str(cells).split(";")):
                ws[ref].fill = fill
        for record in filter(None, str(args[4]).split(vba.RECORD_SEP)):
            ref, text = record.split(vba.FIELD_SEP, 1)
            ws[ref].comment = Comment(text, F.NOTE_AUTHOR, width=320, height=110)
    elif name == vba.SUB_ADD_ROWS:
        grow_body(book, int(args[0]))
    elif name != vba.SUB_STATUS:
        raise AssertionError(f"unexpected macro {name}")


def is_mark_fill(cell: Any) -> bool:
    """Whether an openpyxl cell's fill is one a mark set (what RK_Tandai clears)."""
    fill = cell.fill
    rgb = getattr(fill.fgColor, "rgb", None) if fill is not None else None
    return fill is not None and fill.fill_type == "solid" and str(rgb)[-6:] in MARK_COLOURS


_IMPL_CLASSES = ("Apps", "App", "Books", "Book", "Sheets", "Sheet", "Range", "Names", "Name")


@contextlib.contextmanager
def bridge_calls() -> Iterator[Counter[str]]:
    """Count the calls into xlwings' remote engine from outside it, by
    ``Class.member``: methods and properties of its Book, Sheet, Range, Name and
    App classes and their collections. Each is what a round trip to Excel is on
    Windows (the engine's calls among its own objects are not counted)."""
    from xlwings.pro import _xlremote

    counts: Counter[str] = Counter()
    saved: list[tuple[type, str, Any]] = []

    def counted(label: str, func: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if sys._getframe(1).f_globals.get("__name__") != _xlremote.__name__:
                counts[label] += 1
            return func(*args, **kwargs)

        return wrapper

    for class_name in _IMPL_CLASSES:
        cls = getattr(_xlremote, class_name)
        for attr, value in list(vars(cls).items()):
            if attr.startswith("_") and attr not in ("__call__", "__iter__", "__len__"):
                continue
            label = f"{class_name}.{attr}"
            if isinstance(value, property):
                wrapped: Any = property(
                    counted(label, value.fget) if value.fget else None,
                    counted(label + "=", value.fset) if value.fset else None,
                )
            elif callable(value):
                wrapped = counted(label, value)
            else:
                continue
            saved.append((cls, attr, value))
            setattr(cls, attr, wrapped)
    try:
        yield counts
    finally:
        for cls, attr, value in saved:
            setattr(cls, attr, value)
