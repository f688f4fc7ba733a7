"""OpenTelemetry traces (docs/operations.md, "Tracing"): a span per request with its queries
beneath it, a span per worker job with its queries and its webhook request beneath it, the
trace's ids in the JSON log lines, nothing at all without `OTEL_EXPORTER_OTLP_ENDPOINT`, and
spans that reach a real OTLP/HTTP collector from `remit serve` and `remit worker`."""

from __future__ import annotations

import gzip
import json
import logging
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, format_trace_id

from remit.app import create_app
from remit.config import Settings
from remit.observability import logformat, tracing
from remit.runtime import Runtime
from remit.wiring import build_runtime
from remit.worker.timers import run_timers
from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.conftest import test_settings as settings_for
from tests.processes import cli_json, remit_env, serve, start_worker, stop
from tests.support import TenantApi, create_tenant, expect
from tests.webhooks.conftest import add_endpoint, running_worker
from tests.webhooks.receiver import Receiver, running_receiver

PAST = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()


@pytest.fixture
def exported() -> Iterator[InMemorySpanExporter]:
    """Tracing on, into memory, for the test's length."""
    exporter = InMemorySpanExporter()
    tracing.start(tracing.API, exporter)
    try:
        yield exporter
    finally:
        tracing.stop()


@pytest.fixture
async def traced(
    exported: InMemorySpanExporter, database: MigratedDatabase
) -> AsyncIterator[tuple[Runtime, TenantApi]]:
    """A runtime of its own (its engine is the one instrumented), and its app's client."""
    runtime = build_runtime(settings_for(database.url))
    app = create_app(runtime)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as http:
        yield runtime, await create_tenant(runtime, http)
    await runtime.db.dispose()


@pytest.fixture
def traced_runtime(traced: tuple[Runtime, TenantApi]) -> Runtime:
    return traced[0]


@pytest.fixture
def traced_api(traced: tuple[Runtime, TenantApi]) -> TenantApi:
    return traced[1]


def finished(exporter: InMemorySpanExporter) -> list[ReadableSpan]:
    started = tracing.started()
    assert started is not None
    started.provider.force_flush()
    return list(exporter.get_finished_spans())


def only(spans: list[ReadableSpan], test: Callable[[ReadableSpan], bool]) -> ReadableSpan:
    [found] = [span for span in spans if test(span)]
    return found


def beneath(spans: list[ReadableSpan], top: ReadableSpan) -> list[ReadableSpan]:
    """The spans whose chain of parents leads to `top`."""
    by_id = {span.context.span_id: span for span in spans}
    found = []
    for span in spans:
        parent = span.parent
        while parent is not None and parent.span_id != top.context.span_id:
            above = by_id.get(parent.span_id)
            parent = above.parent if above is not None else None
        if parent is not None:
            found.append(span)
    return found


def queries(spans: list[ReadableSpan]) -> list[ReadableSpan]:
    return [span for span in spans if span.attributes and "db.system" in span.attributes]


@pytest.fixture
async def hook_receiver() -> AsyncIterator[Receiver]:
    async with running_receiver() as running:
        yield running


class TestRequests:
    async def test_a_request_is_a_server_span_named_by_its_route_with_its_queries_beneath(
        self, traced_api: TenantApi, exported: InMemorySpanExporter
    ) -> None:
        customer = await traced_api.customer()
        expect(await traced_api.get(f"/v1/customers/{customer['id']}"), 200)
        spans = finished(exported)
        read = only(spans, lambda span: span.name == "GET /v1/customers/{customer_id}")
        assert read.kind is SpanKind.SERVER and read.attributes is not None
        assert read.attributes["http.route"] == "/v1/customers/{customer_id}"
        assert read.attributes["http.response.status_code"] == 200
        assert read.resource.attributes["service.name"] == "remit-api"
        under = queries(beneath(spans, read))
        assert under, "no query span beneath the request"
        assert any("SELECT" in str(span.attributes) for span in under)

    async def test_a_refused_request_carries_its_status(
        self, traced_api: TenantApi, exported: InMemorySpanExporter
    ) -> None:
        expect(await traced_api.get("/v1/customers/cus_missing"), 404)
        spans = finished(exported)
        read = only(spans, lambda span: span.name == "GET /v1/customers/{customer_id}")
        assert read.attributes is not None
        assert read.attributes["http.response.status_code"] == 404


