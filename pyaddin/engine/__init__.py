"""The engine: the form's layout, the model, validation's callers, the review
state machine, the hash chain, audit, consolidation and the messages.

It imports no workbook library (no xlwings, openpyxl, calamine or XlsxWriter):
adapters turn workbooks into a :class:`~pyaddin.engine.snapshot.Grid` and apply
what the engine decides.
"""
