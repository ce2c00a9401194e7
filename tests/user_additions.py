"""Forms carrying what people add to their workbooks, for the write tests.

A form is filled, then given — through openpyxl where it can, and at the
package level where openpyxl cannot (it drops them) — a stamp picture and a
text box beside the table, the user's own sheet with a chart and a text box on
it, a hyperlink, their own defined name, a custom column width, their own
highlight in the table, their own notes (one shown, one hidden, one inside the
body), a threaded comment, and a Company in the document properties.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName

from pyaddin.engine import form as F
from pyaddin.files.package import NS_REL, Package, q
from pyaddin.files.sheet_xml import SheetXml

USER_SHEET = "Catatan Saya"
USER_FILL = "FF00B0F0"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
REL_DRAWING = NS_REL + "/drawing"
REL_IMAGE = NS_REL + "/image"
REL_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
REL_PERSON = "http://schemas.microsoft.com/office/2017/10/relationships/person"
NS_TC = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
THREAD_ID = "{0B1C2D3E-0000-4000-8000-000000000001}"
PERSON_ID = "{5A1E0000-0000-4000-8000-000000000002}"


def png(width: int = 4, height: int = 4) -> bytes:
    """A small red PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _anchor(col: int, row: int, body: str) -> str:
    return (
        f'<xdr:twoCellAnchor xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}" xmlns:r="{NS_REL}">'
        f"<xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row>"
        "<xdr:rowOff>0</xdr:rowOff></xdr:from>"
        f"<xdr:to><xdr:col>{col + 2}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row + 4}"
        "</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
        f"{body}<xdr:clientData/></xdr:twoCellAnchor>"
    )


def _text_box(shape_id: int, text: str) -> str:
    return (
        f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{shape_id}" name="Kotak Teks '
        f'{shape_id}"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect">'
        "<a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>"
        f"<a:t>{text}</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
    )


def _picture(rel_id: str) -> str:
    return (
        '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Stempel"/><xdr:cNvPicPr>'
        '<a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill>'
        f'<a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
        '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>'
    )


def add_user_things(path: Path) -> None:
    """Give the (filled) form at ``path`` what its owner added."""
    book = load_workbook(path, keep_vba=True)
    ws = book[F.SHEET_FORM]
    ws["C10"].fill = PatternFill("solid", fgColor=USER_FILL)
    ws["C8"].comment = Comment("Sudah dikonfirmasi ke bendahara.", "Rina")
    ws["N3"] = "lihat arsip"
    ws["N3"].hyperlink = "https://kpu.go.id/arsip"
    ws["N5"].comment = Comment("Catatan pribadi yang selalu tampil.", "Rina")
    ws["N6"].comment = Comment("Catatan pribadi tersembunyi.", "Rina")
    ws.column_dimensions["N"].width = 33
    own = book.create_sheet(USER_SHEET)
    own.append(["Bulan", "Realisasi"])
    for month, amount in (("Sep", 12), ("Okt", 15), ("Nov", 9)):
        own.append([month, amount])
    chart = BarChart()
    chart.add_data(Reference(own, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    own.add_chart(chart, "D2")
    book.defined_names["MILIK_SAYA"] = DefinedName("MILIK_SAYA", attr_text=f"'{USER_SHEET}'!$A$1")
    book.save(path)
    _add_at_package_level(path)


def _add_at_package_level(path: Path) -> None:
    package = Package(path)
    sheets = package.sheet_parts()
    form_part = sheets[F.SHEET_FORM]
    form = SheetXml(package.xml(form_part))
    # A stamp picture and a text box beside the table, in a drawing of their own.
    media = package.free_name("xl/media/image{}.png")
    package.put(media, png())
    package.set_content_type(media, "image/png")
    drawing_name = package.free_name("xl/drawings/drawing{}.xml")
    root = etree.fromstring(f'<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}"/>')
    package.put(drawing_name, root, "application/vnd.openxmlformats-officedocument.drawing+xml")
    image_rel = package.add_relationship(drawing_name, REL_IMAGE, media)
    root.append(etree.fromstring(_anchor(13, 1, _picture(image_rel))))
    root.append(etree.fromstring(_anchor(13, 8, _text_box(3, "Sudah dicek Kasubbag"))))
    rel = package.add_relationship(form_part, REL_DRAWING, drawing_name)
    element = etree.Element(q("drawing"), nsmap={"r": NS_REL})
    element.set(q("id", NS_REL), rel)
    form.insert_child(element)
    package.touch(form_part)
    # A text box beside the chart on the user's own sheet.
    own_part = sheets[USER_SHEET]
    found = package.target(own_part, REL_DRAWING)
    assert found is not None
    package.xml(found[1]).append(etree.fromstring(_anchor(4, 18, _text_box(9, "Tren naik"))))
    package.touch(found[1])
    # One note shown (openpyxl writes every note hidden).
    vml = package.target(form_part, NS_REL + "/vmlDrawing")
    assert vml is not None
    with zipfile.ZipFile(path) as archive:
        text = archive.read(vml[1]).decode()
    shown = text.replace("visibility:hidden", "visibility:visible", 1)
    package.put(vml[1], shown.encode())
    # A threaded comment (Excel 365) with its legacy mirror.
    comments = package.target(form_part, NS_REL + "/comments")
    assert comments is not None
    croot = package.xml(comments[1])
    authors = croot.find(q("authors"))
    etree.SubElement(authors, q("author")).text = f"tc={THREAD_ID}"
    mirror = etree.SubElement(
        croot.find(q("commentList")), q("comment"), ref="N7", authorId=str(len(authors) - 1)
    )
    etree.SubElement(etree.SubElement(mirror, q("text")), q("t")).text = "[Threaded] Tolong cek"
    package.touch(comments[1])
    threads = etree.fromstring(
        f'<ThreadedComments xmlns="{NS_TC}"><threadedComment ref="N7" '
        f'dT="2026-11-20T10:00:00.00" personId="{PERSON_ID}" id="{THREAD_ID}">'
        "<text>Tolong cek</text></threadedComment></ThreadedComments>"
    )
    threads_name = "xl/threadedComments/threadedComment1.xml"
    package.put(threads_name, threads, "application/vnd.ms-excel.threadedcomments+xml")
    package.add_relationship(form_part, REL_THREADED, threads_name)
    persons = etree.fromstring(
        f'<personList xmlns="{NS_TC}"><person displayName="Siti Aminah" id="{PERSON_ID}" '
        'userId="siti" providerId="None"/></personList>'
    )
    package.put("xl/persons/person.xml", persons, "application/vnd.ms-excel.person+xml")
    package.add_relationship(package.workbook_part(), REL_PERSON, "xl/persons/person.xml")
    # The Company in the document properties.
    app = package.xml("docProps/app.xml")
    ns = app.nsmap.get(None, "")
    etree.SubElement(app, f"{{{ns}}}Company").text = "KPU Provinsi Bengkulu"
    package.touch("docProps/app.xml")
    temp = path.with_suffix(".tmp")
    package.save(str(temp))
    temp.replace(path)
