"""Realisasi Kegiatan: the monthly activity-realization form of the Sekretariat
KPU Provinsi Bengkulu, checked, approved and consolidated.

The engine (form layout, validators, review, hash chain, consolidation, report)
knows nothing of xlwings or openpyxl; ``io_xlsx`` and ``io_excel`` are the only
modules that touch a workbook.
"""

__version__ = "1.0.0"
