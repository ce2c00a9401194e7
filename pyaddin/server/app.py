"""The office server's ASGI app, as each uvicorn worker imports it
(``pyaddin.server.app:app``): xlwings Server with this package's project
directory (set by ``realisasi serve`` in the environment before any worker
starts), behind the body limit, with our sentences for what xlwings Server
would answer in English, and the one-line-per-click log on stderr."""

from __future__ import annotations

import json
import logging
import re

import xlwings as xw
import xlwings.server
from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, Response
from xlwings import XlwingsError
from xlwings_server import dependencies as dep
from xlwings_server import main as xlwings_main
from xlwings_server.config import settings
from xlwings_server.models import CurrentUser
from xlwings_server.routers.xlwings import custom_scripts

from pyaddin.engine.messages import register, t
from pyaddin.server.limits import App, limit_body
from pyaddin.server.office import office
from pyaddin.validators.row import remember_rows

# Rows whose verdict a worker keeps: thirty forms of 300 rows (about 2 KiB each, so at
# most ~25 MiB per worker).
ROWS_REMEMBERED = 10_000

register(
    {
        "server.other_version": (
            "Formulir ini memakai makro xlwings {client}, sedangkan server kantor xlwings "
            "{server}: versinya harus sama. Minta admin memperbarui makro formulir "
            "('realisasi perbarui-makro --server URL BERKAS'); tidak ada yang diubah.",
            "This form carries the macros of xlwings {client}, the office server runs "
            "xlwings {server}: they must match. Ask the administrator to update the form's "
            "macros ('realisasi perbarui-makro --server URL FILE'); nothing was changed.",
        ),
        "server.not_json": (
            "Permintaan ke server tidak utuh atau bukan formulir (terpotong di jaringan?); "
            "tidak ada yang diubah. Tekan tombolnya sekali lagi.",
            "The request to the server was incomplete or not a form (cut off on the "
            "network?); nothing was changed. Press the button once more.",
        ),
    }
)

_OTHER_VERSION = re.compile(r"different on the client \(([^)]*)\) and server \(([^)]*)\)")
_original = xlwings_main.xlwings_exception_handler


async def _xlwings_error(request: Request, exc: Exception) -> Response:
    """A client of another xlwings version: a sentence saying so (400), nothing acted on."""
    found = _OTHER_VERSION.search(str(exc))
    if found is None:
        return await _original(request, exc)
    detail = t("server.other_version", client=found.group(1), server=found.group(2))
    return JSONResponse({"detail": detail}, status_code=400)


async def _not_json(request: Request, exc: Exception) -> Response:
    """A truncated or garbled body: a sentence (400), nothing acted on."""
    return JSONResponse({"detail": t("server.not_json")}, status_code=400)


async def _script_call(
    script_name: str, args: dep.ScriptArgs, book: dep.Book, current_user: dep.User
) -> Response:
    """xlwings Server's ``custom-scripts-call``, the answer written as JSON text at
    once: FastAPI's generic encoder walks every cell of the answer and cost a third
    of a Validasi on a 300-row form."""
    try:
        book = await xlwings.server.custom_scripts_call(
            custom_scripts,
            script_name,
            current_user,
            typehint_to_value={CurrentUser: current_user, xw.Book: book},
            args=args,
        )
    except XlwingsError as exc:
        if "missing required argument" in str(exc) or "extra argument" in str(exc):
            raise HTTPException(status_code=400, detail=str(exc)) from exc
        raise
    text = json.dumps(book.json(), ensure_ascii=False, default=str)
    return Response(text.encode("utf-8"), media_type="application/json")


def _our_routes_first() -> None:
    """Our :func:`_script_call` answers the script calls, and the month board's
    pages their paths (``/`` included, where xlwings Server answers a status):
    routes match in order."""
    routes = xlwings_main.app.router.routes
    path = f"{settings.app_path}/xlwings/custom-scripts-call/{{script_name}}"
    xlwings_main.app.add_api_route(path, _script_call, methods=["POST"])
    ours = [r for r in routes if getattr(r, "endpoint", None) is _script_call]
    ours += [r for r in routes if _is_board(r)]
    routes[:] = ours + [r for r in routes if r not in ours]


def _is_board(route: object) -> bool:
    """A route of the month board, or a router that holds one."""
    endpoint = getattr(route, "endpoint", None)
    if getattr(endpoint, "__module__", "") == "pyaddin.server.board_pages":
        return True
    inner = getattr(route, "original_router", None)  # FastAPI's included router
    return inner is not None and any(_is_board(r) for r in inner.routes)


def _log_to_stderr() -> None:
    log = logging.getLogger("realisasi.server")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def _import_engines() -> None:
    """What the first click or board request would import, imported at start."""
    import pyaddin.engine.audit
    import pyaddin.engine.board
    import pyaddin.files.reader
    import pyaddin.validators.form_rules  # noqa: F401


def build_app() -> App:
    """xlwings Server's app with our error sentences, behind ``[server] batas_mb``."""
    xlwings_main.app.add_exception_handler(XlwingsError, _xlwings_error)
    xlwings_main.app.add_exception_handler(json.JSONDecodeError, _not_json)
    xlwings_main.app.add_exception_handler(UnicodeDecodeError, _not_json)
    _our_routes_first()
    remember_rows(ROWS_REMEMBERED)
    _import_engines()
    _log_to_stderr()
    return limit_body(xlwings_main.main_app, office().server.batas_mb)


app = build_app()
