"""The billing run (remit.billing): each period of a subscription billed once, in order, with
its items, its trial, its collection settings and its end (docs/billing.md).

Time is moved by moving the subscription into the past (`_backdate`), never the clock: ids
carry the time they are made at, so the run always acts at the real now.
"""

from __future__ import annotations

import asyncio
import itertools
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

from remit.billing.run import Billed, bill_next_period
from remit.invoices.models import Invoice
from remit.runtime import Runtime
from remit.worker.billing import run_billing
from tests.support import TenantApi, event_types, expect, problem


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def _plan(api: TenantApi, **fields: Any) -> dict[str, Any]:
    product = expect(await api.post("/v1/products", {"name": "Seats"}), 201)
    body = {"product": product["id"], "amount": "10.00", "interval": "month", **fields}
    made: dict[str, Any] = expect(await api.post("/v1/plans", body), 201)
    return made


async def _subscribe(api: TenantApi, **fields: Any) -> dict[str, Any]:
    fields.setdefault("customer", (await api.customer())["id"])
    fields.setdefault("collection_method", "send_invoice")
    made: dict[str, Any] = expect(await api.post("/v1/subscriptions", fields), 201)
    return made


async def _bill(api: TenantApi, runtime: Runtime, subscription_id: str) -> Billed:
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "worker", livemode=False)
        return await bill_next_period(ctx, subscription_id)


async def _backdate(
    runtime: Runtime, subscription_id: str, anchor: datetime, *, trial_end: datetime | None = None
) -> None:
    """As if the subscription had started at `anchor` (its trial ending at `trial_end`)."""
    async with runtime.db.write() as session:
        await session.execute(
            text(
                "UPDATE subscriptions SET billing_cycle_anchor = :a, next_bill_at = :a, "
                "current_period_start = :a, trial_end = :t WHERE id = :id"
            ),
            {"a": anchor, "t": trial_end, "id": subscription_id},
        )


async def _invoices(api: TenantApi, subscription_id: str) -> list[dict[str, Any]]:
    listed = expect(
        await api.get("/v1/invoices", params={"subscription": subscription_id, "limit": 100}), 200
    )
    return sorted(listed["data"], key=lambda invoice: invoice["period_start"])


class TestCreate:
    async def test_a_trial_ending_before_the_start_names_trial_end(self, api: TenantApi) -> None:
        refused = await api.post(
            "/v1/subscriptions",
            {"customer": (await api.customer())["id"], "plan": (await _plan(api))["id"],
             "trial_end": "2020-01-01T00:00:00Z"},
        )  # fmt: skip
        body = problem(refused, 400, "validation_error")
        assert [(e["param"], e["code"]) for e in body["errors"]] == [("trial_end", "invalid")]

    async def test_items_trial_and_collection_are_kept(self, api: TenantApi) -> None:
        seats, support = await _plan(api), await _plan(api, amount="5.00")
        made = await _subscribe(
            api,
            items=[{"plan": seats["id"], "quantity": 3}, {"plan": support["id"]}],
            trial_days=14,
            days_until_due=10,
        )
        assert made["status"] == "trialing"
        assert [(i["plan"], i["quantity"]) for i in made["items"]] == [
            (seats["id"], 3),
            (support["id"], 1),
        ]
        assert moment(made["trial_end"]) - moment(made["trial_start"]) == timedelta(days=14)
        assert made["next_bill_at"] == made["trial_end"] == made["billing_cycle_anchor"]
        assert (made["collection_method"], made["days_until_due"]) == ("send_invoice", 10)
        again = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert again["items"] == made["items"]

    async def test_one_plan_stays_accepted(self, api: TenantApi) -> None:
        plan = await _plan(api)
        made = await _subscribe(api, plan=plan["id"], quantity=2)
        assert made["status"] == "active" and made["items"][0]["quantity"] == 2
        assert made["next_bill_at"] == made["current_period_start"]

    @pytest.mark.parametrize(
        ("change", "param"),
        [({"interval": "year"}, "items[1].plan"), ({"currency": "EUR"}, "items[1].plan")],
    )
    async def test_items_must_bill_on_one_invoice(
        self, api: TenantApi, change: dict[str, Any], param: str
    ) -> None:
        first, other = await _plan(api), await _plan(api, **change)
        refused = await api.post(
            "/v1/subscriptions",
            {"customer": (await api.customer())["id"],
             "items": [{"plan": first["id"]}, {"plan": other["id"]}]},
        )  # fmt: skip
        body = problem(refused, 400, "subscription_items_mismatch")
        assert [error["param"] for error in body["errors"]] == [param]


