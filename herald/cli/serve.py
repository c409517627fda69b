"""``herald serve``: the API and web UI over one DuckDB file (registered by herald.cli.app)."""

from __future__ import annotations

from pathlib import Path

import click

from herald.api import DEFAULT_EXTRACT_QUEUE, DEFAULT_MAX_EXTRACT_BYTES
from herald.cli.options import database_option


@click.command("serve")
@database_option(must_exist=False)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8750, show_default=True)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests whose Host header is NAME (repeatable; '*' for any).",
)
@click.option(
    "--writable",
    is_flag=True,
    help="Run /api/extract and store what it finds (the server becomes the file's one writer).",
)
@click.option(
    "--allow-extract",
    is_flag=True,
    help="Run /api/extract without storing anything (implied by --writable).",
)
@click.option(
    "--extract-queue",
    type=click.IntRange(min=0),
    default=DEFAULT_EXTRACT_QUEUE,
    show_default=True,
    help="Extractions that may wait behind the running one; more are answered 503.",
)
@click.option(
    "--max-extract-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_EXTRACT_BYTES,
    show_default=True,
    help="Largest article /api/extract accepts (a request body may be 64 KiB more).",
)
def serve_command(
    db: Path,
    host: str,
    port: int,
    allow_hosts: tuple[str, ...],
    writable: bool,
    allow_extract: bool,
    extract_queue: int,
    max_extract_bytes: int,
) -> None:
    """Serve the JSON API and the web UI (open http://HOST:PORT/ in a browser).

    \b
    Examples:
      herald serve --db events.duckdb
      herald serve --db events.duckdb --allow-extract
      herald serve --db events.duckdb --port 9000 --writable
    The API is documented at /docs; everything is served locally, nothing from a CDN.

    \b
    What the server does, and does not, do (docs/security.md):
      - It only reads the file, and POST /api/extract answers 403 (read_only),
        unless --writable (extract and store) or --allow-extract (extract only).
      - One extraction runs at a time, --extract-queue more may wait; beyond
        that POST /api/extract answers 503 with a Retry-After header.
      - It answers only requests whose Host header names localhost, 127.0.0.1,
        ::1, the --host address or an --allow-host name (400 otherwise), so a
        web page cannot reach it through DNS rebinding.
      - A request body over --max-extract-bytes plus 64 KiB is a 413, chunked
        or not.
      - Listening beyond loopback with --writable or --allow-extract prints a
        warning: anyone who can reach the port can run the model (and store).
    """
    import uvicorn

    from herald.api.app import create_app

    if not writable and not db.is_file():
        raise click.BadParameter(
            f"{db} does not exist (use --writable to create it)", param_hint="--db"
        )
    _check_can_open(db, writable)
    app = create_app(
        db,
        writable=writable,
        allow_extract=allow_extract,
        extract_queue=extract_queue,
        max_extract_bytes=max_extract_bytes,
        allowed_hosts=(host, *allow_hosts),
    )
    click.echo(f"herald serve: {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    if (writable or allow_extract) and not is_loopback(host):
        what = "--writable" if writable else "--allow-extract"
        does = "run the model and store documents in" if writable else "run the model on"
        click.echo(
            f"herald serve: warning: {what} on {host}, which is not a loopback address: "
            f"anyone who can reach port {port} can {does} {db}; "
            "prefer --host 127.0.0.1 behind a proxy that checks who asks",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _check_can_open(db: Path, writable: bool) -> None:
    """Fail with one clear line when another process holds the file (DuckDB's one writer)."""
    import duckdb

    try:
        duckdb.connect(str(db), read_only=not writable).close()
    except duckdb.Error as error:
        raise click.ClickException(f"cannot open {db}: {error}") from error


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine only: localhost, 127/8, ::1."""
    import ipaddress

    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
