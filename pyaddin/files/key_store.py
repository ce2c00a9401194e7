"""Where a person's private signing key lives on their PC (DESIGN.md §12).

The OS credential store through ``keyring`` (Windows Credential Manager, macOS
Keychain). Where there is none (Linux without a keyring), or when
``REALISASI_KUNCI_DIR`` is set (tests, the demo, CI, the office server): a file
store — in that folder, else in the user's config folder — one PEM file per
person, encrypted with the passphrase in ``REALISASI_KUNCI_SANDI`` (asked for
when unset and a terminal is attached). A private key never enters a workbook,
a report or a log; only this module reads or writes one.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from pyaddin.engine.errors import InputError
from pyaddin.engine.messages import register

register(
    {
        "key.no_passphrase": (
            "Kata sandi penyimpan kunci belum ada: isi REALISASI_KUNCI_SANDI, atau jalankan "
            "di terminal agar ditanyakan.",
            "The key store passphrase is missing: set REALISASI_KUNCI_SANDI, or run in a "
            "terminal to be asked for it.",
        ),
        "key.wrong_passphrase": (
            "Kunci {who} di {file} tidak dapat dibuka: kata sandi salah atau berkas rusak.",
            "The key of {who} in {file} cannot be opened: wrong passphrase or damaged file.",
        ),
        "key.prompt": ("Kata sandi penyimpan kunci: ", "Key store passphrase: "),
    }
)

SERVICE = "realisasi-kegiatan"
INDEX = "_daftar"
DIR_ENV = "REALISASI_KUNCI_DIR"
PASS_ENV = "REALISASI_KUNCI_SANDI"


def person_id(nip: str, nama: str) -> str:
    """Whose key: the NIP (unique in the civil service), else the name."""
    text = nip.strip() or " ".join(nama.split()).casefold()
    return re.sub(r"[^0-9A-Za-z._-]+", "_", text)


class FileKeyStore:
    """One encrypted PEM file per person in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.where = str(folder)

    def _path(self, key_id: str) -> Path:
        return self.folder / f"{key_id}.pem"

    def get(self, key_id: str, who: str) -> bytes | None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import (
            Encoding,
            NoEncryption,
            PrivateFormat,
            load_pem_private_key,
        )

        path = self._path(key_id)
        if not path.is_file():
            return None
        try:
            key = load_pem_private_key(path.read_bytes(), _passphrase())
        except (ValueError, TypeError) as exc:
            raise InputError("key.wrong_passphrase", who=who, file=path) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise InputError("key.wrong_passphrase", who=who, file=path)
        return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    def put(self, key_id: str, private: bytes) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import (
            BestAvailableEncryption,
            Encoding,
            PrivateFormat,
        )

        self.folder.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.from_private_bytes(private)
        data = key.private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(_passphrase())
        )
        path = self._path(key_id)
        temp = path.with_suffix(".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        temp.replace(path)

    def has(self, key_id: str) -> bool:
        return self._path(key_id).is_file()

    def ids(self) -> list[str]:
        return sorted(p.stem for p in self.folder.glob("*.pem")) if self.folder.is_dir() else []


class KeyringKeyStore:
    """The OS credential store; an index entry lists whose keys it holds."""

    where = "OS credential store"

    def get(self, key_id: str, who: str) -> bytes | None:
        import base64

        import keyring

        secret = keyring.get_password(SERVICE, key_id)
        return base64.b64decode(secret) if secret else None

    def put(self, key_id: str, private: bytes) -> None:
        import base64

        import keyring

        keyring.set_password(SERVICE, key_id, base64.b64encode(private).decode("ascii"))
        known = set(self.ids()) | {key_id}
        keyring.set_password(SERVICE, INDEX, ",".join(sorted(known)))

    def has(self, key_id: str) -> bool:
        import keyring

        return keyring.get_password(SERVICE, key_id) is not None

    def ids(self) -> list[str]:
        import keyring

        index = keyring.get_password(SERVICE, INDEX) or ""
        return [i for i in index.split(",") if i]


KeyStore = FileKeyStore | KeyringKeyStore


def open_store() -> KeyStore:
    """The key store of this PC (see the module's docstring for which one)."""
    folder = os.environ.get(DIR_ENV)
    if folder:
        return FileKeyStore(Path(folder))
    # Windows and macOS always have a credential store; elsewhere one needs a
    # desktop session (Secret Service, KWallet) — a server or CI has none, and
    # asking keyring there only costs its import.
    if sys.platform in ("win32", "darwin") or os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        try:
            import keyring

            if keyring.get_keyring().priority > 0:
                return KeyringKeyStore()
        except Exception:  # no usable backend: fall back to the file store
            pass
    return FileKeyStore(_config_folder() / "kunci")


def _config_folder() -> Path:
    if sys.platform == "win32":  # pragma: no cover (Windows)
        return Path(os.environ.get("APPDATA", Path.home())) / "RealisasiKegiatan"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "realisasi-kegiatan"


def _passphrase() -> bytes:
    value = os.environ.get(PASS_ENV)
    if value:
        return value.encode("utf-8")
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        from pyaddin.engine.messages import t

        typed = getpass.getpass(t("key.prompt"))
        if typed:
            return typed.encode("utf-8")
    raise InputError("key.no_passphrase")


def new_private_key() -> bytes:
    """A fresh Ed25519 private key (raw 32 bytes)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    key = Ed25519PrivateKey.generate()
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
