"""remit's Prometheus metrics, one definition each, and their exposition.

Under `remit serve --workers N` every process counts into its own files in
`PROMETHEUS_MULTIPROC_DIR` (prometheus-client's multiprocess mode, chosen when the variable
is set before the client is imported: `serve` sets it before it starts the processes), and
whichever process answers `/metrics` adds them all up. Gauges of a process's own state (its
connection pool) are summed over the live processes. Figures that are the database's, not a
process's (the webhook outbox), are read at scrape time by the one that answers.

Labels never carry ids: a request is labelled by its route's template
(`/v1/invoices/{invoice_id}`), never its path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
# The classic text format, which every Prometheus reads (remit's names need no escaping).
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4

REQUESTS = Counter(
    "remit_http_requests",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
REQUEST_SECONDS = Histogram(
    "remit_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
POOL_IN_USE = Gauge(
    "remit_db_pool_connections_in_use",
    "Database connections checked out of the pools of the live processes.",
    multiprocess_mode="livesum",
)
POOL_CAPACITY = Gauge(
    "remit_db_pool_connections_max",
    "Connections the pools of the live processes may open (size plus overflow).",
    multiprocess_mode="livesum",
)
POOL_WAITS = Counter(
    "remit_db_pool_waits",
    "Connection checkouts that found the pool exhausted and waited for a connection.",
)
POOL_WAIT_SECONDS = Histogram(
    "remit_db_pool_wait_seconds",
    "How long a checkout that found the pool exhausted waited.",
    buckets=(0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
DELIVERIES = Counter(
    "remit_webhook_deliveries",
    "Webhook delivery attempts recorded, by outcome: succeeded, retrying (due again "
    "later) or failed (the retry window is over).",
    ["outcome"],
)
CHARGES = Counter(
    "remit_charges",
    "Charges whose processor answer was recorded, by outcome: succeeded, failed, or "
    "pending (also when the processor's answer is not known yet).",
    ["outcome"],
)
WORKER_LAG = Histogram(
    "remit_worker_lag_seconds",
    "How long after it was due a worker claimed a webhook delivery.",
    buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600),
)
IDEMPOTENCY_REPLAYS = Counter(
    "remit_idempotency_replays",
    "Requests answered with the stored response of an earlier one (Idempotency-Key).",
)


def multiprocess_mode() -> bool:
    return bool(os.environ.get(MULTIPROCESS_DIR))


def exposition(scraped: Iterable[Collector] = ()) -> bytes:
    """Every metric in the text format: this process's (or, in multiprocess mode, every
    process's, added up), then what `scraped` reads now."""
    if multiprocess_mode():
        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)
    else:
        counted = REGISTRY
    now = CollectorRegistry(auto_describe=False)
    for collector in scraped:
        now.register(collector)
    return generate_latest(counted) + generate_latest(now)


def process_exited(pid: int) -> None:
    """Forget an exited process's live gauges (its counters are kept: they still count)."""
    if multiprocess_mode():
        multiprocess.mark_process_dead(pid)


class Figures(Collector):
    """Gauges read at scrape time, given as name → (help, value)."""

    def __init__(self, figures: dict[str, tuple[str, float]]) -> None:
        self.figures = figures

    def collect(self) -> Iterable[Metric]:
        for name, (documentation, value) in self.figures.items():
            yield GaugeMetricFamily(name, documentation, value=value)
