"""link: reports of the same real event grouped into stories (docs/architecture.md)."""

from herald.link.stage import link_new

__all__ = ["link_new"]
