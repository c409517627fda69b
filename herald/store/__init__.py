"""store: records in one DuckDB file, and the exports (docs/architecture.md)."""

from herald.store.database import Store

__all__ = ["Store"]
