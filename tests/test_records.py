"""Records: JSON shape, immutability, and the public API surface."""

from __future__ import annotations

import dataclasses
import json

import pytest

import herald
from herald.records import (
    ActorRef,
    Attribution,
    Document,
    Event,
    Evidence,
    Extraction,
    Mention,
    RawDocument,
    Rejected,
    Rejection,
    TimeValue,
)


def _event() -> Event:
    return Event(
        event_id="d:e0",
        doc_id="d",
        type="CONSULT",
        mode="visit",
        trigger=Mention("travel", 10, 16),
        evidence=Evidence("He will travel to Ottawa.", 0, 25),
        actor=(ActorRef(actor_id="d:a0", name="Rex Tillerson", kind="person", country="USA"),),
        when=TimeValue("Tuesday", "2017-12-19", "day", "relative", start=30, end=37),
        modality="planned",
    )


def test_all_is_sorted_and_importable():
    assert herald.__all__ == sorted(herald.__all__)
    for name in herald.__all__:
        assert hasattr(herald, name), name


def test_records_are_frozen():
    event = _event()
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.type = "AGREE"  # type: ignore[misc]


def test_extraction_json_has_exactly_the_documented_top_level_keys():
    doc = Document(doc_id="d", id="a.txt", source="a.txt", text="He will travel to Ottawa.")
    data = Extraction(doc=doc, events=(_event(),)).to_dict()
    assert set(data) == {"doc", "actors", "events", "quotes", "timexes", "places"}
    event = data["events"][0]
    for key in (
        "event_id",
        "type",
        "mode",
        "contexts",
        "actor",
        "recipient",
        "when",
        "where",
        "modality",
        "attribution",
        "evidence",
        "confidence",
    ):
        assert key in event
    assert event["actor"][0]["country"] == "USA"
    assert event["when"] == {
        "text": "Tuesday",
        "value": "2017-12-19",
        "precision": "day",
        "anchor": "relative",
        "modifier": None,
        "start": 30,
        "end": 37,
    }
    assert event["attribution"] == {"kind": "publisher", "text": None, "actor_id": None}
    json.dumps(data)  # every value is JSON-ready


def test_rejected_json_has_doc_and_rejected_only():
    raw = RawDocument(source="x.html", id="x.html", content=b"", kind="html")
    data = Rejected(raw, Rejection("x.html", "x.html", "clean", "empty", "no bytes")).to_dict()
    assert set(data) == {"doc", "rejected"}
    assert data["doc"]["id"] == "x.html"
    assert data["rejected"] == {"stage": "clean", "code": "empty", "detail": "no bytes"}


def test_default_attribution_is_the_publisher():
    assert _event().attribution == Attribution(kind="publisher")
