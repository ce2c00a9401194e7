"""The file adapter: python-calamine to read, openpyxl to write, atomic saves,
the template builder and its styles, and the ``.xlsm`` build (VBA, ribbon)."""
