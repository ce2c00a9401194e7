"""The ``realisasi`` command line (see :mod:`pyaddin.cli.main`)."""

from pyaddin.cli.main import cli, main

__all__ = ["cli", "main"]
