"""A `billing_cycle_anchor` chosen at creation (docs/billing.md, "A chosen billing cycle
anchor"): the partial period before it is billed prorated at once (`create_prorations`) or
free (`none`), the whole periods run from the anchor, a trial comes first, and an anchor
that cannot be one is refused naming it.

Plans renew every 30 days unless said otherwise; time is moved by moving the subscription
into the past (`move_back`), never the clock.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from remit.billing.run import Billed
from remit.runtime import Runtime
from tests.billing.backdating import (
    PERIOD,
    amounts,
    bill,
    invoices,
    moment,
    move_back,
    pending,
    plan,
    prorated,
    stamp,
    subscribe,
)
from tests.support import TenantApi, expect, params, problem

DAY = timedelta(days=1)


def _from_now(delta: timedelta) -> str:
    return stamp(datetime.now(UTC) + delta)


def _months_later(value: datetime, months: int) -> datetime:
    """The same day `months` later (or earlier), clamped to that month's last day."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return value.replace(year=year, month=month, day=min(value.day, monthrange(year, month)[1]))


class TestProratedFirstPeriod:
    async def test_the_time_before_the_anchor_is_billed_prorated_at_once(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        seats = await plan(api)
        made = await subscribe(api, (seats, 3), billing_cycle_anchor=_from_now(10 * DAY))
        anchor, start = made["billing_cycle_anchor"], made["created_at"]
        assert (made["status"], made["next_bill_at"], made["current_period_start"]) == (
            "active",
            start,
            start,
        )
        assert made["current_period_end"] == anchor
        upcoming = expect(await api.get(f"/v1/subscriptions/{made['id']}/upcoming_invoice"), 200)
        assert await bill(api, runtime, made["id"]) is Billed.INVOICED
        [first] = await invoices(api, made["id"])
        assert first["billing_reason"] == "subscription_create"
        assert (first["period_start"], first["period_end"]) == (start, anchor)
        [line] = first["lines"]
        assert line["amount"] == prorated("30.00", start, anchor, PERIOD) == "10.00"
        assert line["description"].startswith("Remaining time on 3 × Seats after ")
        assert (line["period"]["start"], line["period"]["end"]) == (start, anchor)
        assert amounts(upcoming["lines"]) == ["10.00"]  # the preview said so
        after = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert (after["current_period_end"], after["next_bill_at"]) == (anchor, anchor)
        assert after["latest_invoice"] == first["id"]

    async def test_whole_periods_then_run_from_the_anchor(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        made = await subscribe(api, (await plan(api), 3), billing_cycle_anchor=_from_now(DAY))
        await bill(api, runtime, made["id"])
        await move_back(runtime, made["id"], DAY + timedelta(minutes=1))  # the anchor passed
        assert await bill(api, runtime, made["id"]) is Billed.INVOICED
        assert await bill(api, runtime, made["id"]) is Billed.NOT_DUE
        stub, whole = await invoices(api, made["id"])
        anchor = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)[
            "billing_cycle_anchor"
        ]  # moved back with the rest, after the stub was billed
        assert moment(stub["period_end"]) - moment(anchor) == DAY + timedelta(minutes=1)
        assert (whole["billing_reason"], whole["period_start"], whole["total"]) == (
            "subscription_cycle",
            anchor,
            "30.00",
        )
        assert moment(whole["period_end"]) - moment(anchor) == PERIOD

    async def test_a_monthly_anchor_is_prorated_against_the_month_that_ends_at_it(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        monthly = await plan(api, interval="month", interval_count=1, amount="31.00")
        made = await subscribe(api, (monthly, 1), billing_cycle_anchor=_from_now(12 * DAY))
        await bill(api, runtime, made["id"])
        [first] = await invoices(api, made["id"])
        anchor = moment(made["billing_cycle_anchor"])
        whole = anchor - _months_later(anchor, -1)  # 28 to 31 days, as the month is
        assert first["total"] == prorated("31.00", made["created_at"], anchor, whole)
        await move_back(runtime, made["id"], 12 * DAY + timedelta(minutes=1))
        await bill(api, runtime, made["id"])
        second = (await invoices(api, made["id"]))[1]
        start = moment(second["period_start"])
        assert (second["total"], moment(second["period_end"])) == (
            "31.00",
            _months_later(start, 1),
        )

    async def test_a_change_in_the_partial_period_credits_what_it_paid(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        made = await subscribe(api, (await plan(api), 3), billing_cycle_anchor=_from_now(10 * DAY))
        await bill(api, runtime, made["id"])  # 10.00: a third of 30.00
        item = made["items"][0]["id"]
        body = {"items": [{"id": item, "quantity": 6}]}
        expect(await api.patch(f"/v1/subscriptions/{made['id']}", body), 200)
        credit, charge = await pending(api, made["customer"])
        at, anchor = credit["period_start"], made["billing_cycle_anchor"]
        # Against the whole 30 days the partial period was billed against, not its 10 days.
        assert credit["amount"] == prorated("-30.00", at, anchor, PERIOD) == "-10.00"
        assert charge["amount"] == prorated("60.00", at, anchor, PERIOD) == "20.00"


class TestFreeFirstPeriod:
    async def test_none_bills_nothing_until_the_anchor(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        made = await subscribe(
            api, (await plan(api), 3), billing_cycle_anchor=_from_now(10 * DAY),
            proration_behavior="none",
        )  # fmt: skip
        anchor = made["billing_cycle_anchor"]
        assert (made["status"], made["next_bill_at"], made["current_period_end"]) == (
            "active",
            anchor,
            anchor,
        )
        assert await bill(api, runtime, made["id"]) is Billed.NOT_DUE
        assert await invoices(api, made["id"]) == []
        await move_back(runtime, made["id"], 10 * DAY + timedelta(minutes=1))
        assert await bill(api, runtime, made["id"]) is Billed.INVOICED
        [first] = await invoices(api, made["id"])
        assert (first["billing_reason"], first["total"]) == ("subscription_create", "30.00")
        assert moment(first["period_end"]) - moment(first["period_start"]) == PERIOD

    async def test_a_change_in_the_free_period_prorates_nothing(self, api: TenantApi) -> None:
        made = await subscribe(
            api, (await plan(api), 3), billing_cycle_anchor=_from_now(10 * DAY),
            proration_behavior="none",
        )  # fmt: skip
        body = {"items": [{"id": made["items"][0]["id"], "quantity": 6}]}
        expect(await api.patch(f"/v1/subscriptions/{made['id']}", body), 200)
        assert await pending(api, made["customer"]) == []


class TestWithATrial:
    async def test_the_trial_comes_first_then_the_prorated_time_to_the_anchor(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        made = await subscribe(
            api, (await plan(api), 1), trial_days=7, billing_cycle_anchor=_from_now(20 * DAY)
        )
        trial_end, anchor = made["trial_end"], made["billing_cycle_anchor"]
        assert (made["status"], made["next_bill_at"], made["current_period_end"]) == (
            "trialing",
            trial_end,
            trial_end,
        )
        assert await bill(api, runtime, made["id"]) is Billed.NOT_DUE
        await move_back(runtime, made["id"], 7 * DAY + timedelta(minutes=1))  # the trial ended
        assert await bill(api, runtime, made["id"]) is Billed.INVOICED
        [first] = await invoices(api, made["id"])
        assert first["billing_reason"] == "subscription_create"
        assert first["total"] == prorated("10.00", trial_end, anchor, PERIOD) == "4.33"  # 13 days
        assert moment(first["period_end"]) - moment(first["period_start"]) == (
            moment(anchor) - moment(trial_end)
        )
        after = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert after["status"] == "active"

    async def test_an_anchor_at_the_trial_s_end_is_no_partial_period(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        trial_end = _from_now(5 * DAY)
        made = await subscribe(
            api, (await plan(api), 1), trial_end=trial_end, billing_cycle_anchor=trial_end
        )
        await move_back(runtime, made["id"], 5 * DAY + timedelta(minutes=1))
        await bill(api, runtime, made["id"])
        [first] = await invoices(api, made["id"])
        assert first["total"] == "10.00"


class TestRefused:
    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"billing_cycle_anchor": -DAY}, "must be in the future"),
            ({"billing_cycle_anchor": 31 * DAY}, "must be at most one interval from now"),
            ({"billing_cycle_anchor": 3 * DAY, "trial_days": 7}, "must not come before"),
            ({"billing_cycle_anchor": 40 * DAY, "trial_days": 7}, "after the trial ends"),
        ],
    )
    async def test_an_anchor_that_cannot_be_is_refused_naming_it(
        self, api: TenantApi, fields: dict[str, Any], message: str
    ) -> None:
        customer = await api.customer()
        body = {**fields, "billing_cycle_anchor": _from_now(fields["billing_cycle_anchor"])}
        refused = await api.post(
            "/v1/subscriptions",
            {"customer": customer["id"], "plan": (await plan(api))["id"], **body},
        )
        answer = problem(refused, 400, "billing_cycle_anchor_invalid")
        assert params(answer) == {"billing_cycle_anchor"}
        assert message in answer["errors"][0]["message"]
        listed = expect(
            await api.get("/v1/subscriptions", params={"customer": customer["id"]}), 200
        )
        assert listed["data"] == []

    async def test_one_interval_away_is_accepted(self, api: TenantApi, runtime: Runtime) -> None:
        made = await subscribe(
            api,
            (await plan(api), 1),
            billing_cycle_anchor=_from_now(30 * DAY - timedelta(minutes=1)),
        )
        await bill(api, runtime, made["id"])
        [first] = await invoices(api, made["id"])
        assert first["total"] == "10.00"  # a minute short of a whole period: 9.9997…

    async def test_a_one_off_plan_has_no_anchor(self, api: TenantApi) -> None:
        once = await plan(api, interval="none", interval_count=1)
        refused = await api.post(
            "/v1/subscriptions",
            {"customer": (await api.customer())["id"], "plan": once["id"],
             "billing_cycle_anchor": _from_now(DAY)},
        )  # fmt: skip
        assert params(problem(refused, 400, "billing_cycle_anchor_invalid")) == {
            "billing_cycle_anchor"
        }
