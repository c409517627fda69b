"""End-to-end tests of the web UI in headless Chromium (Debian's package, driven by
Playwright), against a real ``herald serve`` process on a loopback port.

Install the browser with ``scripts/install-browser.sh``; without /usr/bin/chromium these
tests are skipped. Screenshots go to $HERALD_SCREENSHOTS (default: a pytest temp folder).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from herald.cli.demo import samples_dir
from herald.read.inputs import read_inputs
from herald.records import RawDocument
from tests.api.server import build_database, running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (run scripts/install-browser.sh as root)",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("ui") / "samples.duckdb"
    items = read_inputs([str(samples_dir())], "auto", max_bytes=5_000_000)
    build_database(items, path, dt.date(2017, 12, 18))
    with running_server(path, "--allow-extract") as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get("HERALD_SCREENSHOTS")
    folder = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base: str):
    """A fresh page that fails the test on a script error or a request off this machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "request",
        lambda request: (
            problems.append(f"off-machine request: {request.url}")
            if urlsplit(request.url).hostname not in {"127.0.0.1", None}
            and not request.url.startswith("data:")
            else None
        ),
    )
    yield page
    context.close()
    assert problems == []


def event_badges(page) -> list[str]:
    return page.locator("#events tbody .badge").all_inner_texts()


def test_the_events_page_loads_with_rows_and_totals(page, base: str, shots: Path):
    page.goto(f"{base}/")
    page.wait_for_selector("#events tbody tr")
    assert page.locator("#events tbody tr").count() > 5
    assert re.match(r"\d+ events", page.locator("#total").inner_text())
    assert "events" in page.locator("#dbstats").inner_text()
    page.screenshot(path=str(shots / "events.png"))


def test_filters_go_into_the_url_and_the_link_reproduces_them(page, base: str):
    page.goto(f"{base}/events")
    page.wait_for_selector("#events tbody tr")
    page.select_option("#f-type", "CONSULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=CONSULT"))
    page.wait_for_selector("body[data-view=events]")
    page.wait_for_selector("#events tbody tr")
    badges = event_badges(page)
    assert badges and all(badge.startswith("CONSULT") for badge in badges)
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)  # the link alone brings the same view back
    page.wait_for_selector("#events tbody tr")
    assert event_badges(page) == badges
    assert page.locator("#f-type").input_value() == "CONSULT"


def test_opening_an_event_shows_the_highlighted_evidence(page, base: str, shots: Path):
    page.goto(f"{base}/events?q=meet")
    page.wait_for_selector("#events tbody tr")
    row = page.locator("#events tbody tr").first
    sentence = row.locator("td.evidence").inner_text()
    row.locator("a.open").click()
    page.wait_for_url(re.compile(r"/events/[^/?]+$"))
    evidence = page.locator("mark#evidence")
    evidence.wait_for()
    assert evidence.is_visible()
    assert " ".join(evidence.inner_text().split()) == " ".join(sentence.split())
    assert page.locator("mark#evidence .m-trigger").count() >= 1
    marked = page.locator("mark#evidence .m-actor, mark#evidence .m-recipient").count()
    assert marked >= 1
    assert page.locator("#article").inner_text().count(evidence.inner_text().strip()) >= 1
    assert "stor" in page.locator("#same-story").inner_text()  # no story yet: a note says so
    page.screenshot(path=str(shots / "event.png"))


def test_pasting_an_article_shows_its_events(page, base: str, shots: Path):
    page.goto(f"{base}/try")
    text = (samples_dir() / "ottawa-visit.txt").read_text(encoding="utf-8")
    page.fill("#article-text", text)
    page.fill("#article-date", "2017-12-18")
    page.click("#extract-button")
    page.wait_for_selector("#extract-count, #extract-result .error", timeout=180_000)
    errors = page.locator("#extract-result .error")
    assert errors.count() == 0, errors.inner_text()
    count = int(page.locator("#extract-count").inner_text().split()[0])
    assert count > 0
    assert page.locator("#extracted tbody tr").count() == count
    assert "not stored" in page.locator("#extract-result").inner_text()
    page.screenshot(path=str(shots / "try.png"), full_page=True)


@pytest.mark.parametrize(
    ("path", "mark"),
    [
        ("/timeline?interval=week", "#timeline rect.bar"),
        ("/network", "#network .node"),
        ("/map", "#map path.country"),
    ],
)
def test_charts_draw_svg_marks_that_link_to_events(page, base: str, shots: Path, path, mark):
    page.goto(f"{base}{path}")
    page.wait_for_selector(mark)
    assert page.locator(mark).count() >= 1
    link = page.locator("svg.chart a[data-nav]").first
    href = link.get_attribute("href")
    assert href.startswith("/events?")
    page.screenshot(path=str(shots / f"{path.strip('/').split('?')[0]}.png"), full_page=True)
    link.dispatch_event("click")
    page.wait_for_url(re.compile(r"/events\?"))
    page.wait_for_selector("#events tbody tr, main p.muted")


