"""read, news-please: one article per .json file; a warning when it carries no date."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from herald.read.inputs import read_inputs
from herald.records import RawDocument, Rejection


def _article(**fields: object) -> dict[str, object]:
    return {
        "maintext": "OTTAWA - The foreign ministers met on Monday.",
        "title": "Ministers meet",
        "url": "https://example.org/meet",
        "date_publish": "2017-12-18 10:31:00",
        "source_domain": "example.org",
        **fields,
    }


def _read_one(tmp_path: Path, record: object) -> RawDocument | Rejection:
    path = tmp_path / "article.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    (item,) = read_inputs([str(tmp_path)])
    return item


def test_news_please_fields_become_the_document(tmp_path: Path) -> None:
    item = _read_one(tmp_path, _article())
    assert isinstance(item, RawDocument)
    assert item.content == "OTTAWA - The foreign ministers met on Monday."
    assert (item.kind, item.title, item.url) == (
        "text",
        "Ministers meet",
        "https://example.org/meet",
    )
    assert item.published == "2017-12-18T10:31:00"


def test_the_text_field_of_older_releases_is_read(tmp_path: Path) -> None:
    record = {**_article(maintext=None), "text": "The talks resumed."}
    item = _read_one(tmp_path, record)
    assert isinstance(item, RawDocument) and item.content == "The talks resumed."


@pytest.mark.parametrize("date", [None, "last Monday", 20171218])
def test_a_record_without_a_recognised_date_is_read_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, date: object
) -> None:
    with caplog.at_level(logging.WARNING, logger="herald.read"):
        item = _read_one(tmp_path, _article(date_publish=date))
    assert isinstance(item, RawDocument) and item.published is None
    assert "no recognised date_publish" in caplog.text and "article.json" in caplog.text


@pytest.mark.parametrize(
    ("record", "code"),
    [
        (_article(maintext=None), "missing_field"),
        (_article(maintext="  "), "missing_field"),
        ([_article()], "malformed_record"),
    ],
)
def test_a_bad_record_is_a_rejection(tmp_path: Path, record: object, code: str) -> None:
    item = _read_one(tmp_path, record)
    assert isinstance(item, Rejection) and (item.stage, item.code) == ("read", code)


def test_a_file_that_is_not_json_is_a_rejection(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_bytes(b'{"maintext": "cut')
    (item,) = read_inputs([str(tmp_path)])
    assert isinstance(item, Rejection) and item.code == "malformed_record"


def test_a_file_over_the_size_limit_is_rejected_unparsed(tmp_path: Path) -> None:
    path = tmp_path / "article.json"
    path.write_text(json.dumps(_article(maintext="word " * 500)), encoding="utf-8")
    (item,) = read_inputs([str(tmp_path)], max_bytes=1000)
    assert isinstance(item, Rejection) and item.code == "too_large"
