"""Changing a subscription mid-period (`PATCH /v1/subscriptions/{id}`, billing.changes) with
Stripe's proration, and its upcoming invoice (docs/billing.md, "Changing a subscription").

Plans here renew every 30 days, so a period is exactly 2 592 000 seconds. Time is moved by
moving the subscription into the past, never the clock: `_halfway` starts its first period
15 days ago and bills it, so a change made now falls (a few milliseconds after) halfway.
Every amount is checked to the cent against the exact rule, computed here on its own.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pytest
from sqlalchemy import select

from remit.billing.run import Billed, bill_next_period
from remit.runtime import Runtime
from remit.subscriptions.models import Subscription
from tests.support import TenantApi, event_types, expect, params, problem

PERIOD = timedelta(days=30)


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def prorated(amount: str, at: str, end: str) -> str:
    """amount × (end − at) / 30 days, in whole seconds, rounded once half-up: the rule."""
    left = (moment(end) - moment(at)) // timedelta(seconds=1)
    exact = Fraction(Decimal(amount)) * Fraction(left, int(PERIOD.total_seconds()))
    value = Decimal(exact.numerator) / Decimal(exact.denominator)
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


async def _plan(api: TenantApi, name: str = "Seats", **fields: Any) -> dict[str, Any]:
    product = expect(await api.post("/v1/products", {"name": name}), 201)
    body = {"product": product["id"], "amount": "10.00", "interval": "day",
            "interval_count": 30, **fields}  # fmt: skip
    made: dict[str, Any] = expect(await api.post("/v1/plans", body), 201)
    return made


async def _subscribe(api: TenantApi, *items: tuple[dict[str, Any], int], **fields: Any) -> Any:
    lines = [{"plan": plan["id"], "quantity": n} for plan, n in items]
    body = {"customer": (await api.customer())["id"], "collection_method": "send_invoice",
            "items": lines, **fields}  # fmt: skip
    return expect(await api.post("/v1/subscriptions", body), 201)


async def _bill(api: TenantApi, runtime: Runtime, subscription_id: str) -> Billed:
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "worker", livemode=False)
        return await bill_next_period(ctx, subscription_id)


async def _move_back(runtime: Runtime, subscription_id: str, by: timedelta) -> None:
    """As if everything had happened `by` earlier (its periods, billed or due)."""
    async with runtime.db.write() as session:
        row = await session.scalar(select(Subscription).where(Subscription.id == subscription_id))
        assert row is not None and row.next_bill_at is not None
        row.next_bill_at -= by
        row.current_period_start -= by
        if row.billing_cycle_anchor is not None:
            row.billing_cycle_anchor -= by
        if row.current_period_end is not None:
            row.current_period_end -= by


async def _halfway(api: TenantApi, runtime: Runtime, *items: tuple[dict[str, Any], int]) -> Any:
    """A subscription whose first period began 15 days ago and is billed."""
    made = await _subscribe(api, *items)
    await _move_back(runtime, made["id"], timedelta(days=15))
    assert await _bill(api, runtime, made["id"]) is Billed.INVOICED
    return expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)


async def _next_period(api: TenantApi, runtime: Runtime, subscription_id: str) -> dict[str, Any]:
    """Bill the next period now (the current one made to end a minute ago); its invoice."""
    await _move_back(runtime, subscription_id, timedelta(days=15, minutes=1))
    assert await _bill(api, runtime, subscription_id) is Billed.INVOICED
    return (await _invoices(api, subscription_id))[-1]


async def _invoices(api: TenantApi, subscription_id: str) -> list[dict[str, Any]]:
    listed = expect(await api.get("/v1/invoices", params={"subscription": subscription_id}), 200)
    return sorted(listed["data"], key=lambda invoice: invoice["id"])


async def _pending(api: TenantApi, customer_id: str) -> list[dict[str, Any]]:
    listed = expect(await api.get("/v1/invoice_items", params={"customer": customer_id}), 200)
    return [item for item in listed["data"] if item["invoice"] is None]


async def _patch(api: TenantApi, subscription: dict[str, Any], **body: Any) -> Any:
    return await api.patch(f"/v1/subscriptions/{subscription['id']}", body)


def _item(subscription: dict[str, Any], n: int = 0) -> str:
    item_id: str = subscription["items"][n]["id"]
    return item_id


def _amounts(lines: list[dict[str, Any]]) -> list[str]:
    return [line["amount"] for line in lines]


class TestQuantityChange:
    async def test_create_prorations_leaves_pending_items_the_next_invoice_takes(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        seats = await _plan(api)
        sub = await _halfway(api, runtime, (seats, 3))
        changed = expect(await _patch(api, sub, items=[{"id": _item(sub), "quantity": 5}]), 200)
        assert [(i["id"], i["quantity"]) for i in changed["items"]] == [(_item(sub), 5)]
        credit, charge = await _pending(api, sub["customer"])
        at, end = credit["period_start"], sub["current_period_end"]
        assert (credit["amount"], charge["amount"]) == (
            prorated("-30.00", at, end),
            prorated("50.00", at, end),
        )
        assert (credit["amount"], charge["amount"]) == ("-15.00", "25.00")  # halfway
        assert credit["description"].startswith("Unused time on 3 × Seats after ")
        assert charge["description"].startswith("Remaining time on 5 × Seats after ")
        assert (charge["period_start"], charge["period_end"]) == (at, end)
        invoice = await _next_period(api, runtime, sub["id"])
        assert invoice["billing_reason"] == "subscription_cycle"
        assert _amounts(invoice["lines"]) == ["50.00", "-15.00", "25.00"]
        assert [line["id"] for line in invoice["lines"][1:]] == [credit["id"], charge["id"]]
        assert invoice["total"] == "60.00"
        assert await _pending(api, sub["customer"]) == []
        assert "subscription.updated" in await event_types(api, sub["id"])

    async def test_a_tiered_price_is_prorated_on_its_whole_period_amount(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        tiers = [{"up_to": 5, "unit_amount": "5.00"}, {"up_to": "inf", "unit_amount": "4.00"}]
        plan = await _plan(api, amount=None, billing_scheme="tiered", tiers_mode="graduated",
                           tiers=tiers)  # fmt: skip
        sub = await _halfway(api, runtime, (plan, 3))  # 15.00 a period; 7 seats: 33.00
        expect(await _patch(api, sub, items=[{"id": _item(sub), "quantity": 7}]), 200)
        credit, charge = await _pending(api, sub["customer"])
        at, end = credit["period_start"], sub["current_period_end"]
        assert (credit["amount"], charge["amount"]) == ("-7.50", "16.50")
        assert charge["amount"] == prorated("33.00", at, end)

    async def test_always_invoice_issues_an_invoice_now(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 3))
        body = {
            "items": [{"id": _item(sub), "quantity": 5}],
            "proration_behavior": "always_invoice",
        }
        expect(await _patch(api, sub, **body), 200)
        _, update = await _invoices(api, sub["id"])
        assert (update["billing_reason"], update["status"]) == ("subscription_update", "open")
        assert _amounts(update["lines"]) == ["-15.00", "25.00"]
        assert update["total"] == "10.00" and update["number"] is not None
        assert update["period_end"] == sub["current_period_end"]
        assert await _pending(api, sub["customer"]) == []
        after = expect(await api.get(f"/v1/subscriptions/{sub['id']}"), 200)
        assert after["latest_invoice"] == update["id"]  # the one its status follows now

    async def test_always_invoice_keeps_a_net_credit_pending(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 5))
        body = {
            "items": [{"id": _item(sub), "quantity": 3}],
            "proration_behavior": "always_invoice",
        }
        expect(await _patch(api, sub, **body), 200)
        assert len(await _invoices(api, sub["id"])) == 1  # no invoice: it would be negative
        assert _amounts(await _pending(api, sub["customer"])) == ["-25.00", "15.00"]
        invoice = await _next_period(api, runtime, sub["id"])
        assert (_amounts(invoice["lines"]), invoice["total"]) == (
            ["30.00", "-25.00", "15.00"],
            "20.00",
        )

    async def test_none_prorates_nothing(self, api: TenantApi, runtime: Runtime) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 3))
        body = {"items": [{"id": _item(sub), "quantity": 5}], "proration_behavior": "none"}
        assert expect(await _patch(api, sub, **body), 200)["items"][0]["quantity"] == 5
        assert await _pending(api, sub["customer"]) == []
        assert len(await _invoices(api, sub["id"])) == 1
        assert (await _next_period(api, runtime, sub["id"]))["total"] == "50.00"

    async def test_a_trial_prorates_nothing(self, api: TenantApi) -> None:
        sub = await _subscribe(api, (await _plan(api), 3), trial_days=14)
        changed = expect(await _patch(api, sub, items=[{"id": _item(sub), "quantity": 5}]), 200)
        assert (changed["status"], changed["items"][0]["quantity"]) == ("trialing", 5)
        assert await _pending(api, sub["customer"]) == []

    async def test_before_the_first_invoice_its_invoice_bills_the_change(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _subscribe(api, (await _plan(api), 3))
        expect(await _patch(api, sub, items=[{"id": _item(sub), "quantity": 5}]), 200)
        assert await _pending(api, sub["customer"]) == []
        await _bill(api, runtime, sub["id"])
        [invoice] = await _invoices(api, sub["id"])
        assert invoice["total"] == "50.00"


class TestPlanSwap:
    async def test_upgrade_halfway_credits_half_and_charges_half(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        basic, pro = await _plan(api), await _plan(api, "Pro", amount="20.00")
        sub = await _halfway(api, runtime, (basic, 1))
        changed = expect(await _patch(api, sub, items=[{"id": _item(sub), "plan": pro["id"]}]), 200)
        assert [(i["id"], i["plan"]) for i in changed["items"]] == [(_item(sub), pro["id"])]
        assert changed["plan"] == pro["id"]
        credit, charge = await _pending(api, sub["customer"])
        assert (credit["amount"], charge["amount"]) == ("-5.00", "10.00")
        assert charge["amount"] == prorated("20.00", charge["period_start"], charge["period_end"])
        assert charge["description"].startswith("Remaining time on 1 × Pro after ")
        invoice = await _next_period(api, runtime, sub["id"])
        assert (invoice["lines"][0]["description"], invoice["total"]) == ("Pro", "25.00")

    @pytest.mark.parametrize(
        "other", [{"interval": "month", "interval_count": 1}, {"currency": "EUR"}]
    )
    async def test_a_plan_of_another_interval_or_currency_is_refused(
        self, api: TenantApi, runtime: Runtime, other: dict[str, Any]
    ) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 1))
        monthly = await _plan(api, "Monthly", **other)
        refused = await _patch(api, sub, items=[{"id": _item(sub), "plan": monthly["id"]}])
        assert params(problem(refused, 400, "subscription_items_mismatch")) == {"items[0].plan"}
        assert await _pending(api, sub["customer"]) == []
        after = expect(await api.get(f"/v1/subscriptions/{sub['id']}"), 200)
        assert after["items"] == sub["items"]

    async def test_a_metered_item_cannot_be_given_another_plan(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        meter = expect(
            await api.post("/v1/meters", {"event_name": "calls", "aggregation": "count"}), 201
        )
        metered = await _plan(api, "Calls", usage_type="metered", meter=meter["id"])
        sub = await _halfway(api, runtime, (await _plan(api), 1), (metered, 1))
        refused = await _patch(api, sub, items=[{"id": _item(sub, 1), "plan": sub["plan"]}])
        assert params(problem(refused, 400, "subscription_item_metered")) == {"items[0].plan"}
        after = expect(await api.get(f"/v1/subscriptions/{sub['id']}"), 200)
        assert after["items"] == sub["items"]


class TestAddAndRemove:
    async def test_an_added_item_is_charged_for_the_rest_of_the_period(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        seats, support = await _plan(api), await _plan(api, "Support", amount="5.00")
        sub = await _halfway(api, runtime, (seats, 1))
        changed = expect(
            await _patch(api, sub, items=[{"plan": support["id"], "quantity": 2}]), 200
        )
        assert [(i["plan"], i["quantity"]) for i in changed["items"]] == [
            (seats["id"], 1),
            (support["id"], 2),
        ]
        [charge] = await _pending(api, sub["customer"])
        assert charge["amount"] == "5.00"
        assert charge["description"].startswith("Remaining time on 2 × Support after ")
        invoice = await _next_period(api, runtime, sub["id"])
        assert _amounts(invoice["lines"]) == ["10.00", "10.00", "5.00"]

    async def test_a_removed_item_is_credited_its_unused_time(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        seats, support = await _plan(api), await _plan(api, "Support", amount="5.00")
        sub = await _halfway(api, runtime, (seats, 1), (support, 2))
        changed = expect(await _patch(api, sub, items=[{"id": _item(sub), "deleted": True}]), 200)
        assert [i["plan"] for i in changed["items"]] == [support["id"]]
        assert changed["plan"] == support["id"]  # the first item's plan
        [credit] = await _pending(api, sub["customer"])
        assert credit["amount"] == "-5.00"
        assert credit["description"].startswith("Unused time on 1 × Seats after ")

    async def test_the_last_item_cannot_be_removed(self, api: TenantApi, runtime: Runtime) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 1))
        refused = await _patch(api, sub, items=[{"id": _item(sub), "deleted": True}])
        assert params(problem(refused, 400, "subscription_items_empty")) == {"items"}

    async def test_a_plan_twice_is_refused(self, api: TenantApi) -> None:
        seats = await _plan(api)
        sub = await _subscribe(api, (seats, 1))
        refused = await _patch(api, sub, items=[{"plan": seats["id"]}])
        assert params(problem(refused, 400, "subscription_items_mismatch")) == {"items"}

    @pytest.mark.parametrize(
        ("items", "param"),
        [
            ([{"quantity": 2}], "items[0]"),
            ([{"id": "si_x", "deleted": True, "quantity": 2}], "items[0]"),
            ([{"plan": "p", "quantity": 0}], "items[0].quantity"),
        ],
    )
    async def test_malformed_items_are_refused(
        self, api: TenantApi, items: list[dict[str, Any]], param: str
    ) -> None:
        sub = await _subscribe(api, (await _plan(api), 1))
        assert params(problem(await _patch(api, sub, items=items), 400, "validation_error")) == {
            param
        }

    async def test_an_item_of_another_subscription_is_not_found(self, api: TenantApi) -> None:
        seats = await _plan(api)
        sub, other = await _subscribe(api, (seats, 1)), await _subscribe(api, (seats, 1))
        refused = await _patch(api, sub, items=[{"id": _item(other), "quantity": 2}])
        assert params(problem(refused, 404, "resource_missing")) == {"items[0].id"}


class TestRemovingAMeteredItem:
    """Its usage not billed yet is invoiced at once (`subscription_update`): never lost, as
    no later invoice of the subscription bills its meter, and never twice."""

    async def _calls(self, api: TenantApi) -> dict[str, Any]:
        body = {"event_name": "calls", "aggregation": "sum", "value_key": "n"}
        meter = expect(await api.post("/v1/meters", body), 201)
        return await _plan(api, "Calls", amount="0.50", usage_type="metered", meter=meter["id"])

    async def _use(self, api: TenantApi, customer_id: str, identifier: str, n: int) -> None:
        event = {"event_name": "calls", "customer": customer_id, "identifier": identifier,
                 "payload": {"n": n}}  # fmt: skip
        expect(await api.post("/v1/usage_events", event), 201)

    async def test_its_usage_is_invoiced_at_once_and_never_again(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 1), (await self._calls(api), 1))
        await self._use(api, sub["customer"], "c1", 7)
        changed = expect(
            await _patch(api, sub, items=[{"id": _item(sub, 1), "deleted": True}]), 200
        )
        assert [item["id"] for item in changed["items"]] == [_item(sub)]
        _, usage = await _invoices(api, sub["id"])
        assert (usage["billing_reason"], usage["status"]) == ("subscription_update", "open")
        assert (_amounts(usage["lines"]), usage["total"]) == (["3.50"], "3.50")
        assert changed["latest_invoice"] == usage["id"]
        assert await _pending(api, sub["customer"]) == []
        await self._use(api, sub["customer"], "c2", 4)  # after the item is gone
        following = await _next_period(api, runtime, sub["id"])
        assert (_amounts(following["lines"]), following["total"]) == (["10.00"], "10.00")

    async def test_with_always_invoice_one_invoice_holds_the_change_and_the_usage(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 3), (await self._calls(api), 1))
        await self._use(api, sub["customer"], "c1", 7)
        body = {"proration_behavior": "always_invoice", "items": [
            {"id": _item(sub), "quantity": 5}, {"id": _item(sub, 1), "deleted": True}]}  # fmt: skip
        expect(await _patch(api, sub, **body), 200)
        _, update = await _invoices(api, sub["id"])
        assert (_amounts(update["lines"]), update["total"]) == (
            ["-15.00", "25.00", "3.50"],
            "13.50",
        )
        assert await _pending(api, sub["customer"]) == []

    async def test_with_create_prorations_the_usage_alone_is_invoiced(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 3), (await self._calls(api), 1))
        await self._use(api, sub["customer"], "c1", 7)
        items = [{"id": _item(sub), "quantity": 5}, {"id": _item(sub, 1), "deleted": True}]
        expect(await _patch(api, sub, items=items), 200)
        _, usage = await _invoices(api, sub["id"])
        assert _amounts(usage["lines"]) == ["3.50"]
        assert _amounts(await _pending(api, sub["customer"])) == ["-15.00", "25.00"]

    async def test_without_usage_nothing_is_invoiced(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 1), (await self._calls(api), 1))
        expect(await _patch(api, sub, items=[{"id": _item(sub, 1), "deleted": True}]), 200)
        assert len(await _invoices(api, sub["id"])) == 1


class TestRefusedAndOwnFields:
    @pytest.mark.parametrize("action", ["cancel", "pause"])
    async def test_only_active_past_due_or_trialing_subscriptions_change(
        self, api: TenantApi, action: str
    ) -> None:
        sub = await _subscribe(api, (await _plan(api), 1))
        expect(await api.post(f"/v1/subscriptions/{sub['id']}/{action}"), 200)
        refused = await _patch(api, sub, items=[{"id": _item(sub), "quantity": 2}])
        problem(refused, 409, "subscription_not_updatable")
        problem(await _patch(api, sub, metadata={"a": "b"}), 409, "subscription_not_updatable")

    async def test_another_account_s_subscription_is_not_found(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        sub = await _subscribe(api, (await _plan(api), 1))
        problem(await _patch(other_api, sub, metadata={"a": "b"}), 404, "resource_missing")

    async def test_a_read_key_cannot_change_it(self, api: TenantApi) -> None:
        sub = await _subscribe(api, (await _plan(api), 1))
        reader = await api.with_scopes("subscriptions:read")
        refused = await reader.patch(f"/v1/subscriptions/{sub['id']}", {"metadata": {}})
        problem(refused, 403, "insufficient_scope")

    async def test_cancel_at_period_end_and_metadata_change_alone(self, api: TenantApi) -> None:
        sub = await _subscribe(api, (await _plan(api), 1), metadata={"crm": "A-1", "x": "y"})
        body = {"cancel_at_period_end": True, "metadata": {"x": None, "tier": "gold"}}
        changed = expect(await _patch(api, sub, **body), 200)
        assert changed["cancel_at_period_end"] is True
        assert changed["metadata"] == {"crm": "A-1", "tier": "gold"}
        undone = expect(await _patch(api, sub, cancel_at_period_end=False), 200)
        assert undone["cancel_at_period_end"] is False
        assert (await event_types(api, sub["id"]))[:2] == ["subscription.updated"] * 2


class TestUpcomingInvoice:
    async def test_shows_the_next_period_and_pending_items_and_stores_nothing(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 3))
        expect(await _patch(api, sub, items=[{"id": _item(sub), "quantity": 5}]), 200)
        upcoming = expect(await api.get(f"/v1/subscriptions/{sub['id']}/upcoming_invoice"), 200)
        assert (upcoming["billing_reason"], upcoming["subscription"]) == ("upcoming", sub["id"])
        assert upcoming["period_start"] == sub["current_period_end"]
        assert _amounts(upcoming["lines"]) == ["50.00", "-15.00", "25.00"]
        assert upcoming["total"] == "60.00"
        assert len(await _invoices(api, sub["id"])) == 1
        assert len(await _pending(api, sub["customer"])) == 2
        made = await _next_period(api, runtime, sub["id"])
        assert (_amounts(made["lines"]), made["total"]) == (["50.00", "-15.00", "25.00"], "60.00")

    async def test_previews_a_proposed_change_with_its_prorations(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        seats, pro = await _plan(api), await _plan(api, "Pro", amount="20.00")
        sub = await _halfway(api, runtime, (seats, 3))
        query = {"items[0][id]": _item(sub), "items[0][plan]": pro["id"],
                 "items[0][quantity]": "2"}  # fmt: skip
        upcoming = expect(
            await api.get(f"/v1/subscriptions/{sub['id']}/upcoming_invoice", params=query), 200
        )
        assert _amounts(upcoming["lines"]) == ["40.00", "-15.00", "20.00"]
        assert [line["description"].split(" after ")[0] for line in upcoming["lines"][1:]] == [
            "Unused time on 3 × Seats",
            "Remaining time on 2 × Pro",
        ]
        assert upcoming["total"] == "45.00"
        assert await _pending(api, sub["customer"]) == []  # only previewed
        after = expect(await api.get(f"/v1/subscriptions/{sub['id']}"), 200)
        assert after["items"] == sub["items"] and after["updated_at"] == sub["updated_at"]

    async def test_previews_an_added_item(self, api: TenantApi, runtime: Runtime) -> None:
        seats, support = await _plan(api), await _plan(api, "Support", amount="5.00")
        sub = await _halfway(api, runtime, (seats, 1))
        query = {"items[0][plan]": support["id"]}
        upcoming = expect(
            await api.get(f"/v1/subscriptions/{sub['id']}/upcoming_invoice", params=query), 200
        )
        assert _amounts(upcoming["lines"]) == ["10.00", "5.00", "2.50"]

    @pytest.mark.parametrize(
        ("query", "param"),
        [
            ({"items[0][quantity]": "many", "items[0][plan]": "p"}, "items[0].quantity"),
            ({"items[1][plan]": "p"}, "items"),
            ({"items[0][price]": "p"}, "items[0][price]"),
        ],
    )
    async def test_malformed_proposed_items_are_refused(
        self, api: TenantApi, query: dict[str, str], param: str
    ) -> None:
        sub = await _subscribe(api, (await _plan(api), 1))
        answer = await api.get(f"/v1/subscriptions/{sub['id']}/upcoming_invoice", params=query)
        assert params(problem(answer, 400, "validation_error")) == {param}

    async def test_a_proposed_change_is_checked_as_a_change_is(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 1))
        query = {"items[0][id]": _item(sub), "items[0][deleted]": "true"}
        answer = await api.get(f"/v1/subscriptions/{sub['id']}/upcoming_invoice", params=query)
        problem(answer, 400, "subscription_items_empty")

    @pytest.mark.parametrize("action", ["cancel", "pause"])
    async def test_a_subscription_that_bills_no_more_has_none(
        self, api: TenantApi, action: str
    ) -> None:
        sub = await _subscribe(api, (await _plan(api), 1))
        expect(await api.post(f"/v1/subscriptions/{sub['id']}/{action}"), 200)
        answer = await api.get(f"/v1/subscriptions/{sub['id']}/upcoming_invoice")
        problem(answer, 409, "invoice_upcoming_none")

    async def test_a_subscription_ending_with_its_period_has_none(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _halfway(api, runtime, (await _plan(api), 1))
        expect(await _patch(api, sub, cancel_at_period_end=True), 200)
        answer = await api.get(f"/v1/subscriptions/{sub['id']}/upcoming_invoice")
        problem(answer, 409, "invoice_upcoming_none")

    async def test_metered_usage_not_billed_yet_is_on_it(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        body = {"event_name": "calls", "aggregation": "sum", "value_key": "n"}
        meter = expect(await api.post("/v1/meters", body), 201)
        metered = await _plan(api, "Calls", amount="0.50", usage_type="metered", meter=meter["id"])
        sub = await _halfway(api, runtime, (await _plan(api), 1), (metered, 1))
        event = {"event_name": "calls", "customer": sub["customer"], "identifier": "c1",
                 "payload": {"n": 7}}  # fmt: skip
        expect(await api.post("/v1/usage_events", event), 201)
        upcoming = expect(await api.get(f"/v1/subscriptions/{sub['id']}/upcoming_invoice"), 200)
        assert (_amounts(upcoming["lines"]), upcoming["total"]) == (["10.00", "3.50"], "13.50")

    async def test_a_read_key_may_preview(self, api: TenantApi) -> None:
        sub = await _subscribe(api, (await _plan(api), 2))
        reader = await api.with_scopes("subscriptions:read")
        upcoming = expect(await reader.get(f"/v1/subscriptions/{sub['id']}/upcoming_invoice"), 200)
        assert (upcoming["total"], upcoming["billing_reason"]) == ("20.00", "upcoming")


class TestTheRun:
    async def test_a_credit_larger_than_the_period_waits_for_an_invoice_it_fits_in(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        big, small = await _plan(api, "Big", amount="100.00"), await _plan(api, "Small")
        sub = await _halfway(api, runtime, (big, 1))
        expect(await _patch(api, sub, items=[{"id": _item(sub), "plan": small["id"]}]), 200)
        assert _amounts(await _pending(api, sub["customer"])) == ["-50.00", "5.00"]
        invoice = await _next_period(api, runtime, sub["id"])  # 10.00 − 45.00 would be < 0
        assert (_amounts(invoice["lines"]), invoice["total"]) == (["10.00"], "10.00")
        assert len(await _pending(api, sub["customer"])) == 2

    async def test_invoices_are_in_the_plans_currency(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await _subscribe(api, (await _plan(api, currency="EUR"), 1))
        upcoming = expect(await api.get(f"/v1/subscriptions/{sub['id']}/upcoming_invoice"), 200)
        await _bill(api, runtime, sub["id"])
        [invoice] = await _invoices(api, sub["id"])
        assert (upcoming["currency"], invoice["currency"], invoice["total"]) == (
            "EUR",
            "EUR",
            "10.00",
        )
