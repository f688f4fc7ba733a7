"""Races on one invoice: lock → re-read → re-check (STYLE: Transactions).

Deterministic on PostgreSQL: a transaction of the test holds the invoice's row lock while
requests pile up behind it, then lets go. Statistically on both: concurrent requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from decimal import Decimal

import httpx
import pytest

from remit.runtime import Runtime
from tests.support import TenantApi, expect, while_held


async def _hold_row_lock_while(
    runtime: Runtime, invoice_id: str, requests: list[Awaitable[httpx.Response]]
) -> list[httpx.Response]:
    """Start `requests` while a row lock on the invoice is held; release it once all wait."""
    lock = "SELECT id FROM invoices WHERE id = :id FOR UPDATE"
    return await while_held(runtime, lock, {"id": invoice_id}, requests)


class TestConcurrentFinalize:
    async def test_two_finalizations_of_one_draft_use_one_number(
        self, api: TenantApi, runtime: Runtime, backend: str
    ) -> None:
        draft = await api.invoice()
        path = f"/v1/invoices/{draft['id']}/finalize"
        if backend == "postgresql":
            responses = await _hold_row_lock_while(
                runtime, draft["id"], [api.post(path), api.post(path)]
            )
        else:
            responses = await asyncio.gather(api.post(path), api.post(path))
        assert sorted(r.status_code for r in responses) == [200, 409]
        conflict = next(r for r in responses if r.status_code == 409)
        assert conflict.json()["code"] == "invoice_not_draft"
        assert expect(await api.get("/v1/account"), 200)["invoice_number_next"] == 2
        finalized = expect(await api.get("/v1/invoices"), 200)["data"]
        assert [invoice["number"] for invoice in finalized] == ["#0001"]
        events = expect(await api.get("/v1/events", params={"type": "invoice.finalized"}), 200)
        assert len(events["data"]) == 1

    async def test_void_racing_a_settlement_leaves_one_consistent_outcome(
        self, api: TenantApi, runtime: Runtime, backend: str
    ) -> None:
        invoice = await api.open_invoice()
        requests = [
            api.post(f"/v1/invoices/{invoice['id']}/void"),
            api.post(f"/v1/invoices/{invoice['id']}/settlements", {"method": "cash"}),
        ]
        if backend == "postgresql":
            responses = await _hold_row_lock_while(runtime, invoice["id"], requests)
        else:
            responses = await asyncio.gather(*requests)
        final = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        voided, settled = responses
        if voided.status_code == 200:  # void won: the settlement was refused
            assert settled.status_code == 409 and final["status"] == "void"
            assert final["amount_paid"] == "0.00"
        else:  # the settlement won: the invoice is paid and cannot be voided
            assert settled.status_code == 201 and voided.status_code == 409
            assert final["status"] == "paid" and final["amount_paid"] == "100.00"


class TestConcurrentSettlements:
    @pytest.mark.parametrize("status", ["confirmed", "pending"])
    async def test_concurrent_settlements_never_over_collect(
        self, api: TenantApi, status: str
    ) -> None:
        invoice = await api.open_invoice()  # 100.00 due
        body = {"amount": "30.00", "method": "bank_transfer", "status": status}
        responses = await asyncio.gather(
            *(api.post(f"/v1/invoices/{invoice['id']}/settlements", body) for _ in range(8))
        )
        accepted = [r for r in responses if r.status_code == 201]
        refused = [r for r in responses if r.status_code != 201]
        assert len(accepted) == 3  # 3 × 30.00 fit in 100.00; a fourth would not
        assert {r.json()["code"] for r in refused} == {"overpayment"}
        if status == "pending":
            for settlement in accepted:
                path = f"/v1/settlements/{settlement.json()['id']}/confirm"
                expect(await api.post(path), 200)
        final = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert Decimal(final["amount_paid"]) == Decimal("90.00") <= Decimal(final["amount_due"])
        assert final["status"] == "open"

    async def test_concurrent_confirmations_confirm_once(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        pending = expect(
            await api.post(
                f"/v1/invoices/{invoice['id']}/settlements",
                {"method": "crypto", "status": "pending", "reference": "0x" + "ab" * 32},
            ),
            201,
        )
        path = f"/v1/settlements/{pending['id']}/confirm"
        responses = await asyncio.gather(*(api.post(path) for _ in range(5)))
        assert sorted(r.status_code for r in responses) == [200, 409, 409, 409, 409]
        final = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert final["status"] == "paid" and final["amount_paid"] == "100.00"
