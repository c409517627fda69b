"""Fuzz targets: one property per reader, on arbitrary bytes and on mutated valid inputs.

Each asserts only what docs/security.md and the readers' docstrings promise: nothing raises,
every item is a RawDocument or a Rejection with a known code and a detail of at most
``errors.MAX_DETAIL`` characters, nothing is read twice, and (text, HTML) the cleaner gives a
Document or a rejection with a known code. ``make test`` runs each on a fixed, small set of
examples; ``make fuzz`` (HYPOTHESIS_PROFILE=search) on the profile's many random ones.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from herald.clean import clean
from herald.errors import CODES, MAX_DETAIL, RejectedError
from herald.read import read_inputs
from herald.records import Document, RawDocument, Rejection
from herald.settings import Options

# Bounded under the deterministic profile (make test), the profile's own count under make fuzz.
EXAMPLES = 50 if settings.default.derandomize else settings.default.max_examples
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MAX_BYTES = 4_000  # small, so that the per-document limit is met too

_SENTENCES = [
    "The foreign minister met the ambassador in Ottawa on Monday.",
    "Police said \u201cdozens\u201d were arrested outside the parliament \u2014 again.",
    "Caf\u00e9 owners protested against the new tax, officials said.",
    "Rebels and the army agreed to a truce after a week of clashes.",
]
_STORY = st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=6).map(" ".join)
_CODEC = st.sampled_from(["utf-8", "cp1252", "utf-16", "utf-8-sig"])


def _html_page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright 2020</footer></body></html>"
    )


_VALID_TEXT = st.tuples(_STORY, _CODEC).map(lambda pair: pair[0].encode(pair[1], "replace"))
_VALID_HTML = st.builds(
    _html_page, st.sampled_from(["Talks resume", "Truce"]), st.lists(_STORY, min_size=1)
).map(str.encode)
_VALID_JSONL = st.lists(
    st.fixed_dictionaries(
        {"id": st.integers(0, 99) | st.text(max_size=5), "text": _STORY},
        optional={"url": st.just("https://example.org/a"), "date": st.just("2017-12-18")},
    ),
    max_size=5,
).map(lambda records: b"".join(json.dumps(record).encode() + b"\n" for record in records))


def _warc(pages: list[tuple[str, bytes]], compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for number, (content_type, body) in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        # a fixed id and date: the same draw must give the same bytes (hypothesis replays it)
        fixed = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>",
            "WARC-Date": "2017-12-18T00:00:00Z",
        }
        record = writer.create_warc_record(
            f"https://example.org/{number}",
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict=fixed,
        )
        writer.write_record(record)
    return buffer.getvalue()


_VALID_WARC = st.builds(
    _warc,
    st.lists(
        st.tuples(st.sampled_from(["text/html", "image/png", "text/plain"]), _VALID_HTML),
        max_size=3,
    ),
    st.booleans(),
)


@st.composite
def _mutated(draw: st.DrawFn, valid: st.SearchStrategy[bytes], duplicate: bool = True) -> bytes:
    """A valid input with up to three structural mutations: flips, cuts, insertions, repeats."""
    data = bytearray(draw(valid))
    ops = ["flip", "delete", "insert", "truncate"] + (["repeat"] if duplicate else [])
    for op in draw(st.lists(st.sampled_from(ops), max_size=3)):  # none: the valid input
        at = draw(st.integers(0, len(data)))
        end = draw(st.integers(at, min(len(data), at + 64)))
        if op == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif op == "delete":
            del data[at:end]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16) | st.sampled_from(_SPECIAL))
        elif op == "truncate":
            del data[at:]
        elif op == "repeat":
            data[at:at] = data[at:end]
    return bytes(data)


# Bytes that matter to some reader: line ends, JSON and markup, gzip and WARC starts.
_SPECIAL = [b"\n", b"\r\n", b"{", b'"', b"<", b"\x00", b"\x1f\x8b", b"WARC/1.0\r\n", b"\xef\xbb"]


def _inputs(valid: st.SearchStrategy[bytes], duplicate: bool = True) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=600), _mutated(valid, duplicate))


def _check_items(items: list[RawDocument | Rejection]) -> None:
    """What every reader promises, whatever its input."""
    for item in items:
        assert isinstance(item, (RawDocument, Rejection))
        if isinstance(item, Rejection):
            assert item.stage == "read" and item.code in CODES
            assert len(item.detail) <= MAX_DETAIL
        else:
            assert item.content is not None and item.kind in ("text", "html")
    sources = [item.source for item in items]
    assert len(sources) == len(set(sources)), "a document was read twice"


def _check_clean(raw: RawDocument) -> None:
    try:
        document = clean(raw, Options(max_bytes=MAX_BYTES))
    except RejectedError as error:
        assert error.code in CODES and error.stage == "clean"
    else:
        assert isinstance(document, Document) and document.text.strip()


def _read(path: Path, data: bytes, **options) -> list[RawDocument | Rejection]:
    path.write_bytes(data)
    return list(read_inputs([str(path)], max_bytes=MAX_BYTES, **options))


def _single_document(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    (item,) = _read(tmp_path / name, data)
    _check_items([item])
    if isinstance(item, Rejection):
        assert item.code == "too_large" and len(data) > MAX_BYTES
        return
    assert (item.content, item.kind) == (data, kind)  # read whole, never decoded
    _check_clean(item)


@FUZZ
@given(data=_inputs(_VALID_TEXT))
def test_fuzz_text_file(tmp_path: Path, data: bytes) -> None:
    _single_document(tmp_path, "story.txt", data, "text")


@FUZZ
@given(data=_inputs(_VALID_HTML))
def test_fuzz_html_file(tmp_path: Path, data: bytes) -> None:
    _single_document(tmp_path, "page.html", data, "html")


@FUZZ
@given(data=_inputs(_VALID_JSONL))
def test_fuzz_jsonl_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "batch.jsonl"
    items = _read(path, data)
    _check_items(items)
    # one item at most per line, in line order
    numbers = [int(item.source.rsplit(":", 1)[1]) for item in items]
    assert all(item.source == f"{path}:{n}" for item, n in zip(items, numbers, strict=True))
    assert numbers == sorted(set(numbers))
    assert not numbers or numbers[-1] <= data.count(b"\n") + 1


def _outline(items: list[RawDocument | Rejection], source: str) -> list[str]:
    """Each item's id or code and detail, its source written as stdin's "-"."""
    return [
        (f"{item.code}: {item.detail}" if isinstance(item, Rejection) else item.id).replace(
            source, "-"
        )
        for item in items
    ]


@FUZZ
@given(data=_inputs(_VALID_WARC, duplicate=False))
def test_fuzz_warc_file_and_stream(tmp_path: Path, data: bytes) -> None:
    # no repeats: a repeated record is a second record with the same WARC-Record-ID
    path = tmp_path / "crawl.warc.gz"
    by_path = _read(path, data)
    stdin = io.BytesIO(data)
    by_stdin = list(read_inputs(["-"], "warc", stdin=stdin, max_bytes=MAX_BYTES))
    for items in (by_path, by_stdin):
        _check_items(items)
        # a broken record ends the file: only the last item may say so
        assert all(item.code == "too_large" for item in items[:-1] if isinstance(item, Rejection))
        assert all(isinstance(item, Rejection) or item.kind == "html" for item in items)
    assert _outline(by_stdin, "-") == _outline(by_path, str(path))  # a path and stdin alike
