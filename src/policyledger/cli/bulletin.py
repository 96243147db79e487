"""Command line: bulletin (to be filled in)."""

from __future__ import annotations


def register(commands) -> None:
    """Add the sub-command(s) to the parser."""
