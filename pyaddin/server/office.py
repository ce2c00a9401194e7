"""The office config the server acts on, read once from the file ``serve`` was
given (``REALISASI_SERVER_CONFIG``), and the shared folder of the office's forms
(``REALISASI_SERVER_FOLDER``), for the auth provider, the scripts and the pages."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from pyaddin.engine.config import OfficeConfig, load_config
from pyaddin.engine.messages import register

register(
    {
        "server.no_token": (
            "Server tidak mengenal Anda: PC ini belum punya token. Minta token ke admin "
            "(realisasi token buat) dan isikan sebagai AUTH di xlwings.conf.",
            "The server does not know you: this PC has no token. Ask the administrator for "
            "one (realisasi token buat) and set it as AUTH in xlwings.conf.",
        ),
        "server.bad_token": (
            "Token di xlwings.conf PC ini tidak dikenal server (salah salin, atau sudah "
            "diganti). Minta token baru ke admin.",
            "The token in this PC's xlwings.conf is not known to the server (mistyped, or "
            "replaced). Ask the administrator for a new one.",
        ),
    }
)

CONFIG_ENV = "REALISASI_SERVER_CONFIG"
FOLDER_ENV = "REALISASI_SERVER_FOLDER"
CACHE_ENV = "REALISASI_CACHE_DIR"


def config_path() -> str | None:
    """The office config file ``serve`` was given (``None``: the built-in one)."""
    return os.environ.get(CONFIG_ENV) or None


@cache
def office() -> OfficeConfig:
    """The office config of this server process."""
    return load_config(config_path())


def shared_folder() -> Path | None:
    """The folder of the office's forms ``serve --folder`` was given, if any."""
    folder = os.environ.get(FOLDER_ENV)
    return Path(folder) if folder else None


def cache_folder() -> Path:
    """Where the month board keeps each form's state, shared by the workers and kept
    across restarts (``REALISASI_CACHE_DIR``, else the user's cache folder)."""
    folder = os.environ.get(CACHE_ENV)
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "realisasi" / "papan"
