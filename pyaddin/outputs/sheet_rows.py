"""Many plain rows of one worksheet, written straight as SpreadsheetML.

XlsxWriter spends some seven microseconds a cell, twice: once taking the cell,
once writing its XML at ``close()``. A month's Rekap has thirty thousand rows
of eleven cells, all of five formats, so the report lets XlsxWriter write
everything else (titles, headings, merged group and total rows, signature,
print set-up, styles) and streams the plain rows itself, into the sheet part
XlsxWriter wrote: :func:`splice_rows` copies the package and inserts the rows
in their places, never holding more than one row's text. The XML is what
XlsxWriter itself writes in its constant-memory mode (inline strings, the same
escapes), so every reader that opens one opens the other.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

_COLUMNS = [chr(ord("A") + i) for i in range(26)]
_XML_SPECIAL = re.compile("[&<>]")
# Anything that needs more than <t>value</t>: escapes, control characters, edge spaces.
_PLAIN_NOT = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_ROW_START = re.compile(rb'<row r="(\d+)"')


def _text(value: str) -> str:
    """A string as an inline-string ``<t>`` element, escaped as Excel does."""
    if not _PLAIN_NOT.search(value) and not (value[:1].isspace() or value[-1:].isspace()):
        return f"<t>{value}</t>"
    if _CONTROL.search(value):
        value = _ESCAPED_ESCAPE.sub(r"_x005F\1", value)
        value = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    if _XML_SPECIAL.search(value):
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if value[:1].isspace() or value[-1:].isspace():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


class RowTemplate:
    """Rows of one fixed layout: each column a number (``"n"``), a string (``"s"``) or
    a blank (``"-"``), with its xf index. Rendering a row is one ``str.format``."""

    def __init__(self, columns: Sequence[tuple[str, int]]) -> None:
        parts, self._strings = [], []
        slot = 0
        for col, (kind, style) in zip(_COLUMNS, columns, strict=False):
            if kind == "-":
                parts.append(f'<c r="{col}{{r}}" s="{style}"/>')
                continue
            if kind == "s":
                parts.append(f'<c r="{col}{{r}}" s="{style}" t="inlineStr"><is>{{{slot}}}</is></c>')
                self._strings.append(slot)
            else:
                parts.append(f'<c r="{col}{{r}}" s="{style}"><v>{{{slot}:.16G}}</v></c>')
            slot += 1
        self._format = ("{head}" + "".join(parts) + "</row>").format
        self._texts: dict[str, str] = {}  # kode, jenis, lokus, dates repeat down a sheet

    def render(self, row: int, values: Sequence[Any], height: float | None = None) -> str:
        """Row ``row`` (0-based, like XlsxWriter's) with ``values`` for its non-blank
        columns, and a custom ``height`` (points) if given."""
        return self.render_at(str(row + 1), values, height)

    def render_at(self, r: str, values: Sequence[Any], height: float | None = None) -> str:
        """:meth:`render` with the row's number as text (``r``, 1-based): a
        placeholder to replace later when the row's place is not known yet."""
        head = f'<row r="{r}" ht="{height:g}" customHeight="1">' if height else f'<row r="{r}">'
        texts = list(values)
        seen = self._texts
        if len(seen) > 20_000:
            seen.clear()
        for slot in self._strings:
            value = texts[slot]
            text = seen.get(value)
            if text is None:
                text = seen[value] = _text(value)
            texts[slot] = text
        return self._format(*texts, r=r, head=head)


def _merged(written: bytes, ours: Iterator[tuple[int, str]]) -> Iterator[bytes]:
    """The ``<sheetData>`` content: XlsxWriter's rows and ours, in row order."""
    starts = [(int(m.group(1)), m.start()) for m in _ROW_START.finditer(written)]
    bounds = [*(s for _, s in starts[1:]), len(written)]
    theirs = iter((n, written[s:e]) for (n, s), e in zip(starts, bounds, strict=True))
    mine = next(ours, None)
    for number, chunk in theirs:
        while mine is not None and mine[0] + 1 < number:
            yield mine[1].encode("utf-8")
            mine = next(ours, None)
        yield chunk
    while mine is not None:
        yield mine[1].encode("utf-8")
        mine = next(ours, None)


def _deflate_with_isal(stream: IO[bytes], level: int = 1) -> None:
    """Make ``stream`` — what ``ZipFile.open(info, "w")`` gave for a deflated part,
    before anything is written to it — deflate with ISA-L (python-isal's
    ``isal_zlib``: the same deflate format and API as zlib, several times faster).
    A stream without a compressor to replace is left as it is."""
    from isal import isal_zlib

    if hasattr(getattr(stream, "_compressor", None), "compress"):
        stream._compressor = isal_zlib.compressobj(level, isal_zlib.DEFLATED, -15)  # type: ignore[attr-defined]


def splice_rows(
    package: IO[bytes],
    part: str,
    rows: Iterable[tuple[int, str]],
    out: Path,
    batch: int = 1 << 20,
) -> None:
    """Copy the workbook ``package`` to ``out`` with ``rows`` inserted into the sheet
    ``part``: (0-based row, the XML of that row, or of it and the rows right after
    it), in row order, none of them a row XlsxWriter wrote. Written on in pieces
    of about ``batch`` bytes."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != part:
                target.writestr(info, data)
                continue
            head, found, rest = data.partition(b"<sheetData>")
            if not found:  # XlsxWriter writes <sheetData/> for a sheet without cells
                head, found, rest = data.partition(b"<sheetData/>")
                rest = b"</sheetData>" + rest
            body, _, tail = rest.partition(b"</sheetData>")
            # The rows are most of the package: ISA-L's fastest level packs them as
            # tightly as zlib's fastest, in a quarter of its time.
            with target.open(info, "w") as stream:
                _deflate_with_isal(stream)
                stream.write(head + b"<sheetData>")
                pending: list[bytes] = []
                size = 0
                for chunk in _merged(body, iter(rows)):
                    pending.append(chunk)
                    size += len(chunk)
                    if size >= batch:
                        stream.write(b"".join(pending))
                        pending.clear()
                        size = 0
                stream.write(b"".join(pending) + b"</sheetData>" + tail)
