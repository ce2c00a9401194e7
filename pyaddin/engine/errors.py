"""The product's exceptions: one small hierarchy, messages from the catalog.

``InputError`` — what the user gave cannot be used (arguments, configuration,
an action the workflow refuses). ``FileError`` — a file cannot be read or
written (missing, not a workbook, corrupt, encrypted, not our form, busy).
"""

from __future__ import annotations

from typing import Any

from pyaddin.engine.messages import register, t

register(
    {
        "file.missing": (
            "Berkas {file} tidak ditemukan. Periksa nama dan foldernya.",
            "File {file} was not found. Check its name and folder.",
        ),
        "file.is_dir": (
            "{file} adalah folder, bukan berkas Excel.",
            "{file} is a folder, not an Excel file.",
        ),
        "file.empty": (
            "Berkas {file} kosong (0 bita). Salin ulang dari sumbernya.",
            "File {file} is empty (0 bytes). Copy it again from its source.",
        ),
        "file.not_workbook": (
            "Berkas {file} bukan buku kerja Excel (.xlsx/.xlsm). Simpan ulang sebagai "
            "'Excel Macro-Enabled Workbook' (di LibreOffice: Simpan Sebagai > 'Excel "
            "2007-365 (macro-enabled)').",
            "File {file} is not an Excel workbook (.xlsx/.xlsm). Save it again as 'Excel "
            "Macro-Enabled Workbook' (in LibreOffice: Save As > 'Excel 2007-365 "
            "(macro-enabled)').",
        ),
        "file.old_xls": (
            "Berkas {file} berformat Excel 97-2003 (.xls). Buka di Excel atau LibreOffice lalu "
            "simpan sebagai .xlsm dari templat Realisasi Kegiatan.",
            "File {file} is an Excel 97-2003 workbook (.xls). Open it in Excel or LibreOffice "
            "and save it as .xlsm from the Realisasi Kegiatan template.",
        ),
        "file.corrupt": (
            "Berkas {file} rusak atau terpotong ({detail}). Salin ulang dari sumbernya.",
            "File {file} is damaged or truncated ({detail}). Copy it again from its source.",
        ),
        "file.encrypted": (
            "Berkas {file} dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
            "(File > Info > Protect Workbook), simpan, lalu coba lagi.",
            "File {file} is password-protected. Open it in Excel, remove the password "
            "(File > Info > Protect Workbook), save, and try again.",
        ),
        "file.not_form": (
            "Berkas {file} bukan formulir Realisasi Kegiatan: {detail}. Buat formulir dengan "
            "'realisasi new'.",
            "File {file} is not a Realisasi Kegiatan form: {detail}. Make one with "
            "'realisasi new'.",
        ),
        "file.future_version": (
            "Berkas {file} dibuat dengan templat versi {version}, lebih baru dari program ini "
            "({ours}). Perbarui program Realisasi Kegiatan.",
            "File {file} uses template version {version}, newer than this program ({ours}). "
            "Update Realisasi Kegiatan.",
        ),
        "file.open_in_excel": (
            "Berkas {file} sedang dibuka di Excel ({lock}). Tutup dulu berkasnya di Excel, "
            "lalu coba lagi.",
            "File {file} is open in Excel ({lock}). Close it in Excel first, then try again.",
        ),
        "file.busy": (
            "Berkas {file} sedang diproses orang lain. Tunggu sebentar lalu coba lagi.",
            "File {file} is being processed by someone else. Wait a moment and try again.",
        ),
        "file.read_only": (
            "Berkas {file} tidak dapat ditulis (hanya-baca atau tanpa izin). Salin ke folder "
            "Anda atau ubah atributnya, lalu coba lagi.",
            "File {file} cannot be written (read-only or no permission). Copy it to your "
            "folder or change its attributes, then try again.",
        ),
        "file.write_failed": (
            "Gagal menyimpan {file}: {detail}. Berkas asli tidak diubah.",
            "Could not save {file}: {detail}. The original file is unchanged.",
        ),
        "file.no_macros": (
            "Berkas {file} tidak berisi makro (.xlsx); buat formulir .xlsm dengan 'realisasi new'.",
            "File {file} has no macros (.xlsx); make an .xlsm form with 'realisasi new'.",
        ),
        "file.exists": (
            "Berkas {file} sudah ada. Pilih nama lain dengan --out.",
            "File {file} already exists. Choose another name with --out.",
        ),
    }
)


class RealisasiError(Exception):
    """Base of every error the product reports to a person."""

    exit_code = 2

    def __init__(self, message_key: str, /, **params: Any) -> None:
        super().__init__(message_key)
        self.key = message_key
        self.params = params

    @property
    def message(self) -> str:
        """The message in the current language."""
        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message


class InputError(RealisasiError):
    """What the user gave cannot be used: arguments, configuration, a form's content."""


class ActionRefused(InputError):
    """The workflow refuses an action (wrong level, row not waiting, invalid row)."""

    exit_code = 1


class FileError(RealisasiError):
    """A file cannot be read or written."""


class FileBusyError(FileError):
    """The file is open in Excel or being processed by another person."""
