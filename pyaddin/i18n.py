"""Messages in Bahasa Indonesia (default) and English.

Every user-facing sentence has a key; modules register their own catalog with
:func:`register` and render with :func:`t`. The language comes from
:func:`set_language` (the CLI's ``--lang``) or ``REALISASI_LANG``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

LANGUAGES = ("id", "en")
_catalog: dict[str, tuple[str, str]] = {}
_language: str | None = None


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
        return message_key if not params else f"{message_key}: {params}"
    template = pair[1] if language() == "en" else pair[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
