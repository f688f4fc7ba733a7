"""Crash safety: clients create, finalize and settle invoices concurrently, the API process
is killed (SIGKILL) under that load, and a new one starts on the same database.

Every invoice a client saw succeed is complete (lines, totals, number, events); nothing a
client did not see is half-written; numbers stay gapless; and retrying every request with
its Idempotency-Key after the crash duplicates nothing.
"""

from __future__ import annotations

import asyncio
import signal
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import remit_env, serve
from tests.support import TenantApi, expect

pytestmark = [pytest.mark.processes, pytest.mark.slow]

CLIENTS = 6
LINES = [
    {"description": "Work", "quantity": "3", "unit_amount": "19.99", "tax_rate": "8.25"},
    {"description": "Parts", "quantity": "1", "unit_amount": "10.00"},
]
TOTAL = "74.92"  # 59.97 + 4.95 tax + 10.00


@dataclass
class Attempt:
    """One client's invoice: the idempotency keys it used and what it saw succeed."""

    key: str
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)  # step → response body

    def request(self, step: str, invoice_id: str | None, customer: str) -> tuple[str, dict]:
        if step == "create":
            return "/v1/invoices", {"customer": customer, "lines": LINES}
        if step == "finalize":
            return f"/v1/invoices/{invoice_id}/finalize", {}
        return f"/v1/invoices/{invoice_id}/settlements", {"method": "bank_transfer"}


STEPS = ("create", "finalize", "settle")


async def run_steps(client: httpx.AsyncClient, attempt: Attempt, customer: str) -> None:
    """Create → finalize → settle, stopping at the first step that fails or is unanswered."""
    invoice_id = attempt.seen.get("create", {}).get("id")
    for step in STEPS:
        if step in attempt.seen:
            continue
        if step != "create" and invoice_id is None:
            return
        path, body = attempt.request(step, invoice_id, customer)
        try:
            answer = await client.post(
                path, json=body, headers={"Idempotency-Key": f"{attempt.key}-{step}"}
            )
        except httpx.HTTPError:
            return  # the server died: the client does not know whether it happened
        if answer.status_code >= 300:
            return
        attempt.seen[step] = answer.json()
        invoice_id = invoice_id or answer.json()["id"]


async def client_loop(
    client: httpx.AsyncClient,
    number: int,
    customer: str,
    stop: asyncio.Event,
    attempts: list[Attempt],
) -> list[Attempt]:
    while not stop.is_set():
        attempt = Attempt(f"crash-{number}-{len(attempts)}")
        attempts.append(attempt)
        await run_steps(client, attempt, customer)
    return attempts


async def all_invoices(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    found, cursor = [], None
    while True:
        params = {"limit": 100} | ({"starting_after": cursor} if cursor else {})
        page = expect(await client.get("/v1/invoices", params=params), 200)
        found += page["data"]
        if not page["has_more"]:
            return found
        cursor = page["next_cursor"]


async def event_types(client: httpx.AsyncClient, object_id: str) -> set[str]:
    listed = await client.get("/v1/events", params={"related_object": object_id, "limit": 100})
    return {event["type"] for event in expect(listed, 200)["data"]}


async def check_complete(client: httpx.AsyncClient, invoice: dict[str, Any]) -> None:
    """Whole, whatever the crash: both lines, the exact total, and the events of its state."""
    assert len(invoice["lines"]) == 2 and invoice["total"] == TOTAL, invoice
    events = await event_types(client, invoice["id"])
    assert "invoice.created" in events
    if invoice["status"] != "draft":
        assert invoice["number"] and "invoice.finalized" in events, invoice
    if invoice["status"] == "paid":
        assert invoice["amount_paid"] == TOTAL and "invoice.paid" in events


async def test_a_killed_api_leaves_no_half_invoice_and_retries_duplicate_nothing(
    api: TenantApi, database: MigratedDatabase, tmp_path: Path
) -> None:
    customer = (await api.customer())["id"]
    env = remit_env(database.url, TEST_SECRET)
    limits = httpx.Limits(max_connections=CLIENTS)
    with serve(env, tmp_path, extra_args=["--no-worker"]) as server:
        async with httpx.AsyncClient(
            base_url=server.url, headers=api.headers, timeout=30, limits=limits
        ) as client:
            stop, attempts = asyncio.Event(), []
            loops = [client_loop(client, n, customer, stop, attempts) for n in range(CLIENTS)]
            running = asyncio.gather(*loops)
            for _ in range(600):  # until the load is in full swing, whatever the machine
                if sum("settle" in attempt.seen for attempt in attempts) >= 2 * CLIENTS:
                    break
                await asyncio.sleep(0.05)
            server.process.send_signal(signal.SIGKILL)
            stop.set()
            await running
        server.process.wait(timeout=10)
    succeeded = [attempt for attempt in attempts if "settle" in attempt.seen]
    assert len(succeeded) >= CLIENTS, "the load did not get going before the kill"

    with serve(env, tmp_path, extra_args=["--no-worker"]) as server:
        async with httpx.AsyncClient(
            base_url=server.url, headers=api.headers, timeout=30
        ) as client:
            before = {invoice["id"]: invoice for invoice in await all_invoices(client)}
            for attempt in attempts:
                for step, body in attempt.seen.items():
                    invoice = before[body.get("invoice") or body["id"]]
                    await check_complete(client, invoice)
                    if step == "finalize":
                        assert invoice["status"] in ("open", "paid")
                    if step == "settle":
                        assert invoice["status"] == "paid"
            for invoice in before.values():  # including those no client heard about
                await check_complete(client, invoice)
            numbers = sorted(int(i["number"].lstrip("#")) for i in before.values() if i["number"])
            assert numbers == list(range(1, len(numbers) + 1)), "numbering has a gap"

            # Every request again, same keys: replays and completions, never duplicates.
            seen_before = {a.key: dict(a.seen) for a in attempts}
            for attempt in attempts:
                await run_steps(client, attempt, customer)
            after = await all_invoices(client)
            assert len(after) == len({a.seen["create"]["id"] for a in attempts if a.seen})
            assert len(after) >= len(before)
            for attempt in attempts:
                for step, body in seen_before[attempt.key].items():
                    assert attempt.seen[step] == body  # a replay is the first answer
            for invoice in after:
                await check_complete(client, invoice)
                assert Decimal(invoice["amount_paid"]) in (Decimal(0), Decimal(TOTAL))