class TestPeriods:
    async def test_the_first_period_is_billed_at_once_by_the_worker(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        plan = await _plan(api)
        made = await _subscribe(api, items=[{"plan": plan["id"], "quantity": 3}])
        await run_billing(runtime)
        [invoice] = await _invoices(api, made["id"])
        assert (invoice["billing_reason"], invoice["status"], invoice["total"]) == (
            "subscription_create",
            "open",
            "30.00",
        )
        assert (invoice["period_start"], invoice["period_end"]) == (
            made["current_period_start"],
            made["current_period_end"],
        )
        line = invoice["lines"][0]
        assert (line["quantity"], line["unit_amount"], line["period"]["start"]) == (
            "3",
            "10.00",
            made["current_period_start"],
        )
        after = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert after["latest_invoice"] == invoice["id"]
        assert after["next_bill_at"] == invoice["period_end"]

    async def test_missed_periods_are_each_billed_once_in_order(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        made = await _subscribe(api, plan=(await _plan(api))["id"])
        start = moment(made["current_period_start"]) - timedelta(days=95)
        await _backdate(runtime, made["id"], start)  # periods 0, 1, 2 and 3 have begun
        outcomes = [await _bill(api, runtime, made["id"]) for _ in range(6)]
        assert outcomes == [Billed.INVOICED] * 4 + [Billed.NOT_DUE] * 2
        invoices = await _invoices(api, made["id"])
        assert [i["billing_reason"] for i in invoices] == ["subscription_create"] + [
            "subscription_cycle"
        ] * 3
        bounds = [(moment(i["period_start"]), moment(i["period_end"])) for i in invoices]
        assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
        numbers = [int(i["number"].lstrip("#")) for i in invoices]
        assert numbers == sorted(numbers) and len(set(numbers)) == 4

    async def test_a_month_end_anchor_clamps_and_comes_back(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        made = await _subscribe(api, plan=(await _plan(api))["id"])
        anchor = datetime.fromisoformat("2024-01-31T12:00:00+00:00")  # a leap year
        await _backdate(runtime, made["id"], anchor)
        for _ in range(4):
            await _bill(api, runtime, made["id"])
        ends = [
            moment(i["period_end"]).date().isoformat() for i in await _invoices(api, made["id"])
        ]
        assert ends == ["2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"]

    async def test_racing_runs_bill_a_period_once(self, api: TenantApi, runtime: Runtime) -> None:
        made = await _subscribe(api, plan=(await _plan(api))["id"])
        outcomes = await asyncio.gather(*(_bill(api, runtime, made["id"]) for _ in range(4)))
        assert sorted(o.value for o in outcomes) == ["invoiced", "not_due", "not_due", "not_due"]
        assert len(await _invoices(api, made["id"])) == 1

    async def test_the_database_refuses_a_second_invoice_for_a_period(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        made = await _subscribe(api, plan=(await _plan(api))["id"])
        await _bill(api, runtime, made["id"])
        [invoice] = await _invoices(api, made["id"])
        table = Invoice.__table__
        async with runtime.db.read() as session:
            row = (await session.execute(select(table).where(table.c.id == invoice["id"]))).one()
        copy = {**row._mapping, "id": invoice["id"][:-4] + "zzzz", "number": None}
        async with runtime.db.engine.connect() as connection:
            with pytest.raises(IntegrityError):
                async with connection.begin():
                    await connection.execute(insert(table).values(**copy))
        manual = {**copy, "billing_reason": "manual"}  # only the run's invoices are unique
        async with runtime.db.engine.connect() as connection:
            transaction = await connection.begin()
            await connection.execute(insert(table).values(**manual))
            await transaction.rollback()


class TestTrialsAndEnds:
    async def test_a_trial_bills_nothing_until_it_ends(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        made = await _subscribe(api, plan=(await _plan(api))["id"], trial_days=7)
        assert await _bill(api, runtime, made["id"]) is Billed.NOT_DUE
        trial_end = moment(made["created_at"]) - timedelta(seconds=1)  # as if it just ended
        await _backdate(runtime, made["id"], trial_end, trial_end=trial_end)
        assert await _bill(api, runtime, made["id"]) is Billed.INVOICED
        after = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert after["status"] == "active"
        [invoice] = await _invoices(api, made["id"])
        assert moment(invoice["period_start"]) == trial_end

    async def test_cancel_at_period_end_ends_instead_of_billing(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        made = await _subscribe(api, plan=(await _plan(api))["id"])
        await _backdate(runtime, made["id"], moment(made["created_at"]) - timedelta(days=40))
        await _bill(api, runtime, made["id"])
        canceled = expect(
            await api.post(f"/v1/subscriptions/{made['id']}/cancel", {"at_period_end": True}), 200
        )
        assert (canceled["status"], canceled["cancel_at_period_end"]) == ("active", True)
        assert await _bill(api, runtime, made["id"]) is Billed.ENDED
        ended = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert ended["status"] == "canceled" and ended["ended_at"] == canceled["current_period_end"]
        assert len(await _invoices(api, made["id"])) == 1
        assert "subscription.canceled" in await event_types(api, made["id"])

    async def test_pause_bills_nothing_and_resume_starts_at_the_next_period(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        made = await _subscribe(api, plan=(await _plan(api))["id"])
        await _backdate(runtime, made["id"], moment(made["created_at"]) - timedelta(days=100))
        await _bill(api, runtime, made["id"])
        paused = expect(await api.post(f"/v1/subscriptions/{made['id']}/pause"), 200)
        assert (paused["status"], paused["next_bill_at"]) == ("paused", None)
        problem(await api.post(f"/v1/subscriptions/{made['id']}/pause"), 409,
                "subscription_not_pausable")  # fmt: skip
        assert await _bill(api, runtime, made["id"]) is Billed.NOT_DUE
        resumed = expect(await api.post(f"/v1/subscriptions/{made['id']}/resume"), 200)
        assert resumed["status"] == "active"
        # The periods paused through are not billed: billing starts again with the next one.
        assert moment(resumed["next_bill_at"]) > moment(made["created_at"])
        assert await _bill(api, runtime, made["id"]) is Billed.NOT_DUE
        assert len(await _invoices(api, made["id"])) == 1
        types = await event_types(api, made["id"])
        assert "subscription.paused" in types and "subscription.resumed" in types


class TestCollection:
    async def test_a_failed_automatic_payment_makes_it_incomplete_then_active_when_paid(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        customer = await api.customer()
        method = expect(
            await api.post(
                f"/v1/customers/{customer['id']}/payment_methods",
                {"type": "card", "token": "tok_chargeDeclined"},
            ),
            201,
        )
        made = await _subscribe(
            api, customer=customer["id"], plan=(await _plan(api))["id"],
            collection_method="charge_automatically", payment_method=method["id"],
        )  # fmt: skip
        await _bill(api, runtime, made["id"])
        [invoice] = await _invoices(api, made["id"])
        paid = await api.post(f"/v1/invoices/{invoice['id']}/pay", {})
        assert paid.status_code in (200, 402), paid.text
        after = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert after["status"] == "incomplete"
        expect(
            await api.post(
                f"/v1/invoices/{invoice['id']}/settlements",
                {"method": "bank_transfer", "status": "confirmed"},
            ),
            201,
        )
        assert expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)["status"] == "active"

    @pytest.mark.parametrize(
        ("action", "status"),
        [(None, "unpaid"), ("cancel", "canceled"), ("leave_past_due", "past_due")],
    )
    async def test_when_dunning_gives_up_the_account_decides(
        self, api: TenantApi, runtime: Runtime, action: str | None, status: str
    ) -> None:
        settings: dict[str, Any] = {"dunning_schedule_days": [1]}  # one retry, then give up
        if action is not None:
            settings["dunning_subscription_action"] = action
        expect(await api.patch("/v1/account", settings), 200)
        customer = await api.customer()
        method = expect(
            await api.post(
                f"/v1/customers/{customer['id']}/payment_methods",
                {"type": "card", "token": "tok_chargeDeclined"},
            ),
            201,
        )
        made = await _subscribe(
            api, customer=customer["id"], plan=(await _plan(api))["id"],
            collection_method="charge_automatically", payment_method=method["id"],
        )  # fmt: skip
        await _backdate(runtime, made["id"], moment(made["created_at"]) - timedelta(days=40))
        for _ in range(2):  # two periods, so the failing invoice is a cycle's (past_due first)
            await _bill(api, runtime, made["id"])
        invoice = (await _invoices(api, made["id"]))[-1]
        await api.post(f"/v1/invoices/{invoice['id']}/pay", {})
        assert expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)["status"] == "past_due"
        await api.post(f"/v1/invoices/{invoice['id']}/pay", {})  # the last attempt fails too
        after = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert after["status"] == status


class TestMetered:
    async def test_usage_is_billed_in_arrears_late_events_next_never_twice(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        meter = expect(
            await api.post(
                "/v1/meters", {"event_name": "api.calls", "aggregation": "sum", "value_key": "n"}
            ),
            201,
        )
        metered = await _plan(api, amount="0.50", usage_type="metered", meter=meter["id"])
        seats = await _plan(api)
        made = await _subscribe(api, items=[{"plan": seats["id"]}, {"plan": metered["id"]}])
        anchor = moment(made["created_at"]) - timedelta(days=70)  # periods 0 to 2 have begun
        await _backdate(runtime, made["id"], anchor)

        async def use(identifier: str, n: str, days: int) -> None:
            body = {"event_name": "api.calls", "customer": made["customer"],
                    "identifier": identifier, "payload": {"n": n},
                    "timestamp": (anchor + timedelta(days=days)).isoformat()}  # fmt: skip
            expect(await api.post("/v1/usage_events", body), 201)

        assert await _bill(api, runtime, made["id"]) is Billed.INVOICED  # period 0: seats only
        await use("u1", "5", 1)
        await use("u2", "3", 2)
        assert await _bill(api, runtime, made["id"]) is Billed.INVOICED  # period 1: + usage 8
        await use("late", "2", 3)  # happened in period 0, arrives after it was billed
        assert await _bill(api, runtime, made["id"]) is Billed.INVOICED  # period 2: + usage 2
        totals = [invoice["total"] for invoice in await _invoices(api, made["id"])]
        assert totals == ["10.00", "14.00", "11.00"]
        assert await _bill(api, runtime, made["id"]) is Billed.NOT_DUE
