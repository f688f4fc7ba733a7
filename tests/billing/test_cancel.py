"""Canceling a subscription (`POST /v1/subscriptions/{id}/cancel`, billing.cancel;
docs/billing.md, "Canceling"): now with `prorate`, the unused time of the licensed items
of the period paid in advance is credited as pending items for the customer's next
invoice; the metered usage not billed yet is invoiced at once, on a final invoice — and at
the end of the period, by the run, instead of being lost.

Plans renew every 30 days; `halfway` starts a first period 15 days ago and bills it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from remit.billing.run import Billed
from remit.runtime import Runtime
from tests.billing.backdating import (
    PERIOD,
    amounts,
    bill,
    halfway,
    invoices,
    metered_plan,
    moment,
    move_back,
    pending,
    plan,
    prorated,
    stamp,
    subscribe,
    use,
)
from tests.support import TenantApi, expect, problem


async def _cancel(api: TenantApi, subscription: dict[str, Any], **body: Any) -> Any:
    return await api.post(f"/v1/subscriptions/{subscription['id']}/cancel", body or None)


async def _usage_events(api: TenantApi, customer_id: str) -> list[dict[str, Any]]:
    listed = expect(await api.get("/v1/usage_events", params={"customer": customer_id}), 200)
    return sorted(listed["data"], key=lambda event: event["identifier"])


class TestProrate:
    async def test_the_unused_time_is_credited_as_pending_items(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        seats, support = await plan(api), await plan(api, "Support", amount="5.00")
        sub = await halfway(api, runtime, (seats, 3), (support, 2))
        canceled = expect(await _cancel(api, sub, prorate=True), 200)
        assert canceled["status"] == "canceled"
        seats_credit, support_credit = await pending(api, sub["customer"])
        at, end = seats_credit["period_start"], sub["current_period_end"]
        assert (seats_credit["amount"], support_credit["amount"]) == (
            prorated("-30.00", at, end, PERIOD),
            prorated("-10.00", at, end, PERIOD),
        )
        assert (seats_credit["amount"], support_credit["amount"]) == ("-15.00", "-5.00")
        assert seats_credit["description"].startswith("Unused time on 3 × Seats after ")
        assert (seats_credit["period_end"], seats_credit["currency"]) == (end, "USD")
        assert len(await invoices(api, sub["id"])) == 1  # nothing is invoiced now

    async def test_the_customer_s_next_invoice_takes_the_credit(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await halfway(api, runtime, (await plan(api), 3))
        expect(await _cancel(api, sub, prorate=True), 200)
        big = await plan(api, "Big", amount="100.00")
        other = await subscribe(api, (big, 1), customer=sub["customer"])
        await bill(api, runtime, other["id"])
        [invoice] = await invoices(api, other["id"])
        assert (amounts(invoice["lines"]), invoice["total"]) == (["100.00", "-15.00"], "85.00")
        assert await pending(api, sub["customer"]) == []

    async def test_without_prorate_nothing_is_credited(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await halfway(api, runtime, (await plan(api), 3))
        assert expect(await _cancel(api, sub), 200)["status"] == "canceled"
        assert await pending(api, sub["customer"]) == []
        assert len(await invoices(api, sub["id"])) == 1

    async def test_a_trial_or_an_unbilled_period_credits_nothing(self, api: TenantApi) -> None:
        seats = await plan(api)
        for fields in ({"trial_days": 7}, {}):
            sub = await subscribe(api, (seats, 3), **fields)
            expect(await _cancel(api, sub, prorate=True), 200)
            assert await pending(api, sub["customer"]) == []

    async def test_a_period_the_run_is_behind_on_credits_nothing(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await halfway(api, runtime, (await plan(api), 3))
        await move_back(runtime, sub["id"], timedelta(days=16))  # its period ended a day ago
        expect(await _cancel(api, sub, prorate=True), 200)
        assert await pending(api, sub["customer"]) == []

    async def test_prorate_goes_with_canceling_now(self, api: TenantApi) -> None:
        sub = await subscribe(api, (await plan(api), 1))
        refused = await _cancel(api, sub, at_period_end=True, prorate=True)
        assert "prorate" in problem(refused, 400, "validation_error")["detail"]
        assert expect(await api.get(f"/v1/subscriptions/{sub['id']}"), 200)["status"] == "active"

    async def test_a_canceled_subscription_is_refused_and_credited_once(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await halfway(api, runtime, (await plan(api), 3))
        expect(await _cancel(api, sub, prorate=True), 200)
        problem(await _cancel(api, sub, prorate=True), 409, "subscription_canceled")
        assert amounts(await pending(api, sub["customer"])) == ["-15.00"]


class TestMeteredUsage:
    async def test_canceling_now_invoices_the_usage_not_billed_yet_at_once(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        calls = await metered_plan(api)
        sub = await halfway(api, runtime, (await plan(api), 1), (calls, 1))
        await use(api, sub["customer"], "c1", 5)
        await use(api, sub["customer"], "c2", 2)
        canceled = expect(await _cancel(api, sub), 200)
        _, final = await invoices(api, sub["id"])
        assert (final["billing_reason"], final["status"]) == ("subscription_update", "open")
        assert (amounts(final["lines"]), final["total"]) == (["3.50"], "3.50")
        assert final["period_start"] == final["period_end"] == canceled["ended_at"]
        assert [event["invoice"] for event in await _usage_events(api, sub["customer"])] == [
            final["id"],
            final["id"],
        ]
        after = expect(await api.get(f"/v1/subscriptions/{sub['id']}"), 200)
        assert after["latest_invoice"] == final["id"]
        assert await bill(api, runtime, sub["id"]) is Billed.NOT_DUE

    async def test_usage_already_billed_is_not_billed_again(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        calls = await metered_plan(api)
        sub = await subscribe(api, (await plan(api), 1), (calls, 1))
        await move_back(runtime, sub["id"], timedelta(days=31))
        await bill(api, runtime, sub["id"])  # period 0, which ended a day ago
        ended = expect(await api.get(f"/v1/subscriptions/{sub['id']}"), 200)["current_period_end"]
        await use(api, sub["customer"], "c1", 4, at=stamp(moment(ended) - timedelta(hours=1)))
        await bill(api, runtime, sub["id"])  # period 1 bills c1, in arrears
        expect(await _cancel(api, sub), 200)
        assert [invoice["total"] for invoice in await invoices(api, sub["id"])] == [
            "10.00",
            "12.00",
        ]  # and no final invoice: nothing was left to bill

    async def test_with_prorate_the_final_invoice_takes_the_credit_when_it_fits(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        calls = await metered_plan(api)
        sub = await halfway(api, runtime, (await plan(api), 1), (calls, 1))
        await use(api, sub["customer"], "c1", 40)
        expect(await _cancel(api, sub, prorate=True), 200)
        final = (await invoices(api, sub["id"]))[-1]
        assert (amounts(final["lines"]), final["total"]) == (["20.00", "-5.00"], "15.00")
        assert await pending(api, sub["customer"]) == []

    async def test_a_credit_larger_than_the_usage_stays_pending(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        calls = await metered_plan(api)
        sub = await halfway(api, runtime, (await plan(api), 3), (calls, 1))
        await use(api, sub["customer"], "c1", 2)
        expect(await _cancel(api, sub, prorate=True), 200)
        final = (await invoices(api, sub["id"]))[-1]
        assert (amounts(final["lines"]), final["total"]) == (["1.00"], "1.00")
        assert amounts(await pending(api, sub["customer"])) == ["-15.00"]

    async def test_at_period_end_the_run_invoices_the_last_period_s_usage(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        calls = await metered_plan(api)
        sub = await halfway(api, runtime, (await plan(api), 1), (calls, 1))
        two_days_ago = stamp(datetime.now(UTC) - timedelta(days=2))  # still in the last period
        await use(api, sub["customer"], "c1", 6, at=two_days_ago)
        expect(await _cancel(api, sub, at_period_end=True), 200)
        assert len(await invoices(api, sub["id"])) == 1
        await move_back(runtime, sub["id"], timedelta(days=15, minutes=1))
        assert await bill(api, runtime, sub["id"]) is Billed.ENDED
        _, final = await invoices(api, sub["id"])
        ended = expect(await api.get(f"/v1/subscriptions/{sub['id']}"), 200)
        assert (ended["status"], ended["latest_invoice"]) == ("canceled", final["id"])
        assert (final["billing_reason"], final["period_start"]) == (
            "subscription_cycle",
            ended["ended_at"],
        )
        assert (amounts(final["lines"]), final["total"]) == (["3.00"], "3.00")
        assert await bill(api, runtime, sub["id"]) is Billed.NOT_DUE
        assert len(await invoices(api, sub["id"])) == 2


class TestPendingItems:
    async def test_at_period_end_the_final_invoice_collects_pending_prorations(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await halfway(api, runtime, (await plan(api), 3))
        body = {"items": [{"id": sub["items"][0]["id"], "quantity": 5}]}
        expect(await api.patch(f"/v1/subscriptions/{sub['id']}", body), 200)
        expect(await _cancel(api, sub, at_period_end=True), 200)
        await move_back(runtime, sub["id"], timedelta(days=15, minutes=1))
        assert await bill(api, runtime, sub["id"]) is Billed.ENDED
        _, final = await invoices(api, sub["id"])
        assert final["billing_reason"] == "subscription_cycle"
        assert (amounts(final["lines"]), final["total"]) == (["-15.00", "25.00"], "10.00")
        assert await pending(api, sub["customer"]) == []

    async def test_canceling_now_leaves_them_pending_without_usage(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        sub = await halfway(api, runtime, (await plan(api), 3))
        body = {"items": [{"id": sub["items"][0]["id"], "quantity": 5}]}
        expect(await api.patch(f"/v1/subscriptions/{sub['id']}", body), 200)
        expect(await _cancel(api, sub), 200)
        assert len(await invoices(api, sub["id"])) == 1
        assert amounts(await pending(api, sub["customer"])) == ["-15.00", "25.00"]
