"""What linking events into stories and documents into coverages share: blocking keys in
a table, candidates found in DuckDB by key and date, union-find, and ids from the smallest
member of each component.

A ``Grouping`` names where one kind of component is stored: events grouped into stories
(``events.story_id``, keys in ``link_keys``), documents grouped into coverages
(``documents.coverage_id``, keys in ``coverage_keys``). The same steps serve both:

1. ``insert_keys``: a batch's (member, key, lo, hi) rows, ``lo``/``hi`` the days the
   member may meet another on;
2. ``candidates``: per key, the rows whose windows meet the batch's stretch of time are
   ranked by date and cut into buckets of ``cap`` ranks; a batch member is joined with its
   own bucket and the two beside it (an equality join on key and bucket, so a key shared by
   100,000 members costs 3 * cap rows a member, not 100,000) and keeps its ``cap`` best
   candidates: most keys in common, then those already grouped, then nearest in date;
3. ``Forest``: union-find over members and the groups they touch (``group_node``);
4. ``labels`` and ``apply``: a component's id is the hash of its smallest member, so that
   it is the same whatever the order of arrival; merged groups are relabelled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from herald.link.features import Recent
from herald.store.arrow_tables import with_arrow_table

_LABEL_SCHEMA = pa.schema([("old", pa.string()), ("new", pa.string())])
_GROUP = "group:"


@dataclass(frozen=True, slots=True)
class Grouping:
    """Where members (``table.member``) keep their group (``table.group``) and their
    blocking keys (``keys``, columns ``member, key, lo, hi``); ``prefix`` starts each id."""

    table: str
    member: str
    group: str
    keys: str
    prefix: str

    def id_for(self, smallest_member: str) -> str:
        """The id of the group whose smallest member is the one given."""
        digest = hashlib.sha1(smallest_member.encode("utf-8")).hexdigest()[:16]
        return self.prefix + digest

    def key_schema(self) -> pa.Schema:
        columns = [(self.member, pa.string()), ("key", pa.string())]
        return pa.schema([*columns, ("lo", pa.date32()), ("hi", pa.date32())])


STORIES = Grouping("events", "event_id", "story_id", "link_keys", "st-")
COVERAGES = Grouping("documents", "doc_id", "coverage_id", "coverage_keys", "cv-")


def group_node(member: str, group_of: dict[str, str]) -> str:
    """A member without a group stands for itself; a grouped one stands for its group."""
    group = group_of.get(member)
    return f"{_GROUP}{group}" if group else member


def insert_keys(con: duckdb.DuckDBPyConnection, grouping: Grouping, rows: list[dict]) -> pa.Table:
    """Write a batch's blocking key rows to ``grouping.keys``; returns them."""
    table = pa.Table.from_pylist(rows, schema=grouping.key_schema())
    if table.num_rows:
        with_arrow_table(
            con,
            "_herald_new_keys",
            table,
            f"INSERT INTO {grouping.keys} BY NAME SELECT * FROM _herald_new_keys",
        )
    return table


# The candidates of a batch (``_herald_batch_keys``: its key rows, ``$lo`` and ``$hi`` the
# stretch of time their windows cover). ``ranked``: the key rows that share a key with the
# batch and overlap that stretch, numbered per key by date and cut into buckets of ``cap``
# ranks; each batch row is joined with its own bucket and the two beside it only. The
# stretch is given as constants so that DuckDB skips the blocks of the keys table that end
# before it. Each candidate comes with its group (``{marked}``, NULL: pending).
_CANDIDATES_SQL = """
    WITH mine AS (SELECT * FROM _herald_batch_keys),
    ranked AS (
        SELECT k.{member} AS member, k.key, k.lo, k.hi,
            (row_number() OVER (PARTITION BY k.key ORDER BY k.lo, k.{member})) // $cap AS bucket
        FROM {keys} k
        WHERE k.key IN (SELECT DISTINCT key FROM mine) AND k.lo <= $hi AND k.hi >= $lo
    ),
    probes AS (
        SELECT r.member, r.key, r.lo, r.hi, unnest([r.bucket - 1, r.bucket, r.bucket + 1]) AS near
        FROM ranked r SEMI JOIN mine ON mine.{member} = r.member
    ),
    scored AS (
        SELECT p.member AS a, r.member AS b, count(*) AS shared,
            min(abs(date_diff('day', p.lo, r.lo))) AS gap
        FROM probes p JOIN ranked r ON r.key = p.key AND r.bucket = p.near
        WHERE r.member <> p.member AND r.lo <= p.hi AND p.lo <= r.hi
        GROUP BY ALL
    ),
    marked AS ({marked})
    SELECT DISTINCT least(a, b), greatest(a, b), CASE WHEN grouped IS NOT NULL THEN b END,
        grouped
    FROM marked
    QUALIFY row_number() OVER (PARTITION BY a ORDER BY shared DESC, grouped IS NULL, gap, b)
        <= $cap
    ORDER BY 1, 2
"""


# A candidate's group, read from the table of members (a join that scans it whole).
_STORED_GROUP = "SELECT s.*, t.{group} AS grouped FROM scored s JOIN {table} t ON t.{member} = s.b"
# A candidate outside the batch stands for its group (it is keyed, so it has one), found by
# the caller: no read of the table of members.
_KEYED_OUTSIDE = (
    "SELECT s.*, CASE WHEN s.b NOT IN (SELECT {member} FROM mine) THEN s.b END AS grouped "
    "FROM scored s"
)

GroupsOf = Callable[[set[str]], dict[str, str]]


