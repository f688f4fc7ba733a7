"""Concurrent refunds of one settlement never give back more than it paid: each takes the
invoice's lock, then the settlement's, and checks the room left (pending refunds count) under
them. Deterministic on PostgreSQL (the requests wait for a lock this test holds);
statistically on both (concurrent requests, each in its own transaction and connection)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from remit.runtime import Runtime
from tests.refunds.helpers import card_settlement, read_settlement, refund, refunds_of
from tests.support import TenantApi, expect, while_held

REFUNDS = 6  # of 30.00 each, on a settlement of 100.00: three fit


class TestConcurrentRefunds:
    async def test_concurrent_refunds_give_back_no_more_than_was_paid(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)
        responses = await asyncio.gather(
            *(refund(api, settlement, amount="30.00") for _ in range(REFUNDS))
        )
        _exactly_three_fit(responses)
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "90.00"
        listed = await refunds_of(api, settlement["id"])
        assert [r["status"] for r in listed] == ["succeeded"] * 3

    async def test_refunds_queue_on_the_invoices_lock(
        self, api: TenantApi, runtime: Runtime, backend: str
    ) -> None:
        if backend != "postgresql":
            pytest.skip("row locks: SQLite serialises writers with BEGIN IMMEDIATE instead")
        settlement = await card_settlement(api, runtime)
        lock = "SELECT id FROM invoices WHERE id = :id FOR UPDATE"
        requests = [refund(api, settlement, amount="30.00") for _ in range(REFUNDS)]
        responses = await while_held(runtime, lock, {"id": settlement["invoice"]}, requests)
        _exactly_three_fit(responses)
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "90.00"

    async def test_refunds_queue_on_the_settlements_lock(
        self, api: TenantApi, runtime: Runtime, backend: str
    ) -> None:
        if backend != "postgresql":
            pytest.skip("row locks: SQLite serialises writers with BEGIN IMMEDIATE instead")
        settlement = await card_settlement(api, runtime)
        lock = "SELECT id FROM settlements WHERE id = :id FOR UPDATE"
        requests = [refund(api, settlement, amount="30.00") for _ in range(REFUNDS)]
        responses = await while_held(runtime, lock, {"id": settlement["id"]}, requests)
        _exactly_three_fit(responses)


def _exactly_three_fit(responses: list[httpx.Response]) -> None:
    codes = sorted(response.status_code for response in responses)
    assert codes == [201] * 3 + [422] * (REFUNDS - 3), [r.text for r in responses]
    for response in responses:
        if response.status_code == 201:
            assert expect(response, 201)["status"] == "succeeded"
        else:
            assert response.json()["code"] == "refund_exceeds_settlement"
