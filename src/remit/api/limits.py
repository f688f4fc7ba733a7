"""ASGI middleware bounding what one request may cost: its body's size (413), how slowly the
client may send it (408), and how long remit may take to answer (503 + Retry-After).

The body is read here, whole, before the app sees the request: a body over the limit is
refused before any of it is parsed, and a client that trickles bytes (a slow-loris) holds
no database connection while it does. Every refusal is a problem+json body.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from remit.api.middleware import HttpMiddleware
from remit.kernel import jsonio
from remit.kernel.problems import Problem, ServiceUnavailable

log = logging.getLogger("remit.api")


class PayloadTooLarge(Problem):
    status, code, title = 413, "payload_too_large", "The request body is too large"


class RequestTimeout(Problem):
    status, code, title = 408, "request_timeout", "The request body arrived too slowly"


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


async def send_problem(send: Send, problem: Problem) -> None:
    body = jsonio.dumps(problem.to_dict())
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
        *((name.lower().encode(), value.encode()) for name, value in problem.headers.items()),
    ]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class RequestLimitsMiddleware(HttpMiddleware):
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        body_timeout: float,
        request_timeout: float,
    ) -> None:
        super().__init__(app)
        self.max_body_bytes = max_body_bytes
        self.body_timeout = body_timeout
        self.request_timeout = request_timeout

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            body = await self._read_body(scope, receive)
        except _Refused as refused:
            await send_problem(send, refused.problem)
            return
        if body is None:  # the client went away before its body arrived: nothing to do
            return
        await self._answer(scope, _replay(body, receive), send)

    def _declared_length(self, scope: Scope) -> int | None:
        raw = dict(scope["headers"]).get(b"content-length")
        return int(raw) if raw is not None and raw.isdigit() else None

    def _too_large(self) -> _Refused:
        return _Refused(
            PayloadTooLarge(f"Request bodies are limited to {self.max_body_bytes} bytes.")
        )

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes | None:
        declared = self._declared_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            raise self._too_large()
        chunks, size, more = [], 0, True
        while more:
            try:
                message = await asyncio.wait_for(receive(), self.body_timeout)
            except TimeoutError:
                raise _Refused(
                    RequestTimeout(f"The body must arrive within {self.body_timeout:g} seconds.")
                ) from None
            if message["type"] != "http.request":  # http.disconnect
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise self._too_large()
            chunks.append(chunk)
            more = message.get("more_body", False)
        return b"".join(chunks)

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watch_start(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        deadline = asyncio.timeout(self.request_timeout)
        try:
            async with deadline:
                await self.app(scope, receive, watch_start)
        except TimeoutError:
            if not deadline.expired():
                raise
            log.warning("request timed out: %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await send_problem(
                    send,
                    ServiceUnavailable(
                        f"No answer within {self.request_timeout:g} seconds; retry shortly.",
                        headers={"Retry-After": "1"},
                    ),
                )


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body, already read, as one message; then the client's own (disconnects)."""
    delivered = False

    async def replayed() -> Message:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
