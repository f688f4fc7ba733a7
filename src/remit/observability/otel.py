"""The OpenTelemetry SDK as remit sets it up: imported only once tracing starts
(`observability.tracing`), so that a remit without `OTEL_EXPORTER_OTLP_ENDPOINT` never loads it.

One tracer provider per process, named `remit-api` or `remit-worker` unless
`OTEL_SERVICE_NAME` (or `service.name` in `OTEL_RESOURCE_ATTRIBUTES`) says otherwise, with
the sampler `OTEL_TRACES_SAMPLER` chooses and a batch processor in front of the exporter
(OTLP over HTTP with protobuf, configured by the standard `OTEL_EXPORTER_OTLP_*` variables).
Instrumented: the database engines (a span per query) and aiohttp (a span per webhook sent);
FastAPI traces requests itself, given the provider.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import yarl
from fastapi.telemetry import TelemetryConfig
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.aiohttp_client import AioHttpClientInstrumentor
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult
from opentelemetry.trace import Link, Span, SpanKind, format_span_id, format_trace_id
from opentelemetry.trace.span import TraceState
from opentelemetry.util.types import Attributes
from sqlalchemy.ext.asyncio import AsyncEngine


class Tracing:
    """This process's traces: the provider, what it instruments, and the worker's job spans."""

    def __init__(self, service: str, exporter: SpanExporter) -> None:
        self.provider = TracerProvider(resource=_resource(service))
        self.provider.sampler = WithinWork(self.provider.sampler)  # before any tracer is made
        self.provider.add_span_processor(BatchSpanProcessor(exporter))
        self.tracer = self.provider.get_tracer("remit.worker")
        self.engines: list[AsyncEngine] = []
        self._unstamp = _stamp_log_records()
        AioHttpClientInstrumentor().instrument(
            tracer_provider=self.provider, url_filter=_without_query
        )

    def telemetry(self) -> TelemetryConfig:
        """FastAPI's own tracing of requests, into this provider (remit's metrics are
        Prometheus's, its logs the standard library's: FastAPI's are left off)."""
        return {"tracer_provider": self.provider, "metrics": False, "logs": False}

    def instrument(self, engine: AsyncEngine) -> None:
        """A span per query on `engine` (the instrumentation holds one list of engines: it is
        made again with each new one)."""
        if engine in self.engines:
            return
        self.engines.append(engine)
        sqlalchemy = SQLAlchemyInstrumentor()
        _uninstrument(sqlalchemy)
        # Its declared range stops below SQLAlchemy 2.1, whose events it uses unchanged.
        sqlalchemy.instrument(
            engines=[known.sync_engine for known in self.engines],
            tracer_provider=self.provider,
            skip_dep_check=True,
        )

    @contextmanager
    def job(self, kind: str, attributes: dict[str, Any]) -> Iterator[JobSpan]:
        with self.tracer.start_as_current_span(
            f"remit.worker.{kind}", attributes=attributes
        ) as span:
            try:
                yield JobSpan(span)
            except Exception:
                span.set_attribute("remit.outcome", "error")
                raise

    def stop(self) -> None:
        """Export what is left, and take every hook out again."""
        self.provider.shutdown()
        _uninstrument(SQLAlchemyInstrumentor())
        _uninstrument(AioHttpClientInstrumentor())
        self._unstamp()


class JobSpan:
    def __init__(self, span: Span) -> None:
        self.span = span

    def outcome(self, value: str) -> None:
        self.span.set_attribute("remit.outcome", value)


def tracing(service: str, exporter: SpanExporter | None) -> Tracing:
    """Traces into `exporter`; by default over OTLP/HTTP, where
    `OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT` points, through the process's global provider
    (so that libraries that trace through it, a processor plug-in, join remit's traces)."""
    if exporter is not None:
        return Tracing(service, exporter)
    started = Tracing(service, OTLPSpanExporter())
    trace.set_tracer_provider(started.provider)
    return started


class WithinWork(Sampler):
    """Queries and outgoing requests are traced inside a request or a job, never on their
    own: the worker looks for work every second, and each look would be traces of its own."""

    def __init__(self, chosen: Sampler) -> None:
        self.chosen = chosen

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        parent = trace.get_current_span(parent_context).get_span_context()
        if kind is SpanKind.CLIENT and not parent.is_valid:
            return SamplingResult(Decision.DROP)
        return self.chosen.should_sample(
            parent_context, trace_id, name, kind, attributes, links, trace_state
        )

    def get_description(self) -> str:
        return f"WithinWork{{{self.chosen.get_description()}}}"


def _uninstrument(instrumentor: Any) -> None:  # BaseInstrumentor, which is untyped
    if instrumentor.is_instrumented_by_opentelemetry:
        instrumentor.uninstrument()


def _resource(service: str) -> Resource:
    """`service` unless the environment names the service (`OTEL_SERVICE_NAME`, or
    `service.name` in `OTEL_RESOURCE_ATTRIBUTES`)."""
    detected = Resource.create()
    if str(detected.attributes.get(SERVICE_NAME, "")).startswith("unknown_service"):
        return Resource.create({SERVICE_NAME: service})
    return detected


def _without_query(url: yarl.URL) -> str:
    """A webhook endpoint's URL as spans show it: an account may put a token in its query."""
    return str(url.with_user(None).with_query(None).with_fragment(None))


def _stamp_log_records() -> Callable[[], None]:
    """Every log record made inside a span carries its ids (`trace_id`, `span_id`), which
    the JSON log lines show (`logformat`); the answer takes the stamp off again."""
    previous = logging.getLogRecordFactory()

    def stamped(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        context = trace.get_current_span().get_span_context()
        if context.is_valid:
            record.trace_id = format_trace_id(context.trace_id)
            record.span_id = format_span_id(context.span_id)
        return record

    logging.setLogRecordFactory(stamped)

    def unstamp() -> None:
        if logging.getLogRecordFactory() is stamped:
            logging.setLogRecordFactory(previous)

    return unstamp
