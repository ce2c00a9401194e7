"""The ``realisasi`` command line (see :mod:`pyaddin.cli.main`)."""

from pyaddin.cli.main import cli, main, run

__all__ = ["cli", "main", "run"]
