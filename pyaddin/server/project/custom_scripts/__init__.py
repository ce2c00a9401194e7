"""One xlwings Server script per ribbon macro (DESIGN.md §14), each running the
same macro as RunPython, as the person the request's token names — never as a
user name the client sends — and leaving one log line: who, what, which form,
how many rows it wrote, how long it took (never the token)."""

import logging
import time

import xlwings as xw
from xlwings.server import script
from xlwings_server.models import CurrentUser

from pyaddin import macros
from pyaddin.engine import form as F
from pyaddin.server.office import config_path, shared_folder

log = logging.getLogger("realisasi.server")


def _named(book: xw.Book, name: str) -> str:
    try:
        value = book.names[name].refers_to_range.value
    except Exception:  # not one of our forms: the macro itself says so
        return "-"
    if hasattr(value, "strftime"):
        return str(value.strftime("%Y-%m"))
    return str(value or "-")


def _rows_written(book: xw.Book) -> int:
    actions = book.json().get("actions", [])
    return sum(a.get("row_count") or 0 for a in actions if a.get("func") == "setValues")


def _serve(name: str):  # type: ignore[no-untyped-def]
    macro = getattr(macros, name)

    def run(book: xw.Book, current_user: CurrentUser) -> None:
        start = time.perf_counter()
        with macros.acting_as(current_user.id or "", config_path(), shared_folder()):
            macro(book)
        log.info(
            "%s %s %s %s/%s baris=%d %.0f ms",
            current_user.id,
            name,
            book.name,
            _named(book, F.NAME_UNIT),
            _named(book, F.NAME_PERIOD),
            _rows_written(book),
            (time.perf_counter() - start) * 1000,
        )

    run.__name__ = run.__qualname__ = name
    run.__doc__ = macro.__doc__
    return script(run)


validasi = _serve("validasi")
ajukan = _serve("ajukan")
tambah_baris = _serve("tambah_baris")
setujui_terpilih = _serve("setujui_terpilih")
setujui_semua = _serve("setujui_semua")
kembalikan = _serve("kembalikan")
konsolidasi = _serve("konsolidasi")
cek_keaslian = _serve("cek_keaslian")
riwayat = _serve("riwayat")
bantuan = _serve("bantuan")
