"""``RunPython`` entry points, one per ribbon button (see workbook/vba/RK_Ribbon.bas).

A front end like the CLI: each takes the calling book (``xw.Book.caller()``, or
a book given by a test or by ``set_mock_caller`` during development), wraps it
in the live adapter (:class:`~pyaddin.excel.live_form.LiveForm`), calls one
workflow function and shows its sentence in a message box in Bahasa Indonesia
— never a traceback. The person acting is the OS user name, matched against
the usernames in Pengaturan. Nothing heavy is imported here: no pandas, no
openpyxl for a click. Its import path is a contract: forms in use call
``pyaddin.macros.<name>()``.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from pathlib import Path
from typing import Any

from pyaddin import workflow
from pyaddin.engine import form as F
from pyaddin.engine.errors import ActionRefused, InputError, RealisasiError
from pyaddin.engine.messages import register, t
from pyaddin.excel.live_form import LiveForm
from pyaddin.workflow import Action

register(
    {
        "mac.working": ("Realisasi Kegiatan: {what} …", "Realisasi Kegiatan: {what} …"),
        "mac.unexpected": (
            "Terjadi kesalahan tak terduga: {detail}. Periksa formulir, lalu kirim pesan ini "
            "ke pengelola aplikasi.",
            "Unexpected error: {detail}. Check the form, then send this message to the maintainer.",
        ),
        "mac.invalid_hint": (
            "Sel yang salah disorot merah; arahkan tetikus ke sel untuk membaca catatannya.",
            "Wrong cells are red; hover over a cell to read its note.",
        ),
        "mac.no_selection": (
            "Pilih dulu baris yang akan di{verb} (klik sel di baris itu pada lembar Realisasi).",
            "Select the rows to {verb} first (click a cell in those rows on the Realisasi sheet).",
        ),
        "mac.verb.approve": ("setujui", "approve"),
        "mac.verb.return": ("kembalikan", "return"),
        "mac.no_note": (
            "Catatan pengembalian kosong; tidak ada yang diubah.",
            "The return note is empty; nothing was changed.",
        ),
        "mac.no_folder": (
            "Folder konsolidasi belum dipilih; tidak ada yang diubah.",
            "No consolidation folder was chosen; nothing was changed.",
        ),
        "mac.no_server_folder": (
            "Server kantor belum diberi folder bersama formulir ('realisasi serve "
            "--folder FOLDER'); hubungi admin. Tidak ada yang diubah.",
            "The office server has no shared folder of forms ('realisasi serve --folder "
            "FOLDER'); ask the administrator. Nothing was changed.",
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


# On the office server (DESIGN.md §14): the person the request's token names,
# the server's office config and its shared folder of the office's forms.
_ACTING: ContextVar[str | None] = ContextVar("acting", default=None)
_SERVER: ContextVar[tuple[str | None, Path | None]] = ContextVar("server", default=(None, None))


@contextmanager
def acting_as(
    username: str, config: str | None = None, folder: Path | None = None
) -> Iterator[None]:
    """Run a macro as ``username`` (the office server's authenticated person), with
    the server's office ``config`` file and its shared ``folder`` of forms."""
    token = _ACTING.set(username)
    server = _SERVER.set((config, folder))
    try:
        yield
    finally:
        _SERVER.reset(server)
        _ACTING.reset(token)


def _config_path() -> str | None:
    """The office config: the server's, else ``REALISASI_CONFIG``, else built in."""
    return _SERVER.get()[0] or os.environ.get("REALISASI_CONFIG") or None


def current_user() -> str:
    """The person at the keyboard: on the office server the token's person; else the
    OS user name (``RK_USER`` overrides, for tests)."""
    acting = _ACTING.get()
    if acting is not None:  # never the server's own OS user
        return acting
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
            live.alert(t("mac.unexpected", detail=f"{type(exc).__name__}: {exc}"), error=True)
        finally:
            try:
                live.commit()
            finally:
                live.status("")

    return run


def _act(live: LiveForm, action: Action, rows: list[int] | None, note: str = "") -> None:
    who = current_user()
    result = workflow.run_action(live, action, who, rows, note)
    warning = workflow.unsigned_warning(result, who)
    sentence = workflow.action_sentence(action, result)
    live.alert(f"{sentence}\n\n{warning}" if warning else sentence)


def _selected(live: LiveForm, verb: str) -> list[int]:
    numbers = live.selected_numbers()
    if not numbers:
        raise ActionRefused("mac.no_selection", verb=verb)
    return numbers


@_entry
def validasi(live: LiveForm) -> None:
    """Validasi: mark every problem on the form."""
    report = workflow.validate(live, mark=True)
    sentence = workflow.validation_sentence(report)
    if report.valid and not report.warnings:
        live.alert(sentence)
    else:
        live.alert(f"{sentence} {t('mac.invalid_hint')}")


@_entry
def ajukan(live: LiveForm) -> None:
    """Ajukan: submit the selected rows, or every draft and returned row."""
    _act(live, Action.SUBMIT, live.selected_numbers() or None)


@_entry
def setujui_terpilih(live: LiveForm) -> None:
    """Setujui Baris Terpilih: approve the selected rows at the user's level."""
    _act(live, Action.APPROVE, _selected(live, t("mac.verb.approve")))


@_entry
def setujui_semua(live: LiveForm) -> None:
    """Setujui Semua: approve every row waiting for the user's level."""
    _act(live, Action.APPROVE, None)


@_entry
def kembalikan(live: LiveForm) -> None:
    """Kembalikan: return the selected rows with the note typed in the InputBox."""
    note = live.input_text()
    if not note:
        raise InputError("mac.no_note")
    rows = _selected(live, t("mac.verb.return"))
    _act(live, Action.RETURN, rows, note)
    live.clear_input()


@_entry
def tambah_baris(live: LiveForm) -> None:
    """Tambah Baris: ten more empty rows."""
    live.alert(workflow.add_rows(live, ROWS_PER_CLICK))


@_entry
def konsolidasi(live: LiveForm) -> None:
    """Konsolidasi: every form in the chosen folder into the provincial report."""
    from pyaddin.engine.config import load_config
    from pyaddin.engine.consolidate import month_folder
    from pyaddin.engine.month_summary import to_json

    form = live.read()
    if live.via_server:  # the server's shared folder (its month folder, if there is one)
        shared = _SERVER.get()[1]
        if shared is None:
            raise InputError("mac.no_server_folder")
        folder = month_folder(shared, form.periode)
    else:
        typed = live.input_text()
        if not typed:
            raise InputError("mac.no_folder")
        folder = Path(typed)
    out = folder / f"Laporan-Realisasi-{form.periode}.xlsx"
    config = load_config(_config_path())
    month = workflow.consolidate_folder(folder, form.periode, out, config)
    data = to_json(month, str(out))
    if not live.via_server:
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
    from pyaddin.engine.audit import verify_form
    from pyaddin.engine.config import load_config
    from pyaddin.engine.signatures import office_from_form

    form = live.read()
    path = _config_path()
    office = load_config(path) if path else None
    if office is None and any(p.kunci_publik for p in form.people):
        office = office_from_form(form)  # the keys `new` copied into Pengaturan
    result = verify_form(form, office=office)
    if result.ok:
        live.alert(t("mac.verify_ok", entries=len(form.history)))
    else:
        lines = "\n".join(f"• {f.message}" for f in result.findings[:15])
        live.alert(t("mac.verify_bad", count=len(result.findings), lines=lines), error=True)


@_entry
def riwayat(live: LiveForm) -> None:
    """Riwayat: open the log and summarise who is next."""
    from pyaddin.engine.audit import status_summary

    summary = status_summary(live.read())
    live.activate(F.SHEET_HISTORY)
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
