"""Fuzz every GET endpoint of the JSON API from the server's own OpenAPI schema.

A real ``herald serve`` process over the sample articles publishes ``/openapi.json``; for each
GET path under ``/api`` in it, hypothesis draws values for the declared query and path
parameters from their declared types (valid values, values from the data, boundaries just
inside and outside each range) mixed with hostile ones (huge and negative numbers, empty and
long strings, unicode, NUL, SQL and HTML payloads, malformed cursors, impossible dates).

Only what docs/security.md promises is checked: every answer is 200, 400, 404, 413 or 422,
never 500; an error answer has the one error body (``herald.api.errors.ErrorBody``) and a
422 names a declared parameter in ``field``; the server still answers ``/api/stats``.

Deterministic under ``make test`` (tests/conftest.py loads a derandomized profile) and small:
``EXAMPLES`` requests per endpoint against one shared server.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herald.api.app import create_app
from herald.api.errors import ERROR_CODES
from herald.cli.demo import samples_dir
from herald.events.plover import PLOVER_TYPES, plover_types
from herald.read.inputs import read_inputs
from herald.store.filters import MODALITIES, quads
from tests.api.server import build_database, running_server

pytestmark = pytest.mark.slow

DEMO_DATE = dt.date(2017, 12, 18)
ERROR_KEYS = {"status", "code", "message", "field"}
DOCUMENTED_STATUSES = {200, 400, 404, 413, 422}
EXAMPLES = 30
INT64_MAX = 2**63 - 1

# The GET paths under /api, from the application's schema built in this process (no
# database is opened): the test ids. Each test then checks the path is in the schema the
# running server serves, and takes its parameters from there.
_LOCAL_SCHEMA = create_app(Path("unused.duckdb")).openapi()
GET_PATHS = sorted(
    path
    for path, operations in _LOCAL_SCHEMA["paths"].items()
    if path.startswith("/api") and "get" in operations
)

# Known 500s, found by this fuzzing and not fixed yet: path -> reason. An entry makes that
# path's fuzz test a strict xfail, so the suite stays green while the bug stays visible, and
# the entry must go once the bug is fixed.
KNOWN_500: dict[str, str] = {}

# What a 200 of /api/download is: the filtered view as a file.
FILE_TYPES = ("text/csv", "application/vnd.apache.parquet")


# ---------------------------------------------------------------------------- hostile values


SQL_AND_HTML = [
    "'",
    '"',
    "' OR 1=1 --",
    "x'); DROP TABLE events; --",
    "%' OR '%'='",
    "%",
    "_",
    "\\",
    "\\'",
    ";",
    "*",
    "NULL",
    "null",
    "undefined",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "${jndi:ldap://x/a}",
    "{{7*7}}",
    "../../etc/passwd",
    "%00",
    "%2F",
    "\x00",
    "a\x00b",
    "\r\nX-Injected: 1",
    "\t",
    " ",
    ",",
    ",,,",
    "\u202e\u0645\u0631\u062d\u0628\u0627",
    "\ufeff",
    "\U0001f600",
    "\uff23\uff4f\uff4e\uff53\uff55\uff4c\uff54",  # fullwidth "Consult"
    "İ",
    "ß",
    "e\u0301",
]
NUMBER_WORDS = [
    "",
    "-1",
    "0",
    "-0",
    "1.5",
    "1e3",
    "1e309",
    "-1e309",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "0x10",
    "1_000",
    " 1",
    "\uff11",  # fullwidth 1
    "true",
    str(2**63),
    str(2**64),
    str(-(2**63) - 1),
    "9" * 500,
    "9" * 5000,
]
DATE_WORDS = [
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-0001-01-01",
    "2017-02-30",
    "2017-13-01",
    "2017-1-1",
    "20171218",
    "2017-12-18T00:00:00",
    "2017-12-18T25:00:00",
    "1513555200",
    "-1",
    "99999999999999999999",
    "yesterday",
    "",
]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor(key: Any, event_id: Any = "e") -> str:
    return _b64(json.dumps([key, event_id]).encode())


MALFORMED_CURSORS = [
    "",
    "=",
    "not-a-cursor",
    "!!!!",
    "e30",  # {}
    _b64(b"[]"),
    _b64(b"[1]"),
    _b64(b"[1,2,3]"),
    _b64(b"null"),
    _b64(b'"just a string"'),
    _b64(b"\xff\xfe\x00"),
    _b64(b'[NaN, "e"]'),
    _b64(b'[Infinity, "e"]'),
    _b64(b'[-Infinity, "e"]'),
    _b64(b'[1e999, "e"]'),
    _cursor("0000-00-00"),
    _cursor("9999-12-31"),
    _cursor("0001-01-01"),
    _cursor("2017-02-30"),
    _cursor("-1"),
    _cursor(10**400),
    _cursor(-(10**400)),
    _cursor(2**63),
    _cursor(-1.5e308),
    _cursor(""),
    _cursor("x'); DROP TABLE events; --"),
    _cursor("\x00"),
    _cursor(None),
    _cursor(True),
    _cursor([1]),
    _cursor({"a": 1}),
    _cursor("CONSULT", None),
    _cursor("CONSULT", 5),
    _cursor("CONSULT", ["e"]),
    _cursor(0.5, "\x00"),
    # deeply nested JSON once exhausted the decoder's recursion: a 500 (now refused)
    _b64(b"[" * 700),
    _b64(b"[" * 988),
    _b64(b"[" * 3000),
    _b64(b"[" * 3000 + b"]" * 3000),
]

# Cursors whose answer is a known 500, found by this fuzzing and not fixed yet: cursor ->
# reason (each a strict xfail). Empty: the deeply nested cursors it found are now a 422.
KNOWN_500_CURSORS: dict[str, str] = {}

free_text = st.text(max_size=40)
long_text = st.builds(
    lambda char, n: char * n, st.sampled_from(["a", "%", "é", "'"]), st.integers(1000, 3000)
)
hostile_text = st.one_of(st.sampled_from(SQL_AND_HTML), free_text, long_text)


def _comma_joined(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), min_size=1, max_size=4).map(",".join)


def _choices_in(description: str) -> list[str]:
    """The values a description lists as "one of a, b, c"."""
    found = re.search(r"one of (.+)$", description or "")
    return [word.strip() for word in found.group(1).split(",")] if found else []


def _modes() -> list[str]:
    return sorted({mode for info in plover_types().values() for mode in info.modes})


# ---------------------------------------------------------------------------- strategies


def _integer(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    low, high = schema.get("minimum"), schema.get("maximum")
    edges = [0, -1, 1, INT64_MAX, INT64_MAX + 1, -(2**63) - 1, 2**64, 10**30, -(10**30)]
    for bound in (low, high):
        if bound is not None:
            edges += [bound - 1, bound, bound + 1]
    inside = st.integers(
        min_value=low if low is not None else -(2**70),
        max_value=high if high is not None else 2**70,
    )
    return st.one_of(
        inside.map(str),
        st.sampled_from(edges).map(str),
        st.integers().map(str),
        st.sampled_from(NUMBER_WORDS),
        hostile_text,
    )


def _number(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    low, high = schema.get("minimum"), schema.get("maximum")
    edges = [
        v for bound in (low, high) if bound is not None for v in (bound, bound - 1e-9, bound + 1e-9)
    ]
    inside = st.floats(
        min_value=low if low is not None else -1e6,
        max_value=high if high is not None else 1e6,
    )
    return st.one_of(
        inside.map(repr),
        st.sampled_from(edges or [0.0]).map(repr),
        st.floats().map(repr),
        st.sampled_from(NUMBER_WORDS),
        hostile_text,
    )


def _date() -> st.SearchStrategy[str]:
    return st.one_of(
        st.dates().map(dt.date.isoformat),
        st.dates(dt.date(2015, 1, 1), dt.date(2019, 12, 31)).map(dt.date.isoformat),
        st.sampled_from(DATE_WORDS),
        hostile_text,
    )


def _string(
    name: str, schema: dict[str, Any], known: dict[str, list[str]]
) -> st.SearchStrategy[str]:
    options: list[st.SearchStrategy[str]] = [hostile_text]
    choices = schema.get("enum") or _choices_in(schema.get("description", ""))
    if choices:
        options += [st.sampled_from(choices), st.sampled_from(choices).map(str.upper)]
    if known.get(name):
        words = known[name]
        options += [st.sampled_from(words), _comma_joined(words)]
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low is not None or high is not None:
        size = st.integers(min_value=max((low or 0) - 1, 0), max_value=(high or 10) + 1)
        options.append(size.flatmap(lambda n: st.text(min_size=n, max_size=n)))
    if name == "cursor":
        options.append(st.sampled_from(MALFORMED_CURSORS + known.get("cursor", [])))
        if not KNOWN_500_CURSORS:  # the deep cursors join the pool once they are fixed
            options.append(st.sampled_from([_b64(b"[" * 988), _b64(b"[" * 3000)]))
    return st.one_of(options)


def _plain(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of a value without its null alternative (``X | None``)."""
    for alternative in schema.get("anyOf", []):
        if alternative.get("type") != "null":
            return {**schema, **alternative}
    return schema


