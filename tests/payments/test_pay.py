"""`POST /v1/invoices/{id}/pay` with each simulator token, end to end (SPEC §6)."""

from __future__ import annotations

import asyncio

import pytest

from remit.runtime import Runtime
from tests.payments.helpers import (
    charges_made,
    customer_paying_with,
    drain_payments,
    invoice_for,
    settlements,
)
from tests.support import TenantApi, event_types, expect, problem, read_invoice


async def _pay(api: TenantApi, invoice: dict, **body: str) -> dict:
    return expect(await api.post(f"/v1/invoices/{invoice['id']}/pay", body), 200)


class TestImmediateOutcomes:
    async def test_tok_visa_pays_the_invoice(self, api: TenantApi, runtime: Runtime) -> None:
        invoice = await invoice_for(api, "tok_visa")
        paid = await _pay(api, invoice)
        assert paid["status"] == "paid" and paid["amount_paid"] == "100.00"
        assert paid["last_payment_error"] is None and paid["next_payment_attempt_at"] is None
        [settlement] = await settlements(api, invoice["id"])
        assert (settlement["status"], settlement["method"]) == ("confirmed", "card")
        assert settlement["amount"] == "100.00"
        types = await event_types(api, invoice["id"])
        assert types[:1] == ["invoice.paid"] and "invoice.payment_failed" not in types
        assert await event_types(api, settlement["id"]) == [
            "settlement.confirmed",
            "settlement.created",
        ]
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 1

    @pytest.mark.parametrize(
        ("token", "code"),
        [("tok_chargeDeclined", "card_declined"), ("tok_insufficientFunds", "insufficient_funds")],
    )
    async def test_a_decline_is_recorded_and_retried_later(
        self, api: TenantApi, token: str, code: str
    ) -> None:
        invoice = await invoice_for(api, token)
        after = await _pay(api, invoice)
        assert after["status"] == "open" and after["attempt_count"] == 1
        assert after["last_payment_error"]["code"] == code
        assert after["next_payment_attempt_at"] is not None  # dunning: in a day
        [settlement] = await settlements(api, invoice["id"])
        assert settlement["status"] == "failed"
        events = expect(
            await api.get("/v1/events", params={"type": "invoice.payment_failed"}), 200
        )["data"]
        assert len(events) == 1 and events[0]["data"]["final"] is False
        assert events[0]["data"]["attempt"] == 1
        assert events[0]["data"]["error"]["code"] == code


class TestPendingOutcomes:
    @pytest.mark.parametrize(
        ("token", "status", "settled"),
        [("tok_pending_succeeds", "paid", "confirmed"), ("tok_pending_fails", "open", "failed")],
    )
    async def test_pending_charges_resolve_on_the_worker_s_next_pass(
        self, api: TenantApi, runtime: Runtime, token: str, status: str, settled: str
    ) -> None:
        invoice = await invoice_for(api, token)
        pending = await _pay(api, invoice)
        assert pending["status"] == "open" and pending["attempt_count"] == 0
        [settlement] = await settlements(api, invoice["id"])
        assert settlement["status"] == "pending"
        problem(await api.post(f"/v1/invoices/{invoice['id']}/pay", {}), 409, "payment_in_progress")
        problem(await api.post(f"/v1/invoices/{invoice['id']}/void"), 409, "payment_in_progress")
        problem(
            await api.post(f"/v1/settlements/{settlement['id']}/confirm"),
            409,
            "settlement_managed_by_processor",
        )
        await drain_payments(runtime)
        after = await read_invoice(api, invoice["id"])
        assert after["status"] == status
        [settlement] = await settlements(api, invoice["id"])
        assert settlement["status"] == settled
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 1
        if status == "open":
            assert after["last_payment_error"]["code"] == "processing_failed"


