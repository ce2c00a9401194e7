"""The default lists and roles: plain constants, importable without pydantic
(a ribbon click or a CLI write should not pay for the configuration model)."""

PETUGAS = "Petugas"
DEFAULT_CHAIN = ("Kasubbag", "Kabag", "Sekretaris")

DEFAULT_JENIS = (
    "Rapat Koordinasi",
    "Rapat Pleno",
    "Bimbingan Teknis",
    "Sosialisasi",
    "Monitoring dan Evaluasi",
    "Supervisi",
    "Perjalanan Dinas",
    "Pengadaan Barang/Jasa",
    "Pelatihan",
    "Focus Group Discussion",
    "Penyusunan Dokumen",
    "Publikasi",
)
DEFAULT_SATUAN = (
    "Kegiatan",
    "Laporan",
    "Dokumen",
    "Orang",
    "OK",
    "OH",
    "OJ",
    "OB",
    "OP",
    "Paket",
    "Layanan",
    "Bulan",
    "Kali",
    "Set",
    "Unit",
    "Eksemplar",
    "Berkas",
    "Rekomendasi",
)
KABUPATEN_KOTA = (
    "Kota Bengkulu",
    "Bengkulu Selatan",
    "Bengkulu Tengah",
    "Bengkulu Utara",
    "Kaur",
    "Kepahiang",
    "Lebong",
    "Mukomuko",
    "Rejang Lebong",
    "Seluma",
)
