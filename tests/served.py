"""The office server in the test process: xlwings Server's app as ``realisasi
serve`` runs it (``pyaddin.server.app``), driven by FastAPI's test client with
the bodies xlwings' VBA client posts (:func:`tests.remote.book_json` with
``client="VBA"``, only the sheets the ribbon sends for that macro), each person
with their own token."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from pyaddin.engine import vba

SCRIPT_SHEETS = {script: sheets for script, sheets, _ in vba.SERVER_CALLS.values()}


def token_of(username: str) -> str:
    return f"token-uji-{username}"


@cache
def shared() -> Path:
    """The server's shared folder of the office's forms (``serve --folder``)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="rk-server-")) / "formulir"
    folder.mkdir()
    return folder


@cache
def client() -> Any:
    """A test client of the office server's app, every person of the built-in office
    config with a token (set up once per test process)."""
    from fastapi.testclient import TestClient

    from pyaddin.engine.config import load_config
    from pyaddin.engine.signatures import public_key
    from pyaddin.engine.tokens import token_digest
    from pyaddin.files.key_store import new_private_key, open_store, person_id
    from pyaddin.server.run import server_environment
    from tests.keys import write_config

    office = load_config()
    with server_keys():  # everyone signs with their key from the server's store
        store = open_store()
        for person in office.pegawai:
            if person.username:
                person.token_sha256 = token_digest(token_of(person.username))
                private = new_private_key()
                store.put(person_id(person.nip, person.nama), private)
                person.kunci_publik = public_key(private)
    folder = shared()
    config = write_config(office, folder.parent / "kantor.toml")
    os.environ.update(server_environment(str(config), "noncommercial", str(folder)))
    from pyaddin.server.app import app

    return TestClient(app)


@contextmanager
def server_keys() -> Iterator[None]:
    """The server process's own key store (``REALISASI_KUNCI_DIR`` on the server),
    apart from the store the test process's CLI uses."""
    saved = os.environ.get("REALISASI_KUNCI_DIR")
    os.environ["REALISASI_KUNCI_DIR"] = str(shared().parent / "kunci-server")
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("REALISASI_KUNCI_DIR", None)
        else:
            os.environ["REALISASI_KUNCI_DIR"] = saved


def post(script: str, body: Any, username: str | None) -> Any:
    """``POST /xlwings/custom-scripts-call/<script>`` as the VBA client does."""
    headers = {"Authorization": token_of(username)} if username else {}
    served = client()
    with server_keys():
        return served.post(f"/xlwings/custom-scripts-call/{script}", json=body, headers=headers)


def press(path: Path, script: str, username: str, selection: str = "A1") -> list[str]:
    """Press a ribbon button of a server form on ``username``'s PC: post the sheets
    that button sends, replay the answer onto ``path``; returns the message boxes."""
    from tests.remote import apply_actions, book_json

    body = book_json(path, selection, client="VBA", include=SCRIPT_SHEETS[script])
    answer = post(script, body, username)
    assert answer.status_code == 200, answer.text
    return apply_actions(path, answer.json()["actions"])
