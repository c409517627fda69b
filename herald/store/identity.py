"""Actor identities in the store: which stored names are one actor across documents.

``actor_variants`` (migration 7) holds one row per distinct (name, kind, country) that the
``actors`` and ``event_actors`` tables hold, with the identity ``herald.actors.identity``
gives it, the rule that decided it and the names that support the rule; the view
``actor_identities`` has one row per identity (its display name, kind, country, variants).

Kept up to date at store time, incrementally: ``Store.write`` hands the batch's variants
to ``identify``, which re-decides only the variants whose decision may change (those whose
folded name or surname the new variants share). Each decision is a function of the set of
stored variants, and an id hashes a canonical key, so the identities are the same whatever
the order in which documents arrive. ``reidentify_all`` recomputes everything (after a
change of the rules).

Each ``event_actors`` row carries the ``identity_id`` of its variant, set in the same
transaction, so that the actors page, the network and the filters group and match by a
column rather than by a join on three. ``NAMED`` keeps the participants whose actor has a
proper name. The work of a batch is the batch's, not the store's: ``Store.write`` decides
first and inserts the batch's rows with their identities (``with_identities``), and
``identify`` updates only the stored rows of the variants whose identity changed (most
batches have none). Rows stored without one (``reidentify_all``, rows inserted by hand) get
theirs from ``attach_missing``, a statement over the whole table. An earlier version set
the rows of each batch with one statement over every row of ``event_actors``: building a
100,000-document store slowed from 90 to 9 documents a second as it grew.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pyarrow as pa

from herald.actors.identity import (
    Identity,
    Variant,
    affected_keys,
    display_preference,
    is_named,
    name_key,
    resolve,
)
from herald.store.arrow_tables import with_arrow_table

# A participant row ``p`` whose actor is named (some spelling of it is a proper name).
NAMED = "p.identity_id IN (SELECT identity_id FROM actor_variants WHERE named)"

IDENTITY_TABLES_SQL = """
    ALTER TABLE event_actors ADD COLUMN identity_id VARCHAR;
    CREATE TABLE actor_variants (
        name VARCHAR NOT NULL, kind VARCHAR NOT NULL, country VARCHAR,
        name_key VARCHAR NOT NULL, last_word VARCHAR NOT NULL, preference TINYINT NOT NULL,
        named BOOLEAN NOT NULL, identity_id VARCHAR NOT NULL, identity_key VARCHAR NOT NULL,
        rule VARCHAR NOT NULL, evidence VARCHAR[] NOT NULL
    );
    CREATE VIEW actor_identities AS
    WITH by_country AS (
        SELECT identity_id, country, count(*) AS n FROM actor_variants
        WHERE country IS NOT NULL GROUP BY ALL
    ), main_country AS (
        SELECT identity_id, first(country ORDER BY n DESC, country) AS country
        FROM by_country GROUP BY identity_id
    )
    SELECT v.identity_id,
        first(
            v.name ORDER BY v.preference DESC, regexp_matches(v.name, '[^\\w\\s.''-]'),
            v.name = upper(v.name), length(v.name) DESC, v.name
        ) AS name,
        split_part(any_value(v.identity_key), '|', 1) AS kind,
        coalesce(nullif(split_part(any_value(v.identity_key), '|', 2), ''), any_value(m.country))
            AS country,
        bool_or(v.named) AS named,
        list(DISTINCT v.name ORDER BY v.name) AS variants
    FROM actor_variants v LEFT JOIN main_country m USING (identity_id)
    GROUP BY v.identity_id;
