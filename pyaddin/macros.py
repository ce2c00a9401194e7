"""``RunPython`` entry points, one per ribbon button (see workbook/vba/RK_Ribbon.bas).

Each takes the calling book (``xw.Book.caller()``, or a book given by a test or
by ``set_mock_caller`` during development), reads the form through
:class:`~pyaddin.io_excel.LiveForm`, runs the engine, writes back, and reports
in a message box in Bahasa Indonesia — never a traceback. The person acting is
the OS user name, matched against the usernames in Pengaturan.
Nothing heavy is imported here: no pandas, no openpyxl for a click.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from pyaddin.errors import ActionRefused, InputError, RealisasiError
from pyaddin.i18n import register, t
from pyaddin.io_excel import LiveForm

register(
    {
        "mac.working": ("Realisasi Kegiatan: {what} …", "Realisasi Kegiatan: {what} …"),
        "mac.valid": (
            "Semua {rows} baris terisi valid. Tekan Ajukan untuk mengirim ke Kasubbag.",
            "All {rows} filled rows are valid. Press Ajukan to send them to the Kasubbag.",
        ),
        "mac.invalid": (
            "{errors} kesalahan dan {warnings} peringatan pada {rows} baris terisi. Sel yang "
            "salah disorot merah; arahkan tetikus ke sel untuk membaca catatannya.",
            "{errors} errors and {warnings} warnings in {rows} filled rows. Wrong cells are "
            "red; hover over a cell to read its note.",
        ),
        "mac.done": ("{verb} {count} baris: No. {rows}.", "{verb} {count} rows: No. {rows}."),
        "mac.no_selection": (
            "Pilih dulu baris yang akan di{verb} (klik sel di baris itu pada lembar Realisasi).",
            "Select the rows to {verb} first (click a cell in those rows on the Realisasi sheet).",
        ),
        "mac.no_note": (
            "Catatan pengembalian kosong; tidak ada yang diubah.",
            "The return note is empty; nothing was changed.",
        ),
        "mac.no_folder": (
            "Folder konsolidasi belum dipilih; tidak ada yang diubah.",
            "No consolidation folder was chosen; nothing was changed.",
        ),
        "mac.consolidated": (
            "Laporan {periode} dibuat: {out}\n{rows} kegiatan final, serapan {serapan}%.\n"
            "{problems} masalah tercatat di lembar Masalah.",
            "Report {periode} written: {out}\n{rows} final activities, serapan {serapan}%.\n"
            "{problems} problems listed on the Masalah sheet.",
        ),
        "mac.verify_ok": (
            "Formulir asli: rantai Riwayat utuh ({entries} entri) dan tidak ada baris yang "
            "diubah setelah disetujui.",
            "The form is authentic: the Riwayat chain is intact ({entries} entries) and no "
            "row changed after approval.",
        ),
        "mac.verify_bad": (
            "Ditemukan {count} masalah:\n{lines}",
            "{count} problems found:\n{lines}",
        ),
        "mac.status": ("{lines}\nBerikutnya: {next}", "{lines}\nNext: {next}"),
        "mac.added": ("{count} baris kosong ditambahkan.", "{count} empty rows added."),
        "mac.help": (
            "PETUGAS: isi baris pada lembar Realisasi, tekan Validasi, perbaiki sel merah, "
            "lalu Ajukan.\nREVIEWER (Kasubbag, Kabag, Sekretaris): pilih baris lalu Setujui "
            "Baris Terpilih, atau Setujui Semua; Kembalikan meminta catatan perbaikan.\n"
            "KEUANGAN: Konsolidasi menggabungkan formulir semua subbagian dalam satu folder.\n"
            "Cek Keaslian memeriksa rantai hash Riwayat. Nama pengguna Windows Anda harus "
            "terdaftar di lembar Pengaturan.",
            "STAFF: fill rows on the Realisasi sheet, press Validasi, fix red cells, then "
            "Ajukan.\nREVIEWERS: select rows and press Setujui Baris Terpilih, or Setujui "
            "Semua; Kembalikan asks for a note.\nFINANCE: Konsolidasi merges every subbagian's "
            "form in one folder.\nCek Keaslian checks the Riwayat hash chain. Your Windows "
            "user name must be registered on the Pengaturan sheet.",
        ),
    }
)

ROWS_PER_CLICK = 10


def current_user() -> str:
    """The person at the keyboard: the OS user name (``RK_USER`` overrides, for tests)."""
    return os.environ.get("RK_USER") or getpass.getuser()


def _entry(func: Callable[[LiveForm], None]) -> Callable[..., None]:
    @wraps(func)
    def run(book: Any = None) -> None:
        if book is None:
            import xlwings as xw

            book = xw.Book.caller()
        live = LiveForm(book)
        try:
            live.status(t("mac.working", what=func.__name__.replace("_", " ")))
            func(live)
        except RealisasiError as exc:
            live.alert(exc.message, error=True)
        except Exception as exc:  # a click never shows a traceback
            live.alert(t("cli.unexpected", detail=f"{type(exc).__name__}: {exc}"), error=True)
        finally:
            live.status("")

    return run


def _now() -> Any:
    from pyaddin.model import now_wib

    return now_wib()


def _act(live: LiveForm, action: str, rows: list[int] | None, note: str = "") -> None:
    from pyaddin import review

    form = live.read()
    who = current_user()
    if action == "submit":
        result = review.submit(form, who, rows, _now())
    elif action == "approve":
        result = review.approve(form, who, rows, _now())
    else:
        result = review.return_rows(form, who, rows or [], note, _now())
    live.apply_action(result)
    numbers = ", ".join(str(c.no) for c in result.changes)
    live.alert(t("mac.done", verb=t(f"cli.verb.{action}"), count=len(result.changes), rows=numbers))


def _selected(live: LiveForm, verb: str) -> list[int]:
    numbers = live.selected_numbers(live.read())
    if not numbers:
        raise ActionRefused("mac.no_selection", verb=t(f"review.verb.{verb}"))
    return numbers


@_entry
def validasi(live: LiveForm) -> None:
    """Validasi: mark every problem on the form."""
    from pyaddin.marks import marks_for
    from pyaddin.validators.form_rules import validate_form

    form = live.read()
    report = validate_form(form)
    live.apply_marks(marks_for(form, report))
    if report.valid and not report.warnings:
        live.alert(t("mac.valid", rows=report.rows))
    else:
        live.alert(
            t(
                "mac.invalid",
                errors=len(report.errors),
                warnings=len(report.warnings),
                rows=report.rows,
            )
        )


@_entry
def ajukan(live: LiveForm) -> None:
    """Ajukan: submit the selected rows, or every draft and returned row."""
    _act(live, "submit", live.selected_numbers(live.read()) or None)


@_entry
def setujui_terpilih(live: LiveForm) -> None:
    """Setujui Baris Terpilih: approve the selected rows at the user's level."""
    _act(live, "approve", _selected(live, "approve"))


