"""Workers as real processes (SPEC §7): killed mid-delivery they lose nothing; several at
once never send one delivery twice at the same time, and fire each timer once."""

from __future__ import annotations

import asyncio
import signal
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import cli_json, remit_env, run_cli, serve, start_worker, stop
from tests.support import TenantApi, event_types
from tests.webhooks.conftest import add_endpoint
from tests.webhooks.receiver import Receiver, running_receiver

pytestmark = [pytest.mark.processes, pytest.mark.slow]

PATHS = ("/a", "/b", "/c")


@pytest.fixture
def env(database: MigratedDatabase) -> dict[str, str]:
    return remit_env(
        database.url,
        TEST_SECRET,
        REMIT_WEBHOOK_ALLOW_PRIVATE="1",
        REMIT_WEBHOOK_TIMEOUT_SECONDS="1",  # so a dead worker's lease ends after 7 s
        REMIT_WEBHOOK_RETRY_BASE_SECONDS="0.2",
        REMIT_WORKER_POLL_SECONDS="0.2",
    )


@pytest.fixture
async def receiver():  # type: ignore[no-untyped-def]
    async with running_receiver() as running:
        yield running


async def _fan_out(api: TenantApi, receiver: Receiver, customers: int) -> set[tuple[str, str]]:
    """Endpoints on PATHS for customer.created, then `customers` customers: what is owed."""
    for path in PATHS:
        await add_endpoint(api, receiver.url(path), ["customer.created"])
    events = []
    for n in range(customers):
        customer = await api.customer(email=f"w{n}@example.com")
        events += await _event_ids(api, customer["id"])
    return {(path, event) for path in PATHS for event in events}


async def _event_ids(api: TenantApi, object_id: str) -> list[str]:
    listed = await api.get("/v1/events", params={"related_object": object_id})
    return [event["id"] for event in listed.json()["data"]]


def _received(receiver: Receiver) -> list[tuple[str, str]]:
    return [(path, item.event_id) for path in PATHS for item in receiver.received[path]]


class TestCrashSafety:
    async def test_a_worker_killed_mid_delivery_loses_nothing(
        self, api: TenantApi, receiver: Receiver, env: dict[str, str], tmp_path: Path
    ) -> None:
        for path in PATHS:
            receiver.plan(path, delay=0.15)  # slow enough to be caught mid-flight
        owed = await _fan_out(api, receiver, 20)
        first = start_worker(env | {"REMIT_WORKER_CONCURRENCY": "3"}, tmp_path)
        try:
            await receiver.wait_for(lambda: len(_received(receiver)) >= 10, 30)
            first.send_signal(signal.SIGKILL)
            first.wait()
        finally:
            stop(first)
        assert len(set(_received(receiver)) & owed) < len(owed), "killed before the end"
        second = start_worker(env, tmp_path)
        try:
            await receiver.wait_for(lambda: owed <= set(_received(receiver)), 60)
        finally:
            stop(second)
        assert owed <= set(_received(receiver))  # at least once, each


class TestSeveralWorkers:
    async def test_three_workers_send_each_delivery_once_and_fire_each_timer_once(
        self, api: TenantApi, receiver: Receiver, env: dict[str, str], tmp_path: Path
    ) -> None:
        past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
        overdue = [await api.open_invoice(due_at=past) for _ in range(8)]
        owed = await _fan_out(api, receiver, 30)
        workers = [start_worker(env, tmp_path) for _ in range(3)]
        try:
            await receiver.wait_for(lambda: owed <= set(_received(receiver)), 60)
            await asyncio.sleep(1.0)  # time for any duplicate to show up
        finally:
            for process in workers:
                stop(process)
        counts = Counter(pair for pair in _received(receiver) if pair in owed)
        assert set(counts) == owed and set(counts.values()) == {1}
        for invoice in overdue:
            assert (await event_types(api, invoice["id"])).count("invoice.past_due") == 1


class TestServeRunsAWorker:
    async def test_serve_delivers_unless_told_not_to(
        self, receiver: Receiver, env: dict[str, str], tmp_path: Path
    ) -> None:
        key = cli_json("accounts", "create", "--name", "Served", "--json", env=env)["api_key"]
        headers = {"Authorization": f"Bearer {key}"}
        with serve(env, tmp_path) as server:
            async with httpx.AsyncClient(base_url=server.url, headers=headers) as client:
                await client.post("/v1/webhook_endpoints", json={"url": receiver.url("/served")})
                await client.post("/v1/customers", json={"email": "s@example.com"})
                await receiver.wait_for(lambda: len(receiver.received["/served"]) == 1, 15)
        with serve(env, tmp_path, extra_args=["--no-worker"]) as server:
            async with httpx.AsyncClient(base_url=server.url, headers=headers) as client:
                await client.post("/v1/customers", json={"email": "t@example.com"})
                await asyncio.sleep(1.5)
                assert len(receiver.received["/served"]) == 1


class TestPing:
    async def test_webhooks_test_sends_a_signed_ping(
        self, api: TenantApi, receiver: Receiver, env: dict[str, str]
    ) -> None:
        endpoint = await add_endpoint(api, receiver.url("/ping"), ["invoice.paid"])
        result = await asyncio.to_thread(
            run_cli, "webhooks", "test", endpoint["id"], "--json", env=env
        )
        assert result.returncode == 0, result.stderr
        [ping] = receiver.received["/ping"]
        assert Webhook(endpoint["secret"]).verify(ping.body, ping.headers)["type"] == "ping"
        assert ping.json["data"]["object"]["id"] == endpoint["id"]

    async def test_an_unreachable_endpoint_fails_the_command(
        self, api: TenantApi, env: dict[str, str]
    ) -> None:
        endpoint = await add_endpoint(api, "http://127.0.0.1:9/nothing-listens-here")
        result = await asyncio.to_thread(
            run_cli, "webhooks", "test", endpoint["id"], "--json", env=env
        )
        assert result.returncode == 1 and '"ok": false' in result.stdout


def _said_listening(log_dir: Path) -> bool:
    return any("listening for" in log.read_text() for log in log_dir.glob("worker-*.log"))


async def _listening(log_dir: Path) -> None:
    """Until a worker's log says it holds its LISTEN connection (30 s at most)."""
    deadline = time.monotonic() + 30
    while not await asyncio.to_thread(_said_listening, log_dir):
        assert time.monotonic() < deadline, "the worker never started listening"
        await asyncio.sleep(0.1)


class TestWakeup:
    async def test_postgres_notify_wakes_a_worker_long_before_its_poll(
        self, api: TenantApi, receiver: Receiver, env: dict[str, str], tmp_path: Path, backend: str
    ) -> None:
        if backend != "postgresql":
            pytest.skip("across processes, SQLite workers learn of work by polling")
        await add_endpoint(api, receiver.url("/woken"), ["customer.created"])
        worker = start_worker(env | {"REMIT_WORKER_POLL_SECONDS": "60"}, tmp_path)
        try:
            await _listening(tmp_path)  # started, listening, and idle until its next poll
            await api.customer()
            await receiver.wait_for(lambda: len(receiver.received["/woken"]) == 1, 5)
        finally:
            stop(worker)
