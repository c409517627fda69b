"""What the commands write: CSV rows on one line, document labels, plurals."""

from __future__ import annotations

import csv
import datetime as dt
import io

from herald.cli.output import document_label, write_csv
from herald.display import plural


def test_a_csv_row_is_one_line_whatever_the_sentence_holds():
    stream = io.StringIO()
    rows = [
        {
            "event_id": "a:e0",
            "evidence": "Police arrested\nprotesters.\n\n\n",
            "contexts": ["x", "y"],
        },
        {"event_id": "a:e1", "evidence": "Talks  began.", "event_date": dt.date(2017, 12, 18)},
    ]
    write_csv([{**rows[0], "event_date": None}, rows[1] | {"contexts": []}], stream)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    read = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert read[0]["evidence"] == "Police arrested protesters."
    assert read[0]["contexts"] == "x;y" and read[1]["event_date"] == "2017-12-18"
    assert read[1]["evidence"] == "Talks began."


def test_documents_are_named_by_title_then_url_then_file():
    assert document_label({"title": "Talks", "url": "https://x", "doc_id": "ab"}) == "Talks"
    assert document_label({"url": "https://x", "doc_id": "ab"}) == "https://x"
    assert document_label({"doc_source": "news/a.txt", "doc_id": "ab"}) == "news/a.txt"
    assert document_label({"doc_id": "ab"}) == "ab"


def test_plurals():
    assert [plural(n, "document") for n in (0, 1, 2)] == [
        "0 documents",
        "1 document",
        "2 documents",
    ]
    assert plural(1, "story") == "1 story" and plural(3, "story") == "3 stories"
