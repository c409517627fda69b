"""``herald serve``: the API and web UI over one DuckDB file (registered by herald.cli.app)."""

from __future__ import annotations

from pathlib import Path

import click

from herald.api import DEFAULT_MAX_EXTRACT_BYTES


@click.command("serve")
@click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), required=True, help="DuckDB file."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8750, show_default=True)
@click.option(
    "--writable",
    is_flag=True,
    help="Store articles posted to /api/extract (the server becomes the file's one writer).",
)
@click.option(
    "--max-extract-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_EXTRACT_BYTES,
    show_default=True,
    help="Largest article /api/extract accepts.",
)
def serve_command(db: Path, host: str, port: int, writable: bool, max_extract_bytes: int) -> None:
    """Serve the JSON API and the web UI (open http://HOST:PORT/ in a browser).

    \b
    Examples:
      herald serve --db events.duckdb
      herald serve --db events.duckdb --port 9000 --writable
    The API is documented at /docs; everything is served locally, nothing from a CDN.
    """
    import uvicorn

    from herald.api.app import create_app

    if not writable and not db.is_file():
        raise click.BadParameter(
            f"{db} does not exist (use --writable to create it)", param_hint="--db"
        )
    _check_can_open(db, writable)
    app = create_app(db, writable=writable, max_extract_bytes=max_extract_bytes)
    click.echo(f"herald serve: {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _check_can_open(db: Path, writable: bool) -> None:
    """Fail with one clear line when another process holds the file (DuckDB's one writer)."""
    import duckdb

    try:
        duckdb.connect(str(db), read_only=not writable).close()
    except duckdb.Error as error:
        raise click.ClickException(f"cannot open {db}: {error}") from error