def value_strategy(
    parameter: dict[str, Any], known: dict[str, list[str]]
) -> st.SearchStrategy[str]:
    name, schema = parameter["name"], _plain(parameter.get("schema", {}))
    kind = schema.get("type")
    if kind == "integer":
        return _integer(schema)
    if kind == "number":
        return _number(schema)
    if kind == "string" and schema.get("format") == "date":
        return _date()
    return _string(name, schema, known)


def path_value_strategy(name: str, known: dict[str, list[str]]) -> st.SearchStrategy[str]:
    # Empty, "." and ".." would change the path itself (a redirect or another route).
    hostile = hostile_text.filter(lambda text: text.strip() not in ("", ".", ".."))
    return st.one_of(st.sampled_from(known.get(name) or ["x"]), hostile)


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api-fuzz") / "samples.duckdb"
    items = read_inputs([str(samples_dir())], "auto", max_bytes=5_000_000)
    assert build_database(items, path, DEMO_DATE) > 10
    return path


@pytest.fixture(scope="session")
def fuzz_server(fuzz_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("api-fuzz-log") / "serve.log"
    with running_server(fuzz_db, log=log) as base:
        yield base


@pytest.fixture(scope="session")
def served_schema(fuzz_server: str) -> dict[str, Any]:
    response = httpx.get(f"{fuzz_server}/openapi.json", timeout=30)
    assert response.status_code == 200
    return response.json()


@pytest.fixture(scope="session")
def known_values(fuzz_server: str) -> dict[str, list[str]]:
    """Values from the data and the vocabularies, so that some draws match something."""
    page = httpx.get(f"{fuzz_server}/api/events", params={"limit": 500}, timeout=30).json()
    items = page["items"]
    cursors = []
    for sort in ("-date", "date", "confidence", "-confidence", "type", "-type"):
        first = httpx.get(
            f"{fuzz_server}/api/events", params={"sort": sort, "limit": 2}, timeout=30
        ).json()
        if first["next_cursor"]:
            cursors.append(first["next_cursor"])
    countries = sorted(
        {c for item in items for c in (item["actor_countries"] or "").split("; ") if c}
    )
    names = sorted({n for item in items for n in (item["actor_names"] or "").split("; ") if n})
    actors = httpx.get(f"{fuzz_server}/api/actors", params={"limit": 20}, timeout=30).json()
    identities = [actor["identity_id"] for actor in actors["items"]]
    return {
        "event_id": [item["event_id"] for item in items[:20]],
        "doc_id": sorted({item["doc_id"] for item in items})[:20],
        "story_id": sorted({item["story_id"] for item in items if item["story_id"]})[:20],
        "type": list(PLOVER_TYPES),
        "quad": list(quads()),
        "mode": _modes(),
        "modality": list(MODALITIES),
        "sector": ["GOV", "MIL", "REB", "BUS", "CVL"],
        "country": countries[:20],
        "actor": countries[:10] + names[:10],
        "recipient": countries[:10] + names[:10],
        "participant": countries[:10] + names[:10],
        "place": countries[:10],
        "q": ["meet", "said", "talks"],
        "cursor": cursors,
        "identity": identities,
        "actor_identity": identities,
        "recipient_identity": identities,
    }


# ---------------------------------------------------------------------------- the test


def _params_for(path: str) -> list[pytest.ParameterSet]:
    marks = []
    if path in KNOWN_500:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_500[path]))
    return [pytest.param(path, id=path, marks=marks)]


