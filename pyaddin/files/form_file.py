"""The file adapter: one form file opened for one user action.

:class:`FileForm` implements :class:`pyaddin.adapter.FormAdapter` for a file
on disk. It takes the write lock on entry (refusing a file open in Excel or
busy with another run) and reads with python-calamine; nothing more is loaded
when the engine refuses the action. A write edits, in place, only the parts of
the package that hold what it changes (DESIGN.md §16): the acted cells of
``Realisasi``, rows appended to ``Riwayat``, the chain head, the cell formats a
lock or a mark switches to, and for *Validasi* the notes — every other part is
copied as it was, so pictures, charts, shapes, the user's notes, sheets, names
and document properties survive. :meth:`commit` saves atomically; leaving the
block without it leaves the file byte-identical. Growing the table
(:meth:`add_rows`) inserts rows part by part, as Excel's *Insert Rows* does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyaddin.engine import form as F
from pyaddin.engine.errors import FileError
from pyaddin.engine.marks import ERROR, Marks
from pyaddin.engine.model import FormData, HistoryEntry
from pyaddin.files.atomic import WriteLock, write_atomic
from pyaddin.files.reader import check_workbook_file, defined_names, read_grid

if TYPE_CHECKING:
    from pyaddin.engine.review import ActionResult
    from pyaddin.files.package import Package
    from pyaddin.files.sheet_xml import SheetXml
    from pyaddin.files.styles_xml import StylesXml


def _col(key: str) -> int:
    return F.column_index(key) + 1


_MACRO_PARTS = ("xl/vbaProject.bin", "customUI/")
_INPUT_COLUMNS = [i for i, c in enumerate(F.COLUMNS, 1) if c.input]


class FileForm:
    """A form file for one action: ``with FileForm(path) as form: …; form.commit()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = WriteLock(self.path)
        self._form: FormData | None = None
        self._package: Package | None = None
        self._sheets: dict[str, SheetXml] = {}
        self._styles: StylesXml | None = None

    def __enter__(self) -> FileForm:
        check_workbook_file(self.path, deep=False)  # the zip reader checks each CRC
        self._lock.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._package = None
        self._lock.__exit__()

    # --- reading -------------------------------------------------------------

    def read(self) -> FormData:
        """The form as the engine sees it (calamine, once)."""
        if self._form is None:
            from pyaddin.engine.snapshot import read_form

            self._form = read_form(read_grid(self.path, F.SHEETS))
        return self._form

    # --- the package, part by part ----------------------------------------------

    @property
    def package(self) -> Package:
        """The workbook's package, opened on the first write."""
        if self._package is None:
            from pyaddin.files.package import Package

            self._package = Package(self.path)
        return self._package

    def sheet(self, name: str) -> SheetXml:
        """Sheet ``name``'s XML, parsed on first use."""
        if name not in self._sheets:
            from pyaddin.files.sheet_xml import SheetXml

            part = self.package.sheet_parts().get(name)
            if part is None:
                raise FileError("file.corrupt", file=self.path, detail=name)
            self._sheets[name] = SheetXml(self.package.xml(part))
            self.package.touch(part)
        return self._sheets[name]

    @property
    def styles(self) -> StylesXml:
        if self._styles is None:
            from pyaddin.files.package import REL_STYLES
            from pyaddin.files.styles_xml import StylesXml

            found = self.package.target(self.package.workbook_part(), REL_STYLES)
            if found is None:
                raise FileError("file.corrupt", file=self.path, detail="xl/styles.xml")
            self._styles = StylesXml(self.package.xml(found[1]))
            self._styles.repair_general()
            self._styles_part = found[1]
        return self._styles

    # --- writing -------------------------------------------------------------

    def apply_marks(self, marks: Marks) -> None:
        """Clear the product's old marks in the body, then set the new ones: fills
        (a switch of the cell's format), notes, canonical values, Status."""
        from pyaddin.files.notes_xml import Notes

        form = self.read()
        sheet, styles = self.sheet(F.SHEET_FORM), self.styles
        top, bottom = marks.clear_rows
        columns = range(1, len(F.COLUMNS) + 1)
        for row in [r for r in sheet.rows if top <= r <= bottom]:
            for col in columns:
                style = sheet.style(row, col)
                if style and styles.is_mark(style):
                    sheet.set_style(row, col, styles.variant(style, fill=None))
        for (row, key), (kind, _) in marks.cells.items():
            colour = F.COLOR_ERROR if kind == ERROR else F.COLOR_WARNING
            style = sheet.style(row, _col(key))
            sheet.set_style(row, _col(key), styles.variant(style, None, colour))
        by_row = {r.excel_row: r for r in form.rows}
        for (row, key), value in marks.values.items():
            if by_row[row].values.get(key) != value and not sheet.has_formula(row, _col(key)):
                sheet.set_value(row, _col(key), value)
        for row, text in marks.statuses.items():
            sheet.set_value(row, _col("status"), text or None)
        written: dict[int, dict[str, Any]] = {}
        for (row, key), value in marks.values.items():
            written.setdefault(row, {})[key] = value
        for row, text in marks.statuses.items():
            written.setdefault(row, {})["status"] = text or None
        self._fit_print(written)
        part = self.package.sheet_parts()[F.SHEET_FORM]
        notes = Notes(self.package, part, sheet)
        notes.remove_ours(F.Area(F.SHEET_FORM, top, 1, bottom, len(F.COLUMNS)), F.NOTE_AUTHOR)
        notes.add(
            [(row, _col(key), message) for (row, key), (_, message) in marks.cells.items()],
            F.NOTE_AUTHOR,
        )

    def apply_action(self, result: ActionResult) -> None:
        """Status, Catatan, ID Baris, No. and locks of the acted rows; Riwayat; head."""
        sheet, styles = self.sheet(F.SHEET_FORM), self.styles
        for change in result.changes:
            row = change.excel_row
            sheet.set_value(row, _col("status"), change.status_text)
            sheet.set_value(row, _col("catatan"), change.catatan or None)
            sheet.set_value(row, _col("id"), change.row_id)
            if change.no_text is not None:
                sheet.set_value(row, _col("no"), change.no_text)
            for col in _INPUT_COLUMNS:
                style = sheet.style(row, col)
                sheet.set_style(row, col, styles.variant(style, locked=change.locked))
        self._fit_print(
            {
                c.excel_row: {"status": c.status_text, "catatan": c.catatan or None}
                for c in result.changes
            }
        )
        self._append_history(result.entries)
        name, row, col = self.read().head_cell
        self.sheet(name).set_value(row, col, result.head)

    def _fit_print(self, written: dict[int, dict[str, Any]], grown_by: int = 0) -> None:
        """The printed form after a write: the written rows as tall as their text,
        and a page break above the signature block when the form runs past a page."""
        from pyaddin.engine.print_layout import body_row_height, signature_needs_break

        form, sheet = self.read(), self.sheet(F.SHEET_FORM)
        heights = []
        for row in form.rows:
            values = {**row.values, **written.get(row.excel_row, {})}
            height = body_row_height(values)
            if row.excel_row in written:
                sheet.set_row_height(row.excel_row, height)
            heights.append(height)
        heights += [body_row_height({})] * grown_by
        top = form.signature_row + grown_by
        owned = range(form.body_last_row + 1, top + F.SIGNATURE_HEIGHT + grown_by)
        sheet.set_break_above(top, signature_needs_break(heights, sheet.paper()), owned)

    def _append_history(self, entries: list[HistoryEntry]) -> None:
        if not entries:
            return
        sheet = self.sheet(F.SHEET_HISTORY)
        last = max(sheet.last_filled_row(len(F.HISTORY_COLUMNS)), 1)
        sheet.append_rows(last + 1, [e.cells() for e in entries])

    def add_rows(self, count: int) -> None:
        """Grow the body by ``count`` rows, as Excel's *Insert Rows* would: the
        signature block and everything below moves down."""
        from pyaddin.files.row_insertion import insert_body_rows

        form = self.read()
        body = F.Area(F.SHEET_FORM, form.body_first_row, 1, form.body_last_row, len(F.COLUMNS))
        part = self.package.sheet_parts()[F.SHEET_FORM]
        insert_body_rows(self.package, part, self.sheet(F.SHEET_FORM), body, count)
        self._fit_print({}, grown_by=count)

    def write_values(self, values: dict[tuple[int, str], Any]) -> None:
        """Type values into the body by (Excel row, column key), as a person would."""
        sheet = self.sheet(F.SHEET_FORM)
        for (row, key), value in values.items():
            sheet.set_value(row, _col(key), value)

    def replace_macros(self, template: Path, server_url: str | None = None) -> None:
        """Take the VBA project and the ribbon of ``template`` (the same VBA for
        every form), and its template version; the sheets and what was typed stay.
        A server form's ``template`` also gets ``server_url`` on ``xlwings.conf``."""
        import zipfile

        package = self.package
        if not package.has("xl/vbaProject.bin"):
            raise FileError("file.no_macros", file=self.path)
        with zipfile.ZipFile(template) as source:
            for name in source.namelist():
                if name.startswith(_MACRO_PARTS):
                    package.put(name, source.read(name))
        area = F.parse_area(defined_names(self.path).get(F.NAME_VERSION, ""))
        if area is not None:
            self.sheet(area.sheet).set_value(area.first_row, area.first_col, F.TEMPLATE_VERSION)
        if server_url is not None:
            from pyaddin.files.server_vba import SERVER_URL_KEY, SERVER_URL_ROW

            conf = self.sheet(F.SHEET_XLWINGS_CONF)
            conf.set_value(SERVER_URL_ROW, 1, SERVER_URL_KEY)
            conf.set_value(SERVER_URL_ROW, 2, server_url)

    def commit(self) -> None:
        """Save atomically over the original (nothing to do when nothing was applied)."""
        if self._package is not None and self._package.edited:
            package = self._package
            if self._styles is not None and self._styles.changed:
                package.touch(self._styles_part)
            if any(s.formula_removed for s in self._sheets.values()):
                _drop_calc_chain(package)
            write_atomic(self.path, package.save)


def _drop_calc_chain(package: Package) -> None:
    """Excel rebuilds its calculation chain; one naming a formula we replaced would
    make it repair the file."""
    from pyaddin.files.package import REL_CALC_CHAIN

    book = package.workbook_part()
    found = package.target(book, REL_CALC_CHAIN)
    if found is not None:
        package.remove_relationship(book, found[0])
        package.remove(found[1])
