"""The office server (DESIGN.md §14), started with one command as an IT person
would, on loopback: `/health`, the ribbon's macros over HTTP as the VBA client
posts them, acting as the person the token names and never as a name the PC
sends, and the 401 sentence for a PC without a valid token."""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pyaddin.engine.config import load_config
from pyaddin.engine.tokens import token_digest
from pyaddin.files.reader import read_form_file
from tests.helpers import GOOD_ROW, fill, make_form
from tests.keys import write_config
from tests.live_server import running_server
from tests.remote import apply_actions, book_json

TOKENS = {"rina": "token-rina-uji", "siti": "token-siti-uji"}
CLI = str(Path(sys.executable).with_name("realisasi"))


LOG = "server.log"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("server")
    office = load_config()
    office.server.batas_mb = 1.0
    for person in office.pegawai:
        if person.username in TOKENS:
            person.token_sha256 = token_digest(TOKENS[person.username])
    config = write_config(office, folder / "kantor.toml")
    # the server's own OS user must never act: make it someone registered
    env = {**os.environ, "RK_USER": "ahmad.fauzi", "REALISASI_KUNCI_DIR": str(folder / "kunci")}
    with (
        (folder / LOG).open("w") as log,
        running_server(["--config", str(config)], env, log) as (
            url,
            _,
        ),
    ):
        yield url


def server_log(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What the server processes of this session logged."""
    folders = sorted(tmp_path_factory.getbasetemp().glob("server*"))
    return "".join((f / LOG).read_text() for f in folders if (f / LOG).exists())


def _call(url: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method="POST" if data else "GET")
    request.add_header("Content-Type", "application/json")
    if token is not None:
        request.add_header("Authorization", token)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def click(url: str, path: Path, macro: str, who: str) -> list[str]:
    """Press a ribbon button on a PC with ``who``'s token: post the book, replay the answer."""
    code, answer = _call(url, f"/xlwings/custom-scripts-call/{macro}", book_json(path), TOKENS[who])
    assert code == 200, answer
    return apply_actions(path, answer["actions"])


def test_health(server: str) -> None:
    code, answer = _call(server, "/health")
    assert code == 200 and answer["ok"] is True
    assert answer["xlwings"] == "0.37.8" and answer["versi"]


def test_macros_act_as_the_token_person(server: str, tmp_path: Path) -> None:
    path = make_form(tmp_path)
    fill(path, [GOOD_ROW, {**GOOD_ROW, "judul": "Rapat evaluasi"}])
    from pyaddin.engine.messages import t

    assert click(server, path, "validasi", "rina") == [t("act.valid", rows=2)]
    click(server, path, "ajukan", "rina")
    form = read_form_file(path)
    assert [(e.aksi, e.oleh) for e in form.history] == [("AJUKAN", "Rina Marlina")] * 2
    click(server, path, "setujui_semua", "siti")
    form = read_form_file(path)
    assert [e.tahap for e in form.history[2:]] == ["Kasubbag", "Kasubbag"]
    # Siti's token, whatever the server's own user name (RK_USER there is the Sekretaris)
    assert {e.oleh for e in form.history[2:]} == {"Siti Aminah, S.E."}
    assert [r.status.split(" — ")[0] for r in form.filled_rows()] == ["DISETUJUI KASUBBAG"] * 2


def test_no_or_unknown_token_is_a_sentence(server: str, tmp_path: Path) -> None:
    path = make_form(tmp_path)
    for token, words in ((None, "belum punya token"), ("bukan-token", "tidak dikenal server")):
        code, answer = _call(server, "/xlwings/custom-scripts-call/ajukan", book_json(path), token)
        assert code == 401 and words in answer["detail"]
    assert read_form_file(path).history == []


def test_one_log_line_per_click_and_never_the_token(
    server: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = make_form(tmp_path)
    fill(path, [GOOD_ROW])
    click(server, path, "ajukan", "rina")
    time.sleep(0.2)
    text = server_log(tmp_path_factory)
    line = next(x for x in text.splitlines() if " rina ajukan form.xlsm " in x)
    assert " Keuangan/2026-11 baris=" in line and line.endswith(" ms")
    assert all(token not in text for token in TOKENS.values())


def test_a_body_over_the_limit_is_refused(server: str) -> None:
    code, answer = _call(
        server, "/xlwings/custom-scripts-call/validasi", {"x": "a" * 2_000_000}, TOKENS["rina"]
    )
    assert code == 413 and "melebihi batas server 1 MB" in answer["detail"]


def test_a_workbook_that_is_not_our_form_gets_a_message(server: str, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Daftar belanja"
    book.save(tmp_path / "lain.xlsx")
    code, answer = _call(
        server,
        "/xlwings/custom-scripts-call/ajukan",
        book_json(tmp_path / "lain.xlsx"),
        TOKENS["rina"],
    )
    assert code == 200
    alerts = [a["args"][0] for a in answer["actions"] if a["func"] == "alert"]
    assert len(alerts) == 1 and "formulir" in alerts[0].lower()
