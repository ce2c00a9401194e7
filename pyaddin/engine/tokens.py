"""Who a request comes from, for the office server (DESIGN.md §14).

A person's token is made once (``realisasi token buat``), kept only in the
``xlwings.conf`` of their PC (the ``AUTH`` key, which the form's VBA client
sends as the ``Authorization`` header), and known to the office config only by
its SHA-256 (``token_sha256`` in their ``[[pegawai]]`` entry). The server acts
as the person whose digest matches — never as a user name the client sends.
Digests are compared in constant time; a token is never logged or written to a
workbook.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from pyaddin.engine.config import OfficeConfig, Pegawai


def new_token() -> str:
    """A fresh token: 256 random bits, URL-safe text (fits an ``xlwings.conf`` line)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The SHA-256 (hex) the office config keeps for ``token``."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def account_name(person: Pegawai) -> str:
    """Who ``person`` is to the server (the scripts' user, the board's session): their
    username, or their name when the office config gives them none."""
    return person.username or person.nama


def person_named(office: OfficeConfig, name: str) -> Pegawai | None:
    """The office's current person (not a retired key's entry) whose
    :func:`account_name` is ``name``."""
    return next(
        (p for p in office.pegawai if p.berlaku_sampai is None and account_name(p) == name), None
    )


def person_for_token(office: OfficeConfig, authorization: str | None) -> Pegawai | None:
    """The person (current entry) whose ``token_sha256`` is the digest of the
    ``Authorization`` header as sent; None for no header or an unknown token.
    Every entry is compared, in constant time, whatever matches first."""
    if not authorization:
        return None
    digest = token_digest(authorization).encode("ascii")
    found = None
    for person in office.pegawai:
        if person.token_sha256 is None or person.berlaku_sampai is not None:
            continue
        if hmac.compare_digest(digest, person.token_sha256.encode("ascii")):
            found = person
    return found
