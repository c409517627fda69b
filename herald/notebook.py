"""herald in a notebook: a stored database as DataFrames, many texts at once, rich display.

``herald.open(path)`` gives a ``Database``: its queries return pandas DataFrames (polars
ones with ``frame="polars"`` when polars is installed) built by DuckDB straight from the
file, and ``events(...)`` takes the filters of ``herald events`` and of the web UI's API,
through the same builder (``herald.store.filters.event_filters``).
``herald.extract_many(texts)`` runs the batch pipeline (one spaCy ``pipe`` per batch,
worker processes beyond one batch) and returns one result per text, in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from herald.records import RawDocument, Result
from herald.settings import Options

if TYPE_CHECKING:
    from herald.store.filters import EventFilters

Frame = Literal["pandas", "polars"]


class Database:
    """A herald DuckDB file opened to read. Close it (or use ``with``) to let a writer in."""

    def __init__(self, path: str | Path, frame: Frame = "pandas") -> None:
        from herald.store.database import Store

        if frame not in ("pandas", "polars"):
            raise ValueError(f"frame must be 'pandas' or 'polars', not {frame!r}")
        self.path = Path(path)
        self.frame = frame
        self._store = Store.open_reader(self.path)

    def events(self, limit: int | None = None, **filters: Any) -> Any:
        """The events that pass ``filters`` (``type``, ``quad``, ``mode``, ``modality``,
        ``actor``, ``recipient``, ``participant``, ``sector``, ``place``, ``text``,
        ``min_confidence``, ``since``, ``until``, ``doc_id``, ``story_id``): one row per
        event, the columns and types of ``herald export`` (docs/exports.md)."""
        from herald.store.filters import event_filters

        return self._events(event_filters(**filters), limit)

    def actors(self) -> Any:
        """Every actor of every document, with how many events name it."""
        return self.sql(
            "SELECT a.actor_id, a.doc_id, a.name, a.kind, a.country, a.sector, a.roles, "
            "count(p.event_id) AS events FROM actors a "
            "LEFT JOIN event_actors p ON p.actor_id = a.actor_id "
            "GROUP BY ALL ORDER BY events DESC, a.name, a.actor_id"
        )

    def stories(self, min_sources: int | None = None, **filters: Any) -> Any:
        """The stories one of whose events passes ``filters``, most sources first."""
        from herald.link.stories import list_stories
        from herald.store.filters import event_filters

        rows = list_stories(self._store.con, event_filters(**filters), min_sources)
        return self._frame_of_rows(rows)

    def documents(self) -> Any:
        """Every stored document (without its text: ``sql`` reads it when wanted)."""
        return self.sql(
            "SELECT doc_id, id, source, url, title, publisher, byline, language, published, "
            "published_date, published_how, dateline, relevance, ingested_at "
            "FROM documents ORDER BY published_date NULLS LAST, doc_id"
        )

    def sql(self, query: str, params: Sequence[Any] = ()) -> Any:
        """Any SQL over the file's tables, as a DataFrame."""
        result = self._store.con.execute(query, list(params))
        return result.pl() if self.frame == "polars" else result.df()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        counts = self._store.counts()
        return (
            f"<herald database {self.path}: {counts['documents']} documents, "
            f"{counts['events']} events>"
        )

    def _events(self, filters: EventFilters, limit: int | None) -> Any:
        from herald.store.export.codes import codes_registered
        from herald.store.export.formats import flat_select
        from herald.store.filters import where_clause

        where, params = where_clause(filters)
        query = flat_select(where)
        if limit is not None:
            query += " LIMIT ?"
            params = [*params, int(limit)]
        with codes_registered(self._store.con):
            return self.sql(query, params)

    def _frame_of_rows(self, rows: list[dict[str, Any]]) -> Any:
        import pyarrow as pa

        table = pa.Table.from_pylist(rows)
        if self.frame == "polars":
            import polars

            return polars.from_arrow(table)
        return table.to_pandas()


def extract_many(
    texts: Iterable[str],
    date: str | dt.date | None = None,
    *,
    ids: Sequence[str] | None = None,
    html: bool | None = None,
    actors: str | None = None,
    all_events: bool = False,
    processes: int | None = None,
) -> list[Result]:
    """One result per text, in order: an ``Extraction``, or a ``Rejected`` (with
    ``.rejection.code``) for a text herald cannot read. ``ids`` names the texts (default
    ``text-0``, ``text-1``, ...); ``processes`` the worker processes (default: all cores
    when there is more than one batch). The other arguments are those of ``herald.extract``.
    """
    from herald.pipeline import run

    given = dt.date.fromisoformat(date) if isinstance(date, str) else date
    options = Options(date=given, actors=actors, all_events=all_events)
    texts = list(texts)
    names = list(ids) if ids is not None else [f"text-{n}" for n in range(len(texts))]
    if len(names) != len(texts):
        raise ValueError(f"{len(names)} ids for {len(texts)} texts")
    items = [raw_document(text, name, html) for text, name in zip(texts, names, strict=True)]
    return [result for batch in run(items, options, processes) for result in batch]


# Enough of the start to tell a page from text.
SNIFF_CHARS = 2048


def raw_document(
    content: str, id: str, html: bool | None = None, url: str | None = None
) -> RawDocument:
    """One text or page as the pipeline takes it; ``html`` None: tell from its start."""
    from herald.read.inputs import looks_like_html

    is_html = looks_like_html(content[:SNIFF_CHARS].encode("utf-8")) if html is None else html
    return RawDocument(
        source=id, id=id, content=content, kind="html" if is_html else "text", url=url
    )