def test_the_map_colours_countries_that_have_events(page, base: str):
    page.goto(f"{base}/map")
    page.wait_for_selector("#map path.country.has")
    assert page.locator("#map path.country").count() > 170
    assert page.locator("#map path.country.has").count() >= 1
    fill = page.locator("#map path.country.has").first.evaluate("p => getComputedStyle(p).fill")
    quiet = page.locator("#map path.country:not(.has)").first.evaluate(
        "p => getComputedStyle(p).fill"
    )
    assert fill != quiet  # countries with events are shaded, the others stay grey
    assert page.locator("#map circle.point").count() >= 1


def test_the_keyboard_reaches_the_views(page, base: str):
    page.goto(f"{base}/events")
    page.wait_for_selector("#events tbody tr")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(4):  # brand, Events, Stories, Timeline
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Timeline"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/timeline$"))
    page.wait_for_selector("#timeline")
    page.keyboard.press("/")  # jumps to the first filter box
    assert page.evaluate("document.activeElement.tagName") == "INPUT"


def test_phone_width_has_no_sideways_scrolling(browser, base: str, shots: Path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    try:
        for path in ("/events", "/timeline", "/map", "/try"):
            page.goto(f"{base}{path}")
            page.wait_for_selector("body[data-view]")
            page.wait_for_load_state("networkidle")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 392, (path, width)
        page.goto(f"{base}/events")
        page.wait_for_selector("#events tbody tr")
        page.screenshot(path=str(shots / "phone.png"))
    finally:
        context.close()


def test_a_document_url_is_a_link_only_for_http_and_https(page, tmp_path: Path):
    import httpx

    text = "Kenya and Uganda signed a trade agreement in Nairobi on Monday, officials said."
    urls = {
        "javascript:alert(document.domain)": False,
        " JavaScript:alert(1)": False,
        "data:text/html,<script>alert(1)</script>": False,
        "https://news.example/kenya-uganda": True,
    }
    items = [
        RawDocument(source="ui", id=f"doc{i}", content=f"{text} ({i})", kind="text", url=url)
        for i, url in enumerate(urls)
    ]
    db = tmp_path / "urls.duckdb"
    build_database(items, db, dt.date(2024, 3, 4))
    with running_server(db) as url:
        events = httpx.get(f"{url}/api/events", params={"limit": 500}, timeout=30).json()
        by_doc = {event["doc_id"]: event["event_id"] for event in events["items"]}
        assert len(by_doc) == len(urls)
        for doc_id, event_id in by_doc.items():
            document = httpx.get(f"{url}/api/documents/{doc_id}", timeout=30).json()
            page.goto(f"{url}/events/{event_id}")
            page.wait_for_selector("mark#evidence")
            shown = page.locator("main p.muted").first
            assert document["url"].strip() in shown.inner_text()  # shown as text either way
            links = shown.locator("a")
            if urls[document["url"]]:
                assert links.count() == 1 and links.first.get_attribute("href") == document["url"]
            else:
                assert links.count() == 0, links.first.get_attribute("href")
            assert page.locator('a[href^="javascript:" i], a[href^=" javascript:" i]').count() == 0


# ---------------------------------------------------------------------------- an analyst's day

# news_cluster articles added to the samples when ../shared/data is there: enough real
# stories told by several outlets, quick enough to build.
ANALYST_ARTICLES = 80


@pytest.fixture(scope="module")
def analyst(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over real articles: the shipped samples, and the demo article and some
    news_cluster articles where the shared data is present."""
    from herald.bench.corpus import read_news_cluster
    from herald.settings import shared_data_dir

    items = list(read_inputs([str(samples_dir())], "auto", max_bytes=5_000_000))
    shared = shared_data_dir()
    if (shared / "demo").is_dir():
        items += read_inputs([str(shared / "demo")], "auto", max_bytes=5_000_000)
    if (shared / "news_cluster" / "data").is_dir():
        items += read_news_cluster(shared / "news_cluster" / "data")[:ANALYST_ARTICLES]
    path = tmp_path_factory.mktemp("analyst") / "real.duckdb"
    build_database(items, path, dt.date(2017, 12, 18))
    with running_server(path) as url:
        yield url


def shoot(page, folder: Path, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(folder / f"ui-{name}.png"))


def test_an_analysts_session_filter_event_story_download(
    browser, analyst: str, shots: Path, tmp_path: Path
):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        # Filter: the meetings and visits, newest first.
        page.goto(f"{analyst}/events")
        page.wait_for_selector("#events tbody tr")
        shoot(page, shots, "events")
        page.select_option("#f-type", "CONSULT")
        page.click("form.filters button[type=submit]")
        page.wait_for_url(re.compile(r"type=CONSULT"))
        page.wait_for_selector("body[data-view=events] #events tbody tr")
        total = int(page.locator("#total").inner_text().split()[0].replace(",", ""))
        assert total >= 1
        assert page.locator("#events thead").inner_text().split("\t")[:1] == ["Event date"]
        assert {"Title", "Source", "Published"} <= set(
            page.locator("#events thead th").all_inner_texts()
        )

        # Download the view, as CSV and as Parquet.
        files = {}
        for kind in ("csv", "parquet"):
            with page.expect_download() as download:
                page.click(f"#download-{kind}")
            files[kind] = tmp_path / f"view.{kind}"
            download.value.save_as(files[kind])

        # Open an event of a story told by several articles: labelled dates, the story.
        linked = page.locator("#events tbody tr a.open").first
        opened = linked.get_attribute("href")
        linked.click()
        page.wait_for_selector("mark#evidence")
        facts = page.locator("dl.event-head").inner_text()
        assert "Event date" in facts and "Published" in facts
        shoot(page, shots, "event")
        page.click("#story-link")
        page.wait_for_selector("#reports li.report")
        assert page.locator(f'#reports a.open[href="{opened}"]').count() == 1  # its event
        shoot(page, shots, "story")

        for path, mark, name in (
            ("/stories", "#stories tbody tr", "stories"),
            ("/timeline", "#timeline rect.bar", "timeline"),
            ("/network?level=actor&limit=40", "#network .node", "network"),
            ("/map", "#map path.country.has", "map"),
            ("/actors", "#actors tbody tr", "actors"),
        ):
            page.goto(f"{analyst}{path}")
            page.wait_for_selector(mark)
            shoot(page, shots, name)
    finally:
        context.close()
    assert errors == []
    check_downloads(files, total)


def check_downloads(files: dict[str, Path], total: int) -> None:
    """The downloaded view loads in DuckDB and pandas with its types, every row of it."""
    import duckdb

    for kind, path in files.items():
        reader = "read_csv" if kind == "csv" else "read_parquet"
        loaded = duckdb.sql(f"SELECT * FROM {reader}('{path}')")
        types = dict(zip(loaded.columns, map(str, loaded.types), strict=True))
        assert loaded.count("*").fetchall()[0][0] == total
        assert types["event_date"] == "DATE" and types["published_date"] == "DATE"
        assert types["confidence"] == "DOUBLE" and types["title"] == "VARCHAR"
        assert types["cameo"] == "VARCHAR"  # a code: "040" stays "040"
        assert loaded.select("type").distinct().fetchall() == [("CONSULT",)]


def test_the_downloaded_view_loads_in_pandas_with_its_types(analyst: str, tmp_path: Path):
    import httpx

    pandas = pytest.importorskip("pandas", reason="pandas is not installed")
    params = {"type": "CONSULT", "format": "parquet"}
    answer = httpx.get(f"{analyst}/api/download", params=params, timeout=60)
    path = tmp_path / "view.parquet"
    path.write_bytes(answer.content)
    frame = pandas.read_parquet(path)
    total = httpx.get(f"{analyst}/api/events", params={"type": "CONSULT"}, timeout=60).json()
    assert len(frame) == total["total"]
    assert str(frame["confidence"].dtype) == "float64"
    dates = frame["event_date"].dropna()
    assert pandas.api.types.is_datetime64_any_dtype(dates) or all(
        isinstance(day, dt.date) for day in dates
    )
    assert all(isinstance(code, str) for code in frame["cameo"].dropna())


def test_an_actor_opens_its_events_under_every_spelling_with_a_removable_chip(page, analyst: str):
    page.goto(f"{analyst}/actors")
    first = page.locator("#actors tbody tr").first
    first.wait_for()
    name = first.locator("a.actor").inner_text()
    events = int(first.locator("td.num").first.inner_text())
    first.locator("a.actor").click()
    page.wait_for_url(re.compile(r"/events\?identity="))
    page.wait_for_selector("body[data-view=events] #events tbody tr")
    chip = page.locator(".chip")
    assert name in chip.inner_text()
    assert int(page.locator("#total").inner_text().split()[0].replace(",", "")) == events
    page.select_option("#f-modality", "asserted")  # another filter keeps the actor's
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"modality=asserted"))
    assert "identity=" in page.url
    chip.locator("a").click()  # dropping the chip lists every actor's events again
    page.wait_for_url(lambda url: "identity=" not in url)
    page.wait_for_selector("body[data-view=events] #events tbody tr")
    assert page.locator(".chip").count() == 0
