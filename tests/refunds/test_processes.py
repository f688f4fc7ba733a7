"""Refunds with real `remit serve` processes: the API dying between the processor's refund
and its recording loses and duplicates nothing (a worker finishes it with the same key), and
refunds racing through two servers give back no more than the settlement paid."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from remit.context import utc_now
from remit.kernel.faults import CRASH_EXIT_CODE
from remit.runtime import Runtime
from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import remit_env, serve, start_worker, stop
from tests.refunds.helpers import (
    card_settlement,
    read_settlement,
    refunds_booked,
    refunds_made_since,
    refunds_of,
)
from tests.support import TenantApi

pytestmark = [pytest.mark.processes, pytest.mark.slow]


async def test_the_api_dying_mid_refund_loses_and_duplicates_nothing(
    api: TenantApi, runtime: Runtime, database: MigratedDatabase, tmp_path: Path
) -> None:
    settlement = await card_settlement(api, runtime)
    since = utc_now()
    env = remit_env(database.url, TEST_SECRET, REMIT_WORKER_POLL_SECONDS="0.2",
                    REMIT_CHARGE_RECOVERY_SECONDS="0.5")  # fmt: skip
    with serve(
        env | {"REMIT_FAULTS": "payments.after_refund"}, tmp_path, extra_args=["--no-worker"]
    ) as server:
        async with httpx.AsyncClient(base_url=server.url, headers=api.headers) as client:
            with pytest.raises(httpx.HTTPError):  # the server dies before it can answer
                await client.post("/v1/refunds", json={"settlement": settlement["id"]})
        server.process.wait(timeout=10)
        assert server.process.returncode == CRASH_EXIT_CODE
    [pending] = await refunds_of(api, settlement["id"])
    assert pending["status"] == "pending"
    assert await refunds_booked(runtime, pending["id"]) == 1  # the processor did refund
    assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "100.00"

    worker = start_worker(env, tmp_path)
    try:
        for _ in range(100):
            if (await refunds_of(api, settlement["id"]))[0]["status"] != "pending":
                break
            await asyncio.sleep(0.1)
    finally:
        stop(worker)
    [finished] = await refunds_of(api, settlement["id"])
    assert (finished["id"], finished["status"]) == (pending["id"], "succeeded")
    assert await refunds_booked(runtime, pending["id"]) == 1
    assert await refunds_made_since(runtime, since) == 1  # sent again, under the same key
    assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "100.00"


async def test_refunds_racing_through_two_servers_never_exceed_the_settlement(
    api: TenantApi, runtime: Runtime, database: MigratedDatabase, tmp_path: Path
) -> None:
    settlement = await card_settlement(api, runtime)
    env = remit_env(database.url, TEST_SECRET)
    body = {"settlement": settlement["id"], "amount": "30.00"}
    with serve(env, tmp_path) as first, serve(env, tmp_path) as second:
        clients = [
            httpx.AsyncClient(base_url=server.url, headers=api.headers, timeout=60)
            for server in (first, second)
        ]
        try:
            responses = await asyncio.gather(
                *(clients[i % 2].post("/v1/refunds", json=body) for i in range(8))
            )
        finally:
            await asyncio.gather(*(client.aclose() for client in clients))
    codes = sorted(response.status_code for response in responses)
    assert codes == [201] * 3 + [422] * 5, [response.text for response in responses]
    assert {r.json()["code"] for r in responses if r.status_code == 422} == {
        "refund_exceeds_settlement"
    }
    assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "90.00"
    listed = await refunds_of(api, settlement["id"])
    assert [r["status"] for r in listed] == ["succeeded"] * 3
    assert [await refunds_booked(runtime, r["id"]) for r in listed] == [1, 1, 1]
