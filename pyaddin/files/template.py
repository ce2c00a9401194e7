"""Build the form with openpyxl, from the layout in :mod:`pyaddin.engine.form`.

``build_form`` makes the four sheets of DESIGN.md §3; ``fill_form`` writes a
subbagian's identity, people and lists into a form (new or from the template
artifact); ``grow_body`` adds rows, moving the signature block down.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pyaddin.engine import form as F
from pyaddin.engine.config import OfficeConfig, Pegawai, Subbagian
from pyaddin.files import styles as S


def build_form(config: OfficeConfig, body_rows: int = F.DEFAULT_BODY_ROWS) -> Workbook:
    """A blank form (no subbagian, no period) with the config's lists."""
    book = Workbook()
    form = book.active
    assert form is not None
    form.title = F.SHEET_FORM
    for title in F.SHEETS[1:]:
        book.create_sheet(title)
    _layout_form(form, F.body_area(body_rows))
    _layout_table(book[F.SHEET_HISTORY], F.HISTORY_COLUMNS, F.HISTORY_WIDTHS)
    _layout_table(book[F.SHEET_REFERENCE], F.REFERENCE_COLUMNS, F.REFERENCE_WIDTHS)
    _layout_settings(book[F.SHEET_SETTINGS])
    _protect(book[F.SHEET_HISTORY])
    _define(
        book,
        F.NAME_PERIOD,
        F.Area(F.SHEET_FORM, F.ROW_PERIOD, F.VALUE_COL, F.ROW_PERIOD, F.VALUE_COL),
    )
    _define(
        book, F.NAME_UNIT, F.Area(F.SHEET_FORM, F.ROW_UNIT, F.VALUE_COL, F.ROW_UNIT, F.VALUE_COL)
    )
    _define(book, F.NAME_DATA, F.body_area(body_rows))
    for name, label in (
        (F.NAME_VERSION, F.SETTING_VERSION),
        (F.NAME_HEAD, F.SETTING_HEAD),
        (F.NAME_INPUT, F.SETTING_INPUT),
    ):
        row = F.setting_row(label)
        _define(book, name, F.Area(F.SHEET_SETTINGS, row, 2, row, 2))
    fill_form(book, config, None, None)
    return book


def fill_form(
    book: Workbook, config: OfficeConfig, unit: Subbagian | None, period: dt.date | None
) -> None:
    """Write identity, signature, Pengaturan and Referensi for ``unit`` and ``period``."""
    form = book[F.SHEET_FORM]
    body = _body(book)
    if period is not None:
        form.cell(F.ROW_PERIOD, F.VALUE_COL, period.replace(day=1))
    form.cell(F.ROW_UNIT, F.VALUE_COL, unit.nama if unit else None)
    form.page_setup.paperSize = config.kantor.paper_size
    _print_area(form, body)  # the page break depends on the paper
    people = config.people_for(unit) if unit else []
    _write_settings(book[F.SHEET_SETTINGS], config, unit, people)
    _write_reference(book, config)
    _sync_kode_validation(form, body, bool(config.referensi.kode))
    chain = config.approval_chain
    write_signature(
        form,
        body,
        city=config.kantor.kota,
        date_text=f"{'.' * 24} {period.year if period else ''}",
        left=(
            f"Kepala Bagian {unit.bagian}" if unit else "Kepala Bagian ......",
            _person(people, chain[1] if len(chain) > 2 else chain[-1]),
        ),
        right=(
            f"Kepala Subbagian {unit.nama}" if unit else "Kepala Subbagian ......",
            _person(people, chain[0]),
        ),
    )


def _person(people: list[Pegawai], jabatan: str) -> tuple[str, str]:
    for person in people:
        if person.jabatan == jabatan:
            return person.nama, person.nip
    return "", ""


def _body(book: Workbook) -> F.Area:
    area = F.parse_area(book.defined_names[F.NAME_DATA].attr_text)
    assert area is not None
    return area


def _define(book: Workbook, name: str, area: F.Area) -> None:
    if name in book.defined_names:
        del book.defined_names[name]
    book.defined_names[name] = DefinedName(name, attr_text=area.absolute)


