"""The month board's pages and JSON (DESIGN.md §15), on the office server.

Only parses the request, calls the board engine (:mod:`pyaddin.engine.board`)
or the month and year engines, and renders the answer: server-rendered HTML
(Jinja2, no script), the same figures as JSON at ``/api/bulan/YYYY-MM``. A
person logs in with the same token as the ribbon's; nothing about the month
is shown without a session. Only the shared folder's own files are read or
offered: a month is ``YYYY-MM``, a form is a name in that month's list. Pages
that read forms are plain functions, which FastAPI runs in its thread pool: a
cold month does not hold up the clicks the same worker serves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

from pyaddin.engine.board import BoardCache, month_board
from pyaddin.engine.config import OfficeConfig, Pegawai
from pyaddin.engine.consolidate import form_files, month_folder
from pyaddin.engine.messages import register, t
from pyaddin.engine.model import now_wib, period_label
from pyaddin.engine.tokens import account_name, person_for_token, person_named
from pyaddin.server.office import cache_folder, office, shared_folder
from pyaddin.server.session import COOKIE, LIFETIME, session_cookie, session_user
from pyaddin.validators.tanggal import month_label, month_name

register(
    {
        "board.bad_token": (
            "Token tidak dikenal. Salin lagi token dari admin (sama dengan AUTH di "
            "xlwings.conf PC Anda).",
            "Unknown token. Copy the token from the administrator again (the same as AUTH "
            "in your PC's xlwings.conf).",
        ),
        "board.login_first": (
            "Masuk dulu dengan token Anda.",
            "Log in with your token first.",
        ),
        "board.bad_month": (
            "'{periode}' bukan bulan: tulis TTTT-BB, mis. 2026-11.",
            "'{periode}' is not a month: write YYYY-MM, e.g. 2026-11.",
        ),
        "board.bad_year": (
            "'{tahun}' bukan tahun: tulis TTTT, mis. 2026.",
            "'{tahun}' is not a year: write YYYY, e.g. 2026.",
        ),
        "board.no_form": (
            "Tidak ada formulir '{name}' di folder bulan {periode}.",
            "There is no form '{name}' in the folder of {periode}.",
        ),
        "board.no_folder": (
            "Server belum diberi folder bersama formulir ('realisasi serve --folder "
            "FOLDER'); hubungi admin.",
            "The server has no shared folder of forms ('realisasi serve --folder FOLDER'); "
            "ask the administrator.",
        ),
    }
)

router = APIRouter()
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@cache
def _templates() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("pyaddin.server", "templates"),
        autoescape=select_autoescape(["html"]),
    )
    env.filters["waktu"] = _time_text
    return env


def _page(name: str, status: int = 200, **values: Any) -> HTMLResponse:
    html = _templates().get_template(name).render(**values)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _time_text(iso: str | None) -> str:
    """``2026-11-20T09:00:00+07:00`` → ``20 Nov 09.00``."""
    if not iso:
        return "-"
    try:
        when = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{when.day} {month_name(when.month)[:3]} {when:%H.%M}"


def _shift(periode: str, months: int) -> str:
    index = int(periode[:4]) * 12 + int(periode[5:]) - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _this_month() -> str:
    return period_label(now_wib())


def _person(request: Request) -> Pegawai | None:
    """The logged-in person: a valid session cookie, or the ribbon's token."""
    username = session_user(request.cookies.get(COOKIE))
    if username is not None:
        return person_named(office(), username)
    return person_for_token(office(), request.headers.get("authorization"))


def _folder() -> Path:
    folder = shared_folder()
    if folder is None:
        raise LookupError(t("board.no_folder"))
    return folder


# --- login ---------------------------------------------------------------------


@router.get("/", response_model=None)
async def home(request: Request) -> Response:
    """The login page, or the board of this month with a session."""
    if _person(request) is not None:
        return RedirectResponse(f"/bulan/{_this_month()}", status_code=303)
    return _page("masuk.html", error=None)


@router.post("/masuk", response_model=None)
async def login(request: Request, token: str = Form("")) -> Response:
    """A valid token sets the session cookie and opens this month's board."""
    person = person_for_token(office(), token.strip())
    if person is None:
        return _page("masuk.html", status=401, error=t("board.bad_token"))
    answer = RedirectResponse(f"/bulan/{_this_month()}", status_code=303)
    answer.set_cookie(
        COOKIE,
        session_cookie(account_name(person)),
        max_age=LIFETIME,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return answer


@router.post("/keluar", response_model=None)
async def logout() -> Response:
    """End the session: back to the login page."""
    answer = RedirectResponse("/", status_code=303)
    answer.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return answer


# --- the board -------------------------------------------------------------------


@cache
def _board_cache() -> BoardCache:
    return BoardCache(cache_folder())


def _board(periode: str, person: Pegawai | None) -> dict[str, Any]:
    return month_board(_folder(), periode, office(), _board_cache(), person)


@router.get("/api/bulan/{periode}", response_model=None)
def board_json(periode: str, request: Request) -> Response:
    """The month's figures as JSON (session cookie or the ribbon's token)."""
    person = _person(request)
    if person is None:
        return JSONResponse({"detail": t("board.login_first")}, status_code=401)
    if not MONTH.match(periode):
        return JSONResponse({"detail": t("board.bad_month", periode=periode)}, status_code=404)
    try:
        data = _board(periode, person)
    except LookupError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=503)
    return JSONResponse(data, headers={"Cache-Control": "no-store"})


