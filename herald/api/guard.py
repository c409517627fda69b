"""The guard around every request of herald's server: it answers only the Host names the
server goes by (a web page cannot reach it through DNS rebinding), counts the body bytes as
they arrive so that no body, chunked or not, is read past the limit, and adds the security
headers to every answer. docs/security.md says why.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from herald.api.errors import error_response

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
# Host names every server answers to; --host and --allow-host add theirs.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def host_names(allowed: Iterable[str]) -> frozenset[str]:
    """The lower-case Host names (without port) a server answers: loopback and ``allowed``.

    A wildcard address (``0.0.0.0``, ``::``) names no host: clients reach such a server by
    one of the machine's names, which ``--allow-host`` gives.
    """
    names = set(LOOPBACK_NAMES)
    for name in allowed:
        name = name.strip().strip("[]").lower()
        if name and name not in ("0.0.0.0", "::"):
            names.add(name)
    return frozenset(names)


def _host_name(host: str) -> str:
    """The name in a Host header, without its port: ``[::1]:80`` -> ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else ""
    name, _, port = host.rpartition(":")
    if name and port.isdigit():
        return name
    return host


def _is_loopback_address(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class BodyTooLarge(StarletteHTTPException):
    """Raised from ``receive`` once a body passes the limit: FastAPI lets it through as is."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over {limit} bytes")


class Guard:
    """ASGI middleware around every HTTP request: the Host check, the body limit on the
    bytes actually received (a Content-Length over it is refused before reading), and the
    security headers on every answer."""

    def __init__(self, app: ASGIApp, *, max_body: int, hosts: frozenset[str]) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.lower(): value for key, value in scope["headers"]}
        host = headers.get(b"host", b"").decode("latin-1")
        name = _host_name(host)
        if "*" not in self.hosts and name not in self.hosts and not _is_loopback_address(name):
            message = f"this server does not answer for host {host!r} (see --allow-host)"
            await self._refuse(scope, receive, send, 400, "invalid_host", message)
            return
        length = headers.get(b"content-length", b"").decode("latin-1")
        if length.isdigit() and int(length) > self.max_body:
            message = f"the request body is over {self.max_body} bytes"
            await self._refuse(scope, receive, send, 413, "too_large", message)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        await self.app(scope, limited_receive, _secured(send))

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status: int, code: str, message: str
    ) -> None:
        await error_response(status, code, message)(scope, receive, _secured(send))


# The headers every answer carries, refusals included.
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
)


def _secured(send: Send) -> Send:
    """``send`` with the security headers added to the start of every answer."""

    async def secure_send(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
        await send(message)

    return secure_send
