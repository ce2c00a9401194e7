"""The demo's planted forgeries: what someone with the workbook, a copy of the
format and no key could do — and what the signatures then show in ``Masalah``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pyaddin.engine import form as F
from pyaddin.engine.hash_chain import entry_hash, genesis, row_fields, row_hash
from pyaddin.files.form_file import FileForm
from pyaddin.files.reader import read_form_file
from pyaddin.validators.form_rules import validate_form


def recompute_everything(path: Path, index: int, key: str, value: Any) -> None:
    """Edit an approved row, then recompute every row hash, entry hash and the head
    (this passes a chain without keys; the old signatures no longer match)."""
    with FileForm(path) as form:
        form.write_values({(F.ROW_BODY + index, key): value})
        form.commit()
    data = read_form_file(path)
    report = validate_form(data)
    hashes = {
        r.row_id: row_hash(row_fields(r, report.valid_rows.get(r.excel_row)))
        for r in data.rows
        if r.row_id
    }
    previous = genesis(data.periode, data.subbagian)
    with FileForm(path) as form:
        history = form.sheet(F.SHEET_HISTORY)
        for entry in data.history:
            entry.hash_baris = hashes[entry.row_id]
            entry.hash_sebelumnya = previous
            entry.hash_entri = entry_hash(entry, previous)
            previous = entry.hash_entri
            for col, cell in enumerate(entry.cells(), start=1):
                history.set_value(entry.sheet_row, col, cell)
        sheet, row, col = data.head_cell
        form.sheet(sheet).set_value(row, col, previous)
        form.commit()


def promote_in_settings(path: Path, username: str, jabatan: str) -> None:
    """Change a person's jabatan in the workbook's own Pengaturan."""
    data = read_form_file(path)
    with FileForm(path) as form:
        for offset, person in enumerate(data.people, start=1):  # the table, in order
            if person.username == username:
                form.sheet(F.SHEET_SETTINGS).set_value(F.PEOPLE_HEADER_ROW + offset, 1, jabatan)
        form.commit()
