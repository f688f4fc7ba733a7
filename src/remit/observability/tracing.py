"""Traces, when the operator asks for them with `OTEL_EXPORTER_OTLP_ENDPOINT`
(docs/operations.md): a span per request (FastAPI's own, named by the route's template), per
query, per webhook sent, and per unit of the worker's work (`remit.worker.<kind>`, with
`remit.account`, `remit.mode`, `remit.object_id`, `remit.attempt` and `remit.outcome`),
exported over OTLP/HTTP; and the trace's ids in the JSON log lines.

Without the variable this module is all there is: nothing of the SDK is imported, and a job
span is a context manager that does nothing. The SDK's set-up is `observability.otel`.
One process traces into one provider, as it logs through one configuration.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from remit.config import Settings

if TYPE_CHECKING:  # the SDK is imported when tracing starts, never before
    from fastapi.telemetry import TelemetryConfig
    from opentelemetry.sdk.trace.export import SpanExporter

    from remit.observability.otel import Tracing

API = "remit-api"  # the service's default names (OTEL_SERVICE_NAME overrides them)
WORKER = "remit-worker"

_started: Tracing | None = None


def install(settings: Settings, engine: AsyncEngine, service: str) -> TelemetryConfig | None:
    """Trace this process, queries on `engine` included, if the settings ask for it or
    tracing has started already (`start`). The answer is FastAPI's telemetry configuration,
    None when there are no traces."""
    if _started is None:
        if settings.otlp_endpoint is None:
            return None
        start(service)
    assert _started is not None
    _started.instrument(engine)
    return _started.telemetry()


def start(service: str, exporter: SpanExporter | None = None) -> Tracing:
    """Trace this process from now on, into `exporter` (a test's) or by default over OTLP."""
    global _started
    from remit.observability import otel  # the one import of the SDK, on first use

    stop()
    _started = otel.tracing(service, exporter)
    return _started


def stop() -> None:
    """Export the spans still held, and trace no more."""
    global _started
    if _started is not None:
        _started.stop()
        _started = None


def started() -> Tracing | None:
    return _started


class JobSpan(Protocol):
    def outcome(self, value: str) -> None: ...


class _Untraced:
    def outcome(self, value: str) -> None:
        pass


UNTRACED = _Untraced()


@contextmanager
def job(
    kind: str,
    *,
    account: str | None = None,
    livemode: bool | None = None,
    object_id: str | None = None,
    attempt: int | None = None,
) -> Iterator[JobSpan]:
    """The span of one unit of the worker's work, `remit.worker.<kind>`; its outcome is
    set through the answer (`error` when it raises)."""
    if _started is None:
        yield UNTRACED
        return
    mode = None if livemode is None else "live" if livemode else "test"
    attributes: dict[str, Any] = {
        "remit.account": account, "remit.mode": mode, "remit.object_id": object_id,
        "remit.attempt": attempt,
    }  # fmt: skip
    known = {key: value for key, value in attributes.items() if value is not None}
    with _started.job(kind, known) as span:
        yield span


async def counted(
    kind: str,
    work: Awaitable[int],
    account: str,
    livemode: bool,
    object_id: str,
    *,
    outcomes: tuple[str, str] = ("nothing_done", "done"),
) -> int:
    """Await a job that answers how many things it did, in its span: its outcome is
    `outcomes[1]` when it did something, `outcomes[0]` when not."""
    with job(kind, account=account, livemode=livemode, object_id=object_id) as span:
        done = await work
        span.outcome(outcomes[bool(done)])
        return done
