"""The publisher of a page that names none: the domain of its URL.

Most pages carry no publisher in their metadata (97% of a crawl's rows had none), but every
crawled page has a URL, and its domain names the outlet the way GDELT's source names do
("www.bbc.co.uk/news/..." -> "bbc.co.uk"). The cleaner sets it on the ``Document`` so that
the JSON output, the store and every export agree; the store's migration 7 fills it in for
documents stored before.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` in lower case without a leading ``www.``; None without a host."""
    if not url or not url.strip():
        return None
    text = url.strip()
    try:
        host = urlsplit(text if "//" in text else f"//{text}").hostname
    except ValueError:  # a malformed address (an unclosed IPv6 bracket) names no host
        return None
    host = (host or "").lower().removeprefix("www.").rstrip(".")
    return host or None
