"""Counting queries of the API: timeline, actor network, actors, map and stats.

As in ``queries``, only constants of this module reach the SQL text; request values are
bound parameters. Quad classes are folded from types in Python (the mapping is herald's
PLOVER table, not a column).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import duckdb

from herald.actors.lexicon import country_by_iso3
from herald.api.queries import Row, has_table, rows
from herald.events.plover import PLOVER_TYPES
from herald.store.filters import EventFilters, quad_of, quads, where_clause
from herald.store.identity import NAMED
from herald.store.schema import TABLES

# date_trunc units by the name the API uses.
INTERVALS = {"day": "day", "week": "week", "month": "month"}


def timeline(
    con: duckdb.DuckDBPyConnection, filters: EventFilters, interval: str, by: str, window: str
) -> Row:
    """Event counts per period (events without a date are counted apart as ``undated``).

    ``window="core"`` draws only the dates between the 2nd and the 98th percentile of the
    filtered events (a 1907 anniversary must not squeeze a 2017 crisis into one bar); the
    events outside are counted in ``window``. Dates the client chose (since/until) win.
    """
    where, params = where_clause(filters)
    dated = (where + " AND " if where else " WHERE ") + "f.event_date IS NOT NULL"
    chosen = window == "core" and not (filters.since or filters.until)
    bounds = _core_window(con, dated, params) if chosen else None
    drawn, drawn_params = dated, params
    if bounds:
        drawn, drawn_params = dated + " AND f.event_date BETWEEN ? AND ?", [*params, *bounds]
    period = f"CAST(date_trunc('{INTERVALS[interval]}', f.event_date) AS DATE)"
    sql = (
        f"SELECT {period} AS period, f.type, count(*) AS n "
        f"FROM events_flat f{drawn} GROUP BY ALL ORDER BY period"
    )
    buckets: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for period, event_type, count in con.execute(sql, drawn_params).fetchall():
        key = (quad_of(event_type) or "unknown") if by == "quad" else event_type
        buckets[period.isoformat()][key] += int(count)
    undated = con.execute(
        f"SELECT count(*) FROM events_flat f{where}{' AND ' if where else ' WHERE '}"
        "f.event_date IS NULL",
        params,
    ).fetchone()
    filled = _fill_gaps(buckets, interval)
    present = {key for counts in buckets.values() for key in counts}
    order = quads() if by == "quad" else PLOVER_TYPES
    series = [key for key in order if key in present] + sorted(present - set(order))
    return {
        "interval": interval,
        "by": by,
        "series": series,
        "buckets": [
            {"period": period, "counts": dict(counts), "total": sum(counts.values())}
            for period, counts in sorted(buckets.items())
        ],
        "undated": int(undated[0]) if undated else 0,
        "window": _window_counts(con, where, params, bounds),
        "gaps_filled": filled,
        "filters": filters.as_query(),
    }


# The share of dated events left out at each end of the core window.
CORE_TAIL = 0.02


def _core_window(
    con: duckdb.DuckDBPyConnection, dated: str, params: list[Any]
) -> tuple[dt.date, dt.date] | None:
    found = con.execute(
        f"SELECT quantile_disc(f.event_date, {CORE_TAIL}), "
        f"quantile_disc(f.event_date, {1 - CORE_TAIL}) FROM events_flat f{dated}",
        params,
    ).fetchone()
    return (found[0], found[1]) if found and found[0] is not None else None


def _window_counts(
    con: duckdb.DuckDBPyConnection,
    where: str,
    params: list[Any],
    bounds: tuple[dt.date, dt.date] | None,
) -> Row:
    """The dates drawn, and how many dated events fall before and after them."""
    if bounds is None:
        return {"kind": "all", "first": None, "last": None, "before": 0, "after": 0}
    before, after = con.execute(
        "SELECT count(*) FILTER (WHERE f.event_date < ?), count(*) FILTER (WHERE f.event_date > ?) "
        f"FROM events_flat f{where}",
        [*bounds, *params],
    ).fetchone()  # type: ignore[misc]
    return {
        "kind": "core",
        "first": bounds[0],
        "last": bounds[1],
        "before": int(before),
        "after": int(after),
    }


# Empty periods between the first and the last are listed (with zero counts) so that a chart
# shows quiet stretches as quiet, unless that would mean more periods than a chart can draw.
MAX_FILLED_PERIODS = 1000


def _fill_gaps(buckets: dict[str, dict[str, int]], interval: str) -> bool:
    """Add the missing periods between the first and the last; False when there are too many."""
    if not buckets:
        return True
    first, last = (dt.date.fromisoformat(key) for key in (min(buckets), max(buckets)))
    periods = list(_periods(first, last, interval))
    if len(periods) > MAX_FILLED_PERIODS:
        return False
    for period in periods:
        buckets.setdefault(period.isoformat(), defaultdict(int))
    return True


def _periods(first: dt.date, last: dt.date, interval: str) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        if interval == "day":
            day += dt.timedelta(days=1)
        elif interval == "week":
            day += dt.timedelta(days=7)
        else:
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


# What a network node is at each level: the SQL naming the node of a participant row ``p``,
# and which participants may be nodes at all.
# Names that are no one in particular (numbers, percentages, bare common nouns) are never
# nodes: herald.actors.identity.is_named.
LEVELS: dict[str, tuple[str, str]] = {
    "actor": ("p.identity_id", NAMED),
    "person": ("p.identity_id", f"{NAMED} AND p.kind = 'person'"),
    "country": ("p.country", "p.country IS NOT NULL"),
}


def network(
    con: duckdb.DuckDBPyConnection,
    filters: EventFilters,
    min_count: int,
    limit: int,
    level: str = "actor",
) -> Row:
    """Who acts on whom: the ``limit`` busiest (actor, recipient) pairs with counts by quad
    class, between actors across documents (their identities), persons or countries."""
    where, params = where_clause(filters)
    node, allowed = LEVELS[level]
    sql = (
        f"WITH chosen AS (SELECT f.event_id, f.type FROM events_flat f{where}), "
        f"sides AS (SELECT p.event_id, p.role, {node} AS node FROM event_actors p "
        f"WHERE {allowed} "
        "AND p.event_id IN (SELECT event_id FROM chosen)) "
        "SELECT a.node AS source, r.node AS target, c.type, count(DISTINCT c.event_id) AS n "
        "FROM chosen c JOIN sides a ON a.event_id = c.event_id AND a.role = 'actor' "
        "JOIN sides r ON r.event_id = c.event_id AND r.role = 'recipient' "
        "WHERE a.node <> r.node GROUP BY ALL"
    )
    pairs: dict[tuple[str, str], Row] = {}
    for source, target, event_type, count in con.execute(sql, params).fetchall():
        pair = pairs.setdefault(
            (source, target),
            {"source": source, "target": target, "count": 0, "by_quad": defaultdict(int)},
        )
        pair["count"] += int(count)
        pair["by_quad"][quad_of(event_type) or "unknown"] += int(count)
    edges = sorted(
        (p for p in pairs.values() if p["count"] >= min_count),
        key=lambda p: (-p["count"], p["source"], p["target"]),
    )[:limit]
    labels = _country_labels if level == "country" else _identity_labels
    sides = (
        ("actor", "recipient") if level == "country" else ("actor_identity", "recipient_identity")
    )
    for edge in edges:
        edge["filter"] = {sides[0]: edge["source"], sides[1]: edge["target"]}
    return {
        **_nodes_and_edges(edges, labels(con, {e[k] for e in edges for k in ("source", "target")})),
        "level": level,
        "pairs": len(pairs),
        "filters": filters.as_query(),
    }


def _identity_labels(con: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, Row]:
    """Name, country and the events filter of each identity."""
    found = con.execute(
        "SELECT identity_id, name, kind, country FROM actor_identities "
        "WHERE identity_id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(ids)],
    ).fetchall()
    return {
        identity: {
            "name": name,
            "kind": kind,
            "country": country,
            "filter": {"identity": identity},
        }
        for identity, name, kind, country in found
    }


def _country_labels(con: duckdb.DuckDBPyConnection, codes: set[str]) -> dict[str, Row]:
    """Name of each country code and the events filter of its participants."""
    names = country_by_iso3()
    return {
        code: {
            "name": names[code].name if code in names else code,
            "kind": "country",
            "country": code,
            "filter": {"participant": code},
        }
        for code in codes
    }


def _nodes_and_edges(edges: list[Row], labels: dict[str, Row]) -> Row:
    nodes: dict[str, Row] = {}
    for edge in edges:
        edge["by_quad"] = dict(edge["by_quad"])
        edge["cooperation"] = sum(
            n for quad, n in edge["by_quad"].items() if quad.endswith("cooperation")
        )
        edge["conflict"] = sum(
            n for quad, n in edge["by_quad"].items() if quad.endswith("conflict")
        )
        for end, role in (("source", "as_actor"), ("target", "as_recipient")):
            key = edge[end]
            label = labels.get(key, {"name": key, "kind": None, "country": None, "filter": {}})
            node = nodes.setdefault(key, {"id": key, **label, "as_actor": 0, "as_recipient": 0})
            node[role] += edge["count"]
            edge[f"{end}_name"] = node["name"]
    return {"nodes": list(nodes.values()), "edges": edges}


def actors(
    con: duckdb.DuckDBPyConnection,
    q: str | None,
    country: str | None,
    sector: str | None,
    limit: int,
    offset: int,
    named: bool = True,
    months: bool = True,
) -> Row:
    """Actors across documents (identities: the spellings of one actor counted together)
    with event counts, country and sector (the commonest in their events), titles, the
    names they go by and why, and counts per month."""
    clauses, params = ["1 = 1"], []
    if q:
        clauses.append(
            "p.identity_id IN (SELECT identity_id FROM actor_variants "
            "WHERE contains(lower(name), lower(?)))"
        )
        params.append(q)
    if named:
        clauses.append(NAMED)
    having, having_params = ["1 = 1"], []
    if country:
        having.append("mode(country) = upper(?)")
        having_params.append(country)
    if sector:
        having.append("mode(sector) = upper(?)")
        having_params.append(sector)
    # One row per (actor, event) before counting: counting distinct values over every
    # participant row took three times as long on 100,000 events.
    kept = (
        "AND identity_id IN (SELECT identity_id FROM parts GROUP BY identity_id "
        f"HAVING {' AND '.join(having)}) "
        if having_params
        else ""
    )
    counted = (
        "WITH parts AS (SELECT p.identity_id, p.event_id, p.role, p.country, p.sector, p.kind "
        f"FROM event_actors p WHERE {' AND '.join(clauses)}), "
        "per_event AS (SELECT identity_id, event_id, bool_or(role = 'actor') AS a, "
        f"bool_or(role = 'recipient') AS r FROM parts WHERE 1 = 1 {kept}GROUP BY ALL), "
        "counted AS (SELECT identity_id, count(*) AS events, "
        "count(*) FILTER (WHERE a) AS as_actor, count(*) FILTER (WHERE r) AS as_recipient, "
        "count(DISTINCT e.doc_id) AS documents, min(e.event_date) AS first_date, "
        "max(e.event_date) AS last_date, count(*) OVER () AS _total "
        "FROM per_event JOIN events e USING (event_id) GROUP BY identity_id)"
    )
    found = rows(
        con.execute(
            f"{counted}, page AS (SELECT * FROM counted "
            "ORDER BY events DESC, identity_id LIMIT ? OFFSET ?), "
            "modes AS (SELECT identity_id, mode(country) AS country, mode(sector) AS sector, "
            "mode(kind) AS kind FROM parts WHERE identity_id IN (SELECT identity_id FROM page) "
            "GROUP BY identity_id) "
            "SELECT page.identity_id, m.country, m.sector, m.kind, page.* EXCLUDE (identity_id) "
            "FROM page JOIN modes m USING (identity_id) "
            "ORDER BY page.events DESC, page.identity_id",
            [*params, *having_params, limit, offset],
        )
    )
    total = found[0]["_total"] if found else _count_actors(con, counted, params + having_params)
    _add_names(con, found)
    _add_roles_merges_and_months(con, found, months)
    return {"items": found, "total": int(total), "limit": limit, "offset": offset}


def _add_names(con: duckdb.DuckDBPyConnection, found: list[Row]) -> None:
    """Each actor's name and the names it goes by (``actor_identities``), in place of the
    window count the page query carried."""
    names = {
        identity: (name, variants)
        for identity, name, variants in con.execute(
            "SELECT identity_id, name, variants FROM actor_identities "
            "WHERE identity_id IN (SELECT unnest(?::VARCHAR[]))",
            [[row["identity_id"] for row in found]],
        ).fetchall()
    }
    for row in found:
        del row["_total"]
        row["name"], row["variants"] = names[row["identity_id"]]


def _count_actors(con: duckdb.DuckDBPyConnection, counted: str, params: list[Any]) -> int:
    """How many actors there are, when the page asked for (past the last) holds none."""
    found = con.execute(f"{counted} SELECT count(*) FROM counted", params).fetchone()
    return int(found[0]) if found else 0


def _add_roles_merges_and_months(
    con: duckdb.DuckDBPyConnection, found: list[Row], with_months: bool
) -> None:
    """Titles each actor carried (first and last seen), the merges that made it (rule and
    evidence of each name) and, when asked, its events per month and role."""
    ids = [row["identity_id"] for row in found]
    if not ids:
        return
    chosen = (
        "FROM event_actors p JOIN events e ON e.event_id = p.event_id "
        "WHERE p.identity_id IN (SELECT unnest(?::VARCHAR[]))"
    )
    role_rows = con.execute(
        "SELECT p.identity_id, t.role, count(*) AS n, min(p.event_date), max(p.event_date) "
        f"FROM (SELECT p.identity_id, p.roles, e.event_date {chosen}) p, "
        "unnest(p.roles) AS t(role) GROUP BY ALL ORDER BY n DESC, 2",
        [ids],
    ).fetchall()
    month_rows = (
        []
        if not with_months
        else con.execute(
            "SELECT p.identity_id, strftime(date_trunc('month', e.event_date), '%Y-%m') AS m, "
            f"p.role, count(DISTINCT p.event_id) {chosen} AND e.event_date IS NOT NULL "
            "GROUP BY ALL ORDER BY m",
            [ids],
        ).fetchall()
    )
    merge_rows = con.execute(
        "SELECT identity_id, name, country, rule, evidence FROM actor_variants "
        "WHERE identity_id IN (SELECT unnest(?::VARCHAR[])) AND rule <> 'own' "
        "ORDER BY name, country NULLS FIRST",
        [ids],
    ).fetchall()
    roles: dict[str, list[Row]] = defaultdict(list)
    for identity, role, count, first, last in role_rows:
        roles[identity].append({"role": role, "count": count, "first": first, "last": last})
    months: dict[str, dict[str, Row]] = defaultdict(dict)
    for identity, month, role, count in month_rows:
        entry = months[identity].setdefault(
            month, {"month": month, "as_actor": 0, "as_recipient": 0}
        )
        entry["as_" + role] = count
    merges: dict[str, list[Row]] = defaultdict(list)
    for identity, name, country, rule, evidence in merge_rows:
        merges[identity].append(
            {"name": name, "country": country, "rule": rule, "evidence": evidence}
        )
    for row in found:
        key = row["identity_id"]
        row["roles"] = roles.get(key, [])
        row["merges"] = merges.get(key, [])
        row["months"] = list(months.get(key, {}).values())


def places(con: duckdb.DuckDBPyConnection, filters: EventFilters, limit: int) -> Row:
    """Events by the country of their place and by point, for the map."""
    where, params = where_clause(filters)
    # The mean point of a country's events: where the map marks a country too small to
    # have a shape of its own (Singapore, Bahrain, Malta).
    by_country = con.execute(
        "SELECT f.where_country, count(*), round(avg(f.where_lat), 3), round(avg(f.where_lon), 3) "
        f"FROM events_flat f{where}{' AND ' if where else ' WHERE '}f.where_country IS NOT NULL "
        "GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    ).fetchall()
    points = rows(
        con.execute(
            "SELECT any_value(f.where_name) AS name, any_value(f.where_country) AS country, "
            "round(f.where_lat, 3) AS lat, round(f.where_lon, 3) AS lon, count(*) AS events "
            f"FROM events_flat f{where}{' AND ' if where else ' WHERE '}"
            "f.where_lat IS NOT NULL AND f.where_lon IS NOT NULL "
            "GROUP BY 3, 4 ORDER BY events DESC LIMIT ?",
            [*params, limit],
        )
    )
    return {
        "countries": [
            {"country": c, "events": int(n), "lat": lat, "lon": lon}
            for c, n, lat, lon in by_country
        ],
        "points": points,
        "filters": filters.as_query(),
    }


def stats(con: duckdb.DuckDBPyConnection) -> Row:
    """What is in the database: rows per table, events by type/quad/modality, date range."""
    counts = {
        table: int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
        for table in TABLES
    }
    by_type = dict(
        con.execute("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC").fetchall()
    )
    by_quad: dict[str, int] = defaultdict(int)
    for event_type, count in by_type.items():
        by_quad[quad_of(event_type) or "unknown"] += count
    by_modality = dict(
        con.execute("SELECT modality, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC").fetchall()
    )
    first, last = con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()  # type: ignore[misc]
    rejections = dict(
        con.execute("SELECT code, count(*) FROM rejections GROUP BY 1 ORDER BY 2 DESC").fetchall()
    )
    return {
        "counts": counts,
        "events_by_type": by_type,
        "events_by_quad": {quad: by_quad[quad] for quad in quads() if quad in by_quad},
        "events_by_modality": by_modality,
        "event_dates": {"first": first, "last": last},
        "rejections_by_code": rejections,
        "stories": has_table(con, "stories"),
    }
