"""link: reports of the same real event grouped into stories, and reports of the same news
story into coverages (docs/architecture.md)."""

from herald.link.stage import link_new

__all__ = ["link_new"]
