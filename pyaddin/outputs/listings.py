"""The two listings every report ends with: ``Masalah`` (every problem, one row
each) and ``Sumber`` (every file read: name, SHA-256, subbagian, what it
counted). The year view adds a leading ``Bulan`` column to both."""

from __future__ import annotations

from typing import Any

from pyaddin.engine.consolidate import Problem, WorkbookSummary
from pyaddin.outputs.report_style import Formats, fit_height, listing, print_setup


def write_problems(
    ws: Any, fmt: Formats, title: str, problems: list[Problem], months: list[str] | None = None
) -> None:
    """``Masalah``: No., [Bulan,] Berkas, Subbagian, Baris, Jenis, Keterangan."""
    lead = [("Bulan", 14)] if months is not None else []
    labels = (("No.", 5), *lead, ("Berkas", 34), ("Subbagian", 30), ("Baris", 7))
    labels += (("Jenis", 26), ("Keterangan", 80))
    listing(ws, fmt, title, labels)
    first = 1 + len(lead)
    for number, problem in enumerate(problems, start=1):
        row = 2 + number
        ws.write_number(row, 0, number, fmt.center)
        if months is not None:
            ws.write_string(row, 1, months[number - 1], fmt.cell)
        ws.write_string(row, first, problem.file, fmt.cell)
        ws.write_string(row, first + 1, problem.subbagian, fmt.cell)
        if problem.row is None:
            ws.write_blank(row, first + 2, None, fmt.cell)
        else:
            ws.write_number(row, first + 2, problem.row, fmt.center)
        ws.write_string(row, first + 3, problem.kind, fmt.cell)
        ws.write_string(row, first + 4, problem.message, fmt.cell)
        fit_height(ws, row, [(problem.message, 80), (problem.file, 34), (problem.subbagian, 30)])
    if not problems:
        ws.write(3, 0, "Tidak ada masalah.", fmt.text)
    ws.autofilter(2, 0, 2 + max(1, len(problems)), len(labels) - 1)
    ws.freeze_panes(3, 0)
    print_setup(ws, 2, len(labels) - 1)


def write_sources(
    ws: Any,
    fmt: Formats,
    title: str,
    books: list[WorkbookSummary],
    months: list[str] | None = None,
) -> None:
    """``Sumber``: [Bulan,] Berkas, SHA-256, Subbagian, and what each file counted."""
    lead = [("Bulan", 10)] if months is not None else []
    labels = (*lead, ("Berkas", 46), ("SHA-256", 66), ("Subbagian", 30), ("Baris Terisi", 10))
    labels += (("Final", 8), ("Belum Final", 10), ("Entri Riwayat", 10), ("Dihitung", 9))
    listing(ws, fmt, title, labels)
    for index, book in enumerate(books):
        values: tuple[str | int, ...] = (
            book.file,
            book.sha256,
            book.subbagian,
            book.rows,
            book.approved,
            book.pending,
            book.entries,
            "Ya" if book.counted else "Tidak",
        )
        if months is not None:
            values = (months[index], *values)
        for col, value in enumerate(values):
            if isinstance(value, int):
                ws.write_number(3 + index, col, value, fmt.center)
            else:
                ws.write_string(3 + index, col, value, fmt.cell)
        fit_height(ws, 3 + index, [(book.file, 46), (book.subbagian, 30)])
    ws.freeze_panes(3, 0)
    print_setup(ws, 2, len(labels) - 1)