@router.get("/bulan/{periode}", response_model=None)
def board_page(periode: str, request: Request) -> Response:
    """The month board for people: one row per subbagian, what waits for the viewer."""
    person = _person(request)
    if person is None:
        return RedirectResponse("/", status_code=303)
    if not MONTH.match(periode):
        return _page("pesan.html", 404, person=person, text=t("board.bad_month", periode=periode))
    try:
        data = _board(periode, person)
    except LookupError as exc:
        return _page("pesan.html", 503, person=person, text=str(exc))
    return _page(
        "bulan.html",
        person=person,
        data=data,
        bulan=month_label(periode),
        sebelum=_shift(periode, -1),
        sesudah=_shift(periode, 1),
        tahun=periode[:4],
    )


@router.get("/bulan/{periode}/berkas/{name}", response_model=None)
def form_page(periode: str, name: str, request: Request) -> Response:
    """One form of the month: its rows and who each waits for."""
    from pyaddin.engine.model import waiting_level
    from pyaddin.files.reader import read_form_file

    person = _person(request)
    if person is None:
        return RedirectResponse("/", status_code=303)
    if not MONTH.match(periode):
        return _page("pesan.html", 404, person=person, text=t("board.bad_month", periode=periode))
    place = month_folder(_folder(), periode)
    files = {p.name: p for p in form_files(place)} if place.is_dir() else {}
    path = files.get(name)  # only a name of the month's list: never a path of the request
    if path is None:
        return _page(
            "pesan.html", 404, person=person, text=t("board.no_form", name=name, periode=periode)
        )
    form = read_form_file(path)
    last = {e.row_id: e for e in form.history}
    rows = []
    for row in form.filled_rows():
        level = waiting_level(row.status, form.chain)
        entry = last.get(row.row_id)
        rows.append(
            {
                "no": row.no,
                "judul": row.values.get("judul"),
                "status": row.status,
                "menunggu": form.chain[level] if level is not None else "",
                "sejak": entry.waktu if entry else "",
                "catatan": row.values.get("catatan") or "",
            }
        )
    return _page(
        "berkas.html",
        person=person,
        form=form,
        nama_berkas=path.name,  # never the server's path
        rows=rows,
        periode=periode,
        bulan=month_label(periode),
    )


# --- the month's report and the year view, built on demand ------------------------


def _inputs_digest(files: list[Path], config: OfficeConfig) -> str:
    """SHA-256 over the inputs: each file's name and bytes, and the office config."""
    digest = hashlib.sha256(config.model_dump_json().encode())
    for path in sorted(files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def _built() -> Path:
    """Where built reports are kept (outside the shared folder: never read as forms)."""
    return Path(tempfile.mkdtemp(prefix="rk-laporan-"))


@router.get("/bulan/{periode}/laporan.xlsx", response_model=None)
def month_report(periode: str, request: Request) -> Response:
    """The month's report (``consolidate``), built when its inputs changed."""
    from pyaddin.workflow import consolidate_folder

    if _person(request) is None:
        return RedirectResponse("/", status_code=303)
    if not MONTH.match(periode):
        return JSONResponse({"detail": t("board.bad_month", periode=periode)}, status_code=404)
    place = month_folder(_folder(), periode)
    files = form_files(place) if place.is_dir() else []
    out = _built() / f"Laporan-Realisasi-{periode}-{_inputs_digest(files, office())}.xlsx"
    if not out.exists():
        consolidate_folder(place, periode, out, office())
    return FileResponse(out, filename=f"Laporan-Realisasi-{periode}.xlsx")


@router.get("/tahun/{tahun}/rekap.xlsx", response_model=None)
def year_report(tahun: str, request: Request) -> Response:
    """The year view (``rekap-tahun``) of the shared folder, built when its inputs changed."""
    from pyaddin.engine.consolidate import year_files
    from pyaddin.workflow import year_folder

    if _person(request) is None:
        return RedirectResponse("/", status_code=303)
    if not re.fullmatch(r"\d{4}", tahun):
        return JSONResponse({"detail": t("board.bad_year", tahun=tahun)}, status_code=404)
    folder = _folder()
    out = _built() / f"Rekap-{tahun}-{_inputs_digest(year_files(folder), office())}.xlsx"
    if not out.exists():
        year_folder(folder, int(tahun), out, office())
    return FileResponse(out, filename=f"Rekap-Tahun-{tahun}.xlsx")
