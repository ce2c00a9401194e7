"""One behaviour suite, run through every adapter.

``files``: the command line on a file (the file adapter); ``excel``: the ribbon
macros on xlwings' remote engine standing in for Excel (the live adapter), with
the queued actions played back as Excel and RK_Helper would; ``server``: the
ribbon of a server form, through the office server's app as the VBA client
posts to it. The same steps
must leave the same cells, statuses, notes and ``Riwayat``, and show the person
the same sentence (a CLI line, a message box).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar, Protocol

import pytest
from openpyxl import load_workbook
from openpyxl.styles import PatternFill

from pyaddin import macros
from pyaddin.engine import form as F
from pyaddin.engine.audit import verify_form
from pyaddin.engine.model import STATUS_SEPARATOR
from pyaddin.files.reader import read_form_file
from tests.helpers import GOOD_ROW, cli, fill, good_rows, make_form
from tests.remote import apply_actions, bridge_calls, open_remote

USER_FILL = "FF00B0F0"  # a highlight the person chose


class Driver(Protocol):
    """A front end: each step returns the sentence shown to the person."""

    def validate(self, path: Path) -> str: ...
    def act(self, path: Path, action: str, who: str, rows: list[int], note: str = "") -> str: ...
    def add_rows(self, path: Path, count: int) -> str: ...


class Terminal:
    """The CLI in-process; the sentence is its last line (stderr on a refusal)."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def _run(self, *args: Any) -> str:
        run = cli(self.capsys, *args)
        return (run.out.strip().splitlines() or [""])[-1] if run.code == 0 else run.err.strip()

    def validate(self, path: Path) -> str:
        run = cli(self.capsys, "validate", path, "--mark")
        return run.out.strip().splitlines()[-2]  # the verdict, before "marks written"

    def act(self, path: Path, action: str, who: str, rows: list[int], note: str = "") -> str:
        args: list[Any] = [action, path, "--by", who]
        if rows:
            args += ["--rows", ",".join(map(str, rows))]
        elif action == "approve":
            args.append("--all")
        if note:
            args += ["--note", note]
        return self._run(*args)

    def add_rows(self, path: Path, count: int) -> str:
        return self._run("tambah-baris", path, count)


class Ribbon:
    """The macros on the remote engine; the sentence is the message box's."""

    MACROS: ClassVar[dict[str, str]] = {
        "submit": "ajukan",
        "approve": "setujui_terpilih",
        "return": "kembalikan",
    }

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.calls: list[int] = []

    def click(self, path: Path, name: str, user: str, selection: str = "A1") -> str:
        self.monkeypatch.setenv("RK_USER", user)
        book = open_remote(path, selection)
        with bridge_calls() as counts:
            getattr(macros, name)(book)
        self.calls.append(sum(counts.values()))
        alerts = apply_actions(path, book.json()["actions"])
        assert len(alerts) == 1, alerts
        return alerts[0].split("\n\n")[0]  # a warning may follow the sentence

    def validate(self, path: Path) -> str:
        return self.click(path, "validasi", "rina").split(" Sel yang salah")[0]

    def act(self, path: Path, action: str, who: str, rows: list[int], note: str = "") -> str:
        if note:  # what the InputBox stores in RK_MASUKAN
            book = open_remote(path)
            book.names[F.NAME_INPUT].refers_to_range.value = note
            apply_actions(path, book.json()["actions"])
        name = self.MACROS[action]
        if action == "approve" and not rows:
            name = "setujui_semua"
        selection = f"C{F.ROW_BODY + min(rows) - 1}:C{F.ROW_BODY + max(rows) - 1}" if rows else "A1"
        return self.click(path, name, who, selection)

    def add_rows(self, path: Path, count: int) -> str:
        assert count == macros.ROWS_PER_CLICK
        return self.click(path, "tambah_baris", "rina")


class Served(Ribbon):
    """The ribbon of a server form: the office server's app, each press posted as
    xlwings' VBA client posts it (only the sheets that button sends, blanks as
    null, 18-digit NIPs as bare numbers), with the person's token; the answer's
    actions replayed as the client and RK_ServerAksi would."""

    def click(self, path: Path, name: str, user: str, selection: str = "A1") -> str:
        from tests.served import press

        self.monkeypatch.setenv("RK_USER", "ahmad.fauzi")  # the server's own user never acts
        alerts = press(path, name, user, selection)
        assert len(alerts) == 1, alerts
        return alerts[0].split("\n\n")[0]