class TestRefusals:
    async def test_no_payment_method_is_refused_and_changes_nothing(self, api: TenantApi) -> None:
        invoice = await invoice_for(api, None)
        problem(
            await api.post(f"/v1/invoices/{invoice['id']}/pay", {}), 422, "payment_method_missing"
        )
        after = await read_invoice(api, invoice["id"])
        assert after["attempt_count"] == 0 and await settlements(api, invoice["id"]) == []

    @pytest.mark.parametrize("status", ["void", "paid"])
    async def test_only_open_invoices_can_be_paid(self, api: TenantApi, status: str) -> None:
        invoice = await invoice_for(api, "tok_visa")
        if status == "void":
            expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        if status == "paid":
            await _pay(api, invoice)
        problem(await api.post(f"/v1/invoices/{invoice['id']}/pay", {}), 409, "invoice_not_open")

    async def test_a_draft_that_cannot_be_charged_stays_a_draft(self, api: TenantApi) -> None:
        draft = await api.invoice()
        path = f"/v1/invoices/{draft['id']}/pay"
        problem(await api.post(path, {}), 422, "payment_method_missing")
        after = await read_invoice(api, draft["id"])
        assert (after["status"], after["number"]) == ("draft", None)


class TestPayingADraft:
    """Paying a draft issues it first, in the same operation, as Stripe's `pay` does."""

    async def test_a_draft_is_issued_then_charged(self, api: TenantApi) -> None:
        customer = await customer_paying_with(api, "tok_visa")
        draft = await api.invoice(customer=customer["id"], collection_method="send_invoice")
        paid = await _pay(api, draft)
        assert paid["status"] == "paid" and paid["number"] is not None
        assert paid["finalized_at"] is not None and paid["amount_paid"] == "100.00"
        types = await event_types(api, draft["id"])
        assert types[:2] == ["invoice.paid", "invoice.finalized"]

    async def test_a_zero_total_draft_is_paid_as_it_is_issued(self, api: TenantApi) -> None:
        draft = await api.invoice(lines=[{"unit_amount": "0"}])
        paid = await _pay(api, draft)
        assert paid["status"] == "paid" and await settlements(api, draft["id"]) == []

    async def test_paid_out_of_band_issues_and_settles_a_draft(self, api: TenantApi) -> None:
        draft = await api.invoice()
        paid = expect(
            await api.post(f"/v1/invoices/{draft['id']}/pay", {"paid_out_of_band": True}), 200
        )
        assert paid["status"] == "paid" and paid["number"] is not None
        [settlement] = await settlements(api, draft["id"])
        assert (settlement["method"], settlement["amount"]) == ("other", "100.00")
        again = await api.post(f"/v1/invoices/{draft['id']}/pay", {"paid_out_of_band": True})
        problem(again, 409, "invoice_not_open")

    async def test_a_method_and_out_of_band_together_are_refused(self, api: TenantApi) -> None:
        draft = await api.invoice()
        body = {"paid_out_of_band": True, "payment_method": "pm_x"}
        problem(await api.post(f"/v1/invoices/{draft['id']}/pay", body), 400, "validation_error")
        assert (await read_invoice(api, draft["id"]))["status"] == "draft"