def check_answer(response: httpx.Response, declared: set[str], request: str) -> None:
    status = response.status_code
    assert status in DOCUMENTED_STATUSES, f"{request} -> {status}: {response.text[:2000]}"
    if status == 200 and response.headers["content-type"].startswith(FILE_TYPES):
        assert "attachment" in response.headers["content-disposition"], request
        return  # a download: the file of the view, not JSON
    try:
        body = response.json()
    except ValueError as error:
        raise AssertionError(f"{request} -> {status} with a body that is not JSON") from error
    if status == 200:
        assert isinstance(body, dict), request
        return
    assert set(body) == ERROR_KEYS, f"{request} -> {body}"
    assert body["status"] == status, f"{request} -> {body}"
    assert body["code"] in ERROR_CODES, f"{request} -> {body}"
    assert isinstance(body["message"], str) and body["message"], f"{request} -> {body}"
    if status == 422:
        assert body["field"] in declared, f"{request} -> {body}"


@pytest.mark.parametrize("path", [p for path in GET_PATHS for p in _params_for(path)])
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_get_endpoint_answers_only_documented_statuses(
    fuzz_server: str,
    served_schema: dict[str, Any],
    known_values: dict[str, list[str]],
    path: str,
    data: st.DataObject,
) -> None:
    assert "get" in served_schema["paths"].get(path, {}), f"{path} not served"
    parameters = served_schema["paths"][path]["get"].get("parameters", [])
    declared = {parameter["name"] for parameter in parameters}
    url_path, query = path, {}
    for parameter in parameters:
        name = parameter["name"]
        if parameter["in"] == "path":
            value = data.draw(path_value_strategy(name, known_values), label=name)
            url_path = url_path.replace("{" + name + "}", urllib.parse.quote(value, safe=""))
        elif parameter["in"] == "query" and data.draw(st.booleans(), label=f"send {name}"):
            query[name] = data.draw(value_strategy(parameter, known_values), label=name)
    request = f"GET {url_path} {query!r}"
    response = httpx.get(f"{fuzz_server}{url_path}", params=query, timeout=30)
    check_answer(response, declared, request)


