"""herald watch: a file that lands in the watched folder is stored and linked."""

from __future__ import annotations

import queue
import shutil
import threading
from pathlib import Path

import pytest

from herald.cli.demo import samples_dir
from herald.settings import Options
from herald.store.database import Store
from herald.watch import Round, watch_folder

pytestmark = pytest.mark.slow

# The longest a test waits for a round: far above what one takes, so never hit unless broken.
WAIT_S = 120


def _next_round(rounds: queue.Queue[Round | BaseException]) -> Round:
    got = rounds.get(timeout=WAIT_S)
    if isinstance(got, BaseException):
        raise got
    return got


def test_a_file_written_into_the_folder_is_stored_and_linked(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(samples_dir() / "summit.html", folder / "summit.html")
    store = Store.open(tmp_path / "events.duckdb")
    stop = threading.Event()
    rounds: queue.Queue[Round | BaseException] = queue.Queue()

    def watch() -> None:
        try:
            for done in watch_folder(folder, store, Options(), stop, processes=1):
                rounds.put(done)
        except BaseException as error:  # handed to the test's thread
            rounds.put(error)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        first = _next_round(rounds)
        assert (first.documents, first.added) == (1, 1)  # what the folder held
        article = (samples_dir() / "ottawa-visit.txt").read_text(encoding="utf-8")
        partial = folder / "ottawa.txt.part"  # a name the watcher does not read
        partial.write_text(article, encoding="utf-8")
        partial.rename(folder / "ottawa.txt")
        arrived = _next_round(rounds)
        while arrived.added == 0:  # a round may also see the partial file's folder change
            arrived = _next_round(rounds)
        assert arrived.paths == (str(folder / "ottawa.txt"),) and arrived.events > 0
    finally:
        stop.set()
        watcher.join(timeout=WAIT_S)
    assert not watcher.is_alive()
    with store:
        assert store.counts()["documents"] == 2
        unlinked = store.con.execute("SELECT count(*) FROM events WHERE story_id IS NULL")
        assert unlinked.fetchone() == (0,)