def _layout_form(ws: Worksheet, body: F.Area) -> None:
    for index, column in enumerate(F.COLUMNS, start=1):
        letter = F.col_letter(index)
        ws.column_dimensions[letter].width = column.width
        if column.key in F.HIDDEN_KEYS:
            ws.column_dimensions[letter].hidden = True
    last_form_col = F.col_letter(F.column_index("tanggal") + 1)
    ws.merge_cells(f"A{F.ROW_TITLE}:{last_form_col}{F.ROW_TITLE}")
    title = ws.cell(F.ROW_TITLE, 1, F.TITLE)
    title.font, title.alignment = S.TITLE, S.CENTER
    ws.row_dimensions[F.ROW_TITLE].height = 24
    for row, label in (
        (F.ROW_PERIOD, F.LABEL_PERIOD),
        (F.ROW_PROVINCE, F.LABEL_PROVINCE),
        (F.ROW_UNIT, F.LABEL_UNIT),
    ):
        ws.cell(row, F.LABEL_COL, label).font = S.BOLD
    period = ws.cell(F.ROW_PERIOD, F.VALUE_COL)
    period.number_format, period.font = F.PERIOD_FORMAT, S.BOLD
    period.alignment = S.TOP
    ws.cell(F.ROW_UNIT, F.VALUE_COL).font = S.BOLD
    for index, column in enumerate(F.COLUMNS, start=1):
        cell = ws.cell(F.ROW_HEADER, index, column.label)
        cell.font, cell.fill, cell.border, cell.alignment = (
            S.BOLD,
            S.HEADER_FILL,
            S.BORDER,
            S.CENTER,
        )
    ws.row_dimensions[F.ROW_HEADER].height = 30
    style_rows(ws, body.first_row, body.last_row)
    ws.freeze_panes = f"A{F.ROW_BODY}"
    _validations(ws, body)
    _status_colours(ws, body)
    setup = ws.page_setup
    setup.orientation, setup.paperSize = "landscape", ws.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_title_rows = f"{F.ROW_HEADER}:{F.ROW_HEADER}"
    footer: Any = ws.oddFooter
    footer.center.text = "Halaman &P dari &N"
    _print_area(ws, body)
    _protect(ws)


def style_rows(ws: Worksheet, first: int, last: int) -> None:
    """Pre-format body rows ``first..last`` (No. prefilled with its position). The
    first row is styled cell by cell; the others take its style ids (a copy of a
    small array instead of five style look-ups per cell)."""
    from copy import copy

    for index, column in enumerate(F.COLUMNS, start=1):
        S.style_body_cell(ws.cell(first, index), column.key)
    cells: list[Any] = [ws.cell(first, index) for index in range(1, len(F.COLUMNS) + 1)]
    styles = [copy(cell._style) for cell in cells]
    for row in range(first, last + 1):
        for index, style in enumerate(styles, start=1):
            target: Any = ws.cell(row, index)
            target._style = copy(style)
        if ws.cell(row, 1).value is None:
            ws.cell(row, 1, row - F.ROW_BODY + 1)


_LISTS = {
    "jenis": (F.NAME_LIST_JENIS, "Jenis Kegiatan"),
    "lokus": (F.NAME_LIST_LOKUS, "Lokus"),
    "kode": (F.NAME_LIST_KODE, "Kode"),
}


def _validations(ws: Worksheet, body: F.Area, keys: tuple[str, ...] = ("jenis", "lokus")) -> None:
    for key in keys:
        name, title = _LISTS[key]
        letter = F.col_letter(F.column_index(key) + 1)
        dv = DataValidation(
            type="list",
            formula1=f"={name}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
        )
        dv.errorTitle = f"{title} tidak ada di daftar"
        dv.error = "Pilih dari daftar, atau tekan Ya untuk tetap memakai isian ini."
        dv.promptTitle, dv.prompt = title, f"Pilih {title.lower()} dari daftar."
        dv.showInputMessage = True
        dv.add(f"{letter}{body.first_row}:{letter}{body.last_row}")
        ws.add_data_validation(dv)


