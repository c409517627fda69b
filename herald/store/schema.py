"""The DuckDB schema of herald's store, built by small numbered migrations.

Each step is applied once and recorded in ``schema_migrations``, so an old file is brought
up to date when it is opened. Steps are never edited once released: add a new one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

from herald.store import link_rows
from herald.store.arrow_tables import with_arrow_table
from herald.store.identity import IDENTITY_TABLES_SQL, reidentify_all

# The tables a batch fills, in the order they are written (parents before children;
# rejections last, as they are written apart).
TABLES: tuple[str, ...] = (
    "documents",
    "actors",
    "events",
    "event_actors",
    "quotes",
    "timexes",
    "places",
    "rejections",
)

Migration = Callable[[duckdb.DuckDBPyConnection], None]
MIGRATIONS: dict[int, tuple[str, Migration]] = {}


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    """Register a schema step. Steps are never edited once released: add a new one."""

    def register(function: Migration) -> Migration:
        if version in MIGRATIONS:
            raise ValueError(f"migration {version} is registered twice")
        MIGRATIONS[version] = (name, function)
        return function

    return register


@migration(1, "core tables")
def _create_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY, id VARCHAR NOT NULL, source VARCHAR NOT NULL,
            url VARCHAR, title VARCHAR, publisher VARCHAR, byline VARCHAR, language VARCHAR,
            published VARCHAR, published_date DATE, published_precision VARCHAR,
            published_how VARCHAR NOT NULL, dateline VARCHAR, text VARCHAR NOT NULL,
            captions VARCHAR[], credits VARCHAR[], ingested_at TIMESTAMP NOT NULL
        );
        CREATE TABLE actors (
            actor_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
            kind VARCHAR NOT NULL, country VARCHAR, sector VARCHAR, roles VARCHAR[],
            mentions JSON
        );
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
            mode VARCHAR, contexts VARCHAR[],
            when_text VARCHAR, when_value VARCHAR, when_precision VARCHAR,
            when_anchor VARCHAR, when_modifier VARCHAR, event_date DATE,
            where_text VARCHAR, where_name VARCHAR, where_country VARCHAR,
            where_lat DOUBLE, where_lon DOUBLE, where_geonameid BIGINT,
            modality VARCHAR NOT NULL, attribution_kind VARCHAR NOT NULL,
            attribution_text VARCHAR, attribution_actor_id VARCHAR,
            sentence VARCHAR NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
            trigger VARCHAR NOT NULL, trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL, confidence DOUBLE NOT NULL, cameo VARCHAR,
            story_id VARCHAR, actor_names VARCHAR, actor_countries VARCHAR,
            recipient_names VARCHAR, recipient_countries VARCHAR
        );
        CREATE TABLE event_actors (
            event_id VARCHAR NOT NULL, actor_id VARCHAR, role VARCHAR NOT NULL
                CHECK (role IN ('actor', 'recipient')),
            position INTEGER NOT NULL, name VARCHAR NOT NULL, text VARCHAR,
            kind VARCHAR NOT NULL, country VARCHAR, sector VARCHAR, roles VARCHAR[],
            PRIMARY KEY (event_id, role, position)
        );
        CREATE TABLE quotes (
            quote_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, text VARCHAR NOT NULL,
            "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, kind VARCHAR NOT NULL,
            cue VARCHAR, speaker_actor_id VARCHAR, speaker_name VARCHAR,
            speaker_text VARCHAR, anonymous BOOLEAN NOT NULL
        );
        CREATE TABLE timexes (
            doc_id VARCHAR NOT NULL, n INTEGER NOT NULL, text VARCHAR NOT NULL,
            "start" INTEGER, "end" INTEGER, value VARCHAR, precision VARCHAR,
            anchor VARCHAR NOT NULL, modifier VARCHAR, PRIMARY KEY (doc_id, n)
        );
        CREATE TABLE places (
            doc_id VARCHAR NOT NULL, n INTEGER NOT NULL, text VARCHAR NOT NULL,
            "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, name VARCHAR,
            country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
            feature VARCHAR, PRIMARY KEY (doc_id, n)
        );
        CREATE TABLE rejections (
            source VARCHAR NOT NULL, id VARCHAR NOT NULL, stage VARCHAR NOT NULL,
            code VARCHAR NOT NULL, detail VARCHAR, rejected_at TIMESTAMP NOT NULL,
            UNIQUE (source, code)
        );
        """
    )