class TestMethodChoice:
    async def test_auto_charges_the_customer_s_newest_method(self, api: TenantApi) -> None:
        invoice = await invoice_for(api, "tok_chargeDeclined", collection_method="send_invoice")
        path = f"/v1/customers/{invoice['customer']}/payment_methods"
        newest = expect(await api.post(path, {"type": "card", "token": "tok_visa"}), 201)
        paid = await _pay(api, invoice, payment_method="auto")
        assert paid["status"] == "paid"
        [settlement] = await settlements(api, invoice["id"])
        assert settlement["status"] == "confirmed" and newest["is_default"] is False

    async def test_auto_without_any_method_is_refused(self, api: TenantApi) -> None:
        invoice = await invoice_for(api, None, collection_method="send_invoice")
        body = problem(
            await api.post(f"/v1/invoices/{invoice['id']}/pay", {"payment_method": "auto"}),
            422,
            "payment_method_missing",
        )
        assert "for auto" in body["detail"]

    async def test_a_decline_can_mark_the_invoice_uncollectible(self, api: TenantApi) -> None:
        invoice = await invoice_for(api, "tok_chargeDeclined", collection_method="send_invoice")
        failed = await _pay(api, invoice, failure_action="mark_uncollectible")
        assert failed["status"] == "uncollectible"
        assert failed["last_payment_error"]["code"] == "card_declined"
        types = await event_types(api, invoice["id"])
        assert types[:2] == ["invoice.marked_uncollectible", "invoice.payment_failed"]

    async def test_by_default_a_decline_leaves_it_open(self, api: TenantApi) -> None:
        invoice = await invoice_for(api, "tok_chargeDeclined", collection_method="send_invoice")
        assert (await _pay(api, invoice))["status"] == "open"

    async def test_a_method_passed_explicitly_wins(self, api: TenantApi) -> None:
        invoice = await invoice_for(api, "tok_chargeDeclined")
        path = f"/v1/customers/{invoice['customer']}/payment_methods"
        good = expect(await api.post(path, {"type": "card", "token": "tok_visa"}), 201)
        assert (await _pay(api, invoice, payment_method=good["id"]))["status"] == "paid"


class TestConcurrency:
    async def test_concurrent_pay_calls_charge_once(self, api: TenantApi, runtime: Runtime) -> None:
        invoice = await invoice_for(api, "tok_visa")
        responses = await asyncio.gather(
            *(api.post(f"/v1/invoices/{invoice['id']}/pay", {}) for _ in range(5))
        )
        assert sum(r.status_code == 200 for r in responses) >= 1
        assert {r.json()["code"] for r in responses if r.status_code != 200} <= {
            "payment_in_progress",
            "invoice_not_open",
        }
        after = await read_invoice(api, invoice["id"])
        assert after["status"] == "paid" and after["amount_paid"] == "100.00"
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 1

    async def test_pay_racing_a_manual_settlement_never_over_collects(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await invoice_for(api, "tok_visa")
        manual = {"method": "bank_transfer", "amount": "100.00"}
        await asyncio.gather(
            api.post(f"/v1/invoices/{invoice['id']}/pay", {}),
            api.post(f"/v1/invoices/{invoice['id']}/settlements", manual),
        )
        await drain_payments(runtime)
        after = await read_invoice(api, invoice["id"])
        confirmed = [s for s in await settlements(api, invoice["id"]) if s["status"] == "confirmed"]
        assert after["status"] == "paid" and after["amount_paid"] == "100.00"
        assert len(confirmed) == 1

    async def test_idempotent_pay_replays_and_does_not_charge_again(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await invoice_for(api, "tok_visa")
        headers = {"Idempotency-Key": "pay-once"}
        first = await api.post(f"/v1/invoices/{invoice['id']}/pay", {}, headers=headers)
        again = await api.post(f"/v1/invoices/{invoice['id']}/pay", {}, headers=headers)
        assert first.status_code == again.status_code == 200
        assert again.content == first.content and again.headers["Idempotent-Replayed"] == "true"
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 1


class TestBuyerFee:
    async def test_the_charge_covers_the_buyer_fee(self, api: TenantApi, runtime: Runtime) -> None:
        expect(await api.patch("/v1/account", {"buyer_fee_percent": "2.5"}), 200)
        invoice = await invoice_for(api, "tok_visa", charge_buyer_fee=True)
        assert (invoice["buyer_fee"], invoice["amount_due"]) == ("2.50", "102.50")
        paid = await _pay(api, invoice)
        [settlement] = await settlements(api, invoice["id"])
        assert settlement["amount"] == "102.50" and paid["amount_paid"] == "102.50"
        assert paid["status"] == "paid"