def _sync_kode_validation(ws: Worksheet, body: F.Area, wanted: bool) -> None:
    """A Kode dropdown only when Referensi lists kode (an empty list would warn on all)."""
    formula = f"={F.NAME_LIST_KODE}"
    for dv in list(ws.data_validations.dataValidation):
        if dv.formula1 == formula:
            ws.data_validations.dataValidation.remove(dv)
    if wanted:
        _validations(ws, body, ("kode",))


def _status_colours(ws: Worksheet, body: F.Area) -> None:
    letter = F.col_letter(F.column_index("status") + 1)
    ref = f"{letter}{body.first_row}:{letter}{body.last_row}"
    cell = f"${letter}{body.first_row}"
    for prefix, colour in (
        ("DISETUJUI", F.COLOR_APPROVED),
        ("DIKEMBALIKAN", F.COLOR_RETURNED),
        ("DIAJUKAN", F.COLOR_SUBMITTED),
    ):
        ws.conditional_formatting.add(
            ref,
            FormulaRule(
                formula=[f'LEFT({cell},{len(prefix)})="{prefix}"'],
                fill=PatternFill("solid", fgColor=colour, bgColor=colour),
            ),
        )


def _print_area(ws: Worksheet, body: F.Area) -> None:
    """The print area down to the signature block, and a page break right above the
    block when the form runs past one page (so the block is never split)."""
    from openpyxl.worksheet.pagebreak import Break, RowBreak

    from pyaddin.engine.print_layout import ROW_PT, signature_needs_break

    last = F.col_letter(F.column_index(F.PRINT_LAST_KEY) + 1)
    top = F.signature_top(body)
    ws.print_area = f"A1:{last}{top + F.SIGNATURE_HEIGHT - 1}"
    ws.row_breaks = RowBreak()
    if signature_needs_break([ROW_PT] * body.rows, int(ws.page_setup.paperSize or 9)):
        ws.row_breaks.append(Break(id=top - 1))


def _protect(ws: Worksheet) -> None:
    prot = ws.protection
    prot.sheet = True
    prot.password = F.SHEET_PASSWORD
    prot.formatColumns = prot.formatRows = prot.formatCells = False
    prot.selectLockedCells = prot.selectUnlockedCells = False


def write_signature(
    ws: Worksheet,
    body: F.Area,
    *,
    city: str,
    date_text: str,
    left: tuple[str, tuple[str, str]],
    right: tuple[str, tuple[str, str]],
) -> None:
    """The paper form's signature block below ``body``: Mengetahui (left), the date (right)."""
    top = F.signature_top(body)
    for col, heading, role, (name, nip) in (
        (F.SIGNATURE_LEFT_COL, "Mengetahui,", left[0], left[1]),
        (F.SIGNATURE_RIGHT_COL, f"{city}, {date_text}", right[0], right[1]),
    ):
        ws.cell(top, col, heading).font = S.NORMAL
        ws.cell(top + 1, col, role).font = S.NORMAL
        ws.cell(top + 5, col, name or "(" + "." * 30 + ")").font = S.SIGNER
        ws.cell(top + 6, col, f"NIP. {nip}" if nip else "NIP. " + "." * 20).font = S.NORMAL


def grow_body(book: Workbook, extra: int) -> F.Area:
    """Add ``extra`` pre-formatted rows to the body; returns the new body area."""
    ws = book[F.SHEET_FORM]
    old = _body(book)
    new = F.Area(old.sheet, old.first_row, old.first_col, old.last_row + extra, old.last_col)
    top = F.signature_top(old)
    ws.move_range(f"A{top}:{F.col_letter(old.last_col)}{top + F.SIGNATURE_HEIGHT}", rows=extra)
    style_rows(ws, old.last_row + 1, new.last_row)
    _define(book, F.NAME_DATA, new)
    for dv in ws.data_validations.dataValidation:
        letter = str(dv.sqref).split(":")[0].rstrip("0123456789")
        dv.sqref = f"{letter}{new.first_row}:{letter}{new.last_row}"
    rules: Any = ws.conditional_formatting
    saved = [(r.sqref, r.rules) for r in rules]
    ws.conditional_formatting = type(rules)()
    status = F.col_letter(F.column_index("status") + 1)
    for _, group in saved:
        for rule in group:
            ws.conditional_formatting.add(f"{status}{new.first_row}:{status}{new.last_row}", rule)
    _print_area(ws, new)
    return new


