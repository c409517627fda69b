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
transaction (the rows of a batch, and every row whose variant was re-decided), so that the
actors page, the network and the filters group and match by a column rather than by a join
on three. ``NAMED`` keeps the participants whose actor has a proper name.
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

# Every variant the core tables hold.
STORED_VARIANTS_SQL = (
    "SELECT DISTINCT name, kind, country FROM actors "
    "UNION SELECT DISTINCT name, kind, country FROM event_actors"
)


def identify(con: duckdb.DuckDBPyConnection, variants: Iterable[Variant]) -> int:
    """Record the variants not stored yet, re-decide every variant they may change, and
    give each participant row without an identity, or whose variant was re-decided, its
    identity; return how many variants were (re)decided. Runs inside the caller's
    transaction."""
    fresh = _unknown(con, set(variants))
    keys = sorted(affected_keys(fresh))
    decided: list[Variant] = []
    if fresh:
        context = set(fresh) | _context(con, keys)
        wanted = set(keys)
        decided = [v for v in context if name_key(v.name, v.kind) in wanted]
        identities = resolve(context)
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
    _attach(con, keys)
    return len(decided)


def _attach(con: duckdb.DuckDBPyConnection, keys: list[str]) -> None:
    """Set ``event_actors.identity_id`` on the rows that have none or whose variant's
    folded name is one of ``keys``."""
    con.execute(
        "UPDATE event_actors SET identity_id = v.identity_id FROM actor_variants v "
        "WHERE v.name = event_actors.name AND v.kind = event_actors.kind "
        "AND v.country IS NOT DISTINCT FROM event_actors.country "
        "AND (event_actors.identity_id IS NULL OR v.name_key IN (SELECT unnest(?::VARCHAR[])))",
        [keys],
    )


def reidentify_all(con: duckdb.DuckDBPyConnection) -> int:
    """Forget every decision and decide again for every stored name."""
    con.execute("DELETE FROM actor_variants; UPDATE event_actors SET identity_id = NULL")
    return identify(con, _variants(con.execute(STORED_VARIANTS_SQL).fetchall()))


def _variants(found: Iterable[tuple[str, str, str | None]]) -> set[Variant]:
    return {Variant(name, kind, country) for name, kind, country in found}


def _unknown(con: duckdb.DuckDBPyConnection, variants: set[Variant]) -> list[Variant]:
    """The variants ``actor_variants`` has no row for yet."""
    if not variants:
        return []
    names = sorted({v.name for v in variants})
    known = _variants(
        con.execute(
            "SELECT name, kind, country FROM actor_variants "
            "WHERE name IN (SELECT unnest(?::VARCHAR[]))",
            [names],
        ).fetchall()
    )
    return [v for v in variants if v not in known]


def _context(con: duckdb.DuckDBPyConnection, keys: list[str]) -> set[Variant]:
    """Every stored variant a decision about ``keys`` looks at: those with one of the
    folded names, and the full names ending with one of them (with their spellings, which
    may give them their country)."""
    return _variants(
        con.execute(
            "SELECT name, kind, country FROM actor_variants "
            "WHERE name_key IN (SELECT unnest(?::VARCHAR[])) OR name_key IN ("
            "SELECT name_key FROM actor_variants WHERE last_word IN (SELECT unnest(?::VARCHAR[])))",
            [keys, keys],
        ).fetchall()
    )


def _row(variant: Variant, identity: Identity) -> dict[str, object]:
    folded = name_key(variant.name, variant.kind)
    return {
        "name": variant.name,
        "kind": variant.kind,
        "country": variant.country,
        "name_key": folded,
        "last_word": folded.split()[-1] if folded else "",
        "preference": display_preference(variant),
        "named": is_named(variant.name, variant.kind),
        "identity_id": identity.identity_id,
        "identity_key": identity.key,
        "rule": identity.rule,
        "evidence": list(identity.evidence),
    }
