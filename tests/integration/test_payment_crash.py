"""A real crash (the API process dies) between the processor's charge and its recording:
after a restart, a worker finishes the charge and the customer was charged once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from remit.kernel.faults import CRASH_EXIT_CODE
from remit.runtime import Runtime
from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.payments.helpers import charges_made, invoice_for
from tests.processes import remit_env, serve, start_worker, stop
from tests.support import TenantApi, read_invoice

pytestmark = [pytest.mark.processes, pytest.mark.slow]


async def test_the_api_dying_mid_payment_loses_and_duplicates_nothing(
    api: TenantApi, runtime: Runtime, database: MigratedDatabase, tmp_path: Path
) -> None:
    invoice = await invoice_for(api, "tok_visa", collection_method="send_invoice")
    env = remit_env(database.url, TEST_SECRET, REMIT_WORKER_POLL_SECONDS="0.2",
                    REMIT_CHARGE_RECOVERY_SECONDS="0.5")  # fmt: skip
    with serve(
        env | {"REMIT_FAULTS": "payments.after_charge"}, tmp_path, extra_args=["--no-worker"]
    ) as server:
        async with httpx.AsyncClient(base_url=server.url, headers=api.headers) as client:
            with pytest.raises(httpx.HTTPError):  # the server dies before it can answer
                await client.post(f"/v1/invoices/{invoice['id']}/pay", json={})
        server.process.wait(timeout=10)
        assert server.process.returncode == CRASH_EXIT_CODE
    assert await charges_made(runtime, api.account_id, invoice["id"]) == 1
    assert (await read_invoice(api, invoice["id"]))["status"] == "open"

    worker = start_worker(env, tmp_path)
    try:
        for _ in range(100):
            if (await read_invoice(api, invoice["id"]))["status"] == "paid":
                break
            await asyncio.sleep(0.1)
    finally:
        stop(worker)
    paid = await read_invoice(api, invoice["id"])
    assert paid["status"] == "paid" and paid["amount_paid"] == "100.00"
    assert await charges_made(runtime, api.account_id, invoice["id"]) == 1
