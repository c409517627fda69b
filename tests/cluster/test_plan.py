"""cluster, plan: the partitions of a run read every document once, in input order."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from herald.cluster.plan import Piece, plan_partitions
from herald.cluster.run import read_pieces
from herald.read.inputs import read_inputs
from herald.settings import Options


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    lines = [json.dumps({"id": f"j{n}", "text": f"Story {n}."}) for n in range(10)]
    # an empty line, a broken one and a last line without its newline, as producers write them
    (folder / "a.jsonl").write_text("\n".join([*lines[:4], "", "{cut", *lines[4:]]), "utf-8")
    (folder / "b.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    for name in ("c.txt", "d.txt", "e.txt"):
        (folder / name).write_text(f"The {name} story.", "utf-8")
    return folder


def test_partitions_read_what_a_single_reader_reads(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    plan = plan_partitions([str(folder)], size=3)
    pieces = [piece for partition in plan for piece in partition.pieces]
    assert list(read_pieces(pieces, Options())) == list(read_inputs([str(folder)]))
    # a.jsonl in slices of 3 lines (12 lines: the last slice to the end); the gzipped file
    # whole, as it cannot be entered in the middle; the three texts together
    slices = [piece.lines for piece in pieces if piece.url.endswith("a.jsonl")]
    assert slices == [(1, 3), (4, 3), (7, 3), (10, None)]
    assert [len(partition.pieces) for partition in plan] == [1, 1, 1, 1, 1, 3]


def test_the_plan_and_its_names_are_the_same_on_every_run(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = plan_partitions([str(folder)], size=3)
    assert plan_partitions([str(folder)], size=3) == first
    assert len({partition.name for partition in first}) == len(first)
    (folder / "f.txt").write_text("A story added later.", "utf-8")
    later = plan_partitions([str(folder)], size=3)
    # the partitions before the new file keep their names: a resumed run skips them
    assert later[: len(first)] == first and len(later) == len(first) + 1


def test_an_unreadable_piece_is_one_rejection(tmp_path: Path) -> None:
    missing = Piece(str(tmp_path / "gone.txt"), "text")
    (item,) = read_pieces([missing], Options())
    assert (item.stage, item.code) == ("read", "unreadable")


def test_a_folder_named_by_url_is_listed_and_read_through_fsspec(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    url = folder.as_uri()  # file:///...: the same code path as s3:// or gs://
    pieces = [piece for partition in plan_partitions([url], size=3) for piece in partition.pieces]
    assert all(piece.url.startswith("file://") for piece in pieces)
    by_url = list(read_pieces(pieces, Options()))
    by_path = list(read_inputs([str(folder)]))
    assert [(item.id.split("/")[-1], getattr(item, "content", None)) for item in by_url] == [
        (item.id.split("/")[-1], getattr(item, "content", None)) for item in by_path
    ]
