"""The month board (DESIGN.md §15) on the office server's app: the JSON of a
month built through the real chain with known figures, the page, the login and
its session cookie, and bad input — a wrong token, a forged or expired cookie, a
month that is not a month, a path that leaves the folder, a corrupt workbook."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest

from pyaddin.engine.config import load_config
from pyaddin.engine.model import WIB
from pyaddin.workflow import act, new_form
from tests.helpers import GOOD_ROW, fill
from tests.served import client, server_keys, shared, token_of

PERIODE = "2026-10"
DAY = dt.datetime(2026, 10, 20, 9, tzinfo=WIB)


@pytest.fixture(scope="module")
def month() -> Path:
    """October 2026 in the server's folder: Keuangan half way up the chain (rows 1–2
    approved by the Kasubbag at 10.00, row 3 submitted at 09.00 and waiting), Umum
    dan Logistik final (anggaran 10 + 20 juta, realisasi 8 + 20 juta), Hukum sends
    nothing, and one file is not a workbook at all."""
    folder = shared() / PERIODE
    folder.mkdir(exist_ok=True)
    office = load_config()
    period = dt.date(2026, 10, 1)
    rows = [{**GOOD_ROW, "judul": f"Kegiatan {i}", "tanggal": "20/10/2026"} for i in (1, 2, 3)]
    client()  # the server's config and keys: the acts below sign with them
    with server_keys():
        keu = new_form(office, office.find_subbagian("Keuangan"), period, folder / "Keu.xlsm")
        fill(keu, rows)
        act(keu, "submit", "rina", None, now=DAY)
        act(keu, "approve", "siti", [1, 2], now=DAY + dt.timedelta(hours=1))
        umum = office.find_subbagian("Umum dan Logistik")
        log = new_form(office, umum, period, folder / "Umum.xlsm")
        fill(
            log,
            [
                {**rows[0], "anggaran": "10.000.000", "realisasi": "8.000.000"},
                {**rows[1], "anggaran": "20.000.000", "realisasi": "20.000.000"},
            ],
        )
        act(log, "submit", "budi", None, now=DAY)
        for who in ("joko", "hendra", "ahmad.fauzi"):
            act(log, "approve", who, None, now=DAY + dt.timedelta(hours=2))
    (folder / "Rusak.xlsm").write_bytes(b"bukan buku kerja")
    return folder


def _login(who: str) -> Any:
    answer = client().post("/masuk", data={"token": token_of(who)}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return answer


def _json(who: str, periode: str = PERIODE) -> Any:
    answer = client().get(f"/api/bulan/{periode}", headers={"Authorization": token_of(who)})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _unit(data: dict[str, Any], nama: str) -> dict[str, Any]:
    return next(u for u in data["subbagian"] if u["nama"] == nama)


def test_the_month_as_json(month: Path) -> None:
    data = _json("hendra")
    assert data["periode"] == PERIODE
    assert [u["nama"] for u in data["subbagian"]] == [s.nama for s in load_config().subbagian]
    keu = _unit(data, "Keuangan")
    assert keu["berkas"] == ["Keu.xlsm"]
    assert keu["status"] == {
        "DRAF": 0,
        "DIAJUKAN": 1,
        "DISETUJUI KASUBBAG": 2,
        "DISETUJUI KABAG": 0,
        "DISETUJUI": 0,
        "DIKEMBALIKAN": 0,
    }
    assert keu["menunggu"] == {
        "jabatan": "Kasubbag",
        "nama": "Siti Aminah, S.E.",
        "sejak": "2026-10-20T09:00:00+07:00",
    }
    assert keu["serapan_persen"] is None and keu["masalah"] == 0
    umum = _unit(data, "Umum dan Logistik")
    assert umum["status"]["DISETUJUI"] == 2 and umum["menunggu"] is None
    assert umum["serapan_persen"] == round(28 * 100 / 30, 2) and umum["masalah"] == 0
    hukum = _unit(data, "Hukum")
    assert hukum["berkas"] == [] and sum(hukum["status"].values()) == 0
    # Hendra (Kabag of Keuangan and Umum dan Logistik): Keuangan's two rows
    assert data["menunggu_anda"] == [{"berkas": "Keu.xlsm", "subbagian": "Keuangan", "baris": 2}]
    assert _json("siti")["menunggu_anda"] == [
        {"berkas": "Keu.xlsm", "subbagian": "Keuangan", "baris": 1}
    ]
    assert _json("ahmad.fauzi")["menunggu_anda"] == []
    (bad,) = data["berkas_bermasalah"]
    assert bad["berkas"] == "Rusak.xlsm" and bad["masalah"]


def test_login_page_board_and_logout(month: Path) -> None:
    web = client()
    web.cookies.clear()
    assert "Masuk" in web.get("/").text
    assert web.get(f"/bulan/{PERIODE}", follow_redirects=False).status_code == 303
    wrong = web.post("/masuk", data={"token": "bukan-token"})
    assert wrong.status_code == 401 and "Token tidak dikenal" in wrong.text
    answer = _login("hendra")
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=28800" in cookie
    assert token_of("hendra") not in cookie
    page = web.get(f"/bulan/{PERIODE}")
    assert page.status_code == 200
    assert "Papan Oktober 2026" in page.text and "Menunggu Anda" in page.text
    assert "belum mengirim" in page.text and "Rusak.xlsm" in page.text
    assert f'href="/bulan/{PERIODE}/berkas/Keu.xlsm"' in page.text
    detail = web.get(f"/bulan/{PERIODE}/berkas/Keu.xlsm")
    assert detail.status_code == 200 and "Kegiatan 3" in detail.text and "Kasubbag" in detail.text
    assert str(month) not in detail.text and str(month) not in page.text  # no server path
    report = web.get(f"/bulan/{PERIODE}/laporan.xlsx")
    assert report.status_code == 200 and report.content[:2] == b"PK"
    year = web.get("/tahun/2026/rekap.xlsx")
    assert year.status_code == 200 and year.content[:2] == b"PK"
    short = web.get("/tahun/26/rekap.xlsx")
    assert short.status_code == 404 and "bukan tahun" in short.json()["detail"]
    web.post("/keluar")
    assert web.get(f"/bulan/{PERIODE}", follow_redirects=False).status_code == 303
    assert web.get(f"/api/bulan/{PERIODE}").status_code == 401


def test_forged_and_expired_cookies_show_nothing(month: Path) -> None:
    from pyaddin.server.session import COOKIE, session_cookie

    web = client()
    for value in (
        session_cookie("hendra", now=time.time() - 9 * 3600),  # expired an hour ago
        session_cookie("hendra")[:-4] + "0000",  # signature altered
        "aGVuZHJhfDk5OTk5OTk5OTk=.00",  # made up
    ):
        web.cookies.clear()
        web.cookies.set(COOKIE, value)
        assert web.get(f"/api/bulan/{PERIODE}").status_code == 401
        assert web.get(f"/bulan/{PERIODE}", follow_redirects=False).status_code == 303
    web.cookies.clear()


def test_bad_months_and_paths_are_refused(month: Path) -> None:
    web = client()
    web.cookies.clear()
    _login("hendra")
    for periode in ("2026-13", "2026-1", "2026-00", "tahun"):
        answer = web.get(f"/api/bulan/{periode}")
        assert answer.status_code == 404 and "bukan bulan" in answer.json()["detail"]
    assert web.get("/api/bulan/..%2F..%2Fetc").status_code == 404
    for name in ("..%2F..%2Fkantor.toml", "..%2F2026-11%2FKeua.xlsm", "kantor.toml"):
        answer = web.get(f"/bulan/{PERIODE}/berkas/{name}")
        assert answer.status_code == 404, name
    assert web.get("/bulan/2026-10/../../kantor.toml").status_code == 404
    web.post("/keluar")


def test_a_refresh_reads_only_the_form_that_changed(
    month: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache keeps a file's state by its size and time, then its SHA-256; the
    server's workers share it on disk (a second cache on the same folder)."""
    import os
    import shutil

    from pyaddin.engine import board
    from pyaddin.engine import form as F
    from pyaddin.files.form_file import FileForm

    folder = tmp_path / PERIODE
    shutil.copytree(month, folder)
    office = load_config()
    read: list[str] = []
    original = board.form_state

    def counted(path: Path, periode: str, config: Any) -> Any:
        read.append(path.name)
        return original(path, periode, config)

    monkeypatch.setattr(board, "form_state", counted)
    first = board.BoardCache(tmp_path / "cache")
    before = board.month_board(tmp_path, PERIODE, office, first)
    assert sorted(read) == ["Keu.xlsm", "Rusak.xlsm", "Umum.xlsm"]
    read.clear()
    assert board.month_board(tmp_path, PERIODE, office, first) == before and read == []
    stat = (folder / "Keu.xlsm").stat()
    os.utime(folder / "Keu.xlsm", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert board.month_board(tmp_path, PERIODE, office, first) == before and read == []
    with FileForm(folder / "Keu.xlsm") as form:  # a reviewer's note: the bytes change
        form.write_values({(F.ROW_BODY, "catatan"): "cek SPJ"})
        form.commit()
    board.month_board(tmp_path, PERIODE, office, first)
    assert read == ["Keu.xlsm"]
    read.clear()
    other_worker = board.BoardCache(tmp_path / "cache")
    assert board.month_board(tmp_path, PERIODE, office, other_worker)["subbagian"]
    assert read == []


def test_a_server_without_a_shared_folder_says_so(
    month: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pyaddin.server.office import FOLDER_ENV

    monkeypatch.delenv(FOLDER_ENV)
    answer = client().get(f"/api/bulan/{PERIODE}", headers={"Authorization": token_of("siti")})
    assert answer.status_code == 503 and "--folder" in answer.json()["detail"]
