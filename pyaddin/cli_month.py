"""CLI commands of the month end (added with consolidation)."""

from __future__ import annotations

import click


def register_commands(group: click.Group) -> None:
    """Attach the month-end commands to ``group``."""
