"""A settlement's `reference` names one payment: recorded again against the same invoice by
the same method, it answers the first settlement (200) and records nothing (a bank statement
imported twice pays once). A failed one does not count: its reference may be tried again."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from tests.support import TenantApi, event_types, expect


async def _settle(api: TenantApi, invoice_id: str, **fields: Any) -> httpx.Response:
    body = {"method": "bank_transfer", "amount": "40.00", **fields}
    return await api.post(f"/v1/invoices/{invoice_id}/settlements", body)


async def _settlements(api: TenantApi, invoice_id: str) -> list[dict[str, Any]]:
    return expect(await api.get(f"/v1/invoices/{invoice_id}/settlements"), 200)["data"]


class TestReferences:
    async def test_the_same_reference_answers_the_first_settlement(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        first = expect(await _settle(api, invoice["id"], reference="BANK-1"), 201)
        again = expect(await _settle(api, invoice["id"], reference="BANK-1"), 200)
        assert again == first
        assert [s["id"] for s in await _settlements(api, invoice["id"])] == [first["id"]]
        read = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert read["amount_paid"] == "40.00"
        assert (await event_types(api, first["id"])).count("settlement.created") == 1

    async def test_another_method_or_invoice_is_another_payment(self, api: TenantApi) -> None:
        invoice, other = await api.open_invoice(), await api.open_invoice()
        expect(await _settle(api, invoice["id"], reference="REF"), 201)
        expect(await _settle(api, invoice["id"], reference="REF", method="cash"), 201)
        expect(await _settle(api, other["id"], reference="REF"), 201)
        assert len(await _settlements(api, invoice["id"])) == 2

    async def test_a_failed_settlement_s_reference_may_be_recorded_again(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        pending = expect(await _settle(api, invoice["id"], reference="R", status="pending"), 201)
        expect(await api.post(f"/v1/settlements/{pending['id']}/fail"), 200)
        retried = expect(await _settle(api, invoice["id"], reference="R"), 201)
        assert retried["id"] != pending["id"] and retried["status"] == "confirmed"

    async def test_a_replay_answers_even_once_the_invoice_is_paid(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        paid = expect(await _settle(api, invoice["id"], reference="ALL", amount="100.00"), 201)
        assert expect(await _settle(api, invoice["id"], reference="ALL"), 200)["id"] == paid["id"]

    async def test_concurrent_recordings_of_one_reference_record_one(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        responses = await asyncio.gather(
            *(_settle(api, invoice["id"], reference="SAME") for _ in range(5))
        )
        assert sorted(r.status_code for r in responses) == [200, 200, 200, 200, 201]
        assert len({r.json()["id"] for r in responses}) == 1
        read = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert read["amount_paid"] == "40.00"
