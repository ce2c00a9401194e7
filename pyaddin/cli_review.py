"""CLI commands of the review workflow (added with the review engine)."""

from __future__ import annotations

import click


def register_commands(group: click.Group) -> None:
    """Attach the review commands to ``group``."""
