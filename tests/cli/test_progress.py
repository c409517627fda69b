"""Counting inputs for the progress bar's total: cheap when it can be, None when it cannot."""

from __future__ import annotations

from pathlib import Path

from herald.cli.demo import samples_dir
from herald.cli.progress import count_documents


def test_the_samples_count_as_their_documents():
    # ottawa-visit.txt, summit.html and five JSONL lines
    assert count_documents([str(samples_dir())]) == 7


def test_jsonl_counts_non_blank_lines_and_folders_skip_unread_files(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text('{"id": 1}\n\n{"id": 2}\n{"id": 3}', encoding="utf-8")
    (tmp_path / "b.HTML").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not read in a folder", encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 4
    # A file named on the command line is read whatever its extension.
    assert count_documents([str(tmp_path / "notes.md")]) == 1
    assert count_documents([str(tmp_path / "notes.md")], "jsonl") == 1


def test_archives_and_standard_input_have_no_cheap_count(tmp_path: Path):
    (tmp_path / "crawl.warc.gz").write_bytes(b"")
    assert count_documents([str(tmp_path)]) is None
    assert count_documents(["-"]) is None
    assert count_documents(["-"], "text") == 1
