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
        params = dict(self.params)
        if "field" in params:  # the label is looked up only when a message is shown
            from pyaddin.validators.messages import label

            params["label"] = label(params.pop("field"))
        return t(self.key, **params)

    def __str__(self) -> str:
        return self.message
