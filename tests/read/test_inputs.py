"""read: files, folders, stdin, JSONL and WARC to RawDocuments; bad input to Rejections."""

from __future__ import annotations

import io
import json
import os
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from herald.data_files import data_path
from herald.errors import CODES
from herald.read.inputs import looks_like_html, read_inputs
from herald.records import RawDocument, Rejection

SAMPLES = data_path("samples")


def _all(*inputs: str, **options) -> list[RawDocument | Rejection]:
    return list(read_inputs(list(inputs), **options))


def _write_warc(path: Path, pages: list[tuple[str, str, bytes]], gzip: bool = True) -> None:
    """A WARC with one response record per (url, content type, body)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for url, content_type, body in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def _code_or_id(item: RawDocument | Rejection) -> str:
    return item.code if isinstance(item, Rejection) else item.id


def _page(number: int) -> bytes:
    return f"<html><body><p>Story {number}: the minister met the envoy.</p></body></html>".encode()


# --------------------------------------------------------------------------- files and folders


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "deep" / "z.htm").write_bytes(b"<html><body><p>z</p></body></html>")
    (tmp_path / "b" / "one.txt").write_bytes(b"one")
    (tmp_path / "a" / "two.html").write_bytes(b"<html><p>two</p></html>")
    (tmp_path / "top.txt").write_bytes(b"top")
    (tmp_path / "notes.md").write_bytes(b"skipped: not a format we read")
    (tmp_path / "image.png").write_bytes(b"\x89PNG skipped")

    items = _all(str(tmp_path))

    sources = [Path(item.source).relative_to(tmp_path).as_posix() for item in items]
    assert sources == ["a/two.html", "b/deep/z.htm", "b/one.txt", "top.txt"]
    again = [Path(item.source).relative_to(tmp_path).as_posix() for item in _all(str(tmp_path))]
    assert again == sources
    kinds = {Path(item.source).name: item.kind for item in items if isinstance(item, RawDocument)}
    assert kinds == {"two.html": "html", "one.txt": "text", "z.htm": "html", "top.txt": "text"}
    assert all(item.id == item.source for item in items)


def test_file_content_is_kept_as_bytes(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes("Caf\u00e9 talks resume.".encode())
    (item,) = _all(str(path))
    assert isinstance(item, RawDocument)
    assert item.content == "Caf\u00e9 talks resume.".encode()
    assert item.source == str(path)


def test_named_file_with_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "page.download"
    page.write_bytes(b"\xef\xbb\xbf  <!DOCTYPE html><html><body><p>Hi</p></body></html>")
    note = tmp_path / "note.dat"
    note.write_bytes(b"The council met on Monday. <b>not</b> a page")
    kinds = [item.kind for item in _all(str(page), str(note))]
    assert kinds == ["html", "text"]


def test_input_format_overrides_the_extension_of_named_files(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"<p>markup in a txt file</p>")
    (item,) = _all(str(path), input_format="html")
    assert item.kind == "html"


def test_missing_file_and_broken_link_are_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(b"good")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    items = _all(str(tmp_path / "absent.html"), str(tmp_path))
    codes = [(Path(item.source).name, getattr(item, "code", None)) for item in items]
    assert codes == [
        ("absent.html", "unreadable"),
        ("broken.txt", "unreadable"),
        ("good.txt", None),
    ]
    assert all(item.stage == "read" for item in items if isinstance(item, Rejection))


def test_symlinked_folder_is_reported_not_followed(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "real").mkdir(parents=True)
    (tree / "real" / "story.txt").write_bytes(b"story")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(b"not under the folder named")
    os.symlink(outside, tree / "elsewhere")
    os.symlink(tree, tree / "real" / "loop")  # a loop: followed, it would never end
    (tree / "linked.txt").symlink_to(tree / "real" / "story.txt")  # links to files are read
    items = _all(str(tree))
    found = [(Path(item.source).relative_to(tree).as_posix(), _code_or_id(item)) for item in items]
    assert [(name, code) for name, code in found if code in CODES] == [
        ("elsewhere", "symlink_skipped"),
        ("real/loop", "symlink_skipped"),
    ]
    assert [name for name, _ in found] == ["elsewhere", "linked.txt", "real/loop", "real/story.txt"]
    skipped = items[0]
    assert isinstance(skipped, Rejection) and skipped.stage == "read"
    assert str(outside) in skipped.detail and len(skipped.detail) <= 300
    # Named on the command line, a link to a folder is the user's choice and is read.
    assert [item.source for item in _all(str(tree / "elsewhere"))] == [
        str(tree / "elsewhere" / "secret.txt")
    ]


def test_file_over_the_limit_is_rejected_without_being_read(tmp_path: Path, monkeypatch) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:  # sparse: 3 GB on paper, nothing on disk
        handle.truncate(3 * 1024**3)
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 10)

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    (item,) = _all(str(huge), max_bytes=5_000_000)
    assert isinstance(item, Rejection)
    assert (item.code, item.stage) == ("too_large", "read")
    monkeypatch.undo()
    assert [getattr(item, "code", None) for item in _all(str(small), max_bytes=9)] == ["too_large"]
    assert isinstance(_all(str(small), max_bytes=10)[0], RawDocument)


def test_every_rejection_code_is_known(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": 1}\nnot json\n{"text": 5}\n', encoding="utf-8")
    items = _all(str(path), str(tmp_path / "missing.txt"))
    assert items and all(item.code in CODES for item in items if isinstance(item, Rejection))


# --------------------------------------------------------------------------- stdin


def test_stdin_text_and_html() -> None:
    (text,) = _all("-", stdin=io.BytesIO(b"Protesters marched on Sunday."))
    assert (text.source, text.id, text.kind) == ("-", "-", "text")
    assert text.content == b"Protesters marched on Sunday."
    (page,) = _all("-", stdin=io.BytesIO(b"<html><body><p>x</p></body></html>"))
    assert page.kind == "html"


def test_stdin_over_the_limit() -> None:
    (item,) = _all("-", stdin=io.BytesIO(b"y" * 100), max_bytes=99)
    assert isinstance(item, Rejection) and item.code == "too_large"


def test_stdin_jsonl() -> None:
    lines = b'{"id": "a", "text": "One."}\n{"id": "b", "html": "<p>Two.</p>"}\n'
    items = _all("-", input_format="jsonl", stdin=io.BytesIO(lines))
    assert [(item.id, item.source, item.kind) for item in items] == [
        ("a", "-:1", "text"),
        ("b", "-:2", "html"),
    ]


# --------------------------------------------------------------------------- JSONL


def test_jsonl_fields_become_raw_document_fields(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    record = {
        "id": "r1",
        "text": "Talks began.",
        "url": "https://example.org/a",
        "title": "Talks",
        "date": "2020-05-01",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (item,) = _all(str(path))
    assert item == RawDocument(
        source=f"{path}:1",
        id="r1",
        content="Talks began.",
        kind="text",
        url="https://example.org/a",
        title="Talks",
        published="2020-05-01",
    )


def test_malformed_jsonl_lines_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "\n".join(
            [
                '{"id": "a", "text": "First."}',
                '{"id": "b", "text": "unterminated',
                "",
                "[1, 2, 3]",
                '{"id": "c"}',
                '{"id": "d", "text": ["not", "a", "string"]}',
                '{"text": "No id here."}',
                '{"id": 7, "html": "<p>Seventh.</p>"}',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    items = _all(str(path))
    summary = [(item.source.rsplit(":", 1)[1], _code_or_id(item)) for item in items]
    assert summary == [
        ("1", "a"),
        ("2", "malformed_record"),
        ("4", "malformed_record"),
        ("5", "missing_field"),
        ("6", "malformed_record"),
        ("7", f"{path}:7"),
        ("8", "7"),
    ]
    missing = items[3]
    assert isinstance(missing, Rejection) and missing.id == "c"


def test_jsonl_line_over_the_limit_is_rejected_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    long_text = "word " * 1000
    path.write_text(
        json.dumps({"id": "long", "text": long_text}) + "\n" + '{"id": "short", "text": "Ok."}\n',
        encoding="utf-8",
    )
    items = _all(str(path), max_bytes=200)
    assert [getattr(item, "code", None) for item in items] == ["too_large", None]
    assert items[1].id == "short"


def test_jsonl_bad_utf8_line_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"id": "x", "text": "caf\xe9"}\n{"id": "y", "text": "fine"}\n')
    assert [_code_or_id(item) for item in _all(str(path))] == ["malformed_record", "y"]


_GOOD_RECORD = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=10), "text": st.text(min_size=1).filter(str.strip)},
    optional={"url": st.text(max_size=20), "title": st.text(max_size=20)},
)
_BAD_LINE = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",)),
        min_size=1,
    ).filter(
        lambda line: (
            line.strip()
            and not line.lstrip().startswith(("{", "[", '"'))
            and not line.strip().lstrip("-").replace(".", "").isdigit()
        )
    ),
    st.just('{"id": "no text"}'),
    st.just("[]"),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(_GOOD_RECORD, _BAD_LINE), max_size=12))
def test_jsonl_reader_yields_one_item_per_line(tmp_path: Path, lines: list) -> None:
    path = tmp_path / "prop.jsonl"
    rendered = [json.dumps(line) if isinstance(line, dict) else line for line in lines]
    path.write_text("\n".join(rendered) + "\n", encoding="utf-8")
    items = _all(str(path))
    nonblank = [line for line in rendered if line.strip()]
    assert len(items) == len(nonblank)
    for line, item in zip(lines, items, strict=True):
        if isinstance(line, dict):
            assert isinstance(item, RawDocument)
            assert (item.id, item.content) == (line["id"], line["text"])
        else:
            assert isinstance(item, Rejection)
            assert item.code in ("malformed_record", "missing_field")


# --------------------------------------------------------------------------- WARC


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "news.warc.gz"
    _write_warc(
        path,
        [
            ("https://example.org/1", "text/html; charset=utf-8", _page(1)),
            ("https://example.org/logo.png", "image/png", b"\x89PNG..."),
            ("https://example.org/2", "application/xhtml+xml", _page(2)),
        ],
    )
    items = _all(str(path))
    assert [item.url for item in items] == ["https://example.org/1", "https://example.org/2"]
    assert all(isinstance(item, RawDocument) and item.kind == "html" for item in items)
    assert items[0].content == _page(1)
    assert items[0].source.startswith(f"{path}#<urn:uuid:")
    assert items[0].id == items[0].source


@pytest.mark.parametrize("gzip", [True, False])
def test_truncated_warc_keeps_the_records_before_the_break(tmp_path: Path, gzip: bool) -> None:
    whole = tmp_path / ("whole.warc.gz" if gzip else "whole.warc")
    _write_warc(
        whole, [(f"https://example.org/{n}", "text/html", _page(n)) for n in range(3)], gzip
    )
    cut = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    cut.write_bytes(whole.read_bytes()[:-40])
    items = _all(str(cut), str(whole))
    codes = [item.code if isinstance(item, Rejection) else item.url for item in items]
    assert codes[:3] == ["https://example.org/0", "https://example.org/1", "malformed_record"]
    assert codes[3:] == [f"https://example.org/{n}" for n in range(3)]  # next file unharmed


def test_warc_record_over_the_limit_is_rejected_and_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "news.warc"
    big = b"<html><body><p>" + b"long " * 500 + b"</p></body></html>"
    _write_warc(
        path,
        [("https://a.org/big", "text/html", big), ("https://a.org/s", "text/html", _page(1))],
        False,
    )
    items = _all(str(path), max_bytes=1000)
    assert [getattr(item, "code", None) for item in items] == ["too_large", None]


def test_garbage_named_as_warc_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not an archive\n" * 5)
    (item,) = _all(str(path))
    assert isinstance(item, Rejection) and item.code == "malformed_record"


# --------------------------------------------------------------------------- sniffing and samples


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<!doctype html><html>", True),
        (b"  <!-- saved page -->\n<html lang='en'>", True),
        (b"<div class='story'><p>Text</p></div>", True),
        (b"The minister said x < y and y > z.", False),
        (b"Skip to main content\n\nOttawa", False),
    ],
)
def test_looks_like_html(head: bytes, expected: bool) -> None:
    assert looks_like_html(head) is expected


def test_the_shipped_samples_read_cleanly() -> None:
    items = _all(str(SAMPLES))
    assert all(isinstance(item, RawDocument) for item in items)
    by_name = {Path(item.source.split(":")[0]).name for item in items}
    assert by_name == {"batch.jsonl", "ottawa-visit.txt", "summit.html"}
    batch = [item for item in items if ".jsonl:" in item.source]
    assert len(batch) == 5 and all(item.published and item.url and item.title for item in batch)


# --------------------------------------------------------------------------- hostile archives


def _gzip_member(data: bytes) -> bytes:
    import gzip as gzip_module

    return gzip_module.compress(data, compresslevel=9)


def _warc_bytes(pages: list[tuple[str, str, bytes]], gzip: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


@pytest.mark.parametrize("cut", [4, 40])  # 4: only the gzip trailer is missing
def test_truncated_warc_gz_on_stdin_is_reported_as_by_path(tmp_path: Path, cut: int) -> None:
    whole = _warc_bytes([(f"https://example.org/{n}", "text/html", _page(n)) for n in range(3)])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[:-cut])
    by_path = _all(str(path))
    by_stdin = _all("-", input_format="warc", stdin=io.BytesIO(whole[:-cut]))

    def codes(items: list[RawDocument | Rejection]) -> list[str | None]:
        return [item.code if isinstance(item, Rejection) else item.url for item in items]

    assert codes(by_stdin) == codes(by_path)
    assert codes(by_stdin)[-1] == "malformed_record"
    assert by_stdin[-1].detail == by_path[-1].detail.replace(str(path), "-")


def test_whole_warc_gz_on_stdin_reads_every_record() -> None:
    whole = _warc_bytes([(f"https://example.org/{n}", "text/html", _page(n)) for n in range(3)])
    items = _all("-", input_format="warc", stdin=io.BytesIO(whole))
    assert [item.url for item in items] == [f"https://example.org/{n}" for n in range(3)]


def test_gzip_bomb_header_line_is_rejected_with_a_short_detail(tmp_path: Path) -> None:
    # 8 MB of zeros on one "line" compress to about 8 KB: the reader must stop early.
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(_gzip_member(b"WARC/1.0\r\nWARC-Type: " + b"0" * 8_000_000))
    for source in (str(path), "-"):
        stdin = io.BytesIO(path.read_bytes())
        tracemalloc.start()
        try:
            (item,) = _all(source, input_format="warc", stdin=stdin)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert isinstance(item, Rejection) and item.code == "too_large"
        assert len(item.detail) <= 300 and "header" in item.detail
        assert peak < 4_000_000  # the line is never held whole


def test_gzip_bomb_status_line_detail_is_short(tmp_path: Path) -> None:
    # warcio's own error quotes the whole bad line; a rejection never does.
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(_gzip_member(b"x" * 200_000 + b"\r\n"))
    (item,) = _all(str(path))
    assert isinstance(item, Rejection) and item.code == "malformed_record"
    assert len(item.detail) <= 300


def test_encoded_payload_bigger_than_the_limit_once_decoded_is_rejected(tmp_path: Path) -> None:
    bomb = _gzip_member(b"<html><body><p>" + b"0" * 3_000_000 + b"</p></body></html>")
    path = tmp_path / "news.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            "https://a.org/bomb", "response", payload=io.BytesIO(bomb), http_headers=headers
        )
        writer.write_record(record)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://a.org/ok", "response", payload=io.BytesIO(_page(1)), http_headers=headers
        )
        writer.write_record(record)
    items = _all(str(path), max_bytes=1_000_000)
    assert [_code_or_id(item) if isinstance(item, Rejection) else item.url for item in items] == [
        "too_large",
        "https://a.org/ok",
    ]
    assert len(items[0].detail) <= 300


def test_archive_over_the_per_file_limit_is_rejected_and_the_next_file_read(
    tmp_path: Path,
) -> None:
    pages = [(f"https://example.org/{n}", "text/html", _page(n) * 20) for n in range(20)]
    big = tmp_path / "big.warc.gz"
    big.write_bytes(_warc_bytes(pages))
    small = tmp_path / "small.warc.gz"
    small.write_bytes(_warc_bytes(pages[:1]))
    items = _all(str(big), str(small), max_archive_bytes=10_000)
    codes = [_code_or_id(item) if isinstance(item, Rejection) else item.url for item in items]
    assert "too_large" in codes and codes[-1] == "https://example.org/0"
    rejected = codes.index("too_large")
    assert 0 < rejected < 20 and codes[rejected + 1 :] == ["https://example.org/0"]


# --------------------------------------------------------------------------- gzip


def test_gzipped_inputs_of_every_kind_read_as_their_plain_twins(tmp_path: Path) -> None:
    import gzip

    plain, packed = tmp_path / "plain", tmp_path / "packed"
    plain.mkdir()
    packed.mkdir()
    files = {
        "page.html": _page(1),
        "note.txt": b"The envoy met the minister.",
        "batch.jsonl": b'{"id": "x", "text": "A"}\n{"id": "y", "text": "B"}\n',
        "one.json": json.dumps({"maintext": "The talks resumed.", "date_publish": None}).encode(),
    }
    for name, content in files.items():
        (plain / name).write_bytes(content)
        (packed / f"{name}.gz").write_bytes(gzip.compress(content))

    def shape(folder: Path) -> list[tuple[str, object, str]]:
        return [
            (Path(item.source.removeprefix(str(folder))).as_posix(), item.content, item.kind)
            for item in _all(str(folder))
            if isinstance(item, RawDocument)
        ]

    unpacked = [(source.replace(".gz", ""), c, k) for source, c, k in shape(packed)]
    assert len(unpacked) == 5 and unpacked == shape(plain)


def test_a_truncated_gzip_file_is_one_rejection(tmp_path: Path) -> None:
    import gzip

    data = gzip.compress(b"The envoy met the minister. " * 200)
    (tmp_path / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    (item,) = _all(str(tmp_path))
    assert isinstance(item, Rejection) and item.code == "unreadable"


def test_a_gzip_bomb_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"0" * 50_000_000))
    tracemalloc.start()
    (item,) = _all(str(tmp_path), max_bytes=1000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(item, Rejection) and item.code == "too_large"
    assert peak < 5_000_000
