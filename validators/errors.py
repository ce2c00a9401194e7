"""The error a field parser raises; its text comes from the message catalog."""

from __future__ import annotations

from pyaddin.engine.errors import InputError
from pyaddin.validators import messages as _messages  # noqa: F401  (registers the catalog)


class FieldError(InputError):
    """A value that does not fit its field. ``message`` is in the current language;
    a ``field`` parameter becomes the field's label only when the message is shown."""

    @property
    def message(self) -> str:
        if "field" not in self.params:
            return super().message
        from pyaddin.engine.messages import t
        from pyaddin.validators.messages import label

        params = dict(self.params)
        params["label"] = label(params.pop("field"))
        return t(self.key, **params)
