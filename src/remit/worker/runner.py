"""The worker: two loops side by side. One keeps up to `REMIT_WORKER_CONCURRENCY`
deliveries in flight and sleeps until woken (or the poll interval passes); the other fires
invoice timers, at once again while there is a backlog. Runs as `remit worker`, and inside
`remit serve` unless `--no-worker`. Any number may run against one database.

Deliveries run as independent tasks: a slow or hanging receiver occupies one slot until its
timeout, while the loop keeps claiming work for every other endpoint; a backlog of timers
never holds up deliveries either. Finished attempts are recorded in batches
(`worker.batches`): many attempts, one transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Awaitable
from typing import TypeVar

import aiohttp
from sqlalchemy.exc import DBAPIError

from remit.observability import tracing
from remit.runtime import Runtime
from remit.worker import deliveries
from remit.worker.batches import Batcher
from remit.worker.billing import run_billing
from remit.worker.clocks import run_clocks
from remit.worker.payments import run_payments
from remit.worker.purge import Purges
from remit.worker.refunds import run_refunds
from remit.worker.timers import run_timers
from remit.worker.wakeup import Wakeup, listen

T = TypeVar("T")

log = logging.getLogger("remit.worker")


class Worker:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.id = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.wakeup = Wakeup()  # deliveries
        self.timer_wakeup = Wakeup()  # charges due now (a finalization) and timers
        self.purges = Purges(runtime)  # expired idempotency records, every few minutes
        self._inflight: set[asyncio.Task[None]] = set()
        self._finished: Batcher[tuple[deliveries.Job, deliveries.Outcome]] = Batcher(
            lambda results: deliveries.record(runtime, results, self.id)
        )

    async def run(self, stop: asyncio.Event) -> None:
        settings = self.runtime.settings
        wake = self._wake_all
        self.runtime.db.wakeups.append(wake)
        listener = None
        if not self.runtime.db.is_sqlite:
            listener = asyncio.create_task(listen(settings.database_url, wake, stop))
        log.info("worker %s started", self.id)
        timers = asyncio.create_task(self._timers(stop))
        try:
            async with deliveries.http_client(settings) as http:
                while not stop.is_set():
                    await self._guarded(self._claim_and_send(http))
                    await _first(stop.wait(), self.wakeup.wait(settings.worker_poll_seconds))
                await self._drain()
            await timers
        finally:
            timers.cancel()
            self.runtime.db.wakeups.remove(wake)
            if listener is not None:
                listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listener
            log.info("worker %s stopped", self.id)

    async def _timers(self, stop: asyncio.Event) -> None:
        """Invoice timers, subscription billing runs and payments, at once again while there
        is a backlog; and the purge of expired idempotency records when it is due."""
        while not stop.is_set():
            changed = await self._guarded(run_timers(self.runtime)) or 0
            changed += await self._guarded(run_billing(self.runtime)) or 0
            changed += await self._guarded(run_payments(self.runtime)) or 0
            changed += await self._guarded(run_refunds(self.runtime)) or 0
            changed += await self._guarded(run_clocks(self.runtime, self.id)) or 0
            await self._guarded(self.purges.run_if_due())
            if not changed:
                await _first(
                    stop.wait(), self.timer_wakeup.wait(self.runtime.settings.worker_poll_seconds)
                )

    async def _guarded(self, work: Awaitable[T]) -> T | None:
        try:
            return await work
        except (DBAPIError, OSError) as exc:  # the database is away: try again next round
            log.warning("worker round failed: %s", exc.__class__.__name__)
        except Exception:  # a bug must not stop the worker; it is logged with its traceback
            log.exception("worker round failed")
        return None

    async def _claim_and_send(self, http: aiohttp.ClientSession) -> None:
        room = self.runtime.settings.worker_concurrency - len(self._inflight)
        if room <= 0:
            return
        jobs = await deliveries.claim(self.runtime, self.id, room)
        for job in jobs:
            task = asyncio.create_task(self._deliver(http, job))
            self._inflight.add(task)
            task.add_done_callback(self._done)
        if len(jobs) == room:
            self.wakeup.set()  # there may be more: look again at once

    def _wake_all(self) -> None:
        self.wakeup.set()
        self.timer_wakeup.set()

    def _done(self, task: asyncio.Task[None]) -> None:
        self._inflight.discard(task)
        self.wakeup.set()  # the endpoint's next delivery may now be eligible
        if not task.cancelled() and task.exception() is not None:
            log.error("delivery task failed", exc_info=task.exception())

    async def _deliver(self, http: aiohttp.ClientSession, job: deliveries.Job) -> None:
        with tracing.job(
            "webhook_delivery", account=job.account_id, livemode=job.livemode,
            object_id=job.delivery_id, attempt=job.attempt_count + 1,
        ) as span:  # fmt: skip
            outcome = await deliveries.send(http, self.runtime, job)
            span.outcome("succeeded" if outcome.ok else "failed")
        await self._finished.add((job, outcome))

    async def _drain(self) -> None:
        if self._inflight:
            await asyncio.wait(
                self._inflight, timeout=self.runtime.settings.webhook_timeout_seconds + 5
            )


async def _first(*waits: Awaitable[object]) -> None:
    tasks = [asyncio.ensure_future(wait) for wait in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def deliver_now(runtime: Runtime, delivery_id: str) -> deliveries.Outcome | None:
    """Send one delivery immediately (the `remit webhooks test` ping), out of order."""
    worker_id = f"cli:{os.getpid()}"
    jobs = await deliveries.claim(runtime, worker_id, 1, delivery_id=delivery_id)
    if not jobs:
        return None
    async with deliveries.http_client(runtime.settings) as http:
        outcome = await deliveries.send(http, runtime, jobs[0])
    await deliveries.record(runtime, [(jobs[0], outcome)], worker_id)
    return outcome
