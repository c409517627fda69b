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

from herald.api.queries import Row, has_table, rows
from herald.events.plover import PLOVER_TYPES
from herald.store.filters import EventFilters, quad_of, quads, where_clause
from herald.store.schema import TABLES

# date_trunc units by the name the API uses.
INTERVALS = {"day": "day", "week": "week", "month": "month"}


def timeline(con: duckdb.DuckDBPyConnection, filters: EventFilters, interval: str, by: str) -> Row:
    """Event counts per period (events without a date are counted apart as ``undated``)."""
    where, params = where_clause(filters)
    dated = (where + " AND " if where else " WHERE ") + "f.event_date IS NOT NULL"
    period = f"CAST(date_trunc('{INTERVALS[interval]}', f.event_date) AS DATE)"
    sql = (
        f"SELECT {period} AS period, f.type, count(*) AS n "
        f"FROM events_flat f{dated} GROUP BY ALL ORDER BY period"
    )
    buckets: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for period, event_type, count in con.execute(sql, params).fetchall():
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
        "gaps_filled": filled,
        "filters": filters.as_query(),
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


def network(
    con: duckdb.DuckDBPyConnection, filters: EventFilters, min_count: int, limit: int
) -> Row:
    """Who acts on whom: (actor, recipient) pairs with counts by quad class."""
    where, params = where_clause(filters)
    sql = (
        "WITH chosen AS (SELECT f.event_id, f.type FROM events_flat f" + where + ") "
        "SELECT a.name AS source, any_value(a.country) AS source_country, "
        "r.name AS target, any_value(r.country) AS target_country, c.type, "
        "count(DISTINCT c.event_id) AS n "
        "FROM chosen c JOIN event_actors a ON a.event_id = c.event_id AND a.role = 'actor' "
        "JOIN event_actors r ON r.event_id = c.event_id AND r.role = 'recipient' "
        "WHERE a.name <> r.name GROUP BY a.name, r.name, c.type"
    )
    pairs: dict[tuple[str, str], Row] = {}
    for source, source_country, target, target_country, event_type, count in con.execute(
        sql, params
    ).fetchall():
        pair = pairs.setdefault(
            (source, target),
            {
                "source": source,
                "target": target,
                "count": 0,
                "by_quad": defaultdict(int),
                "_countries": (source_country, target_country),
            },
        )
        pair["count"] += int(count)
        pair["by_quad"][quad_of(event_type) or "unknown"] += int(count)
    edges = sorted(
        (p for p in pairs.values() if p["count"] >= min_count),
        key=lambda p: (-p["count"], p["source"], p["target"]),
    )[:limit]
    return _nodes_and_edges(edges, filters)


def _nodes_and_edges(edges: list[Row], filters: EventFilters) -> Row:
    nodes: dict[str, Row] = {}
    for edge in edges:
        source_country, target_country = edge.pop("_countries")
        edge["by_quad"] = dict(edge["by_quad"])
        edge["cooperation"] = sum(
            n for quad, n in edge["by_quad"].items() if quad.endswith("cooperation")
        )
        edge["conflict"] = sum(
            n for quad, n in edge["by_quad"].items() if quad.endswith("conflict")
        )
        for name, country, role in (
            (edge["source"], source_country, "as_actor"),
            (edge["target"], target_country, "as_recipient"),
        ):
            node = nodes.setdefault(
                name,
                {"id": name, "name": name, "country": country, "as_actor": 0, "as_recipient": 0},
            )
            node[role] += edge["count"]
    return {"nodes": list(nodes.values()), "edges": edges, "filters": filters.as_query()}


def actors(
    con: duckdb.DuckDBPyConnection,
    q: str | None,
    country: str | None,
    sector: str | None,
    limit: int,
    offset: int,
) -> Row:
    """Actors by name and country with event counts, roles (titles) and counts per month."""
    clauses, params = ["1 = 1"], []
    if q:
        clauses.append("contains(lower(p.name), lower(?))")
        params.append(q)
    if country:
        clauses.append("p.country = upper(?)")
        params.append(country)
    if sector:
        clauses.append("p.sector = upper(?)")
        params.append(sector)
    where = " AND ".join(clauses)
    base = (
        "FROM event_actors p JOIN events e ON e.event_id = p.event_id "
        f"WHERE {where} GROUP BY p.name, p.country"
    )
    total = con.execute(f"SELECT count(*) FROM (SELECT 1 {base})", params).fetchone()
    found = rows(
        con.execute(
            "SELECT p.name, p.country, mode(p.sector) AS sector, mode(p.kind) AS kind, "
            "count(DISTINCT p.event_id) AS events, "
            "count(DISTINCT p.event_id) FILTER (WHERE p.role = 'actor') AS as_actor, "
            "count(DISTINCT p.event_id) FILTER (WHERE p.role = 'recipient') AS as_recipient, "
            "count(DISTINCT e.doc_id) AS documents, min(e.event_date) AS first_date, "
            f"max(e.event_date) AS last_date {base} "
            "ORDER BY events DESC, p.name LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    )
    _add_roles_and_months(con, found)
    return {
        "items": found,
        "total": int(total[0]) if total else 0,
        "limit": limit,
        "offset": offset,
    }


def _add_roles_and_months(con: duckdb.DuckDBPyConnection, found: list[Row]) -> None:
    """Titles each actor carried (first and last seen) and its events per month and role."""
    names = [row["name"] for row in found]
    if not names:
        return
    role_rows = con.execute(
        "SELECT p.name, p.country, t.role, count(*) AS n, min(e.event_date), max(e.event_date) "
        "FROM event_actors p JOIN events e ON e.event_id = p.event_id, "
        "unnest(p.roles) AS t(role) WHERE p.name IN (SELECT unnest(?::VARCHAR[])) "
        "GROUP BY ALL ORDER BY n DESC",
        [names],
    ).fetchall()
    month_rows = con.execute(
        "SELECT p.name, p.country, strftime(date_trunc('month', e.event_date), '%Y-%m') AS m, "
        "p.role, count(DISTINCT p.event_id) FROM event_actors p "
        "JOIN events e ON e.event_id = p.event_id WHERE e.event_date IS NOT NULL "
        "AND p.name IN (SELECT unnest(?::VARCHAR[])) GROUP BY ALL ORDER BY m",
        [names],
    ).fetchall()
    roles: dict[tuple[Any, Any], list[Row]] = defaultdict(list)
    for name, country, role, count, first, last in role_rows:
        roles[(name, country)].append({"role": role, "count": count, "first": first, "last": last})
    months: dict[tuple[Any, Any], dict[str, Row]] = defaultdict(dict)
    for name, country, month, role, count in month_rows:
        entry = months[(name, country)].setdefault(
            month, {"month": month, "as_actor": 0, "as_recipient": 0}
        )
        entry["as_" + role] = count
    for row in found:
        key = (row["name"], row["country"])
        row["roles"] = roles.get(key, [])
        row["months"] = list(months.get(key, {}).values())


def places(con: duckdb.DuckDBPyConnection, filters: EventFilters, limit: int) -> Row:
    """Events by the country of their place and by point, for the map."""
    where, params = where_clause(filters)
    by_country = con.execute(
        f"SELECT f.where_country, count(*) FROM events_flat f{where}"
        f"{' AND ' if where else ' WHERE '}f.where_country IS NOT NULL "
        "GROUP BY 1 ORDER BY 2 DESC",
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
        "countries": [{"country": c, "events": int(n)} for c, n in by_country],
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
