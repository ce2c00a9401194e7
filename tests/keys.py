"""Signing keys for tests: a throwaway key store per test, and the office config
that lists the public keys (as an administrator would paste them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyaddin.engine.config import OfficeConfig, load_config
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
    lines = [f"approval_chain = {office.approval_chain!r}".replace("'", '"')]
    lines.append(f'tanda_tangan = "{office.tanda_tangan}"')
    lines.append(f'[kantor]\nnama = "{office.kantor.nama}"\nkertas = "{office.kantor.kertas}"')
    for unit in office.subbagian:
        lines.append(f'[[subbagian]]\nnama = "{unit.nama}"\nbagian = "{unit.bagian}"')
    for p in office.pegawai:
        entry = [f'nama = "{p.nama}"', f'nip = "{p.nip}"', f'jabatan = "{p.jabatan}"']
        for key in ("username", "subbagian", "bagian", "kunci_publik"):
            value = getattr(p, key)
            if value:
                entry.append(f'{key} = "{value}"')
        if p.berlaku_sampai:
            entry.append(f"berlaku_sampai = {p.berlaku_sampai.isoformat()}")
        lines.append("[[pegawai]]\n" + "\n".join(entry))
    path.write_text("\n\n".join(lines) + "\n", "utf-8")
    return path
