"""``python -m herald.api --db FILE``: the same as ``herald serve``."""

from __future__ import annotations

from herald.cli.serve import serve_command

if __name__ == "__main__":
    serve_command(prog_name="herald serve")