def candidates_sql(grouping: Grouping, groups_given: bool) -> str:
    """The candidate query of ``grouping``; ``groups_given``: the caller finds the groups."""
    marked = _KEYED_OUTSIDE if groups_given else _STORED_GROUP
    names = {"member": grouping.member, "table": grouping.table, "group": grouping.group}
    return _CANDIDATES_SQL.format(marked=marked.format(**names), keys=grouping.keys, **names)


def span_of(keys: pa.Table) -> tuple[dt.date, dt.date]:
    """The stretch of time that key rows cover (their first ``lo``, last ``hi``): the window
    of every candidate that the rows find meets it."""
    return pc.min(keys["lo"]).as_py(), pc.max(keys["hi"]).as_py()


def candidates(
    con: duckdb.DuckDBPyConnection,
    grouping: Grouping,
    keys: pa.Table,
    cap: int,
    groups_of: GroupsOf | None = None,
) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(unordered pairs to compare, the group of each candidate that has one) for the
    batch whose key rows are ``keys``: at most ``cap`` pairs per batch member.

    Without ``groups_of``, the groups are read from ``grouping.table``. With it, every
    keyed member outside the batch is taken to have a group (the caller's invariant), and
    ``groups_of`` gives the groups of those among the candidates."""
    if not keys.num_rows:
        return [], {}
    lo, hi = span_of(keys)
    span = {"lo": lo, "hi": hi, "cap": cap}
    sql = candidates_sql(grouping, groups_given=groups_of is not None)
    con.register("_herald_batch_keys", keys)
    try:
        rows = con.execute(sql, span).fetchall()
    finally:
        con.unregister("_herald_batch_keys")
    # A pair of two batch members may come twice, with no group: DISTINCT keeps one.
    grouped = {b: g for _, _, b, g in rows if g is not None}
    if groups_of is not None:
        grouped = groups_of(set(grouped))
    return [(a, b) for a, b, _, _ in rows], grouped


class Forest:
    """Union-find over node names; groups come out sorted so that labelling is deterministic."""

    def __init__(self, nodes: Iterable[str]) -> None:
        self.parent: dict[str, str] = {node: node for node in nodes}

    def find(self, node: str) -> str:
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for node in sorted(self.parent):
            members[self.find(node)].append(node)
        return sorted(members.values())


def labels(
    con: duckdb.DuckDBPyConnection, grouping: Grouping, groups: list[list[str]], smallest: Recent
) -> tuple[dict[str, str], dict[str, str]]:
    """(ungrouped member -> group id, old group id -> new group id) for the components found.

    ``smallest`` keeps each group's smallest member, so that only the groups this run has
    not seen are read (a scan of the table)."""
    old = {node[len(_GROUP) :] for group in groups for node in group if node.startswith(_GROUP)}
    unknown = sorted(group for group in old if smallest.get_recent(group) is None)
    if unknown:
        smallest.keep(
            con.execute(
                f"SELECT {grouping.group}, min({grouping.member}) FROM {grouping.table} "
                f"WHERE {grouping.group} IN (SELECT unnest(?::VARCHAR[])) "
                f"GROUP BY {grouping.group}",
                [unknown],
            ).fetchall()
        )
    assignments: dict[str, str] = {}
    relabels: dict[str, str] = {}
    for group in groups:
        olds = [node[len(_GROUP) :] for node in group if node.startswith(_GROUP)]
        members = [node for node in group if not node.startswith(_GROUP)]
        first = min(members + [smallest[g] for g in olds])
        new = grouping.id_for(first)
        smallest.keep([(new, first)])
        assignments.update(dict.fromkeys(members, new))
        relabels.update({g: new for g in olds if g != new})
    return assignments, relabels


def apply(
    con: duckdb.DuckDBPyConnection,
    grouping: Grouping,
    assignments: dict[str, str],
    relabels: dict[str, str],
) -> None:
    """Write the group ids: first relabel merged groups, then label the new members."""
    table, member, group = grouping.table, grouping.member, grouping.group
    if relabels:
        with_arrow_table(
            con,
            "_herald_relabels",
            _pairs(relabels),
            f"UPDATE {table} SET {group} = r.new FROM _herald_relabels r "
            f"WHERE {table}.{group} = r.old",
        )
    if assignments:
        with_arrow_table(
            con,
            "_herald_labels",
            _pairs(assignments),
            f"UPDATE {table} SET {group} = l.new FROM _herald_labels l "
            f"WHERE {table}.{member} = l.old",
        )


def _pairs(mapping: dict[str, str]) -> pa.Table:
    # Two columns, not a row object a pair: a run writes the stories of all its events at once.
    return pa.table([list(mapping), list(mapping.values())], schema=_LABEL_SCHEMA)


@contextmanager
def capped_memory(con: duckdb.DuckDBPyConnection, limit: str) -> Iterator[None]:
    """DuckDB's memory limit at ``limit`` for a database in a file, then back.

    DuckDB keeps the blocks it reads cached up to its memory limit (by default most of the
    machine's memory): under a lower one it drops them instead, and spills what a statement
    holds. A database held in memory cannot drop its own tables' blocks: it is left as it is.
    """
    path = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0]
    if path is None:
        yield
        return
    before = _memory_limit(con)
    # The setting reads back rounded ("18.8 GiB"): set again, it would creep down. Unless
    # the caller set it, what it goes back to is DuckDB's default.
    with duckdb.connect() as fresh:
        default = _memory_limit(fresh)
    restore = "RESET memory_limit" if before == default else f"SET memory_limit = '{before}'"
    con.execute(f"SET memory_limit = '{limit}'")
    try:
        yield
    finally:
        con.execute(restore)


def _memory_limit(con: duckdb.DuckDBPyConnection) -> str:
    return str(con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
