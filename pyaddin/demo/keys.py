"""Signing keys for everyone of an office in a throwaway key store: the demo's
month (and the tests' and benchmarks') signs like an office whose people all have
keys, without touching this PC's credential store."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from pyaddin.engine.config import OfficeConfig
from pyaddin.engine.signatures import public_key
from pyaddin.files.key_store import DIR_ENV, PASS_ENV, new_private_key, open_store, person_id


@contextlib.contextmanager
def throwaway_keys(
    config: OfficeConfig, folder: Path, passphrase: str, make: bool = True
) -> Iterator[OfficeConfig]:
    """While inside, the key store is ``folder`` and everyone in ``config`` has a key
    there (made now, unless ``make`` is false: they were made before); yields the
    config with their public keys, as the office's would list them. The
    environment is restored afterwards."""
    saved = {name: os.environ.get(name) for name in (DIR_ENV, PASS_ENV)}
    os.environ[DIR_ENV] = str(folder)
    os.environ[PASS_ENV] = passphrase
    try:
        if not make:
            yield config
            return
        keyed = config.model_copy(deep=True)
        store = open_store()
        for person in keyed.pegawai:
            private = new_private_key()
            store.put(person_id(person.nip, person.nama), private)
            person.kunci_publik = public_key(private)
        yield keyed
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
