"""click's own texts (``Usage:``, ``Show this message and exit.``, its errors) in
Bahasa Indonesia.

click translates through :mod:`gettext`; each click module binds ``_`` and
``ngettext`` at import. :func:`install` rebinds them to a lookup that answers in
the language in force (:func:`pyaddin.engine.messages.language`) and falls back
to click's English for a text it does not know.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import click

from pyaddin.engine.messages import language

INDONESIAN = {
    "Usage:": "Pemakaian:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "Show this message and exit.": "Tampilkan pesan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Error: {message}": "Galat: {message}",
    "Aborted!": "Dibatalkan.",
    "Missing command.": "Perintah belum disebut.",
    "No such command {name!r}.": "Perintah {name!r} tidak ada.",
    "No such option {name!r}.": "Opsi {name!r} tidak ada.",
    "Missing option": "Opsi wajib belum diisi",
    "Missing argument": "Argumen wajib belum diisi",
    "Missing parameter": "Parameter wajib belum diisi",
    "Missing {param_type}": "{param_type} belum diisi",
    "Missing parameter: {param_name}": "Parameter belum diisi: {param_name}",
    "Invalid value for {param_hint}: {message}": "Nilai {param_hint} tidak valid: {message}",
    "Invalid value: {message}": "Nilai tidak valid: {message}",
    "Try '{command} {option}' for help.": "Lihat '{command} {option}' untuk bantuan.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang valid.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas.",
    "default: {default}": "bawaan: {default}",
    "file": "berkas",
    "directory": "folder",
    "path": "jalur",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Got unexpected extra argument ({args})": "Argumen berlebih tidak dikenal ({args})",
    "Got unexpected extra arguments ({args})": "Argumen berlebih tidak dikenal ({args})",
    "Did you mean {possibility}?": "Maksud Anda {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Maksud Anda salah satu dari: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
}

# The usage line's pieces, which click does not pass through gettext.
USAGE_PIECES = {
    "[OPTIONS]": "[OPSI]",
    "COMMAND [ARGS]...": "PERINTAH [ARGUMEN]...",
    "FILE": "BERKAS",
}

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "utils")


def _gettext(message: str) -> str:
    if language() == "id":
        return INDONESIAN.get(message, message)
    return message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def _translated_pieces(collect: Callable[[Any, Any], list[str]]) -> Callable[[Any, Any], list[str]]:
    def collect_usage_pieces(self: Any, ctx: Any) -> list[str]:
        pieces = collect(self, ctx)
        if language() != "id":
            return pieces
        return [USAGE_PIECES.get(piece, piece) for piece in pieces]

    collect_usage_pieces.__wrapped__ = collect  # type: ignore[attr-defined]
    return collect_usage_pieces


def install() -> None:
    """Make every click module translate through :func:`_gettext`, and the usage
    line's pieces (``[OPTIONS]``, ``COMMAND [ARGS]...``) through :data:`USAGE_PIECES`."""
    for name in _MODULES:
        module: Any = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
    for kind in (click.Command, click.Group):
        collect = kind.__dict__.get("collect_usage_pieces")
        if collect is not None and not hasattr(collect, "__wrapped__"):
            kind.collect_usage_pieces = _translated_pieces(collect)  # type: ignore[method-assign,assignment]