"""

_SCHEMA = pa.schema(
    [
        ("name", pa.string()),
        ("kind", pa.string()),
        ("country", pa.string()),
        ("name_key", pa.string()),
        ("last_word", pa.string()),
        ("preference", pa.int8()),
        ("named", pa.bool_()),
        ("identity_id", pa.string()),
        ("identity_key", pa.string()),
        ("rule", pa.string()),
        ("evidence", pa.list_(pa.string())),
    ]
)

_FOLDED_SCHEMA = pa.schema(
    [_SCHEMA.field(name) for name in ("name", "kind", "country", "name_key", "last_word", "named")]
)
_MOVED_SCHEMA = pa.schema(
    [_SCHEMA.field(name) for name in ("name", "kind", "country", "identity_id")]
)

# Every variant the core tables hold.
STORED_VARIANTS_SQL = (
    "SELECT DISTINCT name, kind, country FROM actors "
    "UNION SELECT DISTINCT name, kind, country FROM event_actors"
)


def identify(con: duckdb.DuckDBPyConnection, variants: Iterable[Variant]) -> int:
    """Record the variants not stored yet, re-decide every variant they may change, and
    move the participant rows of each re-decided variant whose identity changed to its new
    one; return how many variants were (re)decided. Rows of variants new to the store are
    not touched: give a batch's rows their identities before inserting them
    (``with_identities``), or set the rows stored without one (``attach_missing``). Runs
    inside the caller's transaction."""
    fresh = _unknown(con, set(variants))
    if not fresh:
        return 0
    keys = sorted(affected_keys(fresh))
    stored = _context(con, keys, fresh)
    wanted = set(keys)
    decided = [v for v in set(fresh) | stored.keys() if name_key(v.name, v.kind) in wanted]
    identities = resolve(set(fresh) | stored.keys())
    con.execute(
        "DELETE FROM actor_variants WHERE name_key IN (SELECT unnest(?::VARCHAR[]))", [keys]
    )
    table = pa.Table.from_pylist([_row(v, identities[v]) for v in decided], schema=_SCHEMA)
    with_arrow_table(
        con,
        "_herald_variants",
        table,
        "INSERT INTO actor_variants BY NAME SELECT * FROM _herald_variants",
    )
    _move(con, {v: identities[v].identity_id for v in decided if v in stored}, stored)
    return len(decided)


def _move(
    con: duckdb.DuckDBPyConnection, now: dict[Variant, str], before: dict[Variant, str]
) -> None:
    """Give the stored participant rows of each variant whose identity changed (from
    ``before`` to ``now``) the new one. Only then is ``event_actors`` scanned: a variant
    re-decided to the identity it had keeps its rows as they are."""
    moved = [
        {"name": v.name, "kind": v.kind, "country": v.country, "identity_id": identity}
        for v, identity in now.items()
        if before[v] != identity
    ]
    if not moved:
        return
    with_arrow_table(
        con,
        "_herald_moved",
        pa.Table.from_pylist(moved, schema=_MOVED_SCHEMA),
        "UPDATE event_actors SET identity_id = m.identity_id FROM _herald_moved m "
        "WHERE m.name = event_actors.name AND m.kind = event_actors.kind "
        "AND m.country IS NOT DISTINCT FROM event_actors.country",
    )


def with_identities(con: duckdb.DuckDBPyConnection, rows: pa.Table) -> pa.Table:
    """``rows`` (of ``event_actors``, not stored yet) with the ``identity_id`` of each
    row's variant, read from ``actor_variants`` (``identify`` them first)."""
    columns = rows.select(["name", "kind", "country"]).to_pydict()
    variants = [Variant(*triple) for triple in zip(*columns.values(), strict=True)]
    found = _identities(con, {v.name for v in variants})
    ids = pa.array([found.get(variant) for variant in variants], type=pa.string())
    if "identity_id" in rows.column_names:
        return rows.set_column(rows.column_names.index("identity_id"), "identity_id", ids)
    return rows.append_column("identity_id", ids)


def attach_missing(con: duckdb.DuckDBPyConnection) -> None:
    """Set ``event_actors.identity_id`` on the rows that have none (a statement over the
    whole table: for rows stored without one, not for each batch)."""
    con.execute(
        "UPDATE event_actors SET identity_id = v.identity_id FROM actor_variants v "
        "WHERE v.name = event_actors.name AND v.kind = event_actors.kind "
        "AND v.country IS NOT DISTINCT FROM event_actors.country "
        "AND event_actors.identity_id IS NULL"
    )


def reidentify_all(con: duckdb.DuckDBPyConnection) -> int:
    """Forget every decision and decide again for every stored name."""
    con.execute("DELETE FROM actor_variants; UPDATE event_actors SET identity_id = NULL")
    decided = identify(con, _variants(con.execute(STORED_VARIANTS_SQL).fetchall()))
    attach_missing(con)
    return decided


