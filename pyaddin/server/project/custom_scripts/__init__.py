"""One xlwings Server script per ribbon macro (DESIGN.md §14), each running the
same macro as RunPython, as the person the request's token names — never as a
user name the client sends."""

import xlwings as xw
from xlwings.server import script
from xlwings_server.models import CurrentUser

from pyaddin import macros


def _serve(name: str):  # type: ignore[no-untyped-def]
    macro = getattr(macros, name)

    def run(book: xw.Book, current_user: CurrentUser) -> None:
        with macros.acting_as(current_user.id or ""):
            macro(book)

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
