"""Validation messages (Bahasa Indonesia, English)."""

from pyaddin.engine.messages import register

register(
    {
        "v.required": (
            "{label} wajib diisi.",
            "{label} is required.",
        ),
        "v.kode.format": (
            "Kode '{value}' tidak sesuai format kode anggaran. Tulis seperti "
            "3361.EBA.962.051.A.521211 (boleh diawali 076.01.WA.) atau akun 6 digit "
            "seperti 521211.",
            "Kode '{value}' is not a budget code. Write it like 3361.EBA.962.051.A.521211 "
            "(optionally preceded by 076.01.WA.) or a 6-digit akun such as 521211.",
        ),
        "v.kode.not_listed": (
            "Kode '{value}' tidak ada di daftar kode pada lembar Referensi.{hint}",
            "Kode '{value}' is not in the code list of the Referensi sheet.{hint}",
        ),
        "v.judul.too_long": (
            "Judul kegiatan terlalu panjang ({length} karakter); paling banyak 500 karakter.",
            "Judul kegiatan is too long ({length} characters); at most 500.",
        ),
        "v.sasaran.format": (
            "Sasaran/Volume '{value}' harus berupa angka dan satuan, mis. '1 Kegiatan', "
            "'30 OH' atau '1,5 OB'.",
            "Sasaran/Volume '{value}' must be a number and a unit, e.g. '1 Kegiatan', "
            "'30 OH' or '1,5 OB'.",
        ),
        "v.sasaran.not_positive": (
            "Sasaran/Volume '{value}' harus lebih dari 0.",
            "Sasaran/Volume '{value}' must be more than 0.",
        ),
        "v.sasaran.unit": (
            "Satuan '{unit}' tidak dikenal.{hint} Satuan yang berlaku: {choices}.",
            "Unit '{unit}' is not known.{hint} Valid units: {choices}.",
        ),
        "v.choice.jenis": (
            "Jenis kegiatan '{value}' tidak ada di daftar.{hint} Pilih dari daftar pada sel ini.",
            "Jenis kegiatan '{value}' is not in the list.{hint} Pick one from the cell's list.",
        ),
        "v.choice.lokus": (
            "Lokus '{value}' bukan kabupaten/kota Provinsi Bengkulu atau isian daftar Lokus.{hint}",
            "Lokus '{value}' is not a kabupaten/kota of Bengkulu province nor in the Lokus "
            "list.{hint}",
        ),
        "v.hint": (" Maksud Anda '{suggestion}'?", " Did you mean '{suggestion}'?"),
        "v.rupiah.format": (
            "{label} '{value}' bukan jumlah rupiah. Tulis angka bulat seperti 1500000 atau "
            "Rp 1.500.000.",
            "{label} '{value}' is not a rupiah amount. Write a whole number like 1500000 "
            "or Rp 1.500.000.",
        ),
        "v.rupiah.comma_thousands": (
            "{label} '{value}' memakai koma sebagai pemisah ribuan. Di formulir ini ribuan "
            "dipisah titik: Rp 1.500.000.",
            "{label} '{value}' uses commas for thousands. This form separates thousands "
            "with dots: Rp 1.500.000.",
        ),
        "v.rupiah.negative": (
            "{label} tidak boleh negatif ({value}).",
            "{label} must not be negative ({value}).",
        ),
        "v.rupiah.fraction": (
            "{label} '{value}' memuat pecahan rupiah; isi rupiah bulat tanpa sen.",
            "{label} '{value}' has a fraction of a rupiah; enter whole rupiah.",
        ),
        "v.rupiah.zero": (
            "Anggaran harus lebih dari Rp 0.",
            "Anggaran must be more than Rp 0.",
        ),
        "v.rupiah.too_large": (
            "{label} '{value}' terlalu besar untuk satu kegiatan (lebih dari Rp 1 triliun).",
            "{label} '{value}' is too large for one activity (over Rp 1 trillion).",
        ),
        "v.realisasi.over_anggaran": (
            "Realisasi {realisasi} melebihi anggaran {anggaran}.",
            "Realisasi {realisasi} is more than the anggaran {anggaran}.",
        ),
        "v.realisasi.over_pagu": (
            "Jumlah realisasi kode {kode} sampai baris ini ({total}) melebihi pagu {pagu} "
            "di lembar Referensi.",
            "Total realisasi of kode {kode} up to this row ({total}) exceeds its pagu "
            "{pagu} in the Referensi sheet.",
        ),
        "v.tanggal.format": (
            "Tanggal '{value}' tidak dikenali. Tulis seperti 12/11/2026, 12 November 2026 "
            "atau 10 s.d. 12 November 2026.",
            "Tanggal '{value}' is not recognised. Write it like 12/11/2026, 12 November 2026 "
            "or 10 s.d. 12 November 2026.",
        ),
        "v.tanggal.no_such_day": (
            "Tanggal '{value}' tidak ada di kalender.",
            "Tanggal '{value}' does not exist in the calendar.",
        ),
        "v.tanggal.reversed": (
            "Rentang tanggal '{value}' berakhir sebelum dimulai.",
            "Date range '{value}' ends before it starts.",
        ),
        "v.tanggal.outside": (
            "Tanggal {value} di luar bulan laporan ({month}). Isi tanggal di dalam bulan {month}.",
            "Tanggal {value} is outside the report month ({month}). Use a date within {month}.",
        ),
        "v.duplicate": (
            "Baris ini sama (kode, judul, tanggal) dengan baris No. {other}; periksa apakah "
            "kegiatan tercatat dua kali.",
            "This row repeats (kode, judul, tanggal) row No. {other}; check whether the "
            "activity was entered twice.",
        ),
        "v.outside": (
            "Baris {row} ({cell}: '{value}') berada di luar tabel isian, jadi tidak ikut "
            "diperiksa, diajukan, maupun dilaporkan. Tambah baris tabel (tombol Tambah Baris "
            "atau 'realisasi tambah-baris FILE N'), pindahkan isinya ke dalam tabel, lalu "
            "kosongkan baris {row}.",
            "Row {row} ({cell}: '{value}') is outside the table, so it is not checked, "
            "submitted or reported. Add rows to the table (the Tambah Baris button or "
            "'realisasi tambah-baris FILE N'), move its content into the table, then clear "
            "row {row}.",
        ),
        "v.cell_error": (
            "{label} berisi galat Excel {value}; perbaiki rumus atau isi nilainya langsung.",
            "{label} holds the Excel error {value}; fix the formula or type the value.",
        ),
    }
)

FIELD_LABELS = {
    "no": ("No.", "No."),
    "kode": ("Kode", "Kode"),
    "judul": ("Judul Kegiatan", "Judul Kegiatan"),
    "sasaran": ("Sasaran/Volume", "Sasaran/Volume"),
    "jenis": ("Jenis Kegiatan", "Jenis Kegiatan"),
    "anggaran": ("Anggaran", "Anggaran"),
    "realisasi": ("Realisasi", "Realisasi"),
    "lokus": ("Lokus", "Lokus"),
    "tanggal": ("Tanggal", "Tanggal"),
    "posisi": ("Posisi", "Position"),
}


def label(key: str) -> str:
    """The field's label in the current language."""
    from pyaddin.engine.messages import language

    pair = FIELD_LABELS.get(key, (key, key))
    return pair[1] if language() == "en" else pair[0]
