"""`/v1/subscriptions/{id}/usage_records`: usage billed at the plan's price, each recorded
once — the database refuses a second record with the same identifier, even at once."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import text

from remit.runtime import Runtime
from tests.support import TenantApi, expect, problem


async def _subscription(api: TenantApi, amount: str = "0.50") -> dict[str, Any]:
    customer = await api.customer()
    product = expect(await api.post("/v1/products", {"name": "API calls"}), 201)
    plan = expect(
        await api.post(
            "/v1/plans",
            {"product": product["id"], "amount": amount, "nickname": "Calls", "interval": "month"},
        ),
        201,
    )
    body = {"customer": customer["id"], "plan": plan["id"]}
    return expect(await api.post("/v1/subscriptions", body), 201)


def _path(subscription: dict[str, Any]) -> str:
    return f"/v1/subscriptions/{subscription['id']}/usage_records"


class TestRecording:
    async def test_usage_becomes_a_pending_item_at_the_plan_price(self, api: TenantApi) -> None:
        subscription = await _subscription(api)
        body = {"identifier": "call-1", "quantity": "3", "timestamp": "2026-12-01T10:00:00Z"}
        record = expect(await api.post(_path(subscription), body), 201)
        assert (record["identifier"], record["quantity"]) == ("call-1", "3")
        assert record["timestamp"] == "2026-12-01T10:00:00.000Z" and record["invoice"] is None
        assert record["invoice_item"].startswith("il_")
        invoice = expect(
            await api.post(
                "/v1/invoices",
                {"customer": subscription["customer"], "pending_items": "include"},
            ),
            201,
        )
        [line] = invoice["lines"]
        assert (line["id"], line["amount"]) == (record["invoice_item"], "1.50")
        assert line["description"] == "Calls: call-1"
        listed = expect(await api.get(_path(subscription)), 200)["data"]
        assert [(r["id"], r["invoice"]) for r in listed] == [(record["id"], invoice["id"])]

    async def test_usage_on_a_named_draft(self, api: TenantApi) -> None:
        subscription = await _subscription(api)
        draft = await api.invoice(customer=subscription["customer"], lines=[], currency="USD")
        body = {"identifier": "k", "quantity": 2, "invoice": draft["id"]}
        record = expect(await api.post(_path(subscription), body), 201)
        assert record["invoice"] == draft["id"]
        after = expect(await api.get(f"/v1/invoices/{draft['id']}"), 200)
        assert after["total"] == "1.00"

    async def test_a_quantity_of_zero_is_recorded(self, api: TenantApi) -> None:
        subscription = await _subscription(api)
        record = expect(
            await api.post(_path(subscription), {"identifier": "z", "quantity": 0}), 201
        )
        assert record["quantity"] == "0"

    @pytest.mark.parametrize(
        "body",
        [
            {"quantity": 1},
            {"identifier": "x", "quantity": -1},
            {"identifier": "", "quantity": 1},
            {"identifier": "x", "quantity": "1e3"},
        ],
    )
    async def test_bad_input_is_400(self, api: TenantApi, body: dict[str, Any]) -> None:
        subscription = await _subscription(api)
        problem(await api.post(_path(subscription), body), 400, "validation_error")
        assert expect(await api.get(_path(subscription)), 200)["data"] == []

    async def test_another_accounts_subscription_is_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        subscription = await _subscription(api)
        response = await other_api.post(_path(subscription), {"identifier": "x", "quantity": 1})
        problem(response, 404, "resource_missing")


class TestOnce:
    async def test_the_same_identifier_again_is_409_and_changes_nothing(
        self, api: TenantApi
    ) -> None:
        subscription = await _subscription(api)
        body = {"identifier": "once", "quantity": 1}
        expect(await api.post(_path(subscription), body), 201)
        problem(await api.post(_path(subscription), body), 409, "duplicate_usage_record")
        assert len(expect(await api.get(_path(subscription)), 200)["data"]) == 1
        preview = {"customer": subscription["customer"], "pending_items": "include"}
        [line] = expect(await api.post("/v1/invoices", preview), 201)["lines"]
        assert line["quantity"] == "1"

    async def test_the_same_identifier_of_another_subscription_is_another_record(
        self, api: TenantApi
    ) -> None:
        first, second = await _subscription(api), await _subscription(api)
        body = {"identifier": "shared", "quantity": 1}
        expect(await api.post(_path(first), body), 201)
        expect(await api.post(_path(second), body), 201)

    async def test_concurrent_duplicates_record_one(self, api: TenantApi) -> None:
        subscription = await _subscription(api)
        body = {"identifier": "burst", "quantity": 1}
        responses = await asyncio.gather(*(api.post(_path(subscription), body) for _ in range(6)))
        assert sorted(r.status_code for r in responses) == [201, 409, 409, 409, 409, 409]
        assert len(expect(await api.get(_path(subscription)), 200)["data"]) == 1

    async def test_the_database_itself_refuses_a_second_record(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        subscription = await _subscription(api)
        record = expect(
            await api.post(_path(subscription), {"identifier": "db", "quantity": 1}), 201
        )
        duplicate = (
            "INSERT INTO usage_records (account_id, livemode, id, subscription_id, customer_id, "
            "identifier, quantity, occurred_at, item_id, created_at) SELECT account_id, livemode, "
            "'ur_other', subscription_id, customer_id, identifier, quantity, occurred_at, "
            "item_id, created_at FROM usage_records WHERE id = :id"
        )
        async with runtime.db.engine.connect() as connection:
            with pytest.raises(Exception, match=r"(?i)unique"):
                async with connection.begin():
                    await connection.execute(text(duplicate), {"id": record["id"]})