def _variants(found: Iterable[tuple[str, str, str | None]]) -> set[Variant]:
    return {Variant(name, kind, country) for name, kind, country in found}


def _unknown(con: duckdb.DuckDBPyConnection, variants: set[Variant]) -> list[Variant]:
    """The variants ``actor_variants`` has no row for yet."""
    known = _identities(con, {v.name for v in variants})
    return [v for v in variants if v not in known]


def _identities(con: duckdb.DuckDBPyConnection, names: set[str]) -> dict[Variant, str]:
    """The identity of every stored variant spelled as one of ``names``."""
    if not names:
        return {}
    return _identity_rows(
        con.execute(
            "SELECT name, kind, country, identity_id FROM actor_variants "
            "WHERE name IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(names)],
        ).fetchall()
    )


def _context(
    con: duckdb.DuckDBPyConnection, keys: list[str], fresh: list[Variant]
) -> dict[Variant, str]:
    """Every stored variant a decision about ``keys`` looks at, with its identity (see
    ``_CONTEXT_SQL``); ``fresh``: the variants about to be stored."""
    table = pa.Table.from_pylist([_folded(v) for v in fresh], schema=_FOLDED_SCHEMA)
    rows = with_arrow_table(con, "_herald_fresh", table, _CONTEXT_SQL, {"keys": keys})
    return _identity_rows(rows)


# What deciding the variants of the folded names ``$keys`` reads (``known``: the stored
# variants and those about to be, ``_herald_fresh``): every variant of those names, and
# the candidates of the surnames among them (``herald.actors.identity`` rule 3: the full
# names of persons ending with one, compatible with its country). Of the candidates of a
# (surname, country), two are enough: the rule asks whether there is exactly one, and
# needs it whole when there is. Reading every full name ending with one of ``$keys`` made
# the context of a batch most of the store's persons (each new full name brings its
# surname, and a common surname has a full name per first name that goes with it).
_CONTEXT_SQL = """
    WITH known AS (
        SELECT name, kind, country, name_key, last_word, named FROM actor_variants
        UNION ALL SELECT * FROM _herald_fresh
    ),
    wanted AS (SELECT unnest($keys::VARCHAR[]) AS key),
    surnames AS (
        SELECT DISTINCT name_key AS key, unnest([country, NULL]) AS country FROM known
        WHERE kind = 'person' AND NOT contains(name_key, ' ')
            AND name_key IN (SELECT key FROM wanted)
    ),
    fulls AS (
        SELECT last_word AS key, name_key, list(DISTINCT country) AS given,
            count(country) AS countries
        FROM known
        WHERE kind = 'person' AND named AND contains(name_key, ' ')
            AND last_word IN (SELECT key FROM surnames)
        GROUP BY ALL
    ),
    candidates AS (
        SELECT f.name_key FROM surnames s JOIN fulls f USING (key)
        WHERE s.country IS NULL OR f.countries = 0 OR list_contains(f.given, s.country)
        QUALIFY row_number() OVER (PARTITION BY s.key, s.country ORDER BY f.name_key) <= 2
    )
    SELECT name, kind, country, identity_id FROM actor_variants
    WHERE name_key IN (SELECT key FROM wanted)
        OR (kind = 'person' AND name_key IN (SELECT name_key FROM candidates))
"""


def _identity_rows(found: Iterable[tuple[str, str, str | None, str]]) -> dict[Variant, str]:
    return {Variant(name, kind, country): identity for name, kind, country, identity in found}


def _folded(variant: Variant) -> dict[str, object]:
    """What ``actor_variants`` says of a variant's name, before any decision."""
    folded = name_key(variant.name, variant.kind)
    return {
        "name": variant.name,
        "kind": variant.kind,
        "country": variant.country,
        "name_key": folded,
        "last_word": folded.split()[-1] if folded else "",
        "named": is_named(variant.name, variant.kind),
    }


def _row(variant: Variant, identity: Identity) -> dict[str, object]:
    return _folded(variant) | {
        "preference": display_preference(variant),
        "identity_id": identity.identity_id,
        "identity_key": identity.key,
        "rule": identity.rule,
        "evidence": list(identity.evidence),
    }