def _cursor_params() -> list[pytest.ParameterSet]:
    cases = [pytest.param(cursor, id=f"cursor{i}") for i, cursor in enumerate(MALFORMED_CURSORS)]
    for i, (cursor, reason) in enumerate(KNOWN_500_CURSORS.items()):
        mark = pytest.mark.xfail(strict=True, reason=reason)
        cases.append(pytest.param(cursor, id=f"deeply-nested{i}", marks=mark))
    return cases


@pytest.mark.parametrize("cursor", _cursor_params())
def test_a_malformed_cursor_is_a_422_on_cursor(fuzz_server: str, cursor: str) -> None:
    """Every hand-made cursor, whatever its sort, is a 422 naming `cursor` (or, for one
    that happens to be well formed, a 200), never a 500."""
    for sort in ("-date", "confidence", "type"):
        request = f"GET /api/events sort={sort} cursor={cursor[:60]}"
        response = httpx.get(
            f"{fuzz_server}/api/events", params={"sort": sort, "cursor": cursor}, timeout=30
        )
        check_answer(response, {"cursor"}, request)
        assert response.status_code in (200, 422), request


def test_the_schema_lists_every_get_endpoint_and_the_server_survives(
    fuzz_server: str, served_schema: dict[str, Any]
) -> None:
    served = sorted(
        path
        for path, operations in served_schema["paths"].items()
        if path.startswith("/api") and "get" in operations
    )
    assert served == GET_PATHS
    stats = httpx.get(f"{fuzz_server}/api/stats", timeout=30)
    assert stats.status_code == 200
    assert stats.json()["counts"]["events"] > 10
