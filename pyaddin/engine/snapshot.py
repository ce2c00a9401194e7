"""Read a form from a grid of cell values (whichever library produced it).

A :class:`Grid` is what an adapter gives: each sheet's values from A1, and the
workbook's defined names. :func:`read_form` finds everything by the contract —
defined names, header labels, setting labels — and says precisely what is
missing when a workbook is not our form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from pyaddin.engine import form as F
from pyaddin.engine.defaults import DEFAULT_CHAIN, DEFAULT_JENIS, DEFAULT_SATUAN, KABUPATEN_KOTA
from pyaddin.engine.errors import FileError
from pyaddin.engine.messages import register
from pyaddin.engine.model import FormData, FormRow, HistoryEntry, KodeInfo, Lists, Person
from pyaddin.validators.tanggal import from_excel_serial

register(
    {
        "snap.no_sheet": ("lembar '{sheet}' tidak ada", "sheet '{sheet}' is missing"),
        "snap.no_name": ("nama '{name}' tidak ada", "defined name '{name}' is missing"),
        "snap.bad_name": (
            "nama '{name}' tidak menunjuk ke sel yang benar ({ref})",
            "defined name '{name}' does not point to a valid cell ({ref})",
        ),
        "snap.no_column": (
            "kolom '{label}' tidak ditemukan di baris judul tabel (baris {row})",
            "column '{label}' was not found in the table header (row {row})",
        ),
        "snap.bad_period": (
            "RK_PERIODE ({ref}) bukan tanggal bulan laporan",
            "RK_PERIODE ({ref}) is not the report month's date",
        ),
        "snap.no_unit": ("SUB BAGIAN ({ref}) kosong", "SUB BAGIAN ({ref}) is empty"),
        "snap.merged": (
            "Berkas {file} berisi sel gabungan ({ref}) di tabel isian; pisahkan dulu sel itu "
            "(Beranda > Gabungkan & Tengahkan > Pisahkan Sel), lalu coba lagi.",
            "File {file} has merged cells ({ref}) in the table body; unmerge them first "
            "(Home > Merge & Center > Unmerge Cells), then try again.",
        ),
    }
)


@dataclass
class Grid:
    """Cell values of a workbook: ``sheets[name][row][col]`` from A1, 0-based.
    ``history``: Riwayat's entries when the adapter read them itself (its sheet is
    then not among ``sheets``)."""

    file: str
    sheets: dict[str, list[list[Any]]]
    names: dict[str, str]
    merged: dict[str, list[F.Area]] = field(default_factory=dict)
    history: list[HistoryEntry] | None = None

    def value(self, sheet: str, row: int, col: int) -> Any:
        """Value at 1-based ``row``/``col`` (None outside the sheet's data)."""
        rows = self.sheets.get(sheet, [])
        if row - 1 >= len(rows) or row < 1:
            return None
        cells = rows[row - 1]
        return _clean(cells[col - 1]) if 0 < col <= len(cells) else None

    def area(self, name: str) -> F.Area:
        ref = self.names.get(name)
        if ref is None:
            raise FileError("file.not_form", file=self.file, detail=_t("snap.no_name", name=name))
        area = F.parse_area(ref)
        if area is None or area.sheet not in self.sheets:
            detail = _t("snap.bad_name", name=name, ref=ref)
            raise FileError("file.not_form", file=self.file, detail=detail)
        return area


def _t(key: str, **params: Any) -> str:
    from pyaddin.engine.messages import t

    return t(key, **params)


def _clean(value: Any) -> Any:
    if isinstance(value, str) and value == "":
        return None
    return value


def read_form(grid: Grid) -> FormData:
    """Build the engine's :class:`FormData` from ``grid``; FileError if not our form."""
    for sheet in F.SHEETS:
        if sheet not in grid.sheets and not (sheet == F.SHEET_HISTORY and grid.history is not None):
            detail = _t("snap.no_sheet", sheet=sheet)
            raise FileError("file.not_form", file=grid.file, detail=detail)
    for name in F.REQUIRED_NAMES:
        grid.area(name)
    version = str(_single(grid, F.NAME_VERSION) or "").strip()
    _check_version(grid.file, version)
    period = _period(grid)
    unit_area = grid.area(F.NAME_UNIT)
    subbagian = str(_single(grid, F.NAME_UNIT) or "").strip()
    if not subbagian:
        detail = _t("snap.no_unit", ref=unit_area.ref)
        raise FileError("file.not_form", file=grid.file, detail=detail)
    body = grid.area(F.NAME_DATA)
    for area in grid.merged.get(body.sheet, []):
        if area.first_row <= body.last_row and area.last_row >= body.first_row:
            raise FileError("snap.merged", file=grid.file, ref=area.ref)
    columns = _columns(grid, body)
    rows = _body_rows(grid.sheets[body.sheet], body, columns)
    _number_rows(rows)
    outside = _outside_cells(grid, body)
    settings = _settings(grid)
    head = _head_cell(grid)
    chain_text = str(settings.get(F.SETTING_CHAIN) or "")
    chain = [p.strip() for p in chain_text.replace(">", ",").split(",") if p.strip()]
    return FormData(
        file=grid.file,
        period=period,
        subbagian=subbagian,
        bagian=str(settings.get(F.SETTING_BAGIAN) or ""),
        chain=chain or list(DEFAULT_CHAIN),
        version=version,
        rows=rows,
        history=_history(grid),
        people=_people(grid),
        lists=_lists(grid),
        head_hash=str(grid.value(*head) or "").strip(),
        head_cell=head,
        office=str(settings.get(F.SETTING_OFFICE) or ""),
        city=str(settings.get(F.SETTING_CITY) or "Bengkulu"),
        body_first_row=body.first_row,
        body_last_row=body.last_row,
        outside=outside,
        sheet_rows=len(grid.sheets[body.sheet]),
        signature_row=_signature_row(grid, body),
        signing="wajib"
        if str(settings.get(F.SETTING_SIGNING) or "").strip() == "wajib"
        else "anjuran",
    )


def _single(grid: Grid, name: str) -> Any:
    area = grid.area(name)
    return grid.value(area.sheet, area.first_row, area.first_col)


def _check_version(file: str, version: str) -> None:
    def major(v: str) -> int:
        head = v.split(".", 1)[0]
        return int(head) if head.isdigit() else 0

    if major(version) > major(F.TEMPLATE_VERSION):
        raise FileError("file.future_version", file=file, version=version, ours=F.TEMPLATE_VERSION)


def _period(grid: Grid) -> dt.date:
    value = _single(grid, F.NAME_PERIOD)
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 < value < 2958466:
        return from_excel_serial(value).replace(day=1)
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).replace(day=1)
        except ValueError:
            try:
                return dt.date.fromisoformat(value.strip()[:7] + "-01")
            except ValueError:
                pass
    ref = grid.area(F.NAME_PERIOD).ref
    raise FileError("file.not_form", file=grid.file, detail=_t("snap.bad_period", ref=ref))


