"""The command line, one module per command (docs/architecture.md)."""

from herald.cli.app import main

__all__ = ["main"]
