"""herald's HTTP API and web UI: one FastAPI application over one DuckDB file.

``create_app(path)`` builds the application; ``herald serve`` (``herald.cli.serve``) runs it
with uvicorn. The JSON API lives under ``/api``, the web UI's files under ``/static``, and
the UI's pages (``/``, ``/events/{id}``, ``/timeline``, ...) all answer with the same
``index.html``, whose script reads the address to know what to show: every view is a link.

Fully offline: a Content-Security-Policy of ``'self'`` keeps the browser from loading
anything from elsewhere, and the API docs page is herald's own (``/docs``).

``Guard``, around every request, answers only Host names this server goes by (a web page
cannot reach it through DNS rebinding) and counts the body bytes as they arrive, so that
no request body, chunked or not, is read past the limit. ``POST /api/extract`` runs only
on a server started with ``--writable`` or ``--allow-extract``, one article at a time,
with a bounded queue (``ExtractQueue``) behind it. docs/security.md says why.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Body, Depends, FastAPI, Query, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from herald.api import (
    DEFAULT_EXTRACT_QUEUE,
    DEFAULT_MAX_EXTRACT_BYTES,
    aggregates,
    download,
    queries,
)
from herald.api.database import Database
from herald.api.errors import ApiError, ErrorBody, install_error_handlers, invalid
from herald.api.guard import Guard, host_names
from herald.api.params import event_filters
from herald.records import Extraction, Rejected
from herald.store.filters import EventFilters

WEB_DIR = Path(str(resources.files("herald") / "web"))
UI_PAGES = ("/", "/events", "/stories", "/timeline", "/network", "/map", "/actors", "/try")
# The JSON wrapping of an article adds a little: a body may be this much over the article limit.
BODY_SLACK = 65536
# Seconds a client is told to wait when the extraction queue is full.
RETRY_AFTER = 5
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (400, "a Host header this server does not go by"),
        (404, "not found"),
        (422, "a bad parameter (named in `field`)"),
        (500, "internal error"),
    )
}
EXTRACT_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    403: {"model": ErrorBody, "description": "extraction is off on this server (read_only)"},
    413: {"model": ErrorBody, "description": "the article or the request body is too large"},
    503: {"model": ErrorBody, "description": "the extraction queue is full (see Retry-After)"},
}


class ExtractRequest(BaseModel):
    """An article to run herald on: its text or its HTML, and optionally its date and URL."""

    text: str | None = Field(None, description="plain text of the article")
    html: str | None = Field(None, description="HTML of the page (instead of text)")
    date: dt.date | None = Field(None, description="publication date, where the page has none")
    url: str | None = Field(None, description="where the article comes from")


def _db(request: Request) -> Database:
    return request.app.state.db


def _reader(request: Request) -> duckdb.DuckDBPyConnection:
    return _db(request).reader()


Reader = Annotated[duckdb.DuckDBPyConnection, Depends(_reader)]
Filters = Annotated[EventFilters, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=500, description="items per page")]
# DuckDB takes an OFFSET up to the largest BIGINT; a larger one is a 422, not a failed query.
Offset = Annotated[int, Query(ge=0, le=2**63 - 1)]
SortOrder = Annotated[str, Query(description=f"one of {', '.join(queries.SORTS)}")]


def create_app(
    path: Path,
    *,
    writable: bool = False,
    allow_extract: bool = False,
    extract_queue: int = DEFAULT_EXTRACT_QUEUE,
    max_extract_bytes: int = DEFAULT_MAX_EXTRACT_BYTES,
    allowed_hosts: Iterable[str] = (),
) -> FastAPI:
    """The application over the DuckDB file at ``path`` (opened when the server starts).

    ``POST /api/extract`` runs only when ``writable`` (and then stores) or ``allow_extract``;
    at most ``extract_queue`` extractions wait behind the running one. Requests are answered
    only when their Host header names localhost, a loopback address or one of
    ``allowed_hosts`` (``"*"``: any).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(path, writable=writable)
        try:
            yield
        finally:
            app.state.db.close()

    app = FastAPI(
        title="herald",
        summary="Political events from news, coded in PLOVER: who did what to whom, when, where.",
        version="0.1.0",
        docs_url=None,  # FastAPI's pages load Swagger from a CDN; /docs is our own page
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.max_extract_bytes = max_extract_bytes
    app.state.writable = writable
    app.state.extract = writable or allow_extract
    app.state.extract_queue = ExtractQueue(waiting=extract_queue)
    install_error_handlers(app)
    app.add_middleware(
        Guard, max_body=max_extract_bytes + BODY_SLACK, hosts=host_names(allowed_hosts)
    )
    _add_api_routes(app)
    _add_ui_routes(app)
    return app


class ExtractQueue:
    """One extraction at a time, at most ``waiting`` more waiting for it; beyond that a 503.

    Used from the event loop only, so the counts need no lock.
    """

    def __init__(self, waiting: int) -> None:
        self.capacity = waiting + 1
        self.admitted = 0
        self._turn: asyncio.Lock | None = None

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self.admitted >= self.capacity:
            raise ApiError(
                503,
                "busy",
                f"{self.admitted} extractions are running or waiting; try again later",
                headers={"Retry-After": str(RETRY_AFTER)},
            )
        if self._turn is None:
            self._turn = asyncio.Lock()
        self.admitted += 1
        try:
            async with self._turn:
                yield
        finally:
            self.admitted -= 1


def _extraction_allowed(request: Request) -> None:
    if not request.app.state.extract:
        raise ApiError(
            403,
            "read_only",
            "this server does not run extraction: start it with --allow-extract "
            "(extract only) or --writable (extract and store)",
        )


def _add_api_routes(app: FastAPI) -> None:
    @app.get("/api/events", responses=ERRORS, tags=["events"])
    def events(
        con: Reader,
        filters: Filters,
        sort: SortOrder = "-date",
        limit: Limit = 50,
        cursor: Annotated[str | None, Query(description="next_cursor of the page before")] = None,
    ) -> dict[str, Any]:
        """Events matching the filters, one page at a time (follow `next_cursor`)."""
        return queries.list_events(con, filters, sort, limit, cursor)

    @app.get("/api/events/{event_id}", responses=ERRORS, tags=["events"])
    def event(con: Reader, event_id: str) -> dict[str, Any]:
        """One event: its document, evidence span, marked spans, quotes, same-story reports."""
        found = queries.get_event(con, event_id)
        found["same_story"] = queries.same_story(con, found)
        return found

    @app.get("/api/download", responses=ERRORS, tags=["events"])
    def download_events(
        con: Reader,
        filters: Filters,
        format: Literal["csv", "parquet"] = "csv",  # the query parameter is called format
        sort: SortOrder = "-date",
    ) -> Response:
        """Every event of the filtered view (all pages, in the list's order) as one CSV or
        Parquet file, typed: dates as dates, codes as strings."""
        body = download.encode(download.filtered_table(con, filters, sort), format)
        name = f"herald-events-{dt.date.today():%Y%m%d}.{format}"
        return Response(
            body,
            media_type=download.MEDIA_TYPES[format],
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @app.get("/api/stories", responses=ERRORS, tags=["events"])
    def stories(
        con: Reader, filters: Filters, limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        """Stories (one real event reported by several articles) with an event matching the
        filters, most reported first, once `link` has made them."""
        return queries.list_stories(con, filters, limit, offset)

    @app.get("/api/stories/{story_id}", responses=ERRORS, tags=["events"])
    def story(con: Reader, story_id: str) -> dict[str, Any]:
        """One story and its reports (one per article), each with the story's events."""
        return queries.get_story(con, story_id)

    @app.get("/api/actors", responses=ERRORS, tags=["actors"])
    def actors(
        con: Reader,
        q: Annotated[str | None, Query(description="name contains")] = None,
        country: Annotated[str | None, Query(min_length=3, max_length=3)] = None,
        sector: str | None = None,
        named: Annotated[
            bool, Query(description="only proper names (no numbers, no bare common nouns)")
        ] = True,
        months: Annotated[bool, Query(description="with the events per month")] = True,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Actors across documents (the spellings of one actor together, with the rule and
        names behind each merge), their event counts, titles, and events per month."""
        return aggregates.actors(con, q, country, sector, limit, offset, named, months)

    @app.get("/api/documents/{doc_id}", responses=ERRORS, tags=["documents"])
    def document(con: Reader, doc_id: str) -> dict[str, Any]:
        """A document's cleaned text with the offsets of its events, actors, quotes, dates
        and places."""
        return queries.get_document(con, doc_id)

    @app.get("/api/timeline", responses=ERRORS, tags=["charts"])
    def timeline(
        con: Reader,
        filters: Filters,
        interval: Literal["day", "week", "month"] = "month",
        by: Literal["quad", "type"] = "quad",
        window: Annotated[
            Literal["all", "core"],
            Query(description="core: only the 2nd to 98th percentile of the event dates"),
        ] = "all",
    ) -> dict[str, Any]:
        """Event counts per day, week or month, by quad class or type."""
        return aggregates.timeline(con, filters, interval, by, window)

    @app.get("/api/network", responses=ERRORS, tags=["charts"])
    def network(
        con: Reader,
        filters: Filters,
        min_count: Annotated[int, Query(ge=1)] = 1,
        limit: Annotated[int, Query(ge=1, le=2000, description="the busiest pairs")] = 150,
        level: Annotated[
            Literal["actor", "person", "country"],
            Query(description="nodes: actors across documents, persons only, or countries"),
        ] = "actor",
    ) -> dict[str, Any]:
        """The busiest actor -> recipient pairs with event counts by quad class."""
        return aggregates.network(con, filters, min_count, limit, level)

    @app.get("/api/places", responses=ERRORS, tags=["charts"])
    def places(
        con: Reader, filters: Filters, limit: Annotated[int, Query(ge=1, le=5000)] = 1000
    ) -> dict[str, Any]:
        """Events by the country of their place and by map point."""
        return aggregates.places(con, filters, limit)

    @app.get("/api/stats", responses=ERRORS, tags=["meta"])
    def stats(request: Request, con: Reader) -> dict[str, Any]:
        """What the database holds."""
        return {**aggregates.stats(con), "writable": request.app.state.writable}

    @app.post(
        "/api/extract",
        responses=EXTRACT_ERRORS,
        tags=["extract"],
        dependencies=[Depends(_extraction_allowed)],
    )
    async def extract(
        request: Request, response: Response, body: Annotated[ExtractRequest, Body()]
    ) -> dict[str, Any]:
        """Run herald on one article; the answer is `herald extract --format json`'s object.

        Only on a server started with `--allow-extract` or `--writable` (403 `read_only`
        otherwise); stored only with `--writable` (header `X-Herald-Stored`). One article
        runs at a time and a few may wait (`--extract-queue`); beyond that a 503 with
        `Retry-After`.
        """
        return await _extract(request.app, body, response)


async def _extract(app: FastAPI, body: ExtractRequest, response: Response) -> dict[str, Any]:
    max_bytes = app.state.max_extract_bytes
    if (body.text is None) == (body.html is None):
        raise invalid("text", "give exactly one of text and html")
    content = body.text if body.text is not None else body.html
    assert content is not None
    if len(content.encode("utf-8")) > max_bytes:
        raise ApiError(413, "too_large", f"the article is over {max_bytes} bytes")
    if not content.strip():
        raise invalid("text" if body.text is not None else "html", "is empty")
    kind = "text" if body.text is not None else "html"
    db: Database = app.state.db
    async with app.state.extract_queue.slot():
        result, stored = await run_in_threadpool(
            db.extract, content, kind, body.date, body.url, max_bytes
        )
    if isinstance(result, Rejected):
        rejection = result.rejection
        raise ApiError(422, "rejected", f"{rejection.code}: {rejection.detail}", field=kind)
    assert isinstance(result, Extraction)
    response.headers["X-Herald-Stored"] = "true" if stored else "false"
    return result.to_dict()


def _add_ui_routes(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    index = WEB_DIR / "index.html"

    def page() -> FileResponse:
        return FileResponse(index, media_type="text/html")

    for path in UI_PAGES:
        app.add_api_route(path, page, methods=["GET", "HEAD"], include_in_schema=False)
    for path in ("/events/{event_id}", "/stories/{story_id}"):
        app.add_api_route(path, page, methods=["GET", "HEAD"], include_in_schema=False)

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(WEB_DIR / "docs.html", media_type="text/html")

    @app.get("/api", include_in_schema=False)
    def api_root() -> JSONResponse:
        paths = sorted(path for path in app.openapi()["paths"] if path.startswith("/api"))
        return JSONResponse(
            {"name": "herald", "docs": "/docs", "openapi": "/openapi.json", "endpoints": paths}
        )
