"""Field and row validators of the form (installed as ``pyaddin.validators``).

Each parser takes what Excel gives (numbers, dates, text typed by hand),
normalises it, and raises :class:`FieldError` with a message in Bahasa
Indonesia that says what is wrong and what is expected.
"""

from pyaddin.validators.errors import FieldError

__all__ = ["FieldError"]
