"""Realisasi Kegiatan: the monthly activity-realization form of the Sekretariat
KPU Provinsi Bengkulu, checked, approved, signed and consolidated.

The engine (``pyaddin.engine``: form layout, validation's callers, review,
hash chain, signatures, consolidation) knows no workbook library; the file
adapter (``pyaddin.files``) and the live-Excel adapter (``pyaddin.excel``) are
the only places that touch a workbook, behind ``pyaddin.adapter.FormAdapter``.
``pyaddin.workflow`` is what the CLI, the ribbon macros and the demo call.
"""

__version__ = "1.0.0"
