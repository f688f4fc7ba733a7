"""Test clocks (docs/billing.md, "Test clocks"): a customer on a clock lives at the clock's
time; advancing the clock runs, in order and at the time each falls due, everything the
worker would have run — billing runs, trial warnings, invoice timers, payment retries —
and nothing of the clock's moves while it stands still."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from remit.billing import run as billing_run
from remit.collection import charges
from remit.kernel.ids import id_time
from remit.runtime import Runtime
from remit.worker import billing as worker_billing
from remit.worker import clocks as clock_walk
from remit.worker.billing import run_billing
from remit.worker.clocks import run_clocks
from remit.worker.payments import run_payments
from remit.worker.timers import run_timers
from tests.payments.helpers import customer_paying_with
from tests.support import QueryCounter, TenantApi, event_types, expect, problem

START = datetime(2031, 1, 31, 9, 30, tzinfo=UTC)  # a month-end anchor, years from now


def stamp(moment: datetime) -> str:
    """As the API writes times: UTC, milliseconds."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def _clock(api: TenantApi, at: datetime = START) -> dict[str, Any]:
    made: dict[str, Any] = expect(
        await api.post("/v1/test_clocks", {"frozen_time": stamp(at), "name": "a year"}), 201
    )
    return made


async def _plan(api: TenantApi, **fields: Any) -> dict[str, Any]:
    product = expect(await api.post("/v1/products", {"name": "Seats"}), 201)
    body = {"product": product["id"], "amount": "10.00", "interval": "month", **fields}
    made: dict[str, Any] = expect(await api.post("/v1/plans", body), 201)
    return made