def _layout_table(ws: Worksheet, labels: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for index, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = ws.cell(1, index, label)
        cell.font, cell.fill, cell.border, cell.alignment = (
            S.BOLD,
            S.HEADER_FILL,
            S.BORDER,
            S.CENTER,
        )
        ws.column_dimensions[F.col_letter(index)].width = width
    ws.freeze_panes = "A2"


def _layout_settings(ws: Worksheet) -> None:
    ws.cell(1, 1, F.SETTINGS_TITLE).font = S.TITLE
    for label in F.SETTINGS_ROWS:
        ws.cell(F.setting_row(label), 1, label).font = S.BOLD
    for index, (label, width) in enumerate(
        zip(F.PEOPLE_COLUMNS, F.SETTINGS_WIDTHS, strict=True), start=1
    ):
        cell = ws.cell(F.PEOPLE_HEADER_ROW, index, label)
        cell.font, cell.fill, cell.border = S.BOLD, S.HEADER_FILL, S.BORDER
        ws.column_dimensions[F.col_letter(index)].width = width


def _write_settings(
    ws: Worksheet, config: OfficeConfig, unit: Subbagian | None, people: list[Pegawai]
) -> None:
    values = {
        F.SETTING_OFFICE: config.kantor.nama,
        F.SETTING_CITY: config.kantor.kota,
        F.SETTING_UNIT: unit.nama if unit else None,
        F.SETTING_BAGIAN: unit.bagian if unit else None,
        F.SETTING_CHAIN: ", ".join(config.approval_chain),
        F.SETTING_VERSION: F.TEMPLATE_VERSION,
        F.SETTING_SIGNING: config.tanda_tangan,
    }
    for label, value in values.items():
        ws.cell(F.setting_row(label), 2, value)
    for row in range(F.PEOPLE_HEADER_ROW + 1, ws.max_row + 1):
        for col in range(1, len(F.PEOPLE_COLUMNS) + 1):
            ws.cell(row, col).value = None
    for offset, person in enumerate(people, start=1):
        cells = (
            person.jabatan,
            person.nama,
            person.nip,
            person.username,
            person.subbagian or "",
            person.bagian or "",
            person.kunci_publik or "",
        )
        for col, value in enumerate(cells, start=1):
            cell = ws.cell(F.PEOPLE_HEADER_ROW + offset, col, value)
            cell.border = S.BORDER
            cell.number_format = "@"


def _write_reference(book: Workbook, config: OfficeConfig) -> None:
    ws = book[F.SHEET_REFERENCE]
    ref = config.referensi
    columns: list[list[Any]] = [
        list(ref.jenis),
        list(ref.satuan),
        list(ref.lokus),
        [k.kode for k in ref.kode],
        [k.pagu for k in ref.kode],
        [k.uraian for k in ref.kode],
    ]
    for row in range(2, ws.max_row + 1):
        for col in range(1, len(columns) + 1):
            ws.cell(row, col).value = None
    for col, values in enumerate(columns, start=1):
        for row, value in enumerate(values, start=2):
            cell = ws.cell(row, col, value)
            if col == 5:
                cell.number_format = '"Rp "#,##0'
    for col, name, values in (
        (1, F.NAME_LIST_JENIS, ref.jenis),
        (2, F.NAME_LIST_SATUAN, ref.satuan),
        (3, F.NAME_LIST_LOKUS, ref.lokus),
        (4, F.NAME_LIST_KODE, ref.kode),
    ):
        last = max(2, len(values) + 1)
        _define(book, name, F.Area(F.SHEET_REFERENCE, 2, col, last, col))
