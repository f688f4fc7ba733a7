"""Fixtures for webhook tests: a loopback receiver and a worker running in the test's loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from remit.runtime import Runtime
from remit.worker.runner import Worker
from tests.support import TenantApi, expect
from tests.webhooks.receiver import Receiver, running_receiver


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with running_receiver() as running:
        yield running


@pytest.fixture
async def worker(runtime: Runtime) -> AsyncIterator[Worker]:
    stop = asyncio.Event()
    running = Worker(runtime)
    task = asyncio.create_task(running.run(stop))
    yield running
    stop.set()
    await task


async def add_endpoint(api: TenantApi, url: str, events: list[str] | None = None) -> dict:
    body = {"url": url} | ({"events": events} if events is not None else {})
    return expect(await api.post("/v1/webhook_endpoints", body), 201)


async def deliveries(api: TenantApi, endpoint_id: str) -> list[dict]:
    listed = await api.get(f"/v1/webhook_endpoints/{endpoint_id}/deliveries", params={"limit": 100})
    return expect(listed, 200)["data"]
