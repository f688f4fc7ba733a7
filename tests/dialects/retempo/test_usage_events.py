"""Retempo's usage events are the core's usage events: recorded once per (subscriptionId,
eventKey) with Retempo's 409, linked to a named invoice without changing its amount, and
billed by the subscription billing run when — and only when — the plan is USAGE_BASED."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text

from remit.billing.run import Billed, bill_next_period
from remit.runtime import Runtime
from tests.dialects.retempo.conftest import Retempo
from tests.dialects.retempo.test_api import error
from tests.support import TenantApi, expect

UNIQUE = "A database record with these unique fields already exists."
EVENT_KEYS = {"id", "serviceId", "subscriptionId", "userId", "invoiceId", "eventKey",
              "quantity", "occurredAt", "createdAt", "updatedAt"}  # fmt: skip


class Usage:
    """A service, a plan of it (FIXED_RECURRING unless told), a payer subscribed natively."""

    def __init__(self, retempo: Retempo, ids: dict[str, str], subscription: dict[str, Any]):
        self.retempo, self.ids, self.subscription = retempo, ids, subscription

    @classmethod
    async def make(cls, retempo: Retempo, **plan: Any) -> Usage:
        service = await retempo.service()
        made = await retempo.plan(service["id"], **plan)
        user = await retempo.user()
        body = {"customer": user["id"], "plan": made["id"], "collection_method": "send_invoice"}
        subscription = expect(await retempo.api.post("/v1/subscriptions", body), 201)
        ids = {"serviceId": service["id"], "paymentPlanId": made["id"], "userId": user["id"]}
        return cls(retempo, ids, subscription)

    def event(self, key: str, quantity: Any = "3", **fields: Any) -> dict[str, Any]:
        return {"serviceId": self.ids["serviceId"], "subscriptionId": self.subscription["id"],
                "userId": self.ids["userId"], "eventKey": key, "quantity": quantity,
                **fields}  # fmt: skip

    async def record(self, key: str, quantity: Any = "3", **fields: Any) -> dict[str, Any]:
        response = await self.retempo.post("/usage-events", self.event(key, quantity, **fields))
        created: dict[str, Any] = expect(response, 201)["usageEvent"]
        return created

    async def invoice(self, **fields: Any) -> dict[str, Any]:
        body = {**self.ids, "amount": "10", **fields}
        made: dict[str, Any] = expect(await self.retempo.post("/invoices", body), 201)["invoice"]
        return made

    async def native(self, event_id: str) -> dict[str, Any]:
        found: dict[str, Any] = expect(
            await self.retempo.api.get(f"/v1/usage_events/{event_id}"), 200
        )
        return found


class TestRecord:
    async def test_an_event_is_a_core_usage_event_of_the_subscription(
        self, retempo: Retempo
    ) -> None:
        usage = await Usage.make(retempo)
        created = await usage.record("call-1", "3.5", occurredAt="2026-01-02T03:04:05Z")
        assert set(created) == EVENT_KEYS
        assert {k: created[k] for k in ("serviceId", "subscriptionId", "userId", "invoiceId",
                                         "eventKey", "quantity", "occurredAt")} == {
            "serviceId": usage.ids["serviceId"], "subscriptionId": usage.subscription["id"],
            "userId": usage.ids["userId"], "invoiceId": None, "eventKey": "call-1",
            "quantity": "3.500000", "occurredAt": "2026-01-02T03:04:05.000Z",
        }  # fmt: skip
        native = await usage.native(created["id"])
        assert created["id"].startswith("uev_") and native["customer"] == usage.ids["userId"]
        assert native["identifier"] == f"{usage.subscription['id']}/call-1"
        assert native["payload"] == {"quantity": "3.5"} and native["invoice"] is None
        # A fixed plan's usage has an event name of the plan's that no meter reads.
        assert native["event_name"] == f"retempo.{usage.ids['paymentPlanId']}"

    async def test_a_key_is_unique_per_subscription_with_retempo_s_409(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        usage = await Usage.make(retempo)
        await usage.record("k")
        for again in (usage.event("k"), usage.event("k", "4")):  # a replay, another body
            assert error(await retempo.post("/usage-events", again), 409) == UNIQUE
        other = expect(await api.post("/v1/subscriptions", {
            "customer": usage.ids["userId"], "plan": usage.ids["paymentPlanId"]}), 201)  # fmt: skip
        body = {**usage.event("k"), "subscriptionId": other["id"]}
        assert expect(await retempo.post("/usage-events", body), 201)["usageEvent"]["eventKey"]
        listed = expect(await api.get("/v1/usage_events", params={"limit": 10}), 200)["data"]
        assert len(listed) == 2

    async def test_the_same_event_sent_twice_at_once_is_recorded_once(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        usage = await Usage.make(retempo)
        sent = [retempo.post("/usage-events", usage.event("burst")) for _ in range(2)]
        statuses = sorted(response.status_code for response in await asyncio.gather(*sent))
        assert statuses == [201, 409]
        listed = expect(await api.get("/v1/usage_events", params={"limit": 10}), 200)["data"]
        assert [event["identifier"] for event in listed] == [f"{usage.subscription['id']}/burst"]

    async def test_the_core_s_bounds_in_retempo_s_words(self, retempo: Retempo) -> None:
        usage = await Usage.make(retempo)
        response = await retempo.post("/usage-events", usage.event("k", "0.0000000000001"))
        assert error(response, 400) == "quantity must have at most 12 decimal places."
        response = await retempo.post("/usage-events", usage.event("k", -1))
        assert error(response, 400) == "quantity must be a non-negative decimal."
        ahead = (datetime.now().astimezone() + timedelta(hours=1)).isoformat()
        response = await retempo.post("/usage-events", usage.event("k", occurredAt=ahead))
        assert error(response, 400) == "occurredAt must not be more than 5 minutes ahead."
        response = await retempo.post("/usage-events", usage.event("k" * 255))
        assert error(response, 400).startswith("eventKey must be at most ")
        response = await retempo.post("/usage-events", {**usage.event("k"), "eventKey": None})
        assert error(response, 400) == "eventKey is required."


class TestNamedInvoice:
    async def test_an_event_naming_an_invoice_is_billed_by_it_without_changing_its_amount(
        self, retempo: Retempo
    ) -> None:
        """Retempo's client prices its invoices itself: `invoiceId` links the usage."""
        usage = await Usage.make(retempo)
        for status in ("DRAFT", "OPEN"):
            invoice = await usage.invoice(status=status)
            linked = await usage.record(f"on-{status}", invoiceId=invoice["id"])
            assert linked["invoiceId"] == invoice["id"]
            assert (await usage.native(linked["id"]))["invoice"] == invoice["id"]
            read = expect(await retempo.get(f"/invoices/{invoice['id']}"), 200)["invoice"]
            assert read["amount"] == "10.000000" and read["usageEvents"] == [linked]

    async def test_usage_records_of_before_are_still_listed_with_the_events(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        """Usage sent before usage events were the core's was a usage record, billed as a line
        of the invoice (`/v1/subscriptions/{id}/usage_records` still makes them)."""
        usage = await Usage.make(retempo)
        invoice = await usage.invoice()
        path = f"/v1/subscriptions/{usage.subscription['id']}/usage_records"
        body = {"identifier": "old", "quantity": "2", "invoice": invoice["id"]}
        record = expect(await api.post(path, body), 201)
        event = await usage.record("new", invoiceId=invoice["id"])
        read = expect(await retempo.get(f"/invoices/{invoice['id']}"), 200)["invoice"]
        assert [(e["id"], e["eventKey"], e["quantity"]) for e in read["usageEvents"]] == [
            (record["id"], "old", "2.000000"), (event["id"], "new", "3.000000")
        ]  # fmt: skip
        assert read["amount"] == "108.000000"  # 10 + the record's line, 2 × 49

    async def test_an_invoice_that_will_not_be_paid_cannot_take_usage(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        usage = await Usage.make(retempo)
        for status in ("VOID", "EXPIRED"):
            invoice = await usage.invoice(status=status)
            body = usage.event(f"on-{status}", invoiceId=invoice["id"])
            message = error(await retempo.post("/usage-events", body), 409)
            assert message == f"Invoice {invoice['id']} is {status.lower()}: it cannot bill usage."
        assert expect(await api.get("/v1/usage_events"), 200)["data"] == []


async def _backdate(runtime: Runtime, subscription: dict[str, Any], days: int) -> datetime:
    """As if the subscription had started `days` ago; its anchor."""
    anchor = datetime.fromisoformat(subscription["created_at"]) - timedelta(days=days)
    async with runtime.db.write() as session:
        await session.execute(
            text("UPDATE subscriptions SET billing_cycle_anchor = :a, next_bill_at = :a, "
                 "current_period_start = :a WHERE id = :id"),
            {"a": anchor, "id": subscription["id"]},
        )  # fmt: skip
    return anchor


async def _bill(runtime: Runtime, api: TenantApi, subscription_id: str) -> dict[str, Any]:
    """The run bills the subscription's next period; its invoice, read through Retempo."""
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "worker", livemode=False)
        assert await bill_next_period(ctx, subscription_id) is Billed.INVOICED
    native = await api.get("/v1/invoices", params={"subscription": subscription_id, "limit": 1})
    latest = expect(native, 200)["data"][0]["id"]
    read: dict[str, Any] = expect(await api.get(f"/retempo/api/v1/invoices/{latest}"), 200)
    return read["invoice"]


class TestBilledByTheRun:
    async def test_a_usage_based_plan_is_metered_and_billed_once_rounded_once(
        self, retempo: Retempo, api: TenantApi, runtime: Runtime
    ) -> None:
        usage = await Usage.make(retempo, pricingType="USAGE_BASED", amount="0.000001")
        plan = expect(await api.get(f"/v1/plans/{usage.ids['paymentPlanId']}"), 200)
        meter = expect(await api.get(f"/v1/meters/{plan['meter']}"), 200)
        assert plan["usage_type"] == "metered"
        assert (meter["aggregation"], meter["value_key"]) == ("sum", "quantity")
        anchor = await _backdate(runtime, usage.subscription, 70)  # periods 0 to 2 have begun
        assert (await _bill(runtime, api, usage.subscription["id"]))["amount"] == "0.000000"

        def day(n: int) -> str:
            return (anchor + timedelta(days=n)).isoformat()

        used = [await usage.record(f"c{n}", "0.5", occurredAt=day(n)) for n in (1, 2, 3)]
        elsewhere = await usage.invoice(status="OPEN")
        await usage.record("linked", 1000, occurredAt=day(4), invoiceId=elsewhere["id"])
        billed = await _bill(runtime, api, usage.subscription["id"])
        # 1.5 units × 0.000001 = 0.0000015, rounded once: 0.000002 (each event rounded
        # on its own, 0.0000005 → 0.000001, would make 0.000003).
        assert billed["amount"] == "0.000002"
        assert [e["id"] for e in billed["usageEvents"]] == [e["id"] for e in used]
        assert {e["invoiceId"] for e in billed["usageEvents"]} == {billed["id"]}
        # The next period finds nothing left to bill: each event is billed once.
        assert (await _bill(runtime, api, usage.subscription["id"]))["usageEvents"] == []

    async def test_usage_of_a_fixed_plan_is_recorded_not_billed(
        self, retempo: Retempo, api: TenantApi, runtime: Runtime
    ) -> None:
        usage = await Usage.make(retempo, amount="49")
        anchor = await _backdate(runtime, usage.subscription, 40)
        await _bill(runtime, api, usage.subscription["id"])
        recorded = await usage.record("k", 10, occurredAt=(anchor + timedelta(days=1)).isoformat())
        billed = await _bill(runtime, api, usage.subscription["id"])
        assert billed["amount"] == "49.000000" and billed["usageEvents"] == []
        assert (await usage.native(recorded["id"]))["invoice"] is None
