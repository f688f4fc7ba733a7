"""ASGI middleware: a request id on every request and response (`X-Request-Id`).

A caller's own id is kept when it is sensible (printable, ≤128 characters), so logs and
events can be matched with the caller's; otherwise remit makes one.
"""

from __future__ import annotations

import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = b"x-request-id"


def _acceptable(value: bytes) -> bool:
    return 0 < len(value) <= 128 and all(33 <= byte < 127 for byte in value)


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(HEADER, b"")
        request_id = given if _acceptable(given) else f"req_{secrets.token_hex(12)}".encode()
        scope.setdefault("state", {})["request_id"] = request_id.decode()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (HEADER, request_id)]
            await send(message)

        await self.app(scope, receive, send_with_id)


# Every response: no MIME sniffing. HTML that sets no policy of its own (the API docs) may
# still not be framed; the hosted pages send their stricter policy (hosted.endpoints).
_ALWAYS = [(b"x-content-type-options", b"nosniff")]
_HTML_DEFAULTS = [
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
]


def _with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    names = {name.lower() for name, _ in headers}
    added = [pair for pair in _ALWAYS if pair[0] not in names]
    content_type = dict((name.lower(), value) for name, value in headers).get(b"content-type", b"")
    if content_type.startswith(b"text/html"):
        added += [pair for pair in _HTML_DEFAULTS if pair[0] not in names]
    return [*headers, *added]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _with_security_headers(list(message.get("headers", [])))
            await send(message)

        await self.app(scope, receive, send_with_headers)
