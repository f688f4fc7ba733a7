"""Fixtures for webhook tests: a loopback receiver and a worker running in the test's loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from remit.runtime import Runtime
from remit.worker import deliveries as delivery_steps
from remit.worker.runner import Worker
from tests.support import TenantApi, expect
from tests.webhooks.receiver import Receiver, running_receiver


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with running_receiver() as running:
        yield running


@pytest.fixture
async def worker(runtime: Runtime) -> AsyncIterator[Worker]:
    async with running_worker(runtime) as running:
        yield running


@asynccontextmanager
async def running_worker(runtime: Runtime) -> AsyncIterator[Worker]:
    stop = asyncio.Event()
    running = Worker(runtime)
    task = asyncio.create_task(running.run(stop))
    try:
        yield running
    finally:
        stop.set()
        await task


async def add_endpoint(api: TenantApi, url: str, events: list[str] | None = None) -> dict:
    body = {"url": url} | ({"events": events} if events is not None else {})
    return expect(await api.post("/v1/webhook_endpoints", body), 201)


async def deliveries(api: TenantApi, endpoint_id: str) -> list[dict]:
    listed = await api.get(f"/v1/webhook_endpoints/{endpoint_id}/deliveries", params={"limit": 100})
    return expect(listed, 200)["data"]


async def send_due(runtime: Runtime, account_id: str) -> int:
    """One worker round, by hand: claim what is due, send it, record the outcome. Returns how
    many of the sends were the account's (the database is shared with other tests)."""
    jobs = await delivery_steps.claim(runtime, "test-worker", 100)
    async with delivery_steps.http_client(runtime.settings) as http:
        for job in jobs:
            outcome = await delivery_steps.send(http, runtime, job)
            await delivery_steps.record(runtime, [(job, outcome)], "test-worker")
    return sum(job.account_id == account_id for job in jobs)


# IPv6 addresses that carry an internal IPv4 address, which the guard must read and refuse.
EMBEDDED_INTERNAL = {
    "ipv4-compatible": "::127.0.0.1",
    "ipv4-translated": "::ffff:0:7f00:1",
    "ipv4-mapped": "::ffff:127.0.0.1",
    "nat64": "64:ff9b::7f00:1",
    "nat64-metadata": "64:ff9b::a9fe:a9fe",  # 169.254.169.254
    "nat64-local-use": "64:ff9b:1::a00:1",  # 10.0.0.1
    "6to4": "2002:7f00:1::1",
    "teredo": "2001:0:4136:e378:8000:63bf:80ff:fffe",  # client 127.0.0.1 (bits inverted)
}
