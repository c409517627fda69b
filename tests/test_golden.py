"""Golden files: herald's records on real articles read from ../shared/data.

The articles are never copied into the repo. What is kept in tests/golden/ is a summary of
herald's records (titles, dates, actor names and codes, event types, dates, places,
modalities; no sentences of the articles), so a change in the output shows up as a diff.

After a deliberate improvement, regenerate and review the diff:

    HERALD_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from herald.pipeline import process_batch
from herald.records import Extraction, RawDocument
from herald.settings import Options

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("HERALD_UPDATE_GOLDEN") == "1"

# Political pages of the MediaCloud set that herald reads as English (chosen by title).
HTML_PAGES = ("1498311133.html", "1536545428.html", "1666031133.html", "1789437552.html")
# news_cluster articles by file-name prefix: missile launches, an abduction, sanctions.
CLUSTER_ARTICLES = ("0046d5ff09e5", "093c655f7b04", "0c3309b31d6a", "2035cb080dd6")


def summary(result: Extraction) -> dict[str, Any]:
    """What a golden file keeps of an extraction: codes and names, no article text."""
    doc = result.doc
    return {
        "doc": {
            "title": doc.title,
            "published": doc.published.value if doc.published else None,
            "published_how": doc.published_how,
            "dateline": doc.dateline,
        },
        "actors": sorted([a.name, a.kind, a.country or "", a.sector or ""] for a in result.actors),
        "events": sorted(
            [
                e.type,
                e.mode or "",
                "; ".join(a.name for a in e.actor),
                "; ".join(r.name for r in e.recipient),
                (e.when.value or "") if e.when else "",
                (e.where.name or e.where.text) if e.where else "",
                e.modality,
            ]
            for e in result.events
        ),
        "quotes": sorted(
            [q.kind, q.speaker.name if q.speaker else (q.speaker_text or ""), q.anonymous]
            for q in result.quotes
        ),
    }


def _readable_json(summary: dict[str, Any]) -> str:
    """JSON with one record per line, so that a changed record is a one-line diff."""
    parts = []
    for key, value in summary.items():
        if isinstance(value, list):
            rows = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in value)
            parts.append(f' "{key}": [\n{rows}\n ]' if value else f' "{key}": []')
        else:
            parts.append(f' "{key}": {json.dumps(value, ensure_ascii=False)}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def check_golden(name: str, result: Extraction) -> None:
    path = GOLDEN / f"{name}.json"
    got = summary(result)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(_readable_json(got), encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path}; run with HERALD_UPDATE_GOLDEN=1 and review it")
    assert got == json.loads(path.read_text(encoding="utf-8"))


def run_one(raw: RawDocument, date: dt.date | None = None) -> Extraction:
    (result,) = process_batch([raw], Options(date=date, strict=True))
    assert isinstance(result, Extraction), result
    return result


@pytest.fixture(scope="module")
def demo(shared_data: Path) -> Extraction:
    path = shared_data / "demo" / "globe-tillerson-ottawa.txt"
    raw = RawDocument(source=str(path), id="demo", content=path.read_bytes(), kind="text")
    return run_one(raw, dt.date(2017, 12, 18))


def _events(result: Extraction, type_: str, actor: str) -> list[Any]:
    return [e for e in result.events if e.type == type_ and any(actor in a.name for a in e.actor)]


def test_demo_names_the_meetings_with_real_dates(demo: Extraction):
    visits = _events(demo, "CONSULT", "Tillerson")
    recipients = {r.name for e in visits for r in e.recipient}
    assert {"Justin Trudeau", "Chrystia Freeland"} <= recipients
    trudeau = [e for e in visits if any(r.name == "Justin Trudeau" for r in e.recipient)]
    assert any(e.when and e.when.value == "2017-12-19" for e in trudeau)
    assert any(e.modality == "planned" for e in trudeau)


def test_demo_vancouver_meeting_is_planned_for_january_2018(demo: Extraction):
    # the places read off the events' own sentences (not the article's main place)
    vancouver = [
        e
        for e in demo.events
        if e.where and e.where.name == "Vancouver" and e.where.basis in ("governs", "sentence")
    ]
    assert vancouver
    assert any(e.when and e.when.value == "2018-01" for e in vancouver)
    assert all(e.modality in {"planned", "reported"} for e in vancouver)
    assert all(e.where.country == "CAN" for e in vancouver)


def test_demo_havana_talks_are_historical_2016(demo: Extraction):
    castro = [e for e in demo.events if any(r.name == "Raul Castro" for r in e.recipient)]
    assert castro
    assert all(e.when and e.when.value == "2016" for e in castro)
    assert all(e.modality == "historical" for e in castro)


def test_demo_quotes_have_speakers_including_the_anonymous_official(demo: Extraction):
    direct = [q for q in demo.quotes if q.kind == "direct" and "South Korea, Japan" in q.text]
    assert len(direct) == 1
    assert direct[0].anonymous
    assert "official" in (direct[0].speaker_text or "")
    named = {q.speaker.name for q in demo.quotes if q.speaker and not q.anonymous}
    assert "Justin Trudeau" in named


def test_demo_outlets_are_sources_not_actors(demo: Extraction):
    names = {a.name for a in demo.actors}
    assert not names & {"Reuters", "The New York Times", "The Globe and Mail"}
    reported = [e for e in demo.events if e.attribution.kind == "outlet"]
    assert any(e.attribution.text == "Reuters" for e in reported)


def test_demo_caption_and_boilerplate_stay_out_of_the_text(demo: Extraction):
    assert demo.doc.text.startswith("U.S. Secretary of State Rex Tillerson")
    assert "Skip to main content" not in demo.doc.text
    assert demo.doc.credits and "YURI GRIPAS" in demo.doc.credits[0]


def test_demo_golden(demo: Extraction):
    check_golden("demo", demo)


@pytest.mark.parametrize("name", HTML_PAGES)
def test_mediacloud_html_golden(shared_data: Path, name: str):
    folder = shared_data / "htmldate_mediacloud"
    gold = {
        v["file"]: v["date"]
        for v in json.loads((folder / "eval_mediacloud_2020.json").read_text()).values()
    }
    path = folder / "test_set" / name
    result = run_one(RawDocument(source=name, id=name, content=path.read_bytes(), kind="html"))
    assert result.doc.published is not None
    assert result.doc.published.value == gold[name]
    check_golden(f"mediacloud_{name.removesuffix('.html')}", result)


@pytest.mark.parametrize("prefix", CLUSTER_ARTICLES)
def test_news_cluster_golden(shared_data: Path, prefix: str):
    (path,) = (shared_data / "news_cluster" / "data").glob(f"{prefix}*.json")
    article = json.loads(path.read_text(encoding="utf-8"))
    raw = RawDocument(
        source=path.name,
        id=article["dId"],
        content=article["text"],
        kind="text",
        url=article["url"],
        title=article["title"],
        published=article["date_publish"],
    )
    result = run_one(raw)
    assert result.doc.published is not None
    assert result.doc.published.value == article["date_publish"][:10]
    assert result.events, "every chosen article reports a political event"
    check_golden(f"news_cluster_{prefix}", result)