@_entry
def setujui_semua(live: LiveForm) -> None:
    """Setujui Semua: approve every row waiting for the user's level."""
    _act(live, "approve", None)


@_entry
def kembalikan(live: LiveForm) -> None:
    """Kembalikan: return the selected rows with the note typed in the InputBox."""
    note = live.input_text()
    if not note:
        raise InputError("mac.no_note")
    rows = _selected(live, "return")
    _act(live, "return", rows, note)
    live.clear_input()


@_entry
def tambah_baris(live: LiveForm) -> None:
    """Tambah Baris: ten more empty rows."""
    live.add_rows(ROWS_PER_CLICK)
    live.alert(t("mac.added", count=ROWS_PER_CLICK))


@_entry
def konsolidasi(live: LiveForm) -> None:
    """Konsolidasi: every form in the chosen folder into the provincial report."""
    from pyaddin.config import load_config
    from pyaddin.consolidate import to_json
    from pyaddin.operations import consolidate_folder

    folder = live.input_text()
    if not folder:
        raise InputError("mac.no_folder")
    form = live.read()
    out = Path(folder) / f"Laporan-Realisasi-{form.periode}.xlsx"
    config = load_config(os.environ.get("REALISASI_CONFIG") or None)
    month = consolidate_folder(Path(folder), form.periode, out, config)
    data = to_json(month, str(out))
    live.clear_input()
    live.alert(
        t(
            "mac.consolidated",
            periode=form.periode,
            out=out,
            rows=data["totals"]["kegiatan"],
            serapan=data["totals"]["serapan_persen"],
            problems=len(data["problems"]),
        )
    )


@_entry
def cek_keaslian(live: LiveForm) -> None:
    """Cek Keaslian: recompute the hash chain and the approved rows' hashes."""
    from pyaddin.audit import verify_form

    form = live.read()
    result = verify_form(form)
    if result.ok:
        live.alert(t("mac.verify_ok", entries=len(form.history)))
    else:
        lines = "\n".join(f"• {f.message}" for f in result.findings[:15])
        live.alert(t("mac.verify_bad", count=len(result.findings), lines=lines), error=True)


@_entry
def riwayat(live: LiveForm) -> None:
    """Riwayat: open the log and summarise who is next."""
    from pyaddin.audit import status_summary

    summary = status_summary(live.read())
    live.activate("Riwayat")
    lines = "\n".join(f"{status}: {count}" for status, count in summary["by_status"].items())
    steps = "; ".join(
        f"{s['jabatan']} ({', '.join(s['nama'])}) No. {', '.join(str(n) for n in s['rows'])}"
        for s in summary["next"]
    )
    live.alert(t("mac.status", lines=lines, next=steps or "-"))


@_entry
def bantuan(live: LiveForm) -> None:
    """Bantuan: how to use the form."""
    live.alert(t("mac.help"))