# The columns of the events_flat view as step 2 made it (frozen: later steps add columns
# after these, so that step 2 keeps meaning what it did).
_EVENTS_FLAT_V2 = """e.event_id, e.doc_id, e.type, e.mode, e.contexts,
    e.actor_names, e.actor_countries, e.recipient_names, e.recipient_countries,
    e.event_date, e.when_text, e.when_value, e.when_precision, e.when_anchor,
    e.when_modifier, e.where_name, e.where_country, e.where_lat, e.where_lon,
    e.where_geonameid, e.modality, e.attribution_kind, e.attribution_text,
    e.trigger, e.sentence AS evidence, e."start" AS evidence_start,
    e."end" AS evidence_end, e.confidence, e.cameo, e.story_id,
    d.url, d.title, d.publisher, d.published"""


def _events_flat_view(con: duckdb.DuckDBPyConnection, *added: str) -> None:
    columns = ", ".join([_EVENTS_FLAT_V2, *added])
    con.execute(
        f"CREATE OR REPLACE VIEW events_flat AS SELECT {columns} "
        "FROM events e LEFT JOIN documents d USING (doc_id)"
    )


@migration(2, "events_flat view")
def _create_events_flat(con: duckdb.DuckDBPyConnection) -> None:
    # The participant strings are stored on each event at write time: aggregating
    # event_actors in the view (ordered string_agg) took 2.4 s for 180,000 events.
    _events_flat_view(con)


@migration(3, "stories and link keys")
def _create_stories(con: duckdb.DuckDBPyConnection) -> None:
    # No primary keys here: the linker deletes and re-inserts the rows of the stories it
    # touches in one transaction, which unique indexes in DuckDB refuse. herald.link.stage keeps
    # story_id unique and one (event_id, key) row per key.
    con.execute(
        """
        CREATE TABLE link_keys (
            event_id VARCHAR NOT NULL, key VARCHAR NOT NULL, lo DATE NOT NULL, hi DATE NOT NULL
        );
        CREATE TABLE stories (
            story_id VARCHAR NOT NULL, events INTEGER NOT NULL, documents INTEGER NOT NULL,
            sources INTEGER NOT NULL, source_domains VARCHAR[],
            first_report DATE, last_report DATE, type VARCHAR, mode VARCHAR, quad VARCHAR,
            actor_names VARCHAR, actor_countries VARCHAR,
            recipient_names VARCHAR, recipient_countries VARCHAR,
            event_date DATE, when_value VARCHAR, when_precision VARCHAR,
            where_name VARCHAR, where_country VARCHAR, where_lat DOUBLE, where_lon DOUBLE,
            confidence DOUBLE NOT NULL, title VARCHAR, url VARCHAR
        );
        """
    )


@migration(4, "political relevance of events and documents")
def _add_relevance(con: duckdb.DuckDBPyConnection) -> None:
    # Rows stored before this step were kept as political by the rules of their day: NULL.
    con.execute("ALTER TABLE documents ADD COLUMN relevance DOUBLE")
    con.execute("ALTER TABLE events ADD COLUMN relevance DOUBLE")
    _events_flat_view(con, "e.relevance", "d.relevance AS document_relevance")


