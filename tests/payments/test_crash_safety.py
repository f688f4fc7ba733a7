"""A charge and the invoice's state commit together (SPEC §6): a crash between the
processor's answer and its recording leaves a pending settlement and an unpaid invoice, and
finishing it later asks the processor again with the same key — nothing is charged twice."""

from __future__ import annotations

from dataclasses import replace

import pytest

from remit.kernel import faults
from remit.runtime import Runtime
from tests.payments.helpers import charges_made, drain_payments, invoice_for, settlements
from tests.support import TenantApi, expect, problem, read_invoice


def _impatient(runtime: Runtime) -> Runtime:
    """The runtime with no grace before unanswered charges are asked about again."""
    return replace(runtime, settings=replace(runtime.settings, charge_recovery_seconds=0.001))


class TestCrashBetweenChargeAndRecord:
    async def test_pay_crashing_after_the_charge_is_finished_once_by_the_worker(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await invoice_for(api, "tok_visa", collection_method="send_invoice")
        headers = {"Idempotency-Key": "crashy"}
        with faults.armed("payments.after_charge"), pytest.raises(faults.InjectedFault):
            await api.post(f"/v1/invoices/{invoice['id']}/pay", {}, headers=headers)
        # The processor took the money; remit had not recorded it: nothing half-written.
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 1
        crashed = await read_invoice(api, invoice["id"])
        assert crashed["status"] == "open" and crashed["amount_paid"] == "0.00"
        [pending] = await settlements(api, invoice["id"])
        assert pending["status"] == "pending"
        # A retry of the request finds the charge in flight instead of charging again.
        retry = await api.post(f"/v1/invoices/{invoice['id']}/pay", {}, headers=headers)
        problem(retry, 409, "payment_in_progress")

        await drain_payments(runtime)  # within the grace period: left alone
        assert (await read_invoice(api, invoice["id"]))["status"] == "open"
        await drain_payments(_impatient(runtime))
        paid = await read_invoice(api, invoice["id"])
        assert paid["status"] == "paid" and paid["amount_paid"] == "100.00"
        [confirmed] = await settlements(api, invoice["id"])
        assert confirmed["id"] == pending["id"] and confirmed["status"] == "confirmed"
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 1

    async def test_a_crashed_decline_is_recorded_once(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await invoice_for(api, "tok_chargeDeclined", collection_method="send_invoice")
        with faults.armed("payments.after_charge"), pytest.raises(faults.InjectedFault):
            await api.post(f"/v1/invoices/{invoice['id']}/pay", {})
        assert (await read_invoice(api, invoice["id"]))["attempt_count"] == 0
        await drain_payments(_impatient(runtime))
        await drain_payments(_impatient(runtime))
        after = await read_invoice(api, invoice["id"])
        assert (
            after["attempt_count"] == 1 and after["last_payment_error"]["code"] == "card_declined"
        )
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 1

    async def test_a_worker_crashing_mid_charge_is_finished_by_the_next_pass(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await invoice_for(api, "tok_visa")
        with faults.armed("payments.after_charge"), pytest.raises(faults.InjectedFault):
            await drain_payments(runtime)
        assert (await read_invoice(api, invoice["id"]))["status"] == "open"
        await drain_payments(_impatient(runtime))
        assert (await read_invoice(api, invoice["id"]))["status"] == "paid"
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 1
        expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
