"""herald bench: speed and memory against the bare spaCy parse (docs/architecture.md)."""

from herald.bench.run import bench

__all__ = ["bench"]
