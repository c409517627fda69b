"""herald serve: the JSON API, tested against a real server process on a loopback port.

Two databases: one built from the sample articles that ship with herald (always there) and
one from 20 news_cluster articles plus the demo article in ../shared/data (skipped where
that folder is absent). Both are built by running herald's own pipeline.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import itertools
import json
import shutil
import time
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest

from herald.actors.identity import is_named
from herald.api import queries
from herald.api.app import create_app
from herald.bench.corpus import read_news_cluster
from herald.cli.demo import samples_dir
from herald.events.plover import PLOVER_TYPES, plover_types
from herald.read.inputs import read_inputs
from herald.records import RawDocument
from herald.store.filters import EventFilters
from tests.api.server import build_database, running_server

pytestmark = pytest.mark.slow
DEMO_DATE = dt.date(2017, 12, 18)
ERROR_KEYS = {"status", "code", "message", "field"}


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "samples.duckdb"
    items = read_inputs([str(samples_dir())], "auto", max_bytes=5_000_000)
    assert build_database(items, path, DEMO_DATE) > 10
    return path


@pytest.fixture(scope="session")
def server(samples_db: Path) -> str:
    with running_server(samples_db, "--allow-extract") as base:
        yield base


@pytest.fixture(scope="session")
def shared_db(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = shared_data / "news_cluster" / "data"
    if not folder.is_dir():
        pytest.skip(f"news_cluster articles not found at {folder}")
    path = tmp_path_factory.mktemp("api") / "news.duckdb"
    demo = list(read_inputs([str(shared_data / "demo")], "auto", max_bytes=5_000_000))
    assert build_database([*read_news_cluster(folder)[:20], *demo], path, DEMO_DATE) > 50
    return path


@pytest.fixture(scope="session")
def news_server(shared_db: Path) -> str:
    with running_server(shared_db) as base:
        yield base


def get(base: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(f"{base}{path}", params=params, timeout=30)


def ok(base: str, path: str, **params: Any) -> dict[str, Any]:
    response = get(base, path, **params)
    assert response.status_code == 200, response.text
    return response.json()


def all_events(base: str, **params: Any) -> list[dict[str, Any]]:
    """Every event for the filters, following the cursors page by page."""
    items, cursor = [], None
    for _ in range(1000):
        page = ok(base, "/api/events", **params, **({"cursor": cursor} if cursor else {}))
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the cursors never ended")


# ---------------------------------------------------------------------------- events


@pytest.mark.parametrize("sort", ["-date", "date", "confidence", "-confidence", "type"])
def test_cursor_pages_return_every_event_once_in_sort_order(server: str, sort: str):
    total = ok(server, "/api/events", limit=500)["total"]
    items = all_events(server, limit=4, sort=sort)
    ids = [item["event_id"] for item in items]
    assert len(ids) == total == len(set(ids))
    keys = [sort_key(item, sort.lstrip("-")) for item in items]
    known = [key for key in keys if key is not None]
    assert known == sorted(known, reverse=sort.startswith("-"))
    # Unknown keys (undated events) come last in both directions.
    assert [key is not None for key in keys] == sorted(
        (key is not None for key in keys), reverse=True
    )


def sort_key(item: dict[str, Any], sort: str) -> Any:
    """What an order sorts by: a date sort takes the event's day, or its report's day for
    an event still to come when reported."""
    if sort != "date":
        return item[sort]
    days = [item[key] for key in ("event_date", "published_date") if item[key] is not None]
    return min(days) if item["event_date"] is not None else None


def test_newest_first_does_not_put_far_future_plans_on_top(tmp_path: Path):
    texts = {
        "plan": ("Kenya will host Uganda's president for talks in Nairobi in 2031.", "2017-12-18"),
        "fact": ("Kenya and Uganda signed a trade agreement in Nairobi on Monday.", "2018-03-07"),
    }
    items = [
        RawDocument(source="t", id=key, content=text, kind="text", published=day)
        for key, (text, day) in texts.items()
    ]
    db = tmp_path / "plans.duckdb"
    build_database(items, db)
    with duckdb.connect(str(db), read_only=True) as con:
        newest = queries.list_events(con, EventFilters(), "-date")["items"]
    planned = [e for e in newest if e["event_date"] and e["event_date"] > e["published_date"]]
    assert planned and planned[0]["event_date"].year == 2031
    assert newest[0]["published_date"].isoformat() == "2018-03-07"  # the 2018 news first
    assert [sort_key(e, "date") for e in newest] == sorted(
        (sort_key(e, "date") for e in newest), reverse=True
    )


def test_each_filter_keeps_only_matching_events(server: str):
    everything = all_events(server, limit=500)
    some_type = everything[0]["type"]
    typed = all_events(server, type=some_type.lower())
    assert typed and all(item["type"] == some_type for item in typed)
    assert len(typed) == sum(item["type"] == some_type for item in everything)

    quad = plover_types()[some_type].quad
    assert all(item["quad"] == quad for item in all_events(server, quad=quad))

    with_country = next(item for item in everything if item["actor_countries"])
    country = with_country["actor_countries"].split("; ")[0]
    by_country = all_events(server, actor=country)
    assert with_country["event_id"] in {item["event_id"] for item in by_country}

    word = with_country["evidence"].split()[-1].strip(".,").lower()
    assert all(word in item["evidence"].lower() for item in all_events(server, q=word))

    dated = sorted(item["event_date"] for item in everything if item["event_date"])
    since, until = dated[len(dated) // 3], dated[2 * len(dated) // 3]
    window = all_events(server, since=since, until=until)
    assert window and all(since <= item["event_date"] <= until for item in window)

    sure = all_events(server, min_confidence=0.8)
    assert all(item["confidence"] >= 0.8 for item in sure)
    assert len(sure) == sum(item["confidence"] >= 0.8 for item in everything)


def test_filter_values_are_data_never_sql(server: str):
    page = ok(server, "/api/events", actor="x'); DROP TABLE events; --", q="%' OR 1=1 --")
    assert page["total"] == 0
    assert ok(server, "/api/stats")["counts"]["events"] > 0


def test_event_detail_has_document_evidence_marks_and_quotes(server: str):
    for item in all_events(server, limit=100):
        event = ok(server, f"/api/events/{item['event_id']}")
        text = event["document"]["text"]
        evidence = event["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["sentence"]
        trigger = event["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        for mark in event["marks"]:
            assert mark["kind"] in {"trigger", "actor", "recipient", "date", "place"}
            assert 0 <= mark["start"] < mark["end"] <= len(text)
            if mark["kind"] != "trigger":
                assert evidence["start"] <= mark["start"] and mark["end"] <= evidence["end"]
        for quote in event["quotes"]:
            assert quote["text"] in text
        same = event["same_story"]
        assert all(other["story_id"] == event["story_id"] for other in same["items"])
        assert same["items"] or same["note"]
        assert event["event_id"] not in {other["event_id"] for other in same["items"]}


def test_some_event_marks_its_actor_inside_the_sentence(server: str):
    kinds = set()
    for item in all_events(server, limit=100):
        kinds |= {mark["kind"] for mark in ok(server, f"/api/events/{item['event_id']}")["marks"]}
    assert {"trigger", "actor", "recipient"} <= kinds


def test_a_document_lists_the_other_reports_of_its_news_story(server: str):
    doc_ids = sorted({item["doc_id"] for item in all_events(server, limit=500)})
    listed = 0
    for doc_id in doc_ids:
        doc = ok(server, f"/api/documents/{doc_id}")
        assert doc["coverage_id"] is not None, doc_id  # the demo store is linked
        for other in doc["coverage"]:
            assert other["doc_id"] != doc_id
            assert (
                ok(server, f"/api/documents/{other['doc_id']}")["coverage_id"] == doc["coverage_id"]
            )
            listed += 1
    assert listed  # the samples hold second reports


def test_document_offsets_point_at_their_text(server: str):
    doc_ids = {item["doc_id"] for item in all_events(server, limit=500)}
    for doc_id in doc_ids:
        doc = ok(server, f"/api/documents/{doc_id}")
        text = doc["text"]
        assert doc["events"], doc_id
        for event in doc["events"]:
            assert text[event["trigger_start"] : event["trigger_end"]] == event["trigger"]
        for actor in doc["actors"]:
            for mention in actor["mentions"]:
                assert text[mention["start"] : mention["end"]] == mention["text"]
        for span in [*doc["quotes"], *doc["places"]]:
            assert text[span["start"] : span["end"]] == span["text"]
        for timex in doc["timexes"]:
            if timex["start"] is not None:
                assert text[timex["start"] : timex["end"]] == timex["text"]


def test_stories_are_an_empty_list_with_a_note_until_a_stories_table_exists(
    samples_db: Path, tmp_path: Path
):
    bare = tmp_path / "no-stories.duckdb"
    shutil.copy(samples_db, bare)
    with duckdb.connect(str(bare)) as con:
        con.execute("DROP TABLE IF EXISTS stories")
        some_event = con.execute("SELECT event_id FROM events LIMIT 1").fetchone()[0]
    with running_server(bare) as base:
        stories = ok(base, "/api/stories")
        assert stories == {"items": [], "total": 0, "note": stories["note"]}
        assert "stories" in stories["note"]
        assert ok(base, "/api/stats")["stories"] is False
        same = ok(base, f"/api/events/{some_event}")["same_story"]
        assert same == {"items": [], "note": stories["note"]}


def test_stories_come_from_the_stories_table_when_it_exists(samples_db: Path, tmp_path: Path):
    db = tmp_path / "stories.duckdb"
    shutil.copy(samples_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("DROP TABLE IF EXISTS stories")
        con.execute("CREATE TABLE stories (story_id VARCHAR, events INTEGER)")
        first, second = (
            row[0]
            for row in con.execute(
                "SELECT min(event_id) FROM events GROUP BY doc_id ORDER BY 1 LIMIT 2"
            ).fetchall()
        )
        con.execute("UPDATE events SET story_id = 's1' WHERE event_id IN (?, ?)", [first, second])
        con.execute("INSERT INTO stories VALUES ('s1', 2), ('s2', 5)")
    with running_server(db) as base:
        stories = ok(base, "/api/stories")
        assert [s["story_id"] for s in stories["items"]] == ["s2", "s1"]
        assert stories["total"] == 2 and stories["note"] is None
        same = ok(base, f"/api/events/{first}")["same_story"]
        assert [item["event_id"] for item in same["items"]] == [second]


# ---------------------------------------------------------------------------- aggregates


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_timeline_counts_add_up_to_the_events(server: str, interval: str):
    total = ok(server, "/api/events")["total"]
    for by in ("quad", "type"):
        timeline = ok(server, "/api/timeline", interval=interval, by=by)
        counted = sum(bucket["total"] for bucket in timeline["buckets"])
        assert counted + timeline["undated"] == total
        for bucket in timeline["buckets"]:
            assert sum(bucket["counts"].values()) == bucket["total"]
            day = dt.date.fromisoformat(bucket["period"])
            assert interval != "week" or day.weekday() == 0
            assert interval != "month" or day.day == 1
        periods = [bucket["period"] for bucket in timeline["buckets"]]
        assert periods == sorted(set(periods))
        if timeline["gaps_filled"] and interval != "month":  # every period, none skipped
            days = [dt.date.fromisoformat(period) for period in periods]
            step = {"day": 1, "week": 7}[interval]
            assert all((b - a).days == step for a, b in itertools.pairwise(days))
        allowed = set(PLOVER_TYPES) if by == "type" else {t.quad for t in plover_types().values()}
        assert set(timeline["series"]) <= allowed


def test_timeline_follows_the_event_filters(server: str):
    some_type = ok(server, "/api/events")["items"][0]["type"]
    timeline = ok(server, "/api/timeline", type=some_type, by="type")
    assert set(timeline["series"]) == {some_type}
    assert (
        sum(b["total"] for b in timeline["buckets"]) + timeline["undated"]
        == ok(server, "/api/events", type=some_type)["total"]
    )


def test_network_pairs_are_counted_by_quad_and_match_the_events(server: str):
    network = ok(server, "/api/network")
    assert network["edges"]
    nodes = {node["id"]: node for node in network["nodes"]}
    for edge in network["edges"]:
        assert sum(edge["by_quad"].values()) == edge["count"]
        assert edge["cooperation"] + edge["conflict"] == edge["count"]
        assert {edge["source"], edge["target"]} <= set(nodes)
        assert edge["source_name"] == nodes[edge["source"]]["name"]
        # An edge's filter lists exactly its events.
        assert ok(server, "/api/events", **edge["filter"])["total"] == edge["count"]
    fewer = ok(server, "/api/network", min_count=2)
    assert all(edge["count"] >= 2 for edge in fewer["edges"])


def test_actors_have_counts_titles_and_months(server: str):
    actors = ok(server, "/api/actors", limit=500)
    assert actors["total"] == len(actors["items"])
    counts = [actor["events"] for actor in actors["items"]]
    assert counts == sorted(counts, reverse=True)
    for actor in actors["items"]:
        assert actor["as_actor"] + actor["as_recipient"] >= actor["events"] >= 1
        for month in actor["months"]:
            assert month["as_actor"] + month["as_recipient"] >= 1
    assert any(actor["roles"] for actor in actors["items"])
    country = next(a["country"] for a in actors["items"] if a["country"])
    assert all(a["country"] == country for a in ok(server, "/api/actors", country=country)["items"])


def test_places_and_stats_agree_with_the_events(server: str):
    stats = ok(server, "/api/stats")
    total = ok(server, "/api/events")["total"]
    assert stats["counts"]["events"] == total == sum(stats["events_by_type"].values())
    assert sum(stats["events_by_quad"].values()) == total
    assert stats["writable"] is False
    places = ok(server, "/api/places")
    placed = sum(country["events"] for country in places["countries"])
    assert 0 < placed <= total
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places["points"])


# ---------------------------------------------------------------------------- errors


BAD_REQUESTS = [
    ("GET", "/api/events", {"limit": 0}, 422, "limit"),
    ("GET", "/api/events", {"limit": "many"}, 422, "limit"),
    ("GET", "/api/events", {"type": "PARTY"}, 422, "type"),
    ("GET", "/api/events", {"modality": "maybe"}, 422, "modality"),
    ("GET", "/api/events", {"since": "yesterday"}, 422, "since"),
    ("GET", "/api/events", {"since": "2020-02-02", "until": "2020-01-01"}, 422, "until"),
    ("GET", "/api/events", {"min_confidence": 2}, 422, "min_confidence"),
    ("GET", "/api/events", {"sort": "random"}, 422, "sort"),
    ("GET", "/api/events", {"cursor": "not-a-cursor"}, 422, "cursor"),
    ("GET", "/api/events/no-such-event", {}, 404, None),
    ("GET", "/api/documents/no-such-doc", {}, 404, None),
    ("GET", "/api/stories", {"offset": -1}, 422, "offset"),
    ("GET", "/api/stories", {"offset": 2**63}, 422, "offset"),
    ("GET", "/api/actors", {"offset": 2**63}, 422, "offset"),
    ("GET", "/api/actors", {"offset": 10**30}, 422, "offset"),
    ("GET", "/api/actors", {"country": "CANADA"}, 422, "country"),
    ("GET", "/api/timeline", {"interval": "year"}, 422, "interval"),
    ("GET", "/api/timeline", {"by": "colour"}, 422, "by"),
    ("GET", "/api/network", {"min_count": 0}, 422, "min_count"),
    ("GET", "/api/places", {"quad": "hostile"}, 422, "quad"),
    ("GET", "/api/stats", {"x": 1}, 200, None),
    ("GET", "/api/nothing-here", {}, 404, None),
    ("POST", "/api/events", {}, 405, None),
    ("POST", "/api/extract", {"json": {}}, 422, "text"),
    ("POST", "/api/extract", {"json": {"text": "a", "html": "<p>a</p>"}}, 422, "text"),
    ("POST", "/api/extract", {"json": {"text": "   "}}, 422, "text"),
    ("POST", "/api/extract", {"json": {"text": "x", "date": "soon"}}, 422, "date"),
    ("POST", "/api/extract", {"content": b"{not json"}, 422, None),
]


@pytest.mark.parametrize(("method", "path", "args", "status", "field"), BAD_REQUESTS)
def test_every_failure_has_the_one_error_shape(server, method, path, args, status, field):
    if method == "GET":
        response = httpx.get(f"{server}{path}", params=args, timeout=30)
    else:
        response = httpx.post(f"{server}{path}", timeout=30, **args)
    assert response.status_code == status, response.text
    if status == 200:
        return
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["status"] == status and body["code"] and body["message"]
    if field is not None:
        assert body["field"] == field
        assert field in body["message"]


def cursor_of(key: Any, event_id: Any = "e") -> str:
    raw = json.dumps([key, event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("-date", "not a date"),
        ("-date", 5),
        ("date", 1.5),
        ("-date", True),
        ("confidence", "high"),
        pytest.param("-confidence", 10**400, id="confidence-huge-int"),
        ("-confidence", False),
        ("type", 3),
        ("type", None),
    ],
)
def test_a_cursor_with_a_key_of_the_wrong_type_is_a_422(server: str, sort: str, key: Any):
    response = get(server, "/api/events", sort=sort, cursor=cursor_of(key))
    assert response.status_code == 422, response.text
    body = response.json()
    assert set(body) == ERROR_KEYS and body["field"] == "cursor"


def test_a_cursor_from_the_server_still_pages(server: str):
    for sort in ("-date", "date", "confidence", "type"):
        first = ok(server, "/api/events", sort=sort, limit=1)
        assert first["next_cursor"]
        second = ok(server, "/api/events", sort=sort, limit=1, cursor=first["next_cursor"])
        assert second["items"][0]["event_id"] != first["items"][0]["event_id"]


def test_an_article_over_the_parser_limit_is_a_422_not_a_500(samples_db: Path):
    from tests.cli.test_cli import long_text

    with running_server(samples_db, "--allow-extract", "--max-extract-bytes", "2000000") as base:
        response = post_article(base, text=long_text(1_000_100))
        assert response.status_code == 422, response.text
        body = response.json()
        assert set(body) == ERROR_KEYS and body["code"] == "rejected"
        assert "too_long" in body["message"] and "1000000" in body["message"]
        normal = post_article(base, text=(samples_dir() / "ottawa-visit.txt").read_text())
        assert normal.status_code == 200, normal.text


def test_a_crash_answers_500_in_the_same_shape(samples_db: Path):
    app = create_app(samples_db)

    def explode() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/api/explode", explode)

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        client = httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1")
        async with client, app.router.lifespan_context(app):
            return await client.get("/api/explode")

    import asyncio

    response = asyncio.run(call())
    assert response.status_code == 500
    body = response.json()
    assert set(body) == ERROR_KEYS and body["code"] == "internal"
    assert "boom" not in body["message"]  # internals stay in the server log


# ---------------------------------------------------------------------------- docs and UI files


def test_openapi_documents_every_endpoint_and_docs_are_local(server: str):
    spec = ok(server, "/openapi.json")
    expected = {
        "/api/events",
        "/api/events/{event_id}",
        "/api/stories",
        "/api/actors",
        "/api/documents/{doc_id}",
        "/api/timeline",
        "/api/network",
        "/api/places",
        "/api/stats",
        "/api/extract",
    }
    assert expected <= set(spec["paths"])
    assert "ErrorBody" in spec["components"]["schemas"]
    for page in ("/docs", "/", "/events", "/events/anything", "/timeline", "/try"):
        response = get(server, page)
        assert response.status_code == 200
        assert "text/html" in response.headers["content-type"]
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "http://" not in response.text and "https://" not in response.text
    world = ok(server, "/static/world.json")
    iso3 = {country["iso3"] for country in world["countries"]}
    assert len(iso3) > 170 and {"CAN", "USA", "CHN", "FRA", "BRA"} <= iso3


# ---------------------------------------------------------------------------- extract


def post_article(base: str, **body: Any) -> httpx.Response:
    return httpx.post(f"{base}/api/extract", json=body, timeout=120)


def test_extract_with_allow_extract_returns_the_cli_json_and_stores_nothing(server: str):
    before = ok(server, "/api/stats")["counts"]
    text = (samples_dir() / "ottawa-visit.txt").read_text(encoding="utf-8")
    response = post_article(server, text=text, date="2017-12-18")
    assert response.status_code == 200, response.text
    result = response.json()
    assert set(result) == {"doc", "actors", "events", "quotes", "timexes", "places"}
    assert result["events"] and all(e["type"] in PLOVER_TYPES for e in result["events"])
    assert response.headers["x-herald-stored"] == "false"
    assert ok(server, "/api/stats")["counts"] == before


def test_extract_stores_when_writable_and_refuses_big_articles(samples_db: Path, tmp_path: Path):
    db = tmp_path / "writable.duckdb"
    shutil.copy(samples_db, db)
    text = "Kenya and Uganda signed a trade agreement in Nairobi on Monday, officials said."
    log = tmp_path / "serve.log"
    with running_server(db, "--writable", "--max-extract-bytes", "5000", log=log) as base:
        before = ok(base, "/api/stats")
        assert before["writable"] is True
        first = post_article(base, text=text, date="2024-03-04")
        assert first.status_code == 200, first.text
        assert first.headers["x-herald-stored"] == "true"
        doc_id = first.json()["doc"]["doc_id"]
        assert ok(base, f"/api/documents/{doc_id}")["text"] == first.json()["doc"]["text"]
        after = ok(base, "/api/stats")["counts"]
        assert after["documents"] == before["counts"]["documents"] + 1
        assert after["events"] == before["counts"]["events"] + len(first.json()["events"])
        # Stored through the same ingest path as `herald extract --db`: linked into stories.
        stored = all_events(base, doc_id=doc_id)
        assert stored and all(event["story_id"] for event in stored)
        again = post_article(base, text=text, date="2024-03-04")
        assert again.headers["x-herald-stored"] == "false"  # same text, same doc_id
        too_big = post_article(base, text="word " * 2000)
        assert too_big.status_code == 413
        assert set(too_big.json()) == ERROR_KEYS and too_big.json()["code"] == "too_large"
    assert "warning" not in log.read_text()  # a writable server on loopback is no risk


def test_a_read_only_server_refuses_to_extract(samples_db: Path):
    with running_server(samples_db) as base:
        assert ok(base, "/api/stats")["writable"] is False
        response = post_article(base, text="Kenya and Uganda signed a trade agreement.")
        assert response.status_code == 403, response.text
        body = response.json()
        assert set(body) == ERROR_KEYS and body["code"] == "read_only"
        assert "--allow-extract" in body["message"] and "--writable" in body["message"]


def test_a_full_extraction_queue_answers_503_with_retry_after(samples_db: Path):
    """Queue size 0: while one extraction runs (held here by a fake model), the next is a 503."""
    import asyncio
    import threading

    from herald.records import RawDocument, Rejected, Rejection

    app = create_app(samples_db, allow_extract=True, extract_queue=0)
    entered, release = threading.Event(), threading.Event()

    def held_extract(content: str, *_args: Any) -> tuple[Rejected, bool]:
        entered.set()
        assert release.wait(30)
        raw = RawDocument(source="api", id="api", content=content, kind="text")
        return Rejected(raw, Rejection("api", "api", "parse", "empty", "held")), False

    async def scenario() -> tuple[httpx.Response, httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        client = httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1")
        async with client, app.router.lifespan_context(app):
            app.state.db.extract = held_extract
            first = asyncio.create_task(client.post("/api/extract", json={"text": "one"}))
            assert await asyncio.to_thread(entered.wait, 30)
            second = await client.post("/api/extract", json={"text": "two"})
            release.set()
            done = await first
            third = await client.post("/api/extract", json={"text": "three"})
            return done, second, third

    first, second, third = asyncio.run(scenario())
    assert first.status_code == 422 and first.json()["code"] == "rejected"  # it ran
    assert second.status_code == 503, second.text
    assert set(second.json()) == ERROR_KEYS and second.json()["code"] == "busy"
    assert int(second.headers["retry-after"]) > 0
    assert third.status_code == 422  # the queue frees up once the first is done


def test_extract_queue_admits_one_running_and_n_waiting():
    import asyncio

    from herald.api.app import ExtractQueue
    from herald.api.errors import ApiError

    async def scenario() -> list[str]:
        queue, seen, gate = ExtractQueue(waiting=1), [], asyncio.Event()

        async def job(name: str) -> None:
            try:
                async with queue.slot():
                    seen.append(f"{name} runs")
                    await gate.wait()
            except ApiError as error:
                seen.append(f"{name} {error.status}")

        tasks = [asyncio.create_task(job(name)) for name in ("a", "b", "c")]
        for _ in range(3):
            await asyncio.sleep(0)  # let each task reach its slot
        gate.set()
        await asyncio.gather(*tasks)
        return seen

    assert asyncio.run(scenario()) == ["a runs", "c 503", "b runs"]


def chunked_post(base: str, path: str, chunks: Any) -> tuple[int, dict[str, Any]]:
    """POST with Transfer-Encoding: chunked (no Content-Length), as http.client sends an
    iterable body."""
    import http.client
    from urllib.parse import urlsplit

    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        connection.request("POST", path, body=chunks, headers={"Content-Type": "application/json"})
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read())
    finally:
        connection.close()


def test_a_chunked_body_over_the_limit_is_a_413_and_the_server_goes_on(samples_db: Path):
    with running_server(samples_db, "--allow-extract", "--max-extract-bytes", "1000") as base:
        # No Content-Length: only the bytes received can tell. Far over 1000 + 64 KiB of slack.
        chunks = itertools.chain([b'{"text": "'], itertools.repeat(b"a" * 16384, 64))
        status, body = chunked_post(base, "/api/extract", chunks)
        assert status == 413, body
        assert set(body) == ERROR_KEYS and body["code"] == "too_large"
        status, body = chunked_post(base, "/api/events", iter([b"x" * 16384] * 8))
        assert status in (405, 413), body  # whatever the path, never read whole
        small = chunked_post(base, "/api/extract", iter([b'{"text": ', b'"  "}']))
        assert small[0] == 422  # a chunked body under the limit is read as usual
        assert ok(base, "/api/stats")["counts"]["events"] > 0


def test_only_this_servers_host_names_are_answered(server: str):
    port = server.rsplit(":", 1)[1]
    for host in ("127.0.0.1", f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST"):
        response = httpx.get(f"{server}/api/stats", headers={"Host": host}, timeout=30)
        assert response.status_code == 200, (host, response.text)
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example", ""):
        response = httpx.get(f"{server}/api/stats", headers={"Host": host}, timeout=30)
        assert response.status_code == 400, (host, response.text)
        assert set(response.json()) == ERROR_KEYS and response.json()["code"] == "invalid_host"
    page = httpx.get(f"{server}/", headers={"Host": "evil.example"}, timeout=30)
    assert page.status_code == 400  # the UI too: a rebinding page reads nothing


def test_writable_on_all_interfaces_warns_and_allow_host_extends_the_names(
    samples_db: Path, tmp_path: Path
):
    db, log = tmp_path / "open.duckdb", tmp_path / "serve.log"
    shutil.copy(samples_db, db)
    extra = ("--host", "0.0.0.0", "--writable", "--allow-host", "herald.example")
    with running_server(db, *extra, log=log) as base:
        warning = log.read_text()
        assert "warning" in warning and "0.0.0.0" in warning and "--writable" in warning
        allowed = httpx.get(f"{base}/api/stats", headers={"Host": "herald.example:80"})
        assert allowed.status_code == 200, allowed.text
        refused = httpx.get(f"{base}/api/stats", headers={"Host": "other.example"})
        assert refused.status_code == 400 and refused.json()["code"] == "invalid_host"


# ---------------------------------------------------------------------------- analyst's views


@pytest.mark.parametrize("sort", ["-date", "confidence"])
def test_the_download_holds_exactly_the_filtered_view(server: str, sort: str):
    import pyarrow.parquet as pq

    everything = all_events(server, limit=500)
    some_type = everything[0]["type"]
    listed = [e["event_id"] for e in all_events(server, limit=3, type=some_type, sort=sort)]
    parquet = get(server, "/api/download", format="parquet", type=some_type, sort=sort)
    assert parquet.status_code == 200
    assert "attachment" in parquet.headers["content-disposition"]
    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.column("event_id").to_pylist() == listed
    assert set(table.column("type").to_pylist()) == {some_type}
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("cameo").type) == "string"
    assert str(table.schema.field("confidence").type) == "double"
    csv = get(server, "/api/download", format="csv", type=some_type, sort=sort)
    assert csv.headers["content-type"].startswith("text/csv")
    path = Path(pytest.importorskip("tempfile").mkdtemp()) / "view.csv"
    path.write_bytes(csv.content)
    loaded = duckdb.sql(f"SELECT * FROM read_csv('{path}')")
    assert [row[0] for row in loaded.select("event_id").fetchall()] == listed
    types = dict(zip(loaded.columns, map(str, loaded.types), strict=True))
    assert types["event_date"] == "DATE" and types["confidence"] == "DOUBLE"
    assert types["title"] == "VARCHAR" and types["source"] == "VARCHAR"


def test_events_carry_title_source_and_publication_day(server: str):
    for item in all_events(server, limit=500):
        assert {"title", "source", "published_date", "event_date"} <= set(item)
        if item["url"]:
            assert item["source"] and item["source"] in item["url"]


def test_a_story_lists_its_reports_and_their_events(server: str):
    stories = ok(server, "/api/stories", limit=500)
    assert stories["items"], stories
    biggest = stories["items"][0]
    story = ok(server, f"/api/stories/{biggest['story_id']}")
    events = [event for report in story["reports"] for event in report["events"]]
    assert len(events) == biggest["events"]
    assert len(story["reports"]) == biggest["documents"]
    assert all(event["story_id"] == biggest["story_id"] for event in events)
    assert len({report["doc_id"] for report in story["reports"]}) == len(story["reports"])
    typed = ok(server, "/api/stories", type=events[0]["type"], limit=500)
    assert biggest["story_id"] in {item["story_id"] for item in typed["items"]}
    assert get(server, "/api/stories/st-nothing").status_code == 404


def test_same_story_lists_other_articles_only(server: str):
    for item in all_events(server, limit=500):
        event = ok(server, f"/api/events/{item['event_id']}")
        assert all(other["doc_id"] != event["doc_id"] for other in event["same_story"]["items"])


def test_the_core_window_leaves_out_outlying_dates(tmp_path: Path):
    texts = [
        f"Kenya and Uganda signed a trade agreement in Nairobi on {day}, officials said. ({n})"
        # 60 events: the percentile window leaves out the lone 1907 one (2% of 60 > 1).
        for n, day in enumerate(
            ["March 3, 1907", *(f"March {d % 28 + 1}, 2018" for d in range(59))]
        )
    ]
    items = [
        RawDocument(source="t", id=str(n), content=text, kind="text", published="2018-03-30")
        for n, text in enumerate(texts)
    ]
    db = tmp_path / "dates.duckdb"
    build_database(items, db)
    with running_server(db) as base:
        everything = ok(base, "/api/timeline", interval="month")
        core = ok(base, "/api/timeline", interval="month", window="core")
        chosen = ok(base, "/api/timeline", interval="month", window="core", since="1900-01-01")
    assert everything["buckets"][0]["period"].startswith("1907")
    assert core["buckets"][0]["period"] == "2018-03-01"
    assert core["window"]["before"] >= 1 and core["window"]["first"].startswith("2018")
    drawn = sum(b["total"] for b in core["buckets"])
    assert drawn + core["window"]["before"] + core["window"]["after"] == sum(
        b["total"] for b in everything["buckets"]
    )
    assert chosen["window"]["kind"] == "all"  # the user's own dates win


@pytest.mark.parametrize("level", ["actor", "person", "country"])
def test_the_network_has_the_top_pairs_of_named_nodes(server: str, level: str):
    network = ok(server, "/api/network", level=level, limit=3)
    assert 0 < len(network["edges"]) <= 3 <= network["pairs"] or network["pairs"] < 3
    for node in network["nodes"]:
        assert is_named(node["name"], node["kind"])
        assert level != "person" or node["kind"] == "person"
        assert ok(server, "/api/events", **node["filter"])["total"] >= 1
    if level == "country":
        assert all(len(node["id"]) == 3 for node in network["nodes"])


def test_actors_are_counted_across_documents_with_their_merges(tmp_path: Path):
    texts = {
        "a": "North Korean leader Kim Jong Un met with the president of South Korea in Seoul "
        "on Friday, and the two of them talked about the future of the peninsula, officials said.",
        "b": "Kim Jong-un threatened Japan with a new missile test on Tuesday, and he said that "
        "it was the answer to the drills that were held by the allies, the state media said.",
        "c": "U.S. President Donald Trump criticized China over its trade policy on Monday, and "
        "he said that it was time for the two of them to talk, officials said.",
        "d": "Mr. Trump accused Mexico of unfair trade on Monday, and he said that he would meet "
        "with the leaders of the country in the spring, officials said.",
    }
    items = [
        RawDocument(source="t", id=key, content=text, kind="text", published="2018-03-07")
        for key, text in texts.items()
    ]
    db = tmp_path / "people.duckdb"
    build_database(items, db)
    with running_server(db) as base:
        actors = {a["name"]: a for a in ok(base, "/api/actors", limit=500)["items"]}
        kim = actors["Kim Jong Un"]
        assert {"Kim Jong Un", "Kim Jong-un"} <= set(kim["variants"])
        assert kim["documents"] == 2
        assert {m["rule"] for m in kim["merges"]} == {"spelling"}
        trump = actors["Donald Trump"]
        assert "Trump" in trump["variants"]
        assert any(
            m["rule"] == "surname" and "Donald Trump" in m["evidence"] for m in trump["merges"]
        )
        listed = ok(base, "/api/events", identity=kim["identity_id"])
        assert listed["total"] == kim["events"]


# ---------------------------------------------------------------------------- real articles


@pytest.mark.shared_data
def test_real_articles_page_and_detail(news_server: str):
    items = all_events(news_server, limit=25, sort="-confidence")
    assert len(items) == ok(news_server, "/api/stats")["counts"]["events"] > 50
    for item in items[::5]:
        event = ok(news_server, f"/api/events/{item['event_id']}")
        text, evidence = event["document"]["text"], event["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["sentence"]
    demo = all_events(news_server, participant="Tillerson")
    assert demo and all(
        "Tillerson" in (e["actor_names"] or "") + (e["recipient_names"] or "") for e in demo
    )
    timeline = ok(news_server, "/api/timeline", interval="day")
    assert sum(b["total"] for b in timeline["buckets"]) + timeline["undated"] == len(items)
    assert ok(news_server, "/api/network")["edges"]
    assert ok(news_server, "/api/places")["countries"]


@pytest.mark.shared_data
def test_real_articles_every_view_has_content(news_server: str):
    # Speed is measured by `herald bench`, never asserted: a loaded machine must not fail.
    paths = [
        "/api/events",
        "/api/timeline",
        "/api/network",
        "/api/actors",
        "/api/places",
        "/api/stats",
    ]
    for path in paths:
        body = ok(news_server, path)
        assert any(value not in (None, [], {}, 0) for value in body.values()), path


# ---------------------------------------------------------------------------- 100,000 events


def grow_to(db: Path, wanted: int) -> int:
    """Copy the file's events (and their participants) under new ids until it holds
    ``wanted`` events: a stand-in for a big corpus, to time the queries."""
    con = duckdb.connect(str(db))
    have = con.execute("SELECT count(*) FROM events").fetchone()[0]
    copies = -(-wanted // have)
    con.execute(
        "INSERT INTO events BY NAME SELECT e.* REPLACE (e.event_id || '~' || t.c AS event_id, "
        "e.event_date + CAST(t.c % 700 AS INTEGER) AS event_date) "
        "FROM events e, range(1, ?) t(c)",
        [copies],
    )
    con.execute(
        "INSERT INTO event_actors BY NAME "
        "SELECT a.* REPLACE (a.event_id || '~' || t.c AS event_id) "
        "FROM event_actors a, range(1, ?) t(c)",
        [copies],
    )
    total = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    return int(total)


def test_100000_events_stay_fast(samples_db: Path, tmp_path: Path):
    db = tmp_path / "big.duckdb"
    shutil.copy(samples_db, db)
    assert grow_to(db, 100_000) >= 100_000
    timings: dict[str, float] = {}
    with running_server(db) as base:
        ok(base, "/api/stats")  # warm up
        first = ok(base, "/api/events", limit=100)
        assert first["total"] >= 100_000
        page = ok(base, "/api/events", limit=100)
        for _ in range(20):  # twenty pages deep
            page = ok(base, "/api/events", limit=100, cursor=page["next_cursor"])
        queries = {
            "events": ("/api/events", {"limit": 100}),
            "events deep page": ("/api/events", {"limit": 100, "cursor": page["next_cursor"]}),
            "events filtered": ("/api/events", {"type": "CONSULT", "actor": "USA", "q": "meet"}),
            "events by words": ("/api/events", {"q": "protest", "sort": "-confidence"}),
            "timeline": ("/api/timeline", {"interval": "week"}),
            "network": ("/api/network", {}),
            "actors": ("/api/actors", {}),
            "places": ("/api/places", {}),
            "stats": ("/api/stats", {}),
        }
        for name, (path, params) in queries.items():
            started = time.perf_counter()
            ok(base, path, **params)
            timings[name] = time.perf_counter() - started
    # Seconds are printed for a look, never asserted: a loaded CI machine must not fail
    # this test (speed is measured by `herald bench`).
    print(
        "timings on 100,000 events (s):", json.dumps({k: round(v, 3) for k, v in timings.items()})
    )
