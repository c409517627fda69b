"""One error shape for every failure of the HTTP API.

Every error answer, whatever raised it (a bad parameter, an unknown path, a missing event,
a bug), is JSON of the same shape::

    {"status": 422, "code": "invalid_parameter", "message": "limit: ...", "field": "limit"}

``field`` names the parameter at fault for 422 answers and is null otherwise, so that a
client reads one shape and never has to guess.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("herald.api")

# The codes an error answer may carry, with what they mean for the client.
ERROR_CODES: dict[str, str] = {
    "invalid_parameter": "a query parameter or body field is malformed or out of range",
    "not_found": "no such path, event, document or story",
    "method_not_allowed": "the path exists but not with this HTTP method",
    "invalid_host": "the Host header names neither this server nor an --allow-host name",
    "too_large": "the request body is larger than the server accepts",
    "rejected": "herald could not read the posted article",
    "read_only": "extraction is off: the server was started without --writable or --allow-extract",
    "busy": "the extraction queue is full; try again after Retry-After seconds",
    "http_error": "another HTTP error",
    "internal": "the server failed; the message says what to report",
}

_STATUS_CODES = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}


class ErrorBody(BaseModel):
    """The JSON body of every error answer."""

    status: int
    code: str
    message: str
    field: str | None = None


class ApiError(Exception):
    """An error the API answers on purpose, with its status, code and message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown API error code {code!r}")
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}


def invalid(field: str, message: str) -> ApiError:
    """A 422 about one named parameter."""
    return ApiError(422, "invalid_parameter", f"{field}: {message}", field=field)


def not_found(what: str, key: str) -> ApiError:
    return ApiError(404, "not_found", f"no {what} with id {key!r}")


def error_response(
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(status=status, code=code, message=message, field=field)
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _field_of(location: tuple[Any, ...] | list[Any]) -> str:
    """The parameter name in a validation error location ("query", "limit") -> "limit"."""
    parts = [str(part) for part in location if part not in ("query", "path", "body", "header")]
    return ".".join(parts) or "body"


async def _on_api_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error_response(error.status, error.code, error.message, error.field, error.headers)


async def _on_validation(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0] if error.errors() else {"loc": (), "msg": "invalid request"}
    field = _field_of(first.get("loc", ()))
    return error_response(422, "invalid_parameter", f"{field}: {first['msg']}", field)


async def _on_http(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = _STATUS_CODES.get(error.status_code, "http_error")
    return error_response(error.status_code, code, str(error.detail))


async def _on_crash(request: Request, error: Exception) -> JSONResponse:
    # The traceback goes to the server's log; the client gets the shape and no internals.
    log.exception("internal error on %s %s", request.method, request.url.path)
    message = f"internal error ({type(error).__name__}) on {request.url.path}; see the server log"
    return error_response(500, "internal", message)


def install_error_handlers(app: FastAPI) -> None:
    """Make every failure of ``app`` answer with ``ErrorBody``."""
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(Exception, _on_crash)