def _columns(grid: Grid, body: F.Area) -> dict[str, int]:
    header_row = body.first_row - 1
    found: dict[str, int] = {}
    for c in range(1, max(body.last_col, len(F.COLUMNS)) + 1):
        text = grid.value(body.sheet, header_row, c)
        for column in F.COLUMNS:
            if column.key not in found and F.match_label(text, column.label):
                found[column.key] = c
                break
    for column in F.COLUMNS:
        if column.key not in found and column.key in (*F.BUSINESS_KEYS, "no", "status"):
            detail = _t("snap.no_column", label=column.label, row=header_row)
            raise FileError("file.not_form", file=grid.file, detail=detail)
    return found


def _body_rows(sheet_rows: list[list[Any]], body: F.Area, columns: dict[str, int]) -> list[FormRow]:
    """The body's rows, each cell by column key ("" read as blank)."""
    keys = tuple(columns)
    wanted = [c - 1 for c in columns.values()]
    width = max(wanted) + 1
    pick = itemgetter(*wanted) if len(wanted) > 1 else (lambda raw: (raw[wanted[0]],))
    rows = []
    for r in range(body.first_row, body.last_row + 1):
        raw = sheet_rows[r - 1] if r - 1 < len(sheet_rows) else []
        if len(raw) < width:  # a short row (another reader): pad it with blanks
            raw = [*raw, *([None] * (width - len(raw)))]
        values = dict(zip(keys, [None if v == "" else v for v in pick(raw)], strict=True))
        rows.append(FormRow(r, values))
    return rows


def _number_rows(rows: list[FormRow]) -> None:
    """A filled row without a usable No. takes its position in the body."""
    for position, row in enumerate(rows, start=1):
        if row.no is None and not row.is_empty():
            row.values["no"] = position


def _history(grid: Grid) -> list[HistoryEntry]:
    if grid.history is not None:
        return grid.history
    entries = []
    rows = grid.sheets.get(F.SHEET_HISTORY, [])
    width = len(F.HISTORY_COLUMNS)
    strip = str.strip
    for index, raw in enumerate(rows[1:], start=2):
        try:  # the usual row: text in every column but No.; calamine gives "" for blanks
            text = [*map(strip, raw[0:2]), "", *map(strip, raw[3:width])]
        except TypeError:  # a number or date where text belongs
            text = [
                v.strip() if isinstance(v, str) else ("" if v is None else _text(v))
                for v in raw[:width]
            ]
        if not any(text) and (len(raw) < 3 or raw[2] in ("", None)):
            continue
        text += [""] * (width - len(text))
        no = raw[2] if len(raw) > 2 else None
        number = int(no) if isinstance(no, (int, float)) and not isinstance(no, bool) else None
        entries.append(  # positional, in Riwayat's column order: a month reads thousands
            HistoryEntry(
                text[0],
                text[1],
                number,
                text[3],
                text[4],
                text[5],
                text[6],
                text[7],
                text[8],
                text[9],
                text[10],
                text[11],
                index,
            )
        )
    return entries


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value).strip()


