"""The workbook adapter interface: what the workflow needs from a workbook.

Two implementations: :class:`pyaddin.files.form_file.FileForm` (a file on
disk: calamine to read, openpyxl to write, atomic save) and
:class:`pyaddin.excel.live_form.LiveForm` (a book open in Excel, through
xlwings). The engine decides; an adapter reads the form and applies what the
engine decided — the same cells, statuses, notes and ``Riwayat`` either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pyaddin.engine.marks import Marks
    from pyaddin.engine.model import FormData
    from pyaddin.engine.review import ActionResult


class FormAdapter(Protocol):
    """One form, opened for one user action."""

    def read(self) -> FormData:
        """The form as the engine sees it (read once, then cached)."""
        ...

    def apply_marks(self, marks: Marks) -> None:
        """*Validasi*: clear the old marks, set fills and notes, Status texts and
        canonical values. Only fills and notes the product set are cleared."""
        ...

    def apply_action(self, result: ActionResult) -> None:
        """A workflow action: Status, Catatan, ID Baris, No. and locks of the acted
        rows, the new ``Riwayat`` entries and the chain head."""
        ...

    def add_rows(self, count: int) -> None:
        """*Tambah Baris*: grow the body by ``count`` empty, formatted rows."""
        ...

    def commit(self) -> None:
        """Make what was applied permanent (a file: the atomic save)."""
        ...
