"""Who a request comes from, for the office server (DESIGN.md §14): the token
is printed once, the office config keeps only its SHA-256, and a person is
known by the digest of the Authorization header — in constant time."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pyaddin.engine.config import load_config
from pyaddin.engine.tokens import person_for_token, token_digest
from tests.helpers import cli_process
from tests.keys import write_config


def _make(who: str, config: Path | None = None) -> tuple[str, str, str]:
    args = ["token", "buat", "--by", who] + (["--config", str(config)] if config else [])
    run = cli_process(*args)
    assert run.code == 0, run.err
    lines = run.out.strip().splitlines()
    token = next(line for line in lines if line.startswith("token = ")).split('"')[1]
    assert lines[-1].startswith('token_sha256 = "')  # the last line: for the office config
    return token, lines[-1].split('"')[1], run.out


def test_token_printed_once_config_keeps_its_digest(tmp_path: Path) -> None:
    token, digest, out = _make("rina")
    assert len(token) >= 40 and digest == hashlib.sha256(token.encode()).hexdigest()
    assert "hanya dicetak sekali" in out and "xlwings.conf" in out and "AUTH" in out
    other, _, _ = _make("rina")
    assert other != token  # a new token every time

    office = load_config()
    for person in office.pegawai:
        if person.username == "rina":
            person.token_sha256 = digest
    config = write_config(office, tmp_path / "kantor.toml")
    text = config.read_text("utf-8")
    assert digest in text and token not in text  # the secret never enters the config
    loaded = load_config(config)
    found = person_for_token(loaded, token)
    assert found is not None and found.username == "rina"
    assert person_for_token(loaded, token + "x") is None
    assert person_for_token(loaded, "") is None and person_for_token(loaded, None) is None
    assert person_for_token(loaded, digest) is None  # the digest is not a password


def test_a_retired_entry_does_not_act(tmp_path: Path) -> None:
    import datetime as dt

    office = load_config()
    person = next(p for p in office.pegawai if p.username == "siti")
    person.token_sha256 = token_digest("lama")
    person.berlaku_sampai = dt.date(2026, 6, 30)
    assert person_for_token(office, "lama") is None


def test_a_malformed_digest_is_refused_with_its_key(tmp_path: Path) -> None:
    office = load_config()
    text = write_config(office, tmp_path / "k.toml").read_text("utf-8")
    text = text.replace('username = "rina"', 'username = "rina"\ntoken_sha256 = "abc"', 1)
    (tmp_path / "k.toml").write_text(text, "utf-8")
    run = cli_process("token", "buat", "--by", "rina", "--config", str(tmp_path / "k.toml"))
    assert run.code == 2 and "token_sha256" in run.err and "Rina Marlina" in run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize("who", ["nobody", ""])
def test_unknown_person(who: str) -> None:
    run = cli_process("token", "buat", "--by", who)
    assert run.code == 2 and "tidak ada di konfigurasi kantor" in run.err
    assert "token =" not in run.out


def test_a_session_names_a_person_without_username_and_never_a_retired_entry() -> None:
    """The board's session and the scripts' user name a person by username, or by
    name when the config gives none; the name finds the current entry again."""
    import datetime as dt

    from pyaddin.engine.tokens import account_name, person_named
    from pyaddin.server.session import session_cookie, session_user

    office = load_config()
    dewi = next(p for p in office.pegawai if p.username == "dewi.kartika")
    dewi.username = ""  # an office that gives Dewi no username
    assert account_name(dewi) == dewi.nama
    assert person_named(office, session_user(session_cookie(account_name(dewi))) or "") is dewi

    current = next(p for p in office.pegawai if p.username == "siti")
    retired = current.model_copy(update={"berlaku_sampai": dt.date(2026, 6, 30)})
    office.pegawai.insert(0, retired)  # a retired key's entry listed first
    assert person_named(office, "siti") is current
    assert person_named(office, "tidak-ada") is None
