"""The worker's purge of idempotency records: a key replays for
`REMIT_IDEMPOTENCY_RETENTION_HOURS` (24 by default, as Stripe's), and its record, stored
response included, is deleted after that (docs/reliability.md). Requests already ignore an
expired record, so how soon the purge comes after only bounds how long rows linger.
"""

from __future__ import annotations

import time
from datetime import timedelta

from remit.context import utc_now
from remit.idempotency.repository import purge_older_than
from remit.observability import tracing
from remit.runtime import Runtime

BATCH = 1000  # records a transaction deletes: each holds the writer briefly
EVERY_SECONDS = 600.0  # how often a worker purges


async def purge_idempotency_records(runtime: Runtime) -> int:
    """Delete every record older than the retention, in batches; returns how many."""
    cutoff = utc_now() - timedelta(hours=runtime.settings.idempotency_retention_hours)
    purged = 0
    while True:
        async with runtime.db.write() as session:
            deleted = await purge_older_than(session, cutoff, BATCH)
        purged += deleted
        if deleted < BATCH:
            return purged


class Purges:
    """The purge, at most once per `EVERY_SECONDS` (the first time at once)."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._next = 0.0

    async def run_if_due(self) -> int:
        now = time.monotonic()
        if now < self._next:
            return 0
        self._next = now + EVERY_SECONDS
        with tracing.job("idempotency_purge") as span:
            purged = await purge_idempotency_records(self.runtime)
            span.outcome("done" if purged else "nothing_done")
        return purged
