"""Every request counted and timed, and logged in one line; and `GET /metrics`.

Requests are labelled by their route's template (`/v1/invoices/{invoice_id}`, or
`unmatched` when no route answered) and a known method (`other` for the rest): a label
never holds what a caller chose, so a scan of random paths cannot grow the series.

`/metrics` is open unless `REMIT_METRICS_TOKEN` is set; then it takes
`Authorization: Bearer <token>` (docs/operations.md#metrics).
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence

from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from remit.api.middleware import HttpMiddleware
from remit.api.runtime import runtime_of
from remit.kernel.problems import Unauthorized
from remit.observability import metrics
from remit.observability.logformat import CURRENT, RequestLog
from remit.runtime import Runtime

log = logging.getLogger("remit.access")  # logformat.ACCESS_LOGGER: on or off by --access-log

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"
# Figures read when /metrics is scraped (the webhook outbox, say), from the running app.
Probe = Callable[[Runtime], Awaitable[Iterable[Collector]]]


class RequestMetricsMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = RequestLog(scope, time.perf_counter())
        current = CURRENT.set(request)

        async def watched(message: Message) -> None:
            if message["type"] == "http.response.start":
                request.status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watched)
        finally:
            request.finish(request.status or 500)  # no answer: the error middleware's 500
            _record(scope, request)
            CURRENT.reset(current)


def _record(scope: Scope, request: RequestLog) -> None:
    method = scope["method"] if scope["method"] in METHODS else "other"
    route = request.route or UNMATCHED
    metrics.REQUESTS.labels(route, method, str(request.status)).inc()
    metrics.REQUEST_SECONDS.labels(route, method).observe((request.duration_ms or 0) / 1000)
    log.info("%s %s %s %sms", scope["method"], scope["path"], request.status, request.duration_ms)


def endpoint(probes: Sequence[Probe]) -> Callable[[Request], Awaitable[Response]]:
    """The `/metrics` handler: every metric, then what `probes` read now."""

    async def scrape(request: Request) -> Response:
        runtime = runtime_of(request)
        _authorize(request, runtime.settings.metrics_token)
        scraped = [collector for probe in probes for collector in await probe(runtime)]
        return Response(metrics.exposition(scraped), media_type=metrics.CONTENT_TYPE)

    return scrape


def _authorize(request: Request, token: str | None) -> None:
    if token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    matches = hmac.compare_digest(given.strip().encode(), token.encode())
    if scheme.lower() != "bearer" or not matches:
        raise Unauthorized(
            "Send the metrics token (REMIT_METRICS_TOKEN) as `Authorization: Bearer <token>`.",
            headers={"WWW-Authenticate": 'Bearer realm="remit metrics"'},
        )
