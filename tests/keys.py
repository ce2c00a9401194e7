"""Signing keys for tests: a throwaway key store per test, and the office config
that lists the public keys (as an administrator would paste them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyaddin.engine.config import OfficeConfig, dump_config, load_config
from pyaddin.engine.signatures import public_key
from pyaddin.files.key_store import new_private_key, open_store, person_id

PEOPLE = ("rina", "siti", "hendra", "ahmad.fauzi")


def give_keys(
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    usernames: tuple[str, ...] = PEOPLE,
    config: OfficeConfig | None = None,
) -> OfficeConfig:
    """Make keys for ``usernames`` in a key store of this test; returns the office
    config with their ``kunci_publik``."""
    monkeypatch.setenv("REALISASI_KUNCI_DIR", str(folder / "kunci"))
    monkeypatch.setenv("REALISASI_KUNCI_SANDI", "sandi-uji")
    office = (config or load_config()).model_copy(deep=True)
    store = open_store()
    for person in office.pegawai:
        if person.username in usernames:
            private = new_private_key()
            store.put(person_id(person.nip, person.nama), private)
            person.kunci_publik = public_key(private)
    return office


def write_config(office: OfficeConfig, path: Path) -> Path:
    """The office config as TOML (what the finance office keeps)."""
    path.write_text(dump_config(office), "utf-8")
    return path
