"""The office server (DESIGN.md §14): xlwings Server running the ribbon's macros
for PCs that have only Excel. ``project/`` is the xlwings Server project
directory: ``custom_scripts`` (one script per ribbon macro, the same macros as
RunPython), ``auth/custom`` (a person from their token) and ``routers/custom``
(``GET /health``). :mod:`.run` starts it."""