def _settings(grid: Grid) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    rows = grid.sheets.get(F.SHEET_SETTINGS, [])
    for r in range(1, len(rows) + 1):
        label = grid.value(F.SHEET_SETTINGS, r, 1)
        if isinstance(label, str) and label.strip() in F.SETTINGS_ROWS:
            settings[label.strip()] = grid.value(F.SHEET_SETTINGS, r, 2)
    return settings


def _signing(settings: dict[str, Any]) -> str:
    """``wajib`` when Pengaturan says signatures are required, else ``anjuran``."""
    value = str(settings.get(F.SETTING_SIGNING) or "").strip().casefold()
    return "wajib" if value == "wajib" else "anjuran"


def _signature_row(grid: Grid, body: F.Area) -> int:
    """The first row of the signature block: its heading below the body, else where
    the template puts it."""
    rows = grid.sheets.get(body.sheet, [])
    for r in range(body.last_row + 1, len(rows) + 1):
        heading = grid.value(body.sheet, r, F.SIGNATURE_LEFT_COL)
        if isinstance(heading, str) and heading.strip().startswith(F.SIGNATURE_HEADING):
            return r
    return F.signature_top(body)


def _outside_cells(grid: Grid, body: F.Area) -> list[tuple[int, int, Any]]:
    """Filled cells of the table's columns that are neither in the body nor the
    form's own (title, labels, values, header row, signature block): what a
    person typed outside the table, which nothing else would read."""
    rows = grid.sheets.get(body.sheet, [])
    width = max(body.last_col, len(F.COLUMNS))
    top = _signature_row(grid, body)
    signature = range(top, top + F.SIGNATURE_HEIGHT)
    found = []
    for r, raw in enumerate(rows, start=1):
        if body.first_row <= r <= body.last_row or r == body.first_row - 1:
            continue
        for c, value in enumerate(raw[:width], start=1):
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if r < body.first_row and c <= F.HEADER_OWN_COLS:
                continue
            if r in signature and c in (F.SIGNATURE_LEFT_COL, F.SIGNATURE_RIGHT_COL):
                continue
            found.append((r, c, value))
    return found


def _head_cell(grid: Grid) -> tuple[str, int, int]:
    """Where the chain head lives: the defined name ``RK_RIWAYAT_AKHIR``, else the
    value cell of the ``Hash Riwayat Terakhir`` row of Pengaturan. Both adapters
    read and write it here, and nowhere else."""
    ref = grid.names.get(F.NAME_HEAD)
    area = F.parse_area(ref, F.SHEET_SETTINGS) if ref else None
    if area is not None and area.sheet in grid.sheets:
        return (area.sheet, area.first_row, area.first_col)
    rows = grid.sheets.get(F.SHEET_SETTINGS, [])
    for r in range(1, len(rows) + 1):
        label = grid.value(F.SHEET_SETTINGS, r, 1)
        if isinstance(label, str) and label.strip() == F.SETTING_HEAD:
            return (F.SHEET_SETTINGS, r, 2)
    return F.setting_cell(F.SETTING_HEAD)


def _people(grid: Grid) -> list[Person]:
    rows = grid.sheets.get(F.SHEET_SETTINGS, [])
    header = next(
        (r for r in range(1, len(rows) + 1) if grid.value(F.SHEET_SETTINGS, r, 1) == "Jabatan"),
        None,
    )
    if header is None:
        return []
    people = []
    for r in range(header + 1, len(rows) + 1):
        cells = [grid.value(F.SHEET_SETTINGS, r, c) for c in range(1, len(F.PEOPLE_COLUMNS) + 1)]
        if not cells[0] or not cells[1]:
            continue
        text = ["" if v is None else _text(v) for v in cells]
        people.append(Person(*text))
    return people


def _lists(grid: Grid) -> Lists:
    rows = grid.sheets.get(F.SHEET_REFERENCE, [])

    def column(label: str) -> list[Any]:
        col = next(
            (
                c
                for c in range(1, len(F.REFERENCE_COLUMNS) + 3)
                if F.match_label(grid.value(F.SHEET_REFERENCE, 1, c), label)
            ),
            None,
        )
        if col is None:
            return []
        return [grid.value(F.SHEET_REFERENCE, r, col) for r in range(2, len(rows) + 1)]

    def texts(label: str, default: tuple[str, ...]) -> list[str]:
        values = [_text(v) for v in column(label) if v is not None and _text(v)]
        return values or list(default)

    kode: list[KodeInfo] = []
    for k, pagu, uraian in zip(column("Kode"), column("Pagu"), column("Uraian"), strict=False):
        if k is None or not _text(k):
            continue
        amount = (
            int(pagu) if isinstance(pagu, (int, float)) and not isinstance(pagu, bool) else None
        )
        kode.append(KodeInfo(_text(k), amount, _text(uraian) if uraian else ""))
    return Lists(
        jenis=texts("Jenis Kegiatan", DEFAULT_JENIS),
        satuan=texts("Satuan", DEFAULT_SATUAN),
        lokus=texts("Lokus", KABUPATEN_KOTA),
        kode=kode,
    )
