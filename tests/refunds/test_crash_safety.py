"""A refund and its record commit together (SPEC §6): a crash between the processor's answer
and its recording leaves a pending refund that still counts against the settlement, and
finishing it later — the worker, or the client's retry with its Idempotency-Key — asks the
processor again with the same key: nothing is refunded twice."""

from __future__ import annotations

import pytest

from remit.context import utc_now
from remit.kernel import faults
from remit.runtime import Runtime
from tests.refunds.helpers import (
    card_settlement,
    drain_refunds,
    impatient,
    read_settlement,
    refund,
    refunds_booked,
    refunds_made_since,
    refunds_of,
)
from tests.support import TenantApi, event_types, expect, problem

CRASH = "payments.after_refund"


class TestCrashBetweenRefundAndRecord:
    async def test_the_worker_finishes_a_crashed_refund_once(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)
        since = utc_now()
        with faults.armed(CRASH), pytest.raises(faults.InjectedFault):
            await refund(api, settlement, amount="70.00")
        # The processor refunded; remit had not recorded it: pending, and counted.
        [pending] = await refunds_of(api, settlement["id"])
        assert pending["status"] == "pending" and pending["processor_reference"] is None
        assert await refunds_booked(runtime, pending["id"]) == 1
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "70.00"
        problem(await refund(api, settlement, amount="30.01"), 422, "refund_exceeds_settlement")

        await drain_refunds(runtime)  # within the grace period: left alone
        assert (await refunds_of(api, settlement["id"]))[0]["status"] == "pending"
        await drain_refunds(impatient(runtime))
        [finished] = await refunds_of(api, settlement["id"])
        assert finished["id"] == pending["id"] and finished["status"] == "succeeded"
        assert await refunds_booked(runtime, pending["id"]) == 1
        assert await refunds_made_since(runtime, since) == 1
        assert await event_types(api, pending["id"]) == ["refund.succeeded", "refund.created"]
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "70.00"

    async def test_a_crashed_failure_gives_the_amount_back_once(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime, "tok_refund_fails")
        since = utc_now()
        with faults.armed(CRASH), pytest.raises(faults.InjectedFault):
            await refund(api, settlement)
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "100.00"
        await drain_refunds(impatient(runtime))
        await drain_refunds(impatient(runtime))
        [failed] = await refunds_of(api, settlement["id"])
        assert (failed["status"], failed["failure_code"]) == ("failed", "refund_failed")
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "0.00"
        assert await event_types(api, failed["id"]) == ["refund.failed", "refund.created"]
        assert await refunds_booked(runtime, failed["id"]) == 1
        assert await refunds_made_since(runtime, since) == 1

    async def test_a_worker_crashing_mid_refund_is_finished_by_the_next_pass(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)
        since = utc_now()
        with faults.armed(CRASH), pytest.raises(faults.InjectedFault):
            await refund(api, settlement)
        [pending] = await refunds_of(api, settlement["id"])
        with faults.armed(CRASH), pytest.raises(faults.InjectedFault):
            await drain_refunds(impatient(runtime))
        assert (await refunds_of(api, settlement["id"]))[0]["status"] == "pending"
        await drain_refunds(impatient(runtime))
        assert (await refunds_of(api, settlement["id"]))[0]["status"] == "succeeded"
        assert await refunds_booked(runtime, pending["id"]) == 1
        assert await refunds_made_since(runtime, since) == 1


class TestIdempotencyKey:
    async def test_a_replay_answers_the_first_refund_and_refunds_nothing_more(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)
        headers = {"Idempotency-Key": "refund-once"}
        body = {"settlement": settlement["id"], "amount": "40.00"}
        first = await api.post("/v1/refunds", body, headers=headers)
        again = await api.post("/v1/refunds", body, headers=headers)
        assert first.status_code == again.status_code == 201
        assert again.content == first.content and again.headers["idempotent-replayed"] == "true"
        assert len(await refunds_of(api, settlement["id"])) == 1
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "40.00"
        other = await api.post("/v1/refunds", {**body, "amount": "1.00"}, headers=headers)
        problem(other, 422, "idempotency_key_reused")

    async def test_a_retry_after_a_crash_finishes_the_first_refund(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)
        headers = {"Idempotency-Key": "crashy-refund"}
        body = {"settlement": settlement["id"], "amount": "40.00"}
        since = utc_now()
        with faults.armed(CRASH), pytest.raises(faults.InjectedFault):
            await api.post("/v1/refunds", body, headers=headers)
        [pending] = await refunds_of(api, settlement["id"])
        retried = expect(await api.post("/v1/refunds", body, headers=headers), 201)
        assert retried["id"] == pending["id"] and retried["status"] == "succeeded"
        assert len(await refunds_of(api, settlement["id"])) == 1
        assert await refunds_booked(runtime, pending["id"]) == 1
        assert await refunds_made_since(runtime, since) == 1
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "40.00"
        replay = await api.post("/v1/refunds", body, headers=headers)
        assert replay.headers["idempotent-replayed"] == "true"
        assert replay.json() == retried
        problem(
            await api.post("/v1/refunds", {**body, "amount": "1.00"}, headers=headers),
            422,
            "idempotency_key_reused",
        )
