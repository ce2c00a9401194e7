"""The Excel add-in's sources and built workbook, installed as ``pyaddin.addin``."""