class TestWorkerJobs:
    async def test_a_timer_firing_is_a_job_span_with_its_queries_beneath(
        self, traced_api: TenantApi, traced_runtime: Runtime, exported: InMemorySpanExporter
    ) -> None:
        overdue = await traced_api.open_invoice(due_at=PAST)
        exported.clear()
        await run_timers(traced_runtime)
        spans = finished(exported)
        job = only(
            spans,
            lambda span: (
                span.name == "remit.worker.timer.past_due"
                and (span.attributes or {}).get("remit.object_id") == overdue["id"]
            ),
        )
        assert job.parent is None and job.attributes is not None
        assert job.attributes["remit.account"] == traced_api.account_id
        assert job.attributes["remit.mode"] == "test"
        assert job.attributes["remit.outcome"] == "changed"
        assert any("UPDATE" in str(span.attributes) for span in queries(beneath(spans, job)))

    async def test_the_scans_for_work_make_no_traces_of_their_own(
        self, traced_runtime: Runtime, exported: InMemorySpanExporter
    ) -> None:
        exported.clear()
        await run_timers(traced_runtime)  # three scans, whatever they find
        assert not [span for span in finished(exported) if span.parent is None and
                    span.kind is SpanKind.CLIENT]  # fmt: skip

    async def test_a_webhook_delivery_is_a_job_span_with_its_request_beneath(
        self,
        traced_api: TenantApi,
        traced_runtime: Runtime,
        exported: InMemorySpanExporter,
        hook_receiver: Receiver,
    ) -> None:
        receiver = hook_receiver
        endpoint = await add_endpoint(traced_api, receiver.plan("/hook") + "?token=kept-secret")
        await traced_api.customer()

        def ours(span: ReadableSpan) -> bool:  # the worker also works other tests' accounts
            account = (span.attributes or {}).get("remit.account")
            return span.name == "remit.worker.webhook_delivery" and account == traced_api.account_id

        async with running_worker(traced_runtime):
            await receiver.wait_for(lambda: receiver.received["/hook"])
            deadline = time.monotonic() + 10
            while not [span for span in finished(exported) if ours(span)]:
                assert time.monotonic() < deadline, "no delivery span"
                await receiver.wait_for(lambda: True)
        spans = finished(exported)
        job = only(spans, ours)
        assert job.attributes is not None
        assert str(job.attributes["remit.object_id"]).startswith("whd_")
        assert job.attributes["remit.attempt"] == 1
        assert job.attributes["remit.outcome"] == "succeeded"
        sent = only(beneath(spans, job), lambda span: span.kind is SpanKind.CLIENT)
        assert sent.attributes is not None and "kept-secret" not in str(sent.attributes)
        status = sent.attributes.get("http.response.status_code")  # OTEL_SEMCONV_STABILITY_OPT_IN
        assert (status or sent.attributes.get("http.status_code")) == 200
        # the receiver may join the trace
        [received] = receiver.received["/hook"]
        assert format_trace_id(job.context.trace_id) in received.headers["traceparent"]
        assert endpoint["url"].endswith("?token=kept-secret")


class TestLogLines:
    async def test_a_request_s_log_line_carries_its_trace_and_span(
        self, traced_api: TenantApi, exported: InMemorySpanExporter
    ) -> None:
        lines = _JsonLines()
        access = logging.getLogger(logformat.ACCESS_LOGGER)
        level = access.level
        access.addHandler(lines)
        access.setLevel(logging.INFO)
        try:
            expect(await traced_api.get("/v1/customers", headers={"X-Request-Id": "traced-1"}), 200)
        finally:
            access.removeHandler(lines)
            access.setLevel(level)
        [line] = [line for line in lines.lines if line["request_id"] == "traced-1"]
        listed = only(finished(exported), lambda span: span.name == "GET /v1/customers")
        assert line["trace_id"] == format_trace_id(listed.context.trace_id)
        assert len(line["span_id"]) == 16

    def test_outside_a_span_the_ids_are_null(self, exported: InMemorySpanExporter) -> None:
        lines = _JsonLines()
        logged = logging.getLogger("remit.test.tracing")
        logged.addHandler(lines)
        try:
            logged.warning("no span here")
            with tracing.job("example", account="acct_1", livemode=True):
                logged.warning("in a job")
        finally:
            logged.removeHandler(lines)
        outside, inside = lines.lines
        assert outside["trace_id"] is None and outside["span_id"] is None
        job = only(finished(exported), lambda span: span.name == "remit.worker.example")
        assert inside["trace_id"] == format_trace_id(job.context.trace_id)
        assert job.attributes is not None and job.attributes["remit.mode"] == "live"


class _JsonLines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logformat.JsonFormatter())
        self.lines: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


