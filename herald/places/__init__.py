"""places: place names resolved in an offline gazetteer (docs/architecture.md)."""

from herald.places.stage import find_places

__all__ = ["find_places"]