@migration(5, "other mentions of an event, and the basis of its place")
def _add_event_mentions(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("ALTER TABLE events ADD COLUMN mentions JSON")
    con.execute("ALTER TABLE events ADD COLUMN where_basis VARCHAR")


@migration(6, "lead events")
def _add_lead(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("ALTER TABLE events ADD COLUMN lead BOOLEAN")
    _events_flat_view(
        con, "e.relevance", "d.relevance AS document_relevance", "e.where_basis", "e.lead"
    )


@migration(7, "fingerprints of the inputs already read")
def _create_inputs(con: duckdb.DuckDBPyConnection) -> None:
    # One row per raw input whose document is stored, so that a re-run skips it before it
    # is cleaned or parsed (herald.ingest.unseen). Documents stored before this step have
    # none: their inputs are read and cleaned once more, and then skipped by doc_id.
    con.execute("CREATE TABLE inputs (fingerprint VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL)")


# The columns migrations 4 to 8 added to events_flat: every later view keeps them.
_FLAT_COLUMNS_8 = (
    "e.relevance",
    "d.relevance AS document_relevance",
    "e.where_basis",
    "e.lead",
    "e.where_admin1",
    "d.source AS doc_source",
)


@migration(8, "the admin1 of an event's place; publishers from URL domains; doc_source")
def _add_where_admin1(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("ALTER TABLE events ADD COLUMN where_admin1 VARCHAR")
    # Events stored before: their place's admin1 as the document's places list it.
    con.execute(
        """
        UPDATE events SET where_admin1 = p.admin1
        FROM (
            SELECT doc_id, geonameid, min(admin1) AS admin1 FROM places
            WHERE geonameid IS NOT NULL GROUP BY ALL
        ) p
        WHERE p.doc_id = events.doc_id AND p.geonameid = events.where_geonameid
        """
    )
    _fill_publishers_from_urls(con)
    _events_flat_view(con, *_FLAT_COLUMNS_8)


def _fill_publishers_from_urls(con: duckdb.DuckDBPyConnection) -> None:
    """Documents stored without a publisher get their URL's domain, as the cleaner now
    gives (``herald.clean.publisher``)."""
    import pyarrow as pa

    from herald.clean.publisher import domain_of

    found = con.execute(
        "SELECT doc_id, url FROM documents WHERE publisher IS NULL AND url IS NOT NULL"
    ).fetchall()
    rows = [{"doc_id": d, "publisher": domain} for d, url in found if (domain := domain_of(url))]
    if not rows:
        return
    with_arrow_table(
        con,
        "_herald_publishers",
        pa.Table.from_pylist(rows),
        "UPDATE documents SET publisher = n.publisher FROM _herald_publishers n "
        "WHERE documents.doc_id = n.doc_id",
    )


@migration(9, "actor identities across documents")
def _add_actor_identities(con: duckdb.DuckDBPyConnection) -> None:
    # The names stored before this step are decided now, as later ones are at store time.
    con.execute(IDENTITY_TABLES_SQL)
    reidentify_all(con)


@migration(10, "publication day in events_flat")
def _add_published_day(con: duckdb.DuckDBPyConnection) -> None:
    # The events list sorts a planned event by the day it was reported (herald.api.queries).
    _events_flat_view(con, *_FLAT_COLUMNS_8, "d.published_date")


@migration(11, "story cohesion")
def _add_story_cohesion(con: duckdb.DuckDBPyConnection) -> None:
    # How much a story's reports agree (herald.link.stories); NULL for stories summarised
    # before this step, until herald link --all rewrites them.
    con.execute("ALTER TABLE stories ADD COLUMN cohesion DOUBLE")


@migration(12, "coverage: documents that report one news story")
def _add_coverage(con: duckdb.DuckDBPyConnection) -> None:
    # NULL: not linked yet. Documents stored before this step are pending until the next
    # herald link, which groups them (herald.link.documents) without touching their stories.
    con.execute("ALTER TABLE documents ADD COLUMN coverage_id VARCHAR")
    con.execute(
        "CREATE TABLE coverage_keys ("
        "doc_id VARCHAR NOT NULL, key VARCHAR NOT NULL, lo DATE NOT NULL, hi DATE NOT NULL)"
    )


@migration(13, "the rows linking reads, made once per document")
def _create_link_rows(con: duckdb.DuckDBPyConnection) -> None:
    # Made from the stored tables here, then by Store.write from each batch's own rows.
    link_rows.create(con)


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every registered step the file has not seen yet; return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version in sorted(set(MIGRATIONS) - done):
        name, function = MIGRATIONS[version]
        # Each step and its record commit together: a crash never leaves a half step.
        with transaction(con):
            function(con)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, utc_now()]
            )
        applied.append(version)
    return applied


def migrations_pending(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the file lacks a schema step (or is no herald file yet): read-only is safe."""
    try:
        done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    except duckdb.CatalogException:
        return True
    return not set(MIGRATIONS) <= done


def utc_now() -> dt.datetime:
    # TIMESTAMP columns hold UTC without a zone.
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Begin; commit when the block ends, roll back (and re-raise) if it raises."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()
