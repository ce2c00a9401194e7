"""Field parsers: the formats people really type, and property tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyaddin.engine.config import DEFAULT_JENIS, DEFAULT_SATUAN, KABUPATEN_KOTA
from pyaddin.validators import FieldError
from pyaddin.validators.choices import parse_jenis, parse_judul, parse_kode, parse_lokus
from pyaddin.validators.rupiah import format_rupiah, parse_rupiah
from pyaddin.validators.sasaran import Sasaran, format_sasaran, parse_sasaran
from pyaddin.validators.tanggal import DateRange, format_tanggal, parse_tanggal

NOV = dt.date(2026, 11, 1)
LOKUS = (*KABUPATEN_KOTA, "Provinsi Bengkulu", "DKI Jakarta")


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        (1500000, 1_500_000),
        (1500000.0, 1_500_000),
        ("1500000", 1_500_000),
        ("1.500.000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000", 1_500_000),
        ("Rp. 1.500.000", 1_500_000),
        ("1.500.000,00", 1_500_000),
        ("Rp 1.500.000,-", 1_500_000),
        ("IDR 250000", 250_000),
        ("  Rp 0 ", 0),
        ("1500000.00", 1_500_000),
        ("Rp\u00a01.500.000", 1_500_000),
    ],
)
def test_rupiah_accepts(typed: object, amount: int) -> None:
    assert parse_rupiah(typed) == amount


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        (-5000, "v.rupiah.negative"),
        ("-1.000", "v.rupiah.negative"),
        ("Rp -1.000", "v.rupiah.negative"),
        (1500.5, "v.rupiah.fraction"),
        ("1.500,50", "v.rupiah.fraction"),
        ("satu juta", "v.rupiah.format"),
        ("1,500,000", "v.rupiah.comma_thousands"),
        ("1.50.000", "v.rupiah.format"),
        ("", "v.required"),
        (True, "v.rupiah.format"),
        (dt.date(2026, 1, 1), "v.rupiah.format"),
        (10**13, "v.rupiah.too_large"),
    ],
)
def test_rupiah_rejects(typed: object, key: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_rupiah(typed)
    assert info.value.key == key
    assert info.value.message


@given(st.integers(min_value=0, max_value=10**12))
def test_rupiah_round_trip(amount: int) -> None:
    assert parse_rupiah(format_rupiah(amount)) == amount
    assert parse_rupiah(float(amount)) == amount


@settings(max_examples=3000)
@given(st.one_of(st.text(max_size=30), st.floats(allow_nan=True), st.integers(), st.none()))
def test_rupiah_never_crashes(value: object) -> None:
    try:
        assert parse_rupiah(value) >= 0
    except FieldError as exc:
        assert exc.message


def d(day: int, month: int = 11) -> dt.date:
    return dt.date(2026, month, day)


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        (dt.datetime(2026, 11, 12), d(12), d(12)),
        (dt.date(2026, 11, 12), d(12), d(12)),
        (46338, d(12), d(12)),
        ("12/11/2026", d(12), d(12)),
        ("12-11-2026", d(12), d(12)),
        ("12.11.2026", d(12), d(12)),
        ("2026-11-12", d(12), d(12)),
        ("12 November 2026", d(12), d(12)),
        ("12 Nov 2026", d(12), d(12)),
        ("12 nopember 2026", d(12), d(12)),
        ("12 NOVEMBER 2026", d(12), d(12)),
        ("10 s.d. 12 November 2026", d(10), d(12)),
        ("10 s/d 12 November 2026", d(10), d(12)),
        ("10 sd 12 Nov 2026", d(10), d(12)),
        ("10 sampai dengan 12 November 2026", d(10), d(12)),
        ("10-12 November 2026", d(10), d(12)),
        ("10 – 12 November 2026", d(10), d(12)),
        ("10/11/2026 s.d. 12/11/2026", d(10), d(12)),
        ("1 s.d. 30 November 2026", d(1), d(30)),
    ],
)
def test_tanggal_accepts(typed: object, start: dt.date, end: dt.date) -> None:
    assert parse_tanggal(typed, NOV) == DateRange(start, end)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("31 November 2026", "v.tanggal.no_such_day"),
        ("31/11/2026", "v.tanggal.no_such_day"),
        ("12/10/2026", "v.tanggal.outside"),
        ("28 Oktober s.d. 2 November 2026", "v.tanggal.outside"),
        ("12 s.d. 10 November 2026", "v.tanggal.reversed"),
        ("kemarin", "v.tanggal.format"),
        ("12 Novembr 2026", "v.tanggal.format"),
        ("", "v.required"),
        (None, "v.required"),
    ],
)
def test_tanggal_rejects(typed: object, key: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_tanggal(typed, NOV)
    assert info.value.key == key


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(min_value=0, max_value=20),
)
def test_tanggal_round_trip(start: dt.date, length: int) -> None:
    end = min(
        start + dt.timedelta(days=length),
        (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1),
    )
    value = DateRange(start, end)
    assert parse_tanggal(format_tanggal(value), start.replace(day=1)) == value


@settings(max_examples=3000)
@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none()))
def test_tanggal_never_crashes(value: object) -> None:
    try:
        parse_tanggal(value, NOV)
    except FieldError as exc:
        assert exc.message


@pytest.mark.parametrize(
    ("typed", "jumlah", "satuan"),
    [
        ("1 Kegiatan", "1", "Kegiatan"),
        ("1 kegiatan", "1", "Kegiatan"),
        ("2 Lap", "2", "Laporan"),
        ("1 Kgt", "1", "Kegiatan"),
        ("3 Dok", "3", "Dokumen"),
        ("25 Org", "25", "Orang"),
        ("1,5 OB", "1.5", "OB"),
        ("30 OH", "30", "OH"),
        ("30 orang hari", "30", "OH"),
        ("1.000 Eksemplar", "1000", "Eksemplar"),
        ("12 Bln", "12", "Bulan"),
        ("1 Pkt.", "1", "Paket"),
        ("2Laporan", "2", "Laporan"),
    ],
)
def test_sasaran_accepts(typed: str, jumlah: str, satuan: str) -> None:
    assert parse_sasaran(typed, DEFAULT_SATUAN) == Sasaran(Decimal(jumlah), satuan)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Kegiatan", "v.sasaran.format"),
        (5, "v.sasaran.format"),
        ("0 Kegiatan", "v.sasaran.not_positive"),
        ("2 Ekor", "v.sasaran.unit"),
        ("1,5,5 OB", "v.sasaran.format"),
        ("", "v.required"),
    ],
)
def test_sasaran_rejects(typed: object, key: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_sasaran(typed, DEFAULT_SATUAN)
    assert info.value.key == key


def test_sasaran_suggests_near_miss() -> None:
    with pytest.raises(FieldError) as info:
        parse_sasaran("2 Laporn", DEFAULT_SATUAN)
    assert "Laporan" in info.value.message


@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal(100000), places=1),
    st.sampled_from(DEFAULT_SATUAN),
)
def test_sasaran_round_trip(jumlah: Decimal, satuan: str) -> None:
    value = Sasaran(jumlah, satuan)
    assert parse_sasaran(format_sasaran(value), DEFAULT_SATUAN) == value


@settings(max_examples=2000)
@given(st.text(max_size=30))
def test_sasaran_never_crashes(value: str) -> None:
    try:
        parse_sasaran(value, DEFAULT_SATUAN)
    except FieldError as exc:
        assert exc.message


@pytest.mark.parametrize(
    ("typed", "kode"),
    [
        ("521211", "521211"),
        (521211.0, "521211"),
        (524111, "524111"),
        ("3361.EBA.962.051.A.521211", "3361.EBA.962.051.A.521211"),
        ("076.01.WA.3361.EBA.962.051.A.524114", "076.01.WA.3361.EBA.962.051.A.524114"),
        (" 3361.eba.962.051.a.522151 ", "3361.EBA.962.051.A.522151"),
    ],
)
def test_kode_accepts(typed: object, kode: str) -> None:
    assert parse_kode(typed) == kode


@pytest.mark.parametrize(
    "typed",
    [
        "52121",
        "5212111",
        "3361.EB.962.051.A.521211",
        "3361.EBA.96.051.A.521211",
        "3361.EBA.962.051.AB.521211",
        "76.01.WA.3361.EBA.962.051.A.521211",
        "abc",
    ],
)
def test_kode_rejects(typed: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_kode(typed)
    assert info.value.key == "v.kode.format"


def test_kode_must_be_listed_when_referensi_lists_kode() -> None:
    listed = ("3361.EBA.962.051.A.521211",)
    assert parse_kode("3361.eba.962.051.a.521211", listed) == listed[0]
    with pytest.raises(FieldError) as info:
        parse_kode("3361.EBA.962.051.A.521219", listed)
    assert info.value.key == "v.kode.not_listed"
    assert listed[0] in info.value.message


kode_strategy = st.builds(
    lambda prefix, k, kro, ro, komp, sub, akun: f"{prefix}{k}.{kro}.{ro}.{komp}.{sub}.{akun}",
    st.sampled_from(["", "076.01.WA."]),
    st.from_regex(r"\A\d{4}\Z"),
    st.from_regex(r"\A[A-Z]{3}\Z"),
    st.from_regex(r"\A\d{3}\Z"),
    st.from_regex(r"\A\d{3}\Z"),
    st.from_regex(r"\A[A-Z]\Z"),
    st.from_regex(r"\A\d{6}\Z"),
)


@given(kode_strategy)
def test_kode_property_valid_codes_parse(kode: str) -> None:
    assert parse_kode(kode.lower()) == kode


@settings(max_examples=2000)
@given(st.text(max_size=40))
def test_kode_never_crashes(value: str) -> None:
    try:
        parse_kode(value)
    except FieldError as exc:
        assert exc.message


@pytest.mark.parametrize(
    ("typed", "lokus"),
    [
        ("Kab. Rejang Lebong", "Rejang Lebong"),
        ("kabupaten kaur", "Kaur"),
        ("KOTA BENGKULU", "Kota Bengkulu"),
        ("Kab Mukomuko", "Mukomuko"),
        ("  bengkulu   selatan ", "Bengkulu Selatan"),
        ("dki jakarta", "DKI Jakarta"),
    ],
)
def test_lokus_normalises(typed: str, lokus: str) -> None:
    assert parse_lokus(typed, LOKUS) == lokus


def test_lokus_near_miss_gets_suggestion() -> None:
    with pytest.raises(FieldError) as info:
        parse_lokus("Rejang Lebonk", LOKUS)
    assert "Maksud Anda 'Rejang Lebong'?" in info.value.message
    with pytest.raises(FieldError) as info:
        parse_lokus("Palembang", LOKUS)
    assert info.value.key == "v.choice.lokus"


@pytest.mark.parametrize(
    ("typed", "jenis"),
    [
        ("rapat koordinasi", "Rapat Koordinasi"),
        ("  RAPAT   PLENO ", "Rapat Pleno"),
        ("Pengadaan Barang / Jasa", "Pengadaan Barang/Jasa"),
        ("Bimtek", "Bimbingan Teknis"),
        ("monev", "Monitoring dan Evaluasi"),
        ("FGD", "Focus Group Discussion"),
    ],
)
def test_jenis_canonical(typed: str, jenis: str) -> None:
    assert parse_jenis(typed, DEFAULT_JENIS) == jenis


def test_jenis_unknown_with_hint() -> None:
    with pytest.raises(FieldError) as info:
        parse_jenis("Sosialisai", DEFAULT_JENIS)
    assert "Sosialisasi" in info.value.message


def test_judul_trimmed_and_limited() -> None:
    assert parse_judul("  Rapat   pleno\nrekapitulasi ") == "Rapat pleno rekapitulasi"
    assert len(parse_judul("x" * 500)) == 500
    with pytest.raises(FieldError) as info:
        parse_judul("x" * 501)
    assert info.value.key == "v.judul.too_long"
    with pytest.raises(FieldError):
        parse_judul("   ")


def test_english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REALISASI_LANG", "en")
    with pytest.raises(FieldError) as info:
        parse_rupiah("-1.000", "anggaran")
    assert info.value.message == "Anggaran must not be negative (-1.000)."


def test_the_month_tables_are_cldrs() -> None:
    """The date parser's month names are CLDR's, as Babel gives them."""
    from babel.dates import get_month_names

    from pyaddin.validators import tanggal

    tables = {
        ("id", "wide"): tanggal.MONTHS_ID,
        ("id", "abbreviated"): tanggal.MONTHS_ID_SHORT,
        ("en", "wide"): tanggal.MONTHS_EN,
        ("en", "abbreviated"): tanggal.MONTHS_EN_SHORT,
    }
    for (locale, width), table in tables.items():
        assert tuple(get_month_names(width, locale=locale).values()) == table
    assert tanggal.month_name(8) == "Agustus" and tanggal.month_label("2026-11") == "November 2026"
    with pytest.raises(ValueError):
        tanggal.month_name(13)
