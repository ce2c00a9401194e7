"""The month board's session cookie (DESIGN.md §15): the person's username and an
expiry, signed with HMAC-SHA256 under the server's session key, HttpOnly,
SameSite=Strict, eight hours. The key comes from ``REALISASI_SESI_KUNCI``, which
``realisasi serve`` sets once for all its workers (a fresh one at each start, so
a restart logs everyone out); it never enters a page, a log or a workbook."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time

SESSION_ENV = "REALISASI_SESI_KUNCI"
COOKIE = "rk_sesi"
LIFETIME = 8 * 3600


def new_session_key() -> str:
    """A fresh random session key (for the environment of the server's workers)."""
    return secrets.token_hex(32)


def _key() -> bytes:
    key = os.environ.get(SESSION_ENV)
    if not key:  # a server started without `serve`: a key for this process only
        key = os.environ[SESSION_ENV] = new_session_key()
    return key.encode("ascii")


def _sign(payload: str) -> str:
    return hmac.new(_key(), payload.encode("utf-8"), hashlib.sha256).hexdigest()


def session_cookie(username: str, now: float | None = None) -> str:
    """The cookie value for ``username``, valid for :data:`LIFETIME` seconds."""
    expires = int((now or time.time()) + LIFETIME)
    payload = base64.urlsafe_b64encode(f"{username}|{expires}".encode()).decode("ascii")
    return f"{payload}.{_sign(payload)}"


def session_user(cookie: str | None, now: float | None = None) -> str | None:
    """The username of a valid, unexpired cookie; None for none, forged or expired."""
    if not cookie or "." not in cookie:
        return None
    payload, signature = cookie.rsplit(".", 1)
    if not hmac.compare_digest(signature.encode("ascii", "replace"), _sign(payload).encode()):
        return None
    try:
        username, expires = base64.urlsafe_b64decode(payload).decode("utf-8").rsplit("|", 1)
        if int(expires) < (now or time.time()):
            return None
    except ValueError:
        return None
    return username or None
