"""Automatic collection (SPEC §6): charged right after finalization or at `charge_at`,
retried on the dunning schedule, each attempt once however many workers run."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from remit.runtime import Runtime
from tests.payments.helpers import charges_made, drain_payments, invoice_for, make_due, settlements
from tests.support import TenantApi, expect, read_invoice


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def _failures(api: TenantApi) -> list[dict]:
    listed = await api.get("/v1/events", params={"type": "invoice.payment_failed", "limit": 100})
    return list(reversed(expect(listed, 200)["data"]))


class TestAtFinalization:
    async def test_finalizing_charges_the_customer_s_default_method(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await invoice_for(api, "tok_visa")
        assert invoice["status"] == "open" and invoice["next_payment_attempt_at"] is not None
        await drain_payments(runtime)
        assert (await read_invoice(api, invoice["id"]))["status"] == "paid"
        await drain_payments(runtime)
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 1

    async def test_no_method_leaves_the_invoice_open_with_the_reason(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await invoice_for(api, None)
        await drain_payments(runtime)
        after = await read_invoice(api, invoice["id"])
        assert after["status"] == "open" and after["attempt_count"] == 1
        assert after["last_payment_error"]["code"] == "payment_method_missing"
        [failed] = await _failures(api)
        assert failed["data"]["final"] is False

    async def test_send_invoice_is_never_charged(self, api: TenantApi, runtime: Runtime) -> None:
        invoice = await invoice_for(api, "tok_visa", collection_method="send_invoice")
        assert invoice["next_payment_attempt_at"] is None
        await drain_payments(runtime)
        assert (await read_invoice(api, invoice["id"]))["status"] == "open"
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 0

    async def test_charge_at_waits_for_its_time(self, api: TenantApi, runtime: Runtime) -> None:
        later = (datetime.now(UTC) + timedelta(days=2)).isoformat()
        invoice = await invoice_for(api, "tok_visa", charge_at=later)
        assert _at(invoice["next_payment_attempt_at"]) == _at(invoice["charge_at"])
        await drain_payments(runtime)
        assert (await read_invoice(api, invoice["id"]))["status"] == "open"
        await make_due(runtime, api.account_id, invoice["id"])
        await drain_payments(runtime)
        assert (await read_invoice(api, invoice["id"]))["status"] == "paid"


class TestDunning:
    async def test_declines_are_retried_after_1_3_5_7_days_then_given_up(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await invoice_for(api, "tok_chargeDeclined")
        await drain_payments(runtime)
        first = await read_invoice(api, invoice["id"])
        started = _at(first["next_payment_attempt_at"]) - timedelta(days=1)
        for days in (3, 5, 7):
            await make_due(runtime, api.account_id, invoice["id"])
            await drain_payments(runtime)
            now = await read_invoice(api, invoice["id"])
            assert abs(
                _at(now["next_payment_attempt_at"]) - (started + timedelta(days=days))
            ) < timedelta(seconds=5)
        await make_due(runtime, api.account_id, invoice["id"])
        await drain_payments(runtime)
        last = await read_invoice(api, invoice["id"])
        assert last["status"] == "open" and last["attempt_count"] == 5
        assert last["next_payment_attempt_at"] is None
        finals = [event["data"]["final"] for event in await _failures(api)]
        assert finals == [False, False, False, False, True]
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 5

    async def test_the_account_s_schedule_and_final_action_apply(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settings = {"dunning_schedule_days": [2], "dunning_final_action": "mark_uncollectible"}
        account = expect(await api.patch("/v1/account", settings), 200)
        assert account["dunning_schedule_days"] == [2]
        invoice = await invoice_for(api, "tok_insufficientFunds")
        await drain_payments(runtime)
        first = await read_invoice(api, invoice["id"])
        waited = _at(first["next_payment_attempt_at"]) - _at(first["finalized_at"])
        assert timedelta(days=2) - timedelta(seconds=5) < waited < timedelta(days=2, seconds=5)
        await make_due(runtime, api.account_id, invoice["id"])
        await drain_payments(runtime)
        last = await read_invoice(api, invoice["id"])
        assert last["status"] == "uncollectible" and last["attempt_count"] == 2
        assert [e["data"]["final"] for e in await _failures(api)] == [False, True]

    async def test_a_new_default_method_is_used_on_the_next_retry(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await invoice_for(api, "tok_chargeDeclined")
        await drain_payments(runtime)
        path = f"/v1/customers/{invoice['customer']}/payment_methods"
        expect(await api.post(path, {"type": "card", "token": "tok_visa", "is_default": True}), 201)
        await make_due(runtime, api.account_id, invoice["id"])
        await drain_payments(runtime)
        after = await read_invoice(api, invoice["id"])
        assert after["status"] == "paid" and after["last_payment_error"] is None
        assert [s["status"] for s in await settlements(api, invoice["id"])] == [
            "confirmed",
            "failed",
        ]


class TestOncePerAttempt:
    async def test_racing_workers_charge_each_due_invoice_once(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoices = [await invoice_for(api, "tok_visa") for _ in range(5)]
        declined = await invoice_for(api, "tok_chargeDeclined")
        await asyncio.gather(*(drain_payments(runtime) for _ in range(4)))
        for invoice in invoices:
            assert (await read_invoice(api, invoice["id"]))["status"] == "paid"
            assert await charges_made(runtime, api.account_id, invoice["id"]) == 1
        assert (await read_invoice(api, declined["id"]))["attempt_count"] == 1
        assert len(await _failures(api)) == 1

    async def test_a_running_worker_collects_by_itself(
        self,
        api: TenantApi,
        runtime: Runtime,
        worker,  # type: ignore[no-untyped-def]
    ) -> None:
        invoice = await invoice_for(api, "tok_visa")
        for _ in range(50):
            if (await read_invoice(api, invoice["id"]))["status"] == "paid":
                break
            await asyncio.sleep(0.1)
        assert (await read_invoice(api, invoice["id"]))["status"] == "paid"
