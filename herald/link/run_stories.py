"""The stories a linking run gives its events, kept by the run and written at once.

A batch of the linker needs the story of each of its candidates, and each story's
smallest event (a story's id is the hash of it); it used to read the first from ``events``
(the candidate query joined it) and to write its own events' story ids back to ``events``,
relabel the merged stories there and rewrite their ``stories`` rows, every batch. DuckDB
finds rows by a list of ids by scanning the whole table, so each of those statements cost
the archive, once a batch: the number of batches times the archive (docs/scale-log.md,
sixteenth round).

``RunStories`` keeps instead what the run decides, in memory: each event's story as it was
first given (never rewritten: a merge is a rename, ``old -> new``, followed when the story
is asked for), each story's smallest event, and the stories of the events linked before
the run that its candidates met (read once, then kept). ``write`` puts it all in the
database in a few statements, each one pass over its table: the renames by story, the
story ids by event, then the ``stories`` rows of every story the run touched.

A keyed event (one with rows in ``link_keys``) outside the batch is always in a story: in
the run's or, linked before it, in ``events`` (``forget_unwritten`` drops the keys of
events whose run died before it wrote their stories).
"""

from __future__ import annotations

import sys

import duckdb

from herald.link.components import STORIES, apply
from herald.link.features import Recent
from herald.link.stories import refresh_stories
from herald.store import link_rows
from herald.store.link_rows import Sizes

# Stories of events linked before the run, kept once read (an incremental run's candidates
# are mostly such events, found again batch after batch).
CACHE_STORED = 200_000


# The stories of the given events linked before the run (``link_rows.by_ids``).
STORED_SQL = "SELECT event_id, story_id FROM events WHERE story_id IS NOT NULL AND"


class RunStories:
    """The stories of one run's events, and each story's smallest event (see module)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.sizes = Sizes.of(con)
        self.given: dict[str, str] = {}  # event -> its story when the run gave it one
        self.renamed: dict[str, str] = {}  # merged story -> a story it went into
        self.stored: Recent = Recent(CACHE_STORED)  # event linked before -> stored story
        # Every story the run met keeps its smallest event: one the run made is not in
        # ``events`` until written, so it could not be read back.
        self.smallest: Recent = Recent(sys.maxsize)
        # Since the last write: events given a story, stories renamed, stories touched.
        self.new_events: list[str] = []
        self.new_renames: set[str] = set()
        self.touched: set[str] = set()

    def current(self, story: str) -> str:
        """The story that ``story`` is now, after the run's merges."""
        path = []
        while story in self.renamed:
            path.append(story)
            story = self.renamed[story]
        for old in path:  # shortened: the next time, one step
            self.renamed[old] = story
        return story

    def groups_of(self, events: set[str]) -> dict[str, str]:
        """The current story of each of the given keyed events."""
        unknown = sorted(e for e in events if e not in self.given and e not in self.stored)
        if unknown:
            events_held = self.sizes.rows  # one link row per event
            self.stored.keep(
                link_rows.by_ids(self.con, STORED_SQL, "event_id", unknown, events_held)
            )
        found = {}
        for event in events:
            story = self.given.get(event) or self.stored.get_recent(event)
            if story is not None:
                found[event] = self.current(story)
        return found

    def record(self, assignments: dict[str, str], relabels: dict[str, str]) -> None:
        """A batch's decisions (``components.labels``): new members, merged stories."""
        self.renamed.update(relabels)
        self.new_renames.update(relabels)
        self.given.update(assignments)
        self.new_events.extend(assignments)
        self.touched.update(assignments.values())
        self.touched.update(relabels.values())

    @property
    def unwritten(self) -> int:
        """Events given a story since the last write."""
        return len(self.new_events)

    def write(self) -> set[str]:
        """Write what the run decided since the last write: story ids (renamed stories
        first, then the new members), then the ``stories`` rows. Returns the stories
        written (created, grown or merged)."""
        relabels = {old: self.current(old) for old in sorted(self.new_renames)}
        assignments = {event: self.current(self.given[event]) for event in self.new_events}
        apply(self.con, STORIES, assignments, relabels)
        written = {self.current(story) for story in self.touched}
        refresh_stories(self.con, removed=set(relabels), written=written)
        self.new_events, self.new_renames, self.touched = [], set(), set()
        return written


def forget_unwritten(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the keys of pending events: a run that died before writing their stories left
    them, and a keyed event outside a batch must have a story (``RunStories``)."""
    con.execute(
        "DELETE FROM link_keys WHERE event_id IN "
        "(SELECT event_id FROM events WHERE story_id IS NULL)"
    )