@pytest.fixture(params=["files", "excel", "server"])
def driver(
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Driver]:
    drivers = {"files": lambda: Terminal(capsys), "excel": lambda: Ribbon(monkeypatch)}
    drivers["server"] = lambda: Served(monkeypatch)
    yield drivers[request.param]()


def cells(path: Path) -> dict[str, Any]:
    """What a person sees on the form: values, notes and mark fills of the body."""
    book = load_workbook(path)
    ws = book[F.SHEET_FORM]
    body = F.parse_area(book.defined_names[F.NAME_DATA].attr_text)
    assert body is not None
    seen: dict[str, Any] = {}
    for row in range(body.first_row, body.last_row + 1):
        for col in range(1, len(F.COLUMNS) + 1):
            cell = ws.cell(row, col)
            key = cell.coordinate
            value = cell.value
            if isinstance(value, str) and STATUS_SEPARATOR in value:
                value = value.split(STATUS_SEPARATOR)[0]  # who and when differ by a minute
            if value is not None:
                seen[key] = value
            if cell.comment is not None:
                seen[key + "!note"] = cell.comment.text
            if cell.fill is not None and cell.fill.fill_type == "solid":
                seen[key + "!fill"] = cell.fill.fgColor.rgb[-6:]
            if col <= 9:
                seen[key + "!locked"] = bool(cell.protection.locked)
    return seen


def history(path: Path) -> list[tuple[str, str, str, int | None, str]]:
    return [(e.aksi, e.tahap, e.oleh, e.no, e.catatan) for e in read_form_file(path).history]


