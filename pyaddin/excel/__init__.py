"""The live-Excel adapter: a workbook open in Excel, through xlwings' portable API."""
