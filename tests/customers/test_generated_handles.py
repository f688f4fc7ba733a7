"""`generate_handle`: the account's next free `cust-<n>` (Reepay's `generate_handle`), from a
counter row taken in the creating transaction, so concurrent requests never share one."""

from __future__ import annotations

import asyncio

import httpx

from remit.runtime import Runtime
from tests.support import TenantApi, expect, problem, while_held


async def _generated(api: TenantApi) -> httpx.Response:
    return await api.post("/v1/customers", {"generate_handle": True, "email": "g@example.com"})


class TestGeneratedHandles:
    async def test_the_sequence_starts_after_the_customers_the_account_has(
        self, api: TenantApi
    ) -> None:
        await api.customer()
        await api.customer()
        assert expect(await _generated(api), 201)["handle"] == "cust-3"
        assert expect(await _generated(api), 201)["handle"] == "cust-4"

    async def test_a_handle_taken_by_hand_is_skipped(self, api: TenantApi) -> None:
        assert expect(await _generated(api), 201)["handle"] == "cust-1"
        await api.customer(handle="cust-2")
        assert expect(await _generated(api), 201)["handle"] == "cust-3"

    async def test_a_handle_and_generate_handle_together_are_refused(self, api: TenantApi) -> None:
        body = {"handle": "mine", "generate_handle": True}
        problem(await api.post("/v1/customers", body), 400, "validation_error")

    async def test_concurrent_requests_get_different_handles(
        self, api: TenantApi, runtime: Runtime, backend: str
    ) -> None:
        expect(await _generated(api), 201)  # the counter row exists from here on
        requests = [_generated(api) for _ in range(4)]
        if backend == "postgresql":  # all wait for the counter row, locked here
            lock = (
                "SELECT next_value FROM invoice_number_counters WHERE account_id = :a "
                "AND scope = 'customer_handle' FOR UPDATE"
            )
            responses = await while_held(runtime, lock, {"a": api.account_id}, requests)
        else:
            responses = await asyncio.gather(*requests)
        handles = sorted(expect(response, 201)["handle"] for response in responses)
        assert handles == ["cust-2", "cust-3", "cust-4", "cust-5"]
