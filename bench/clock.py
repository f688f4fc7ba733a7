"""Scenario 7: a year of monthly billing for many subscriptions through one test clock.

`subscriptions` customers, each with a card and a monthly subscription, live on one test clock
(made through the API, not measured); then one `advance` moves the clock a year and a worker
process walks it: twelve periods per subscription, each invoiced, finalized, charged and paid.
Measured: from the advance request until the clock reads `ready`. Checked: every invoice is
there, once, and paid.

    python -m bench.clock '{"url": …, "key": …, "subscriptions": 1000}'
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from datetime import UTC, datetime
from typing import Any

import httpx

START = datetime(2030, 1, 1, tzinfo=UTC)
END = datetime(2030, 12, 31, 23, 0, tzinfo=UTC)  # twelve periods begin in the year
PERIODS = 12
CLIENTS = 8


def _stamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def _post(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(path, json=body)
    if response.status_code >= 300:
        raise RuntimeError(f"POST {path}: {response.status_code} {response.text[:500]}")
    answer: dict[str, Any] = response.json()
    return answer


async def _subscriber(client: httpx.AsyncClient, clock: str, plan: str, n: int) -> None:
    customer = await _post(
        client, "/v1/customers", {"email": f"sub{n}@example.com", "test_clock": clock}
    )
    await _post(
        client,
        f"/v1/customers/{customer['id']}/payment_methods",
        {"type": "card", "token": "tok_visa", "is_default": True},
    )
    await _post(client, "/v1/subscriptions", {"customer": customer["id"], "plan": plan})


async def run(spec: dict[str, Any]) -> dict[str, Any]:
    count = spec["subscriptions"]
    headers = {"Authorization": f"Bearer {spec['key']}"}
    async with httpx.AsyncClient(base_url=spec["url"], headers=headers, timeout=120) as client:
        product = await _post(client, "/v1/products", {"name": "Seats"})
        plan = await _post(
            client,
            "/v1/plans",
            {"product": product["id"], "amount": "10.00", "currency": "USD", "interval": "month"},
        )
        clock = await _post(client, "/v1/test_clocks", {"frozen_time": _stamp(START)})
        gate = asyncio.Semaphore(CLIENTS)

        async def one(n: int) -> None:
            async with gate:
                await _subscriber(client, clock["id"], plan["id"], n)

        began = time.monotonic()
        await asyncio.gather(*(one(n) for n in range(count)))
        setup = time.monotonic() - began
        began = time.monotonic()
        await _post(client, f"/v1/test_clocks/{clock['id']}/advance", {"frozen_time": _stamp(END)})
        while True:
            state = (await client.get(f"/v1/test_clocks/{clock['id']}")).json()
            if state["status"] == "ready":
                break
            if time.monotonic() - began > spec.get("timeout", 1800):
                raise RuntimeError(f"the clock is still advancing: {state}")
            await asyncio.sleep(0.2)
        seconds = time.monotonic() - began
    return {
        "subscriptions": count,
        "periods": PERIODS,
        "count": count * PERIODS,  # invoices: the figures per invoice divide by it
        "seconds": round(seconds, 2),
        "setup_seconds": round(setup, 2),
        "clock": clock["id"],
    }


def main() -> None:
    print(json.dumps(asyncio.run(run(json.loads(sys.argv[1])))))


if __name__ == "__main__":
    main()
