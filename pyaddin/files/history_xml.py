"""Riwayat read straight from its worksheet XML, when it is laid out as this product
writes it: each row one ``<row r="N">`` of inline-string cells in column order
(``No.`` a number), no entity, no escape, no carriage return. Month end reads the
Riwayat of every form of the month, and there it is the largest part of a form
by far (a 300-row form carries 1,200 entries of three hashes and a signature):
one regular expression over the part reads it in about half of what a
general-purpose reader takes, and gives the entries directly.

Anything else — a sheet saved by Excel or LibreOffice (shared strings), a
formula, a number where text belongs, a rich-text run, an escaped character — is
not ours to guess at: :func:`read_history` then says ``None`` and the caller
reads the sheet with python-calamine as every other sheet. Both give the same
entries for a sheet this reads (a property test holds them to it).
"""

from __future__ import annotations

import re

from pyaddin.engine.model import HistoryEntry

_STYLE = r'(?: s="\d+")?'


def _text_cell(letter: str) -> str:
    """An optional inline-string cell of column ``letter`` on the row being matched."""
    return (
        rf'(?:<c r="{letter}\1"{_STYLE} t="inlineStr"><is><t(?: xml:space="preserve")?>'
        r"([^<]*)</t></is></c>)?"
    )


# No.: text (the header row), or a number without a style (every data row: a
# style could make it a date, which the full reader gives as one).
_NUMBER_CELL = (
    rf'(?:<c r="C\1"(?:{_STYLE} t="inlineStr"><is><t(?: xml:space="preserve")?>([^<]*)'
    r"</t></is>|(?: t=\"n\")?><v>([^<]+)</v>)</c>)?"
)
# Every row: its number, then columns A to L (A, B, C as text, C as a number, D
# to L) and its end tag: fifteen groups. A row with any other content (or none)
# matches only its start tag, its end tag group empty.
_ROW = re.compile(
    r'<row(?: r="(\d+)")?[^>]*>(?:'
    + _text_cell("A")
    + _text_cell("B")
    + _NUMBER_CELL
    + "".join(_text_cell(letter) for letter in "DEFGHIJKL")
    + "(</row>))?"
)


def read_history(xml_bytes: bytes) -> list[HistoryEntry] | None:
    """Riwayat's entries from its worksheet part's bytes, as
    :func:`pyaddin.engine.snapshot.read_form` makes them from the sheet's values;
    ``None`` when the part is not laid out as this product writes it."""
    try:
        xml = xml_bytes.decode("utf-8")
    except UnicodeDecodeError:
        return None
    start = xml.find("<sheetData>")
    end = xml.find("</sheetData>", start)
    if start < 0 or end < 0:  # <sheetData/>: an empty sheet, which the reader knows
        return None
    data = xml[start + len("<sheetData>") : end]
    # left to a full XML reader: entities and character references, Excel's _xHHHH_
    # escapes, carriage returns (XML folds them into line feeds), comments and CDATA
    # (a row inside a comment is no row), processing instructions. One character
    # first: a search for it is a hundred times faster than for two.
    if (
        "&" in data
        or "\r" in data
        or ("_" in data and "_x" in data)
        or ("!" in data and "<!" in data)
        or ("?" in data and "<?" in data)
    ):
        return None
    strip = str.strip
    entries: list[HistoryEntry] = []
    last = 0
    for cells in _ROW.findall(data):
        if not cells[0] or not cells[-1]:
            return None  # a row without its number, or holding a cell of another kind
        sheet_row = int(cells[0])
        if sheet_row <= last:
            return None  # rows out of order: not as this product writes them
        last = sheet_row
        if sheet_row == 1:
            continue  # the header
        no_text = cells[3]  # kept as typed: a No. of blanks still makes the row count
        a, b, _, no_value, d, e, f, g, h, i, j, k, l_ = map(strip, cells[1:-1])
        if no_value:
            try:
                number: int | None = int(float(no_value))
            except (ValueError, OverflowError):
                return None
        else:
            number = None
        if not (a or b or d or e or f or g or h or i or j or k or l_ or no_text or no_value):
            continue
        entries.append(HistoryEntry(a, b, number, d, e, f, g, h, i, j, k, l_, sheet_row))
    return entries