class TestOff:
    def test_without_an_endpoint_there_is_no_tracing(self) -> None:
        assert Settings.from_env({}).otlp_endpoint is None
        for disabled in ({"OTEL_SDK_DISABLED": "true"}, {"OTEL_TRACES_EXPORTER": "none"}):
            environ = {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318", **disabled}
            assert Settings.from_env(environ).otlp_endpoint is None
        traces_only = {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector/v1/traces"}
        assert Settings.from_env(traces_only).otlp_endpoint == "http://collector/v1/traces"

    async def test_an_app_without_an_endpoint_installs_nothing(self, runtime: Runtime) -> None:
        assert tracing.started() is None
        assert tracing.install(runtime.settings, runtime.db.engine, tracing.API) is None
        assert tracing.started() is None
        with tracing.job("example", account="acct_1") as span:
            span.outcome("done")  # does nothing, and costs nothing

    def test_the_sdk_is_never_imported_without_an_endpoint(self, tmp_path: Path) -> None:
        program = (
            "import sys\n"
            "from remit.app import create_app\n"
            "from remit.config import Settings\n"
            "from remit.wiring import build_runtime\n"
            "from remit.worker import runner\n"
            "create_app(build_runtime(Settings.from_env()))\n"
            "loaded = ('opentelemetry.sdk', 'opentelemetry.instrumentation', "
            "'opentelemetry.exporter', 'remit.observability.otel')\n"
            "print(sorted(m for m in sys.modules if m.startswith(loaded)))\n"
        )
        env = remit_env(f"sqlite+aiosqlite:///{tmp_path}/remit.db", TEST_SECRET)
        env = {key: value for key, value in env.items() if not key.startswith("OTEL_")}
        done = subprocess.run(
            [sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "[]"


class Collector:
    """An OTLP/HTTP collector on loopback: keeps every span POSTed to /v1/traces."""

    def __init__(self) -> None:
        self.requests: list[ExportTraceServiceRequest] = []
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                if self.path == "/v1/traces":
                    collector.requests.append(ExportTraceServiceRequest.FromString(body))
                self.send_response(200 if self.path == "/v1/traces" else 404)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def spans(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(service, span name, attributes) of every span received."""
        found = []
        for request in list(self.requests):
            for resource_spans in request.resource_spans:
                resource = _attributes(resource_spans.resource.attributes)
                for scope_spans in resource_spans.scope_spans:
                    for span in scope_spans.spans:
                        attributes = _attributes(span.attributes)
                        found.append((resource["service.name"], span.name, attributes))
        return found

    def wait_for(self, condition: Callable[[], bool], seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, f"spans never arrived: {self.spans()}"
            time.sleep(0.1)


def _attributes(pairs: Any) -> dict[str, Any]:
    return {pair.key: getattr(pair.value, pair.value.WhichOneof("value")) for pair in pairs}


@pytest.fixture
def collector() -> Iterator[Collector]:
    running = Collector()
    thread = threading.Thread(target=running.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.server.shutdown()
        running.server.server_close()


@pytest.mark.processes
@pytest.mark.slow
class TestExport:
    def test_remit_serve_sends_its_request_spans_to_the_endpoint(
        self, database: MigratedDatabase, tmp_path: Path, collector: Collector
    ) -> None:
        env = _traced_env(database, collector)
        key = cli_json("accounts", "create", "--name", "Traced", "--json", env=env)["api_key"]
        with serve(env, tmp_path, extra_args=["--no-worker"]) as server:
            auth = {"Authorization": f"Bearer {key}"}
            assert httpx.get(f"{server.url}/v1/customers", headers=auth).status_code == 200
            collector.wait_for(lambda: ("remit-api", "GET /v1/customers") in _named(collector))
        [listed] = [s for s in collector.spans() if s[1] == "GET /v1/customers"]
        assert listed[2]["http.route"] == "/v1/customers"
        assert listed[2]["http.response.status_code"] == 200

    async def test_remit_worker_sends_its_job_spans_to_the_endpoint(
        self, api: TenantApi, database: MigratedDatabase, tmp_path: Path, collector: Collector
    ) -> None:
        overdue = await api.open_invoice(due_at=PAST)
        worker = start_worker(_traced_env(database, collector), tmp_path)
        job = ("remit-worker", "remit.worker.timer.past_due")
        try:
            collector.wait_for(lambda: job in _named(collector))
        except AssertionError:
            raise AssertionError(f"the worker said:\n{_logs(tmp_path)}") from None
        finally:
            stop(worker)
        fired = [s[2] for s in collector.spans() if s[1] == job[1]]
        assert {"remit.object_id": overdue["id"], "remit.account": api.account_id,
                "remit.outcome": "changed"}.items() <= fired[0].items()  # fmt: skip


def _traced_env(database: MigratedDatabase, collector: Collector) -> dict[str, str]:
    env = remit_env(database.url, TEST_SECRET, REMIT_LOG_FORMAT="json")
    env = {key: value for key, value in env.items() if not key.startswith("OTEL_")}
    return env | {
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.url,
        "OTEL_BSP_SCHEDULE_DELAY": "100",  # export every 0.1 s, not every 5 s
        "REMIT_WORKER_POLL_SECONDS": "0.2",
    }


def _logs(directory: Path) -> str:
    return "".join(log.read_text() for log in directory.glob("worker-*.log"))


def _named(collector: Collector) -> set[tuple[str, str]]:
    return {(service, name) for service, name, _ in collector.spans()}
