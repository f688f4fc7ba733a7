"""Credit is spent once: finalizations of one customer's invoices queue on the customer's
lock (taken after each invoice's), so no two of them apply the same credit.

Deterministic on PostgreSQL: the test holds the customer's row lock while the finalizations
pile up behind it. Statistically on both: many finalizations at once.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from remit.runtime import Runtime
from tests.balances.helpers import adjust, balance_is_the_ledger, draft, ledger
from tests.support import TenantApi, expect, while_held

SEND = {"collection_method": "send_invoice"}


async def applied_total(api: TenantApi, invoice_ids: list[str]) -> Decimal:
    invoices = [expect(await api.get(f"/v1/invoices/{i}"), 200) for i in invoice_ids]
    return sum((Decimal(invoice["applied_balance"]) for invoice in invoices), Decimal(0))


class TestConcurrentFinalizations:
    async def test_two_finalizations_wait_for_the_customer_and_share_the_credit(
        self, api: TenantApi, runtime: Runtime, backend: str
    ) -> None:
        if backend != "postgresql":
            pytest.skip("row locks: SQLite serializes writers already")
        customer = await api.customer()
        expect(await adjust(api, customer["id"], "-150.00"), 201)
        drafts = [(await draft(api, customer["id"], "100.00", **SEND))["id"] for _ in range(2)]
        lock = "SELECT id FROM customers WHERE id = :id FOR UPDATE"
        responses = await while_held(
            runtime,
            lock,
            {"id": customer["id"]},
            [api.post(f"/v1/invoices/{invoice_id}/finalize") for invoice_id in drafts],
        )
        finalized = [expect(response, 200) for response in responses]
        assert sorted(invoice["amount_due"] for invoice in finalized) == ["0.00", "50.00"]
        assert await applied_total(api, drafts) == Decimal("-150.00")
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "0.00"}

    async def test_many_finalizations_at_once_never_spend_the_credit_twice(
        self, api: TenantApi
    ) -> None:
        customer = await api.customer()
        expect(await adjust(api, customer["id"], "-250.00"), 201)
        drafts = [(await draft(api, customer["id"], "100.00", **SEND))["id"] for _ in range(6)]
        responses = await asyncio.gather(
            *(api.post(f"/v1/invoices/{invoice_id}/finalize") for invoice_id in drafts)
        )
        assert [response.status_code for response in responses] == [200] * 6
        assert await applied_total(api, drafts) == Decimal("-250.00")
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "0.00"}
        applied = [t for t in await ledger(api, customer["id"]) if t["type"] != "adjustment"]
        assert sorted(t["amount"] for t in applied) == ["100.00", "100.00", "50.00"]

    async def test_an_adjustment_racing_finalizations_is_counted_once(self, api: TenantApi) -> None:
        customer = await api.customer()
        expect(await adjust(api, customer["id"], "-100.00"), 201)
        drafts = [(await draft(api, customer["id"], "100.00", **SEND))["id"] for _ in range(3)]
        requests = [api.post(f"/v1/invoices/{invoice_id}/finalize") for invoice_id in drafts]
        responses = await asyncio.gather(*requests, adjust(api, customer["id"], "-100.00"))
        assert [response.status_code for response in responses] == [200, 200, 200, 201]
        shown = await balance_is_the_ledger(api, customer["id"])
        assert Decimal(shown["USD"]) == Decimal("-200.00") - await applied_total(api, drafts)