async def _subscribe(api: TenantApi, customer: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A monthly subscription of `customer` (a plan of 10.00 unless `plan` is given)."""
    if "plan" not in fields:
        fields["plan"] = (await _plan(api))["id"]
    body = {"customer": customer["id"], **{k: v for k, v in fields.items() if v is not None}}
    made: dict[str, Any] = expect(await api.post("/v1/subscriptions", body), 201)
    return made


async def _advance(api: TenantApi, runtime: Runtime, clock: dict[str, Any], to: datetime) -> Any:
    """Advance the clock and walk it as a worker does; returns the clock when ready."""
    answer = expect(
        await api.post(f"/v1/test_clocks/{clock['id']}/advance", {"frozen_time": stamp(to)}), 200
    )
    assert answer["status"] == "advancing" and answer["target_time"] == stamp(to)
    await run_clocks(runtime, "walker-1")
    ready = expect(await api.get(f"/v1/test_clocks/{clock['id']}"), 200)
    assert ready["status"] == "ready" and ready["frozen_time"] == stamp(to)
    return ready


async def _invoices(api: TenantApi, subscription_id: str) -> list[dict[str, Any]]:
    listed = expect(
        await api.get("/v1/invoices", params={"subscription": subscription_id, "limit": 100}), 200
    )
    return sorted(listed["data"], key=lambda invoice: invoice["period_start"])


class TestClockObjects:
    async def test_a_customer_and_its_subscription_live_at_the_clocks_time(
        self, api: TenantApi
    ) -> None:
        clock = await _clock(api)
        assert (clock["object"], clock["status"], clock["livemode"]) == (
            "test_helpers.test_clock", "ready", False,
        )  # fmt: skip
        customer = await api.customer(test_clock=clock["id"])
        assert customer["test_clock"] == clock["id"]
        assert customer["created_at"] == stamp(START)
        made = await _subscribe(api, customer, collection_method="send_invoice")
        assert made["test_clock"] == clock["id"]
        assert made["created_at"] == made["current_period_start"] == stamp(START)
        # The wall clock's ids never jump to the clock's time (years ahead).
        plain = await api.customer()
        assert abs(id_time(plain["id"]) - datetime.now(UTC)) < timedelta(minutes=5)

    async def test_the_worker_leaves_a_clocks_objects_to_the_clock(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        clock = await _clock(api, datetime.now(UTC) - timedelta(days=400))  # all overdue
        customer = await customer_paying_with(api, "tok_visa", test_clock=clock["id"])
        made = await _subscribe(api, customer)
        for duty in (run_billing, run_timers, run_payments):
            await duty(runtime)
        assert await _invoices(api, made["id"]) == []

    async def test_live_keys_have_no_clocks(self, api: TenantApi) -> None:
        live = await api.live()
        problem(
            await live.post("/v1/test_clocks", {"frozen_time": stamp(START)}),
            400,
            "test_clock_not_allowed_in_live_mode",
        )
        clock = await _clock(api)
        refused = await live.post("/v1/customers", {"name": "Ada", "test_clock": clock["id"]})
        body = problem(refused, 400, "test_clock_not_allowed_in_live_mode")
        assert body["errors"][0]["param"] == "test_clock"

    async def test_a_clock_moves_forward_only(self, api: TenantApi) -> None:
        clock = await _clock(api)
        for to in (START, START - timedelta(days=1), START + timedelta(days=4 * 366)):
            refused = await api.post(
                f"/v1/test_clocks/{clock['id']}/advance", {"frozen_time": stamp(to)}
            )
            assert problem(refused, 400, "test_clock_invalid")["errors"][0]["param"] == (
                "frozen_time"
            )


class TestAdvance:
    async def test_a_year_of_monthly_billing_in_one_advance(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        clock = await _clock(api)
        customer = await customer_paying_with(api, "tok_visa", test_clock=clock["id"])
        made = await _subscribe(
            api, customer, plan=None, items=[{"plan": (await _plan(api))["id"], "quantity": 3}]
        )
        end = datetime(2032, 1, 31, 9, 30, tzinfo=UTC)
        await _advance(api, runtime, clock, end)
        invoices = await _invoices(api, made["id"])
        starts = [moment(invoice["period_start"]) for invoice in invoices]
        # Jan 31 → Feb 28 → Mar 31 …: month-end anchors clamp and come back; 13 periods
        # began by the end of the year (the 13th at its very end).
        assert [(s.month, s.day) for s in starts] == [
            (1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30),
            (10, 31), (11, 30), (12, 31), (1, 31),
        ]  # fmt: skip
        for invoice in invoices:  # made and paid at their period's start, not at the wall's
            assert invoice["status"] == "paid" and invoice["total"] == "30.00"
            assert invoice["created_at"] == invoice["period_start"]
            assert invoice["billing_reason"] in ("subscription_create", "subscription_cycle")
        after = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert after["status"] == "active"
        assert after["current_period_start"] == stamp(end)
        types = await event_types(api, clock["id"])
        assert types == [  # newest first
            "test_helpers.test_clock.ready",
            "test_helpers.test_clock.advancing",
            "test_helpers.test_clock.created",
        ]

    async def test_a_trial_warns_then_ends_at_the_clocks_time(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        clock = await _clock(api)
        customer = await api.customer(test_clock=clock["id"])
        made = await _subscribe(api, customer, trial_days=14, collection_method="send_invoice")
        await _advance(api, runtime, clock, START + timedelta(days=12))
        after = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert after["status"] == "trialing" and await _invoices(api, made["id"]) == []
        assert "subscription.trial_will_end" in await event_types(api, made["id"])
        await _advance(api, runtime, clock, START + timedelta(days=15))
        after = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert after["status"] == "active"
        [invoice] = await _invoices(api, made["id"])
        assert moment(invoice["period_start"]) == START + timedelta(days=14)

    async def test_invoice_timers_run_when_they_fall_due(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        clock = await _clock(api)
        customer = await api.customer(test_clock=clock["id"])
        made = await _subscribe(api, customer, collection_method="send_invoice", days_until_due=10)
        await _advance(api, runtime, clock, START + timedelta(days=5))
        [invoice] = await _invoices(api, made["id"])
        assert invoice["status"] == "open"
        assert moment(invoice["due_at"]) == START + timedelta(days=10)
        await _advance(api, runtime, clock, START + timedelta(days=11))
        [invoice] = await _invoices(api, made["id"])
        assert invoice["status"] == "past_due"

    async def test_payment_retries_run_and_dunning_decides(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        expect(
            await api.patch(
                "/v1/account",
                {"dunning_schedule_days": [1, 3], "dunning_subscription_action": "cancel"},
            ),
            200,
        )
        clock = await _clock(api)
        customer = await customer_paying_with(api, "tok_chargeDeclined", test_clock=clock["id"])
        made = await _subscribe(api, customer)
        await _advance(api, runtime, clock, START + timedelta(days=2))
        [invoice] = await _invoices(api, made["id"])
        assert invoice["attempt_count"] == 2  # at once, then a day later
        assert expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)["status"] == (
            "incomplete"
        )
        await _advance(api, runtime, clock, START + timedelta(days=5))
        [invoice] = await _invoices(api, made["id"])
        assert invoice["attempt_count"] == 3
        ended = expect(await api.get(f"/v1/subscriptions/{made['id']}"), 200)
        assert ended["status"] == "canceled"
        assert moment(ended["canceled_at"]) == START + timedelta(days=3)  # days from the first

    async def test_a_charge_left_pending_is_asked_again_as_the_clock_moves(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        clock = await _clock(api)
        customer = await customer_paying_with(api, "tok_pending_succeeds", test_clock=clock["id"])
        invoice = await api.open_invoice(customer=customer["id"])
        paying = expect(await api.post(f"/v1/invoices/{invoice['id']}/pay", {}), 200)
        assert paying["status"] == "open"  # the processor answered "pending"
        await run_payments(runtime)  # the wall-clock worker leaves it to the clock
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)["status"] == "open"
        await _advance(api, runtime, clock, START + timedelta(days=1))
        paid = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert paid["status"] == "paid" and paid["paid_at"] == stamp(START)

    async def test_usage_is_billed_in_the_period_of_the_clocks_time(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        meter = expect(
            await api.post("/v1/meters", {"event_name": "api_call", "aggregation": "count"}),
            201,
        )
        plan = await _plan(api, amount="0.50", usage_type="metered", meter=meter["id"])
        clock = await _clock(api)
        customer = await api.customer(test_clock=clock["id"])
        made = await _subscribe(api, customer, plan=plan["id"], collection_method="send_invoice")
        await _advance(api, runtime, clock, START + timedelta(days=3))
        for n in range(4):
            used = expect(
                await api.post(
                    "/v1/usage_events",
                    {"event_name": "api_call", "customer": customer["id"], "identifier": f"u{n}",
                     "payload": {}},
                ),
                201,
            )  # fmt: skip
            assert used["timestamp"] == stamp(START + timedelta(days=3))
        await _advance(api, runtime, clock, START + timedelta(days=40))
        invoices = await _invoices(api, made["id"])
        assert [invoice["total"] for invoice in invoices] == ["0.00", "2.00"]


class TestWhileAdvancing:
    async def test_its_objects_do_not_change_and_the_walk_resumes(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        clock = await _clock(api)
        customer = await api.customer(test_clock=clock["id"])
        made = await _subscribe(api, customer, collection_method="send_invoice")
        target = START + timedelta(days=70)
        expect(
            await api.post(
                f"/v1/test_clocks/{clock['id']}/advance", {"frozen_time": stamp(target)}
            ),
            200,
        )
        problem(
            await api.post(f"/v1/subscriptions/{made['id']}/cancel", {}),
            409,
            "test_clock_advancing",
        )
        problem(
            await api.post(
                f"/v1/test_clocks/{clock['id']}/advance", {"frozen_time": stamp(target)}
            ),
            409,
            "test_clock_advancing",
        )
        problem(await api.delete(f"/v1/test_clocks/{clock['id']}"), 409, "test_clock_advancing")
        await run_clocks(runtime, "walker-1")
        assert len(await _invoices(api, made["id"])) == 3  # Jan 31, Feb 28, Mar 31
        expect(await api.post(f"/v1/subscriptions/{made['id']}/cancel", {}), 200)


class TestLease:
    async def test_a_walk_held_by_a_stopped_worker_is_taken_up_when_its_lease_ends(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        clock = await _clock(api)
        made = await _subscribe(api, await api.customer(test_clock=clock["id"]),
                                collection_method="send_invoice")  # fmt: skip
        expect(
            await api.post(
                f"/v1/test_clocks/{clock['id']}/advance",
                {"frozen_time": stamp(START + timedelta(days=40))},
            ),
            200,
        )

        async def lease(until: datetime) -> None:
            async with runtime.db.write() as session:
                await session.execute(
                    text("UPDATE test_clocks SET lease_owner = 'stopped', leased_until = :u "
                         "WHERE id = :id"),
                    {"u": until, "id": clock["id"]},
                )  # fmt: skip

        await lease(datetime.now(UTC) + timedelta(minutes=1))
        # Held by another walker: walker-2 only helps with the moment the clock shows (the
        # period due at its start), and never moves the clock.
        assert await run_clocks(runtime, "walker-2") == 1
        assert await run_clocks(runtime, "walker-2") == 0
        held = expect(await api.get(f"/v1/test_clocks/{clock['id']}"), 200)
        assert held["status"] == "advancing" and held["frozen_time"] == clock["frozen_time"]
        assert len(await _invoices(api, made["id"])) == 1
        await lease(datetime.now(UTC) - timedelta(seconds=1))
        assert await run_clocks(runtime, "walker-2") > 0
        ready = expect(await api.get(f"/v1/test_clocks/{clock['id']}"), 200)
        assert ready["status"] == "ready" and len(await _invoices(api, made["id"])) == 2


class TestDelete:
    async def test_deleting_a_clock_deletes_what_lives_on_it(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        clock = await _clock(api)
        customer = await customer_paying_with(api, "tok_visa", test_clock=clock["id"])
        made = await _subscribe(api, customer)
        await _advance(api, runtime, clock, START + timedelta(days=40))
        invoices = await _invoices(api, made["id"])
        assert len(invoices) == 2
        kept = await api.customer()
        expect(await api.delete(f"/v1/test_clocks/{clock['id']}"), 200)
        for path in (
            f"/v1/test_clocks/{clock['id']}",
            f"/v1/customers/{customer['id']}",
            f"/v1/subscriptions/{made['id']}",
            *(f"/v1/invoices/{invoice['id']}" for invoice in invoices),
        ):
            assert (await api.get(path)).status_code == 404, path
        expect(await api.get(f"/v1/customers/{kept['id']}"), 200)


@pytest.mark.parametrize("walkers", [2])
async def test_two_walkers_bill_each_period_once(
    api: TenantApi, runtime: Runtime, walkers: int
) -> None:
    import asyncio

    clock = await _clock(api)
    plan = await _plan(api)
    subscriptions = []
    for _ in range(3):
        customer = await customer_paying_with(api, "tok_visa", test_clock=clock["id"])
        subscriptions.append(await _subscribe(api, customer, plan=plan["id"]))
    expect(
        await api.post(
            f"/v1/test_clocks/{clock['id']}/advance",
            {"frozen_time": stamp(START + timedelta(days=100))},
        ),
        200,
    )
    await asyncio.gather(*(run_clocks(runtime, f"walker-{n}") for n in range(walkers)))
    await run_clocks(runtime, "walker-0")  # whoever held it finishes
    for made in subscriptions:
        invoices = await _invoices(api, made["id"])
        assert len(invoices) == 4
        assert len({invoice["period_start"] for invoice in invoices}) == 4


class TestTogether:
    """A moment's subscriptions are billed, and its invoices charged, in shared transactions
    (groups of `TOGETHER`): fewer statements, the same outcome; and if one of a group fails,
    the others are worked alone and its failure stays its own."""

    async def _moment(
        self, api: TenantApi, tokens: list[str], **fields: Any
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """A clock, and one subscription per token, all due at its time."""
        clock = await _clock(api)
        plan = await _plan(api)
        made = []
        for token in tokens:
            customer = await customer_paying_with(api, token, test_clock=clock["id"])
            made.append(await _subscribe(api, customer, plan=plan["id"], **fields))
        return clock, made

    async def _statements(
        self, api: TenantApi, runtime: Runtime, queries: QueryCounter, tokens: list[str]
    ) -> int:
        clock, made = await self._moment(api, tokens)
        queries.reset()
        await _advance(api, runtime, clock, START + timedelta(days=20))
        count = queries.count
        for token, subscription in zip(tokens, made, strict=True):
            [invoice] = await _invoices(api, subscription["id"])
            if token == "tok_visa":
                assert invoice["status"] == "paid" and invoice["amount_paid"] == "10.00"
            else:  # declined, retried by dunning, never paid
                assert invoice["status"] != "paid" and invoice["attempt_count"] >= 1
        return count

    async def test_a_moment_bills_and_charges_in_groups_with_fewer_statements(
        self, api: TenantApi, runtime: Runtime, queries: QueryCounter, monkeypatch: Any
    ) -> None:
        tokens = ["tok_visa", "tok_chargeDeclined", "tok_visa", "tok_visa", "tok_visa"]
        monkeypatch.setattr(clock_walk, "TOGETHER", 1)
        alone = await self._statements(api, runtime, queries, tokens)
        monkeypatch.setattr(clock_walk, "TOGETHER", 2)  # groups of 2, 2 and 1
        paired = await self._statements(api, runtime, queries, tokens)
        monkeypatch.setattr(clock_walk, "TOGETHER", 5)
        together = await self._statements(api, runtime, queries, tokens)
        assert together < paired < alone
        assert together < alone * 0.8, (alone, paired, together)
        # The series stays gapless and in billing order across the groups.
        numbers = sorted(
            int(re.sub(r"\D", "", invoice["number"]))
            for invoice in expect(await api.get("/v1/invoices", params={"limit": 100}), 200)["data"]
        )
        assert numbers == list(range(numbers[0], numbers[0] + 15))

    async def test_a_group_takes_its_numbers_in_one_statement_after_all_else(
        self, api: TenantApi, runtime: Runtime, queries: QueryCounter, monkeypatch: Any
    ) -> None:
        """The number counter stays locked from the first number a transaction takes until
        it commits: a group takes all of its numbers at once, once its invoices are ready,
        so that other groups are not kept waiting while it bills. The invoices are then
        written issued, all four in one statement, and not updated to issue them."""
        monkeypatch.setattr(clock_walk, "TOGETHER", 5)
        clock, made = await self._moment(api, ["tok_visa"] * 4)
        queries.reset()
        await _advance(api, runtime, clock, START + timedelta(days=20))
        statements = queries.statements
        taken = [n for n, sql in enumerate(statements) if "invoice_number_counters" in sql]
        written = [n for n, sql in enumerate(statements) if sql.startswith("INSERT INTO invoices")]
        assert len(taken) == 1 and len(written) == 1
        assert written[0] > taken[0]  # written once numbered
        # What their charges read is read before the numbers are taken, outside the hold.
        methods = [n for n, sql in enumerate(statements[: written[0]]) if "payment_methods" in sql]
        assert methods and max(methods) < taken[0]
        updates = [sql for sql in statements if sql.startswith("UPDATE invoices")]
        assert updates and all("amount_paid" in sql for sql in updates)  # paid, nothing else
        numbers = [(await _invoices(api, each["id"]))[0]["number"] for each in made]
        assert len(set(numbers)) == 4

    async def test_one_subscriptions_failure_stays_its_own(
        self, api: TenantApi, runtime: Runtime, monkeypatch: Any
    ) -> None:
        monkeypatch.setattr(clock_walk, "TOGETHER", 3)
        clock, made = await self._moment(api, ["tok_visa"] * 3)
        poisoned, bill = made[1]["id"], worker_billing.bill_next_period

        async def failing(ctx: Any, subscription_id: str) -> Any:
            if subscription_id == poisoned:
                raise RuntimeError("poisoned")
            return await bill(ctx, subscription_id)

        monkeypatch.setattr(worker_billing, "bill_next_period", failing)  # alone
        monkeypatch.setattr(billing_run, "bill_next_period", failing)  # together
        target = {"frozen_time": stamp(START + timedelta(days=5))}
        expect(await api.post(f"/v1/test_clocks/{clock['id']}/advance", target), 200)
        with pytest.raises(RuntimeError, match="poisoned"):
            await run_clocks(runtime, "walker-1")
        billed = [len(await _invoices(api, each["id"])) for each in made]
        assert billed == [1, 0, 1]  # the group failed; the others were billed alone
        monkeypatch.setattr(worker_billing, "bill_next_period", bill)
        monkeypatch.setattr(billing_run, "bill_next_period", bill)
        await run_clocks(runtime, "walker-1")
        for each in made:
            [invoice] = await _invoices(api, each["id"])
            assert invoice["status"] == "paid"

    async def test_one_charges_failure_stays_its_own_and_is_finished_later(
        self, api: TenantApi, runtime: Runtime, monkeypatch: Any
    ) -> None:
        monkeypatch.setattr(clock_walk, "TOGETHER", 3)
        clock, made = await self._moment(api, ["tok_visa"] * 3)
        complete, poisoned = charges.complete, []

        async def failing(ctx: Any, settlement_id: str, result: Any, options: Any) -> Any:
            poisoned[:] = poisoned or [settlement_id]
            if settlement_id == poisoned[0]:
                raise RuntimeError("poisoned")
            return await complete(ctx, settlement_id, result, options)

        monkeypatch.setattr(charges, "complete", failing)
        target = {"frozen_time": stamp(START + timedelta(days=5))}
        expect(await api.post(f"/v1/test_clocks/{clock['id']}/advance", target), 200)
        with pytest.raises(RuntimeError, match="poisoned"):
            await run_clocks(runtime, "walker-1")
        invoices = [(await _invoices(api, each["id"]))[0] for each in made]
        assert sorted(invoice["status"] for invoice in invoices) == ["open", "paid", "paid"]
        monkeypatch.setattr(charges, "complete", complete)
        await run_clocks(runtime, "walker-1")  # the charge left pending is asked again
        async with runtime.db.read() as session:
            rows = (
                await session.execute(
                    text("SELECT invoice_id, status FROM settlements WHERE account_id = :a"),
                    {"a": api.account_id},
                )
            ).all()
        assert sorted(rows) == sorted((invoice["id"], "confirmed") for invoice in invoices)
        for each in made:
            [invoice] = await _invoices(api, each["id"])
            assert invoice["status"] == "paid" and invoice["amount_paid"] == "10.00"