def test_the_same_month_through_every_adapter(
    tmp_path: Path, driver: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_form(tmp_path)
    rows = [
        {**GOOD_ROW, "jenis": "rapat koordinasi", "anggaran": "Rp 1.500.000"},
        {**GOOD_ROW, "lokus": "Palembang", "judul": "b"},
        *good_rows(2)[1:],
    ]
    fill(path, rows)
    book = load_workbook(path, keep_vba=True)
    book[F.SHEET_FORM]["C10"].fill = PatternFill("solid", fgColor=USER_FILL)
    book[F.SHEET_FORM]["A8"] = "1."  # No. typed with a full stop
    book.save(path)

    said = [driver.validate(path)]
    marked = cells(path)
    assert marked["H9!fill"] == F.COLOR_ERROR and "Palembang" in marked["H9!note"]
    assert marked["E8"] == "Rapat Koordinasi" and marked["F8"] == 1_500_000
    assert marked["C10!fill"] == USER_FILL[-6:]  # the person's own highlight stays

    said.append(driver.act(path, "submit", "rina", [2]))  # refused: No. 2 is invalid
    fill(path, [{"lokus": "Kota Bengkulu"}], start=1)
    said.append(driver.validate(path))
    assert "H9!fill" not in cells(path) and cells(path)["C10!fill"] == USER_FILL[-6:]
    said.append(driver.act(path, "submit", "rina", []))
    said.append(driver.act(path, "approve", "hendra", [1]))  # out of order: refused
    said.append(driver.act(path, "approve", "siti", [1, 2]))
    said.append(driver.act(path, "return", "siti", [3], "Lampirkan daftar hadir"))
    said.append(driver.act(path, "approve", "siti", []))
    said.append(driver.act(path, "approve", "hendra", []))
    said.append(driver.add_rows(path, 10))

    assert said == [
        "1 kesalahan dan 0 peringatan pada 3 baris terisi.",
        "Ditolak, tidak ada yang diubah: No. 2 belum valid (Lokus).",
        "Semua 3 baris terisi valid. Tekan Ajukan untuk mengirim ke Kasubbag.",
        "Diajukan: 3 baris (1, 2, 3) oleh Rina Marlina; Riwayat +3 entri",
        "Ditolak, tidak ada yang diubah: No. 1 masih menunggu Kasubbag, bukan Kabag.",
        "Disetujui: 2 baris (1, 2) oleh Siti Aminah, S.E.; Riwayat +2 entri",
        "Dikembalikan: 1 baris (3) oleh Siti Aminah, S.E.; Riwayat +1 entri",
        "Siti Aminah, S.E.: tidak ada baris yang dapat disetujui pada tahap ini",
        "Disetujui: 2 baris (1, 2) oleh Hendra Saputra, S.E., M.M.; Riwayat +2 entri",
        "10 baris kosong ditambahkan; tabel kini 60 baris.",
    ]
    form = read_form_file(path)
    assert [r.status for r in form.filled_rows()] == [
        "DISETUJUI KABAG",
        "DISETUJUI KABAG",
        "DIKEMBALIKAN",
    ]
    assert history(path) == [
        ("AJUKAN", "Petugas", "Rina Marlina", 1, ""),
        ("AJUKAN", "Petugas", "Rina Marlina", 2, ""),
        ("AJUKAN", "Petugas", "Rina Marlina", 3, ""),
        ("SETUJUI", "Kasubbag", "Siti Aminah, S.E.", 1, ""),
        ("SETUJUI", "Kasubbag", "Siti Aminah, S.E.", 2, ""),
        ("KEMBALIKAN", "Kasubbag", "Siti Aminah, S.E.", 3, "Lampirkan daftar hadir"),
        ("SETUJUI", "Kabag", "Hendra Saputra, S.E., M.M.", 1, ""),
        ("SETUJUI", "Kabag", "Hendra Saputra, S.E., M.M.", 2, ""),
    ]
    assert verify_form(form).ok
    assert form.head_hash == form.history[-1].hash_entri
    final = cells(path)
    assert final["A8"] == 1  # "1." normalised by the first action on the row
    assert final["A8!locked"] and final["C9!locked"] and not final["C10!locked"]
    assert final["K10"] == "Lampirkan daftar hadir"
    assert final["C10!fill"] == USER_FILL[-6:]
    assert form.body_last_row == F.ROW_BODY + 59
    if type(driver) is Ribbon:  # a server press is one request, not Excel calls
        assert max(driver.calls) <= 60, driver.calls


def test_the_chain_head_is_where_the_defined_name_says(tmp_path: Path, driver: Driver) -> None:
    """Both adapters read and write the head through RK_RIWAYAT_AKHIR, wherever it points."""
    path = make_form(tmp_path)
    fill(path, good_rows(2))
    book = load_workbook(path, keep_vba=True)
    book.defined_names[F.NAME_HEAD].attr_text = f"{F.SHEET_SETTINGS}!$H$2"
    book.save(path)
    driver.act(path, "submit", "rina", [])
    form = read_form_file(path)
    assert form.head_cell == (F.SHEET_SETTINGS, 2, 8)
    assert load_workbook(path)[F.SHEET_SETTINGS]["H2"].value == form.history[-1].hash_entri
    assert verify_form(form).ok


def test_dates_keep_their_meaning_through_every_adapter(tmp_path: Path, driver: Driver) -> None:
    path = make_form(tmp_path)
    fill(path, [{**GOOD_ROW, "tanggal": "12 November 2026"}])
    driver.validate(path)
    value = load_workbook(path)[F.SHEET_FORM]["I8"].value
    assert isinstance(value, dt.datetime) and value.date() == dt.date(2026, 11, 12)


def test_a_row_typed_below_the_table(tmp_path: Path, driver: Driver) -> None:
    """The same error, mark and refusal through every adapter (DESIGN.md §11)."""
    path = make_form(tmp_path)
    fill(path, good_rows(1))
    book = load_workbook(path, keep_vba=True)
    book[F.SHEET_FORM]["C58"] = "Rapat yang diketik di bawah tabel"
    book.save(path)
    assert driver.validate(path) == "1 kesalahan dan 0 peringatan pada 1 baris terisi."
    marked = cells(path)
    assert "C58" not in marked  # below the body: not part of what `cells` shows
    ws = load_workbook(path)[F.SHEET_FORM]
    assert (
        ws["C58"].fill.fgColor.rgb.endswith(F.COLOR_ERROR) and "Baris 58" in ws["C58"].comment.text
    )
    refusal = driver.act(path, "submit", "rina", [])
    assert refusal.startswith("Ditolak, tidak ada yang diubah: Baris 58 (C58:")
