"""The error a field parser raises; its text comes from the message catalog."""

from __future__ import annotations

from typing import Any

from pyaddin.i18n import t
from pyaddin.validators import messages as _messages  # noqa: F401  (registers the catalog)


class FieldError(ValueError):
    """A value that does not fit its field. ``message`` is in the current language."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        super().__init__(message_key)
        self.key = message_key
        self.params = params

    @property
    def message(self) -> str:
        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message
