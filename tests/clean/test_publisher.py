"""The publisher of a page that names none: its URL's domain."""

from __future__ import annotations

import pytest

from herald.clean import clean
from herald.clean.publisher import domain_of
from herald.records import RawDocument
from herald.settings import Options


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.bbc.co.uk/news/world-42345", "bbc.co.uk"),
        ("http://Reuters.com/article/x", "reuters.com"),
        ("www.theglobeandmail.com/politics/", "theglobeandmail.com"),
        ("https://example.org.:8080/a?b=c", "example.org"),
        ("", None),
        (None, None),
        ("https://[::1", None),
        ("/relative/path/only", None),
    ],
)
def test_domain_of(url, domain):
    assert domain_of(url) == domain


ARTICLE = "The minister met her counterpart in Ottawa on Friday, officials said.\n"


def test_a_document_without_publisher_takes_its_url_domain():
    raw = RawDocument("x", "x", ARTICLE, "text", url="https://www.cbc.ca/news/1")
    assert clean(raw, Options()).publisher == "cbc.ca"
    assert clean(RawDocument("y", "y", ARTICLE, "text"), Options()).publisher is None
