"""herald's HTTP API and web UI (``herald serve``): see ``herald.api.app``.

Nothing heavy is imported here, so that ``herald --help`` stays fast: FastAPI and uvicorn
load only when the server starts.
"""

from __future__ import annotations

# Posted articles above this size are refused (413): one article, not a dump.
DEFAULT_MAX_EXTRACT_BYTES = 1_000_000

# Extractions that may wait behind the running one before POST /api/extract answers 503.
DEFAULT_EXTRACT_QUEUE = 4
