"""``realisasi serve``: xlwings Server on uvicorn, with this package's project
directory, the ``custom`` (token) auth provider and the office's licence key."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pyaddin.engine.errors import InputError
from pyaddin.engine.messages import register

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


def server_environment(config_path: str | None, license_key: str | None) -> dict[str, str]:
    """The environment xlwings Server reads at import: our project directory, the
    token auth provider, no examples, the licence key the office set."""
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
        env["REALISASI_SERVER_CONFIG"] = str(Path(config_path).resolve())
    return env


def serve(
    config_path: str | None,
    host: str,
    port: int,
    ssl_certfile: str | None = None,
    ssl_keyfile: str | None = None,
) -> None:
    """Run the server in the foreground until interrupted (HTTPS with the office's
    certificate when given: tokens travel in a header)."""
    from pyaddin.engine.config import load_config

    office = load_config(config_path)  # a broken config stops here, with its key named
    os.environ.update(server_environment(config_path, office.server.xlwings_license_key))
    import uvicorn

    from pyaddin.engine.messages import t

    class _Server(uvicorn.Server):
        async def startup(self, sockets: list[Any] | None = None) -> None:
            await super().startup(sockets)
            scheme = "https" if ssl_certfile else "http"
            print(t("server.ready", url=f"{scheme}://{host}:{port}"), flush=True)

    import logging

    from xlwings_server.main import main_app

    from pyaddin.server.limits import limit_body

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    log = logging.getLogger("realisasi.server")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    app = limit_body(main_app, office.server.batas_mb)
    config = uvicorn.Config(
        app, host=host, port=port, ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile
    )
    _Server(config).run()
