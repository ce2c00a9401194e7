"""``realisasi serve``: xlwings Server on uvicorn, with this package's project
directory, the ``custom`` (token) auth provider and the office's licence key."""

from __future__ import annotations

import os
import ssl
import threading
import time
import urllib.request
from pathlib import Path

from pyaddin.engine.errors import FileError, InputError
from pyaddin.engine.messages import register
from pyaddin.server.office import CONFIG_ENV, FOLDER_ENV
from pyaddin.server.session import SESSION_ENV, new_session_key

register(
    {
        "server.ready": (
            "Server kantor siap: {url} (hentikan dengan Ctrl+C).",
            "Office server ready: {url} (stop with Ctrl+C).",
        ),
        "server.no_license": (
            "Server butuh kunci lisensi xlwings: setel XLWINGS_LICENSE_KEY atau "
            "[server] xlwings_license_key di konfigurasi kantor ('noncommercial' untuk "
            "instansi pemerintah menurut lisensi PolyForm Noncommercial, atau kunci berbayar).",
            "The server needs an xlwings licence key: set XLWINGS_LICENSE_KEY or [server] "
            "xlwings_license_key in the office config ('noncommercial' for a government "
            "institution under the PolyForm Noncommercial licence, or a paid key).",
        ),
    }
)

PROJECT_DIR = Path(__file__).resolve().parent / "project"


def server_environment(
    config_path: str | None, license_key: str | None, folder: str | None = None
) -> dict[str, str]:
    """The environment xlwings Server reads at import (in every worker): our project
    directory, the token auth provider, no examples, the licence key the office set,
    the office config and the shared folder of the month's forms."""
    key = os.environ.get("XLWINGS_LICENSE_KEY") or license_key
    if not key:
        raise InputError("server.no_license")
    env = {
        "XLWINGS_PROJECT_DIR": str(PROJECT_DIR),
        "XLWINGS_AUTH_PROVIDERS": '["custom"]',
        "XLWINGS_ENABLE_EXAMPLES": "false",
        "XLWINGS_LICENSE_KEY": key,
    }
    if config_path:
        env[CONFIG_ENV] = str(Path(config_path).resolve())
    if folder:
        env[FOLDER_ENV] = str(Path(folder).resolve())
    # one session key for every worker of this start (the month board's cookies)
    env[SESSION_ENV] = os.environ.get(SESSION_ENV) or new_session_key()
    return env


def _announce(url: str, probe: str, context: ssl.SSLContext | None) -> None:
    """Print the ready line once, when ``/health`` answers (whatever the workers);
    then read this month's forms for the board, so its first page is quick."""
    from pyaddin.engine.messages import t

    for _ in range(1200):
        try:
            with urllib.request.urlopen(probe, timeout=2, context=context) as answer:
                if answer.status == 200:
                    print(t("server.ready", url=url), flush=True)
                    break
        except OSError:
            time.sleep(0.05)
    _warm_board()


def _warm_board() -> None:
    """The month board's states of this month's forms, into the shared cache."""
    from pyaddin.engine.board import BoardCache, month_board
    from pyaddin.engine.model import now_wib, period_label
    from pyaddin.server.office import cache_folder, office, shared_folder

    folder = shared_folder()
    if folder is None:
        return
    try:
        month_board(folder, period_label(now_wib()), office(), BoardCache(cache_folder()))
    except Exception:  # the board reads them itself on the first request
        return


def serve(
    config_path: str | None,
    host: str,
    port: int,
    ssl_certfile: str | None = None,
    ssl_keyfile: str | None = None,
    workers: int = 1,
    folder: str | None = None,
) -> None:
    """Run the server in the foreground until interrupted: ``workers`` processes
    (one per core serves thirty PCs), HTTPS with the office's certificate when
    given (tokens travel in a header)."""
    from pyaddin.engine.config import load_config

    office = load_config(config_path)  # a broken config stops here, with its key named
    if folder and not Path(folder).is_dir():
        raise FileError("file.missing", file=folder)
    os.environ.update(server_environment(config_path, office.server.xlwings_license_key, folder))
    import uvicorn

    scheme = "https" if ssl_certfile else "http"
    local = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    context = ssl._create_unverified_context() if ssl_certfile else None  # our own /health
    probe = f"{scheme}://{local}:{port}/health"
    threading.Thread(
        target=_announce, args=(f"{scheme}://{host}:{port}", probe, context), daemon=True
    ).start()
    uvicorn.run(
        "pyaddin.server.app:app",
        host=host,
        port=port,
        workers=workers,
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
        log_level="warning",
    )
