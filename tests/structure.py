"""Describe a workbook's structure as plain data for golden-file comparison.

Values that change run to run (timestamps, row IDs, hashes, file names) are
left out; what a person or a tool relies on (sheets, labels, names,
validations, formats, print setup, protection) is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook


def _cells(ws: Any, max_row: int, max_col: int) -> dict[str, Any]:
    out = {}
    for row in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
        for cell in row:
            if cell.value is not None:
                out[cell.coordinate] = str(cell.value)
    return out


def template_structure(path: Path) -> dict[str, Any]:
    book = load_workbook(path, keep_vba=True)
    data: dict[str, Any] = {
        "sheets": book.sheetnames,
        "names": {n: d.attr_text for n, d in sorted(book.defined_names.items())},
    }
    for ws in book.worksheets:
        sheet: dict[str, Any] = {
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "protected": bool(ws.protection.sheet),
            "widths": {k: v.width for k, v in sorted(ws.column_dimensions.items()) if v.width},
            "hidden_columns": sorted(k for k, v in ws.column_dimensions.items() if v.hidden),
            "validations": sorted(
                (str(dv.sqref), dv.type, dv.formula1, dv.errorStyle)
                for dv in ws.data_validations.dataValidation
            ),
            "conditional": sorted(
                (str(rng.sqref), rule.formula[0])
                for rng in ws.conditional_formatting
                for rule in rng.rules
            ),
            "print": {
                "orientation": ws.page_setup.orientation,
                "paper": ws.page_setup.paperSize,
                "fit_width": ws.page_setup.fitToWidth,
                "fit_height": ws.page_setup.fitToHeight,
                "title_rows": ws.print_title_rows,
                "area": ws.print_area,
            },
            "cells": _cells(ws, min(ws.max_row, 70), 12),
        }
        if ws.title == "Realisasi":
            sheet["body_formats"] = [ws.cell(8, c).number_format for c in range(1, 13)]
            sheet["body_unlocked"] = [not ws.cell(8, c).protection.locked for c in range(1, 13)]
            sheet["period_format"] = ws["C3"].number_format
        data[ws.title] = sheet
    return data
