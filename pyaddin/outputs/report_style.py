"""How the office's reports look: cell formats, print set-up, row heights and
the head of a listing, shared by the monthly report, the year view and the
archive copy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pyaddin.validators.tanggal import month_name

MONEY = '"Rp "#,##0'
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}  # triwulan


def date_id(day: dt.date) -> str:
    """``25 November 2026``."""
    return f"{day.day} {month_name(day.month)} {day.year}"


class Formats:
    """The report's cell formats (the year view uses the same)."""

    def __init__(self, book: Any) -> None:
        base = {"font_name": "Arial", "font_size": 9, "valign": "top"}
        cell = {**base, "border": 1, "border_color": "#808080"}

        def add(common: dict[str, Any], **props: Any) -> Any:
            return book.add_format({**common, **props})

        self.title = add(base, font_size=13, bold=True, align="center")
        self.heading = add(base, font_size=12, bold=True)
        self.subtitle = add(base, bold=True, align="center")
        self.text = add(base)
        self.bold = add(base, bold=True)
        self.signer = add(base, bold=True, underline=1)
        self.header = add(
            cell, bold=True, bg_color="#D9E1F2", align="center", valign="vcenter", text_wrap=True
        )
        self.cell = add(cell, text_wrap=True)
        self.center = add(cell, align="center")
        self.money = add(cell, num_format=MONEY)
        self.pct = add(cell, num_format="0.0")
        self.pct2 = add(cell, num_format="0.00")
        self.group = add(cell, bold=True, bg_color="#F2F2F2")
        self.sub_label = add(cell, bold=True, align="right")
        self.sub_money = add(cell, bold=True, num_format=MONEY)
        self.sub_pct = add(cell, bold=True, num_format="0.0")
        self.sub_blank = add(cell, bold=True)
        self.grand_label = add(cell, bold=True, align="right", bg_color="#D9E1F2")
        self.grand_money = add(cell, bold=True, num_format=MONEY, bg_color="#D9E1F2")
        self.grand_pct = add(cell, bold=True, num_format="0.0", bg_color="#D9E1F2")
        self.grand_pct2 = add(cell, bold=True, num_format="0.00", bg_color="#D9E1F2")
        self.grand_blank = add(cell, bold=True, bg_color="#D9E1F2")
        self.flag = add(cell, bold=True, font_color="#9C0006", bg_color="#FFC7CE")
        self.ok = add(cell, font_color="#006100", bg_color="#C6EFCE")
        self.pending = add(cell, italic=True, font_color="#7F6000", bg_color="#FFF2CC")


def fit_height(ws: Any, row: int, cells: list[tuple[str, float]]) -> None:
    """Set a row's height for its longest wrapped text (readers do not all autofit);
    the same estimate as the form's (:mod:`pyaddin.engine.print_layout`)."""
    from pyaddin.engine.print_layout import ROW_PT, text_height

    height = text_height(cells)
    if height > ROW_PT:
        ws.set_row(row, height)


def print_setup(ws: Any, header_row: int | None, last_col: int, paper: int = 9) -> None:
    """Landscape, fit to width, header rows repeated; ``paper``: 9 = A4, 14 = Folio (F4)."""
    ws.set_landscape()
    ws.set_paper(paper)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&CHalaman &P dari &N")
    if header_row is not None:
        ws.repeat_rows(header_row)


def listing(ws: Any, fmt: Formats, title: str, labels: tuple[tuple[str, int], ...]) -> None:
    """Title in A1, column labels and widths in row 3: the head of Masalah and Sumber."""
    ws.write(0, 0, title, fmt.bold)
    for col, (label, width) in enumerate(labels):
        ws.write(2, col, label, fmt.header)
        ws.set_column(col, col, width)
