"""A subbagian's clean copy of its approved form, for the archive and the
upload of SOP step 10: final rows only, no workflow columns, the signature
block filled with the approvers' names, NIP and dates from Riwayat."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyaddin.engine.audit import HISTORY_BROKEN, verify_form
from pyaddin.engine.config import OfficeConfig
from pyaddin.engine.errors import ActionRefused
from pyaddin.engine.messages import register
from pyaddin.engine.model import ACTION_APPROVE, FormData, approved_status
from pyaddin.outputs.report_style import MONEY, Formats, print_setup
from pyaddin.validators.form_rules import validate_form
from pyaddin.validators.row import Row
from pyaddin.validators.tanggal import format_tanggal, month_name

register(
    {
        "export.broken": (
            "Riwayat {file} rusak (lihat 'realisasi verify'); salinan arsip tidak dibuat "
            "karena persetujuannya tidak dapat dibuktikan.",
            "Riwayat of {file} is broken (see 'realisasi verify'); no archive copy was made "
            "because its approvals cannot be proven.",
        ),
    }
)

EXPORT_COLUMNS = (
    ("No.", 5),
    ("Kode", 26),
    ("Judul Kegiatan", 46),
    ("Sasaran/Volume", 14),
    ("Jenis Kegiatan", 20),
    ("Anggaran (Rp)", 17),
    ("Realisasi (Rp)", 17),
    ("Lokus", 18),
    ("Tanggal", 24),
)


@dataclass(frozen=True)
class Signer:
    jabatan: str
    nama: str
    nip: str
    waktu: dt.datetime | None


@dataclass
class ExportResult:
    rows: int
    left_out: int


def _signers(form: FormData, row_ids: set[str]) -> dict[str, Signer]:
    """The latest approver of each level among the exported rows."""
    signers: dict[str, Signer] = {}
    for entry in form.history:
        if entry.aksi != ACTION_APPROVE or entry.row_id not in row_ids:
            continue
        try:
            when = dt.datetime.fromisoformat(entry.waktu)
        except ValueError:
            when = None
        signers[entry.tahap] = Signer(entry.tahap, entry.oleh, entry.nip, when)
    return signers


def _day(signer: Signer | None) -> str:
    if signer is None or signer.waktu is None:
        return "." * 24
    day = signer.waktu.date()
    return f"{day.day} {month_name(day.month)} {day.year}"


def export_form(
    form: FormData, out: Path, paper: int = 9, office: OfficeConfig | None = None
) -> ExportResult:
    """Write the archive copy of ``form`` to ``out`` (an .xlsx) on ``paper``
    (Excel's code: 9 = A4, 14 = F4, from the office config)."""
    import xlsxwriter

    report = validate_form(form)
    audit = verify_form(form, report, office)
    if any(f.kind == HISTORY_BROKEN for f in audit.findings):
        raise ActionRefused("export.broken", file=form.file)
    final = approved_status(form.chain, len(form.chain) - 1)
    changed = audit.broken_rows()
    rows: list[tuple[int | None, Row]] = []
    ids: set[str] = set()
    for row in form.filled_rows():
        state = audit.states.get(row.row_id) if row.row_id else None
        valid = report.valid_rows.get(row.excel_row)
        signed = row.row_id not in audit.unsigned_rows
        if state and state.status == final and valid and row.excel_row not in changed and signed:
            rows.append((row.no, valid))
            ids.add(row.row_id)
    book = xlsxwriter.Workbook(str(out))
    book.set_properties(
        {
            "title": f"Realisasi Kegiatan {form.subbagian} {form.periode}",
            "author": form.office,
            "created": dt.datetime.combine(form.period, dt.time()),
        }
    )
    fmt = Formats(book)
    ws = book.add_worksheet("Realisasi")
    last = len(EXPORT_COLUMNS) - 1
    ws.merge_range(0, 0, 0, last, "REALISASI KEGIATAN BULANAN", fmt.title)
    ws.write(2, 1, "BULAN/TAHUN ANGGARAN", fmt.bold)
    ws.write(2, 2, f"{month_name(form.period.month)} {form.period.year}", fmt.bold)
    ws.write(3, 1, "PROVINSI BENGKULU", fmt.bold)
    ws.write(4, 1, "SUB BAGIAN", fmt.bold)
    ws.write(4, 2, form.subbagian, fmt.bold)
    header = 6
    for col, (label, width) in enumerate(EXPORT_COLUMNS):
        ws.write(header, col, label, fmt.header)
        ws.set_column(col, col, width)
    money = book.add_format(
        {
            "font_name": "Arial",
            "font_size": 9,
            "border": 1,
            "border_color": "#808080",
            "num_format": MONEY,
            "valign": "top",
        }
    )
    for offset, (no, data) in enumerate(rows, start=1):
        r = header + offset
        values: list[Any] = [
            no or offset,
            data.kode,
            data.judul,
            data.sasaran.canonical,
            data.jenis,
            data.anggaran,
            data.realisasi,
            data.lokus,
            format_tanggal(data.tanggal),
        ]
        for col, value in enumerate(values):
            ws.write(r, col, value, money if col in (5, 6) else fmt.cell)
    total = header + len(rows) + 1
    ws.merge_range(total, 0, total, 4, "Jumlah", fmt.grand_label)
    ws.write_number(total, 5, sum(d.anggaran for _, d in rows), fmt.grand_money)
    ws.write_number(total, 6, sum(d.realisasi for _, d in rows), fmt.grand_money)
    ws.write_blank(total, 7, None, fmt.grand_blank)
    ws.write_blank(total, 8, None, fmt.grand_blank)
    signers = _signers(form, ids)
    top = total + 2
    chain = form.chain
    left = signers.get(chain[1] if len(chain) > 2 else chain[-1])
    right = signers.get(chain[0])
    for col, heading, role, signer in (
        (2, "Mengetahui,", f"Kepala Bagian {form.bagian}", left),
        (6, f"{form.city}, {_day(right)}", f"Kepala Subbagian {form.subbagian}", right),
    ):
        ws.write(top, col, heading, fmt.text)
        ws.write(top + 1, col, role, fmt.text)
        ws.write(top + 5, col, signer.nama if signer else "(" + "." * 30 + ")", fmt.signer)
        ws.write(top + 6, col, f"NIP. {signer.nip}" if signer else "NIP.", fmt.text)
    top_signer = signers.get(chain[-1])
    if top_signer is not None:
        ws.write(
            top + 8, 0, f"Disetujui {chain[-1]}: {top_signer.nama}, {_day(top_signer)}.", fmt.text
        )
    print_setup(ws, header, last, paper)
    book.close()
    return ExportResult(rows=len(rows), left_out=len(form.filled_rows()) - len(rows))
