"""ASGI middleware: a request id on every request and response (`X-Request-Id`), and the
security headers every response carries.

A caller's own id is kept when it is sensible (printable, ≤128 characters), so logs and
events can be matched with the caller's; otherwise remit makes one.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from remit.context import utc_now

HEADER = b"x-request-id"


Headers = list[tuple[bytes, bytes]]


def _acceptable(value: bytes) -> bool:
    return 0 < len(value) <= 128 and all(33 <= byte < 127 for byte in value)


def editing_headers(send: Send, edit: Callable[[Headers], Headers]) -> Send:
    """`send`, with the response's headers passed through `edit` first."""

    async def edited(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = edit(list(message.get("headers", [])))
        await send(message)

    return edited


class HttpMiddleware:
    """Middleware for HTTP requests only: other scopes (lifespan) pass straight through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class RequestIdMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        given = dict(scope["headers"]).get(HEADER, b"")
        request_id = given if _acceptable(given) else f"req_{secrets.token_hex(12)}".encode()
        state = scope.setdefault("state", {})
        state["request_id"] = request_id.decode()
        state["received_at"] = utc_now()  # the request's clock, for what it answers
        await self.app(scope, receive, editing_headers(send, lambda h: [*h, (HEADER, request_id)]))


# Every response: no MIME sniffing. HTML that sets no policy of its own (the API docs) may
# still not be framed; the hosted pages send their stricter policy (hosted.endpoints).
_ALWAYS = [(b"x-content-type-options", b"nosniff")]
_HTML_DEFAULTS = [
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
]


def _with_security_headers(headers: Headers) -> Headers:
    names = {name.lower() for name, _ in headers}
    added = [pair for pair in _ALWAYS if pair[0] not in names]
    content_type = dict((name.lower(), value) for name, value in headers).get(b"content-type", b"")
    if content_type.startswith(b"text/html"):
        added += [pair for pair in _HTML_DEFAULTS if pair[0] not in names]
    return [*headers, *added]


class SecurityHeadersMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, editing_headers(send, _with_security_headers))


def received_at(request: Request) -> datetime:
    """When the request arrived (stamped by `RequestIdMiddleware`): the clock of its answer."""
    stamped = getattr(request.state, "received_at", None)
    return stamped if isinstance(stamped, datetime) else utc_now()
