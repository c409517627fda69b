"""Incremental ingest: a re-run skips, before cleaning, every input whose document is stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from herald.cli.demo import samples_dir
from herald.incremental import fingerprint
from herald.ingest import ingest
from herald.pipeline import STAGE_SECONDS
from herald.read.inputs import read_inputs
from herald.records import Extraction, RawDocument
from herald.settings import Options
from herald.store.database import Store

pytestmark = pytest.mark.slow

OPTIONS = Options()


def _ingest(store: Store, folder: Path) -> tuple[list[Extraction], int]:
    """The extractions one run made, and how many inputs it skipped as already stored."""
    extractions, skipped = [], 0
    for ingested in ingest(read_inputs([str(folder)]), OPTIONS, store, processes=1):
        extractions += [r for r in ingested.results if isinstance(r, Extraction)]
        skipped += ingested.skipped
    return extractions, skipped


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "news"
    shutil.copytree(samples_dir(), copy)
    return copy


def test_a_rerun_cleans_and_parses_nothing_it_has_stored(folder: Path) -> None:
    with Store.open(":memory:") as store:
        first, skipped = _ingest(store, folder)
        assert first and skipped == 0
        counts = store.counts()
        STAGE_SECONDS.clear()
        again, skipped = _ingest(store, folder)
        assert again == [] and skipped == len(first)
        assert STAGE_SECONDS["clean"] == 0 and STAGE_SECONDS["parse"] == 0
        assert store.counts() == counts


def test_a_changed_or_added_file_is_read_again(folder: Path) -> None:
    with Store.open(":memory:") as store:
        first, _ = _ingest(store, folder)
        text = (folder / "ottawa-visit.txt").read_text(encoding="utf-8")
        (folder / "ottawa-visit.txt").write_text(text + "\nThe talks ended on Saturday.\n")
        (folder / "copy.txt").write_text(text, encoding="utf-8")
        again, skipped = _ingest(store, folder)
        # the copy holds what the first run read: the same input under another name
        assert skipped == len(first)
        assert [Path(e.doc.source).name for e in again] == ["ottawa-visit.txt"]
        assert store.counts()["documents"] == len(first) + 1
        _, skipped = _ingest(store, folder)
        assert skipped == len(first) + 1


def test_documents_stored_without_fingerprints_are_cleaned_but_not_parsed(
    folder: Path,
) -> None:
    with Store.open(":memory:") as store:
        first, _ = _ingest(store, folder)
        store.con.execute("DELETE FROM inputs")  # as in a file from before the inputs table
        counts = store.counts()
        STAGE_SECONDS.clear()
        assert _ingest(store, folder) == ([], len(first))
        assert STAGE_SECONDS["clean"] > 0 and STAGE_SECONDS["parse"] == 0
        assert store.counts() == counts
        # their fingerprints are now kept: the next run does not even clean them
        STAGE_SECONDS.clear()
        assert _ingest(store, folder) == ([], len(first))
        assert STAGE_SECONDS["clean"] == 0


def test_the_same_article_in_another_wrapper_is_not_parsed(folder: Path) -> None:
    with Store.open(":memory:") as store:
        first, _ = _ingest(store, folder)
        text = (folder / "ottawa-visit.txt").read_text(encoding="utf-8")
        # other bytes (so another fingerprint), the same cleaned text (so the same doc_id)
        (folder / "rewrapped.txt").write_text("\n\n" + text.replace(" ", "  "), "utf-8")
        STAGE_SECONDS.clear()
        assert _ingest(store, folder) == ([], len(first) + 1)
        assert STAGE_SECONDS["parse"] == 0


def test_the_fingerprint_follows_what_the_cleaner_reads() -> None:
    raw = RawDocument(source="a.txt", id="a.txt", content=b"Talks resumed.", kind="text")
    same_content = RawDocument(source="b.txt", id="b", content="Talks resumed.", kind="text")
    assert fingerprint(raw) == fingerprint(same_content)
    for changed in (
        RawDocument(source="a.txt", id="a.txt", content=b"Talks resumed!", kind="text"),
        RawDocument(source="a.txt", id="a.txt", content=b"Talks resumed.", kind="html"),
        RawDocument(source="a", id="a", content=b"Talks resumed.", kind="text", title="Talks"),
    ):
        assert fingerprint(changed) != fingerprint(raw)
