"""Messages in Bahasa Indonesia (default) and English.

Every user-facing sentence has a key; each module registers the keys it uses
with :func:`register` (so importing a module alone is enough for its texts) and
renders them with :func:`t`. The language comes from :func:`set_language` (the
CLI's ``--lang``, passed on to consolidation's worker processes) or
``REALISASI_LANG``. With ``REALISASI_PESAN_KETAT=1`` (the tests set it) an
unknown key raises instead of showing the key itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

LANGUAGES = ("id", "en")
STRICT_ENV = "REALISASI_PESAN_KETAT"
_catalog: dict[str, tuple[str, str]] = {}
_language: str | None = None


class UnknownMessageError(KeyError):
    """A message key nobody registered (raised only in strict mode)."""


def is_registered(message_key: str) -> bool:
    """Whether ``message_key`` has a text (for checks of catalogs)."""
    return message_key in _catalog


def register(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add ``key -> (indonesian, english)`` templates to the catalog."""
    for key, pair in messages.items():
        if key in _catalog and _catalog[key] != pair:
            raise ValueError(f"message key registered twice: {key}")
        _catalog[key] = pair


def set_language(lang: str | None) -> None:
    """Choose the language for every later message (``None``: from the environment)."""
    global _language
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(lang)
    _language = lang


def language() -> str:
    """The language in force: ``id`` unless ``en`` was chosen."""
    if _language is not None:
        return _language
    env = os.environ.get("REALISASI_LANG", "id").strip().lower()
    return env if env in LANGUAGES else "id"


def t(message_key: str, /, **params: Any) -> str:
    """Render message ``message_key`` in the current language."""
    pair = _catalog.get(message_key)
    if pair is None:
        if os.environ.get(STRICT_ENV) == "1":
            raise UnknownMessageError(message_key)
        return message_key if not params else f"{message_key}: {params}"
    template = pair[1] if language() == "en" else pair[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
