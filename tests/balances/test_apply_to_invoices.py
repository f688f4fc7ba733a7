"""The customer balance applied at finalization (Stripe): a credit as far as the invoice goes,
the rest kept for the next; a debit added whole; other currencies untouched; given back when
the invoice is voided or expires. The balance is the ledger's sum after every step."""

from __future__ import annotations

from typing import Any

from remit.runtime import Runtime
from tests.balances.helpers import (
    adjust,
    balance_figures,
    balance_is_the_ledger,
    draft,
    issued,
    ledger,
)
from tests.payments.helpers import charges_made, customer_paying_with, drain_payments
from tests.support import TenantApi, event_types, expect, read_invoice

SEND = {"collection_method": "send_invoice"}


async def credited_customer(api: TenantApi, credit: str, **fields: Any) -> dict[str, Any]:
    """A customer with `credit` in its favour (an adjustment of minus that)."""
    customer = await api.customer(**fields)
    expect(await adjust(api, customer["id"], f"-{credit}"), 201)
    return customer


class TestCreditAtFinalization:
    async def test_an_overpayment_pays_the_next_invoices(self, api: TenantApi) -> None:
        customer = await api.customer()
        first = await issued(api, customer["id"], "2947.74", **SEND)
        body = {"amount": "6000.00", "method": "bank_transfer", "allow_overpayment": True}
        expect(await api.post(f"/v1/invoices/{first['id']}/settlements", body), 201)

        second = await issued(api, customer["id"], "1000.00", **SEND)
        assert balance_figures(second) == ("-3052.26", "-1000.00", "-2052.26", "0.00")
        assert (second["status"], second["amount_remaining"]) == ("paid", "0.00")
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "-2052.26"}

        third = await issued(api, customer["id"], "2500.00", **SEND)
        assert balance_figures(third) == ("-2052.26", "-2052.26", "0.00", "447.74")
        assert (third["status"], third["amount_remaining"]) == ("open", "447.74")
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "0.00"}
        applied = [t for t in await ledger(api, customer["id"]) if t["invoice"] != first["id"]]
        assert [(t["type"], t["amount"], t["invoice"]) for t in applied] == [
            ("applied_to_invoice", "1000.00", second["id"]),
            ("applied_to_invoice", "2052.26", third["id"]),
        ]

    async def test_a_finalized_draft_takes_the_credit_too(self, api: TenantApi) -> None:
        customer = await credited_customer(api, "30.00")
        made = await draft(api, customer["id"], "100.00", **SEND)
        assert balance_figures(made) == ("0.00", "0.00", "0.00", "100.00")  # not yet
        finalized = expect(await api.post(f"/v1/invoices/{made['id']}/finalize"), 200)
        assert balance_figures(finalized) == ("-30.00", "-30.00", "0.00", "70.00")
        assert balance_figures(await read_invoice(api, made["id"])) == balance_figures(finalized)
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "0.00"}

    async def test_a_covered_invoice_is_paid_at_once_and_never_charged(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        customer = await customer_paying_with(api, "tok_visa")
        expect(await adjust(api, customer["id"], "-150.00"), 201)
        invoice = await issued(api, customer["id"], "100.00")
        assert invoice["collection_method"] == "charge_automatically"
        assert (invoice["status"], invoice["next_payment_attempt_at"]) == ("paid", None)
        assert (invoice["amount_due"], invoice["amount_paid"]) == ("0.00", "0.00")
        await drain_payments(runtime)
        assert await charges_made(runtime, api.account_id, invoice["id"]) == 0
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}/settlements"), 200)["data"] == []
        assert "invoice.paid" in await event_types(api, invoice["id"])
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "-50.00"}

    async def test_a_partly_covered_invoice_is_charged_the_rest(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        customer = await customer_paying_with(api, "tok_visa")
        expect(await adjust(api, customer["id"], "-40.00"), 201)
        invoice = await issued(api, customer["id"], "100.00")
        assert invoice["amount_due"] == "60.00"
        await drain_payments(runtime)
        paid = await read_invoice(api, invoice["id"])
        assert (paid["status"], paid["amount_paid"]) == ("paid", "60.00")
        [charge] = expect(await api.get(f"/v1/invoices/{invoice['id']}/settlements"), 200)["data"]
        assert charge["amount"] == "60.00"
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "0.00"}

    async def test_credit_in_another_currency_is_untouched(self, api: TenantApi) -> None:
        customer = await credited_customer(api, "50.00")
        invoice = await issued(api, customer["id"], "100.00", currency="EUR", **SEND)
        assert balance_figures(invoice) == ("0.00", "0.00", "0.00", "100.00")
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "-50.00"}

    async def test_the_buyer_fee_can_be_covered_too(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", {"buyer_fee_percent": "2.5"}), 200)
        customer = await credited_customer(api, "500.00")
        invoice = await issued(api, customer["id"], "100.00", charge_buyer_fee=True, **SEND)
        assert balance_figures(invoice) == ("-500.00", "-102.50", "-397.50", "0.00")
        assert invoice["status"] == "paid"

    async def test_another_customers_credit_is_not_applied(self, api: TenantApi) -> None:
        await credited_customer(api, "50.00")
        other = await api.customer()
        invoice = await issued(api, other["id"], "100.00", **SEND)
        assert balance_figures(invoice) == ("0.00", "0.00", "0.00", "100.00")


class TestDebitAtFinalization:
    async def test_what_the_customer_owes_is_added_whole(self, api: TenantApi) -> None:
        customer = await api.customer()
        expect(await adjust(api, customer["id"], "20.00"), 201)
        invoice = await issued(api, customer["id"], "100.00", **SEND)
        assert balance_figures(invoice) == ("20.00", "20.00", "0.00", "120.00")
        assert invoice["amount_remaining"] == "120.00"
        [_, applied] = await ledger(api, customer["id"])
        assert (applied["type"], applied["amount"]) == ("applied_to_invoice", "-20.00")
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "0.00"}


class TestGivenBack:
    async def test_voiding_gives_the_credit_back(self, api: TenantApi) -> None:
        customer = await credited_customer(api, "50.00")
        invoice = await issued(api, customer["id"], "100.00", **SEND)
        assert invoice["applied_balance"] == "-50.00"
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "0.00"}
        voided = expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        assert balance_figures(voided) == balance_figures(invoice)  # kept, as history
        last = (await ledger(api, customer["id"]))[-1]
        assert (last["type"], last["amount"], last["invoice"]) == (
            "unapplied_from_invoice", "-50.00", invoice["id"],
        )  # fmt: skip
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "-50.00"}
        again = await issued(api, customer["id"], "80.00", **SEND)  # the credit serves again
        assert again["applied_balance"] == "-50.00"

    async def test_voiding_gives_a_debit_back(self, api: TenantApi) -> None:
        customer = await api.customer()
        expect(await adjust(api, customer["id"], "20.00"), 201)
        invoice = await issued(api, customer["id"], "100.00", **SEND)
        expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "20.00"}

    async def test_voiding_an_uncollectible_invoice_gives_it_back(self, api: TenantApi) -> None:
        customer = await credited_customer(api, "50.00")
        invoice = await issued(api, customer["id"], "100.00", **SEND)
        expect(await api.post(f"/v1/invoices/{invoice['id']}/mark_uncollectible"), 200)
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "0.00"}  # kept
        expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "-50.00"}

    async def test_expiring_gives_the_credit_back(self, api: TenantApi) -> None:
        customer = await credited_customer(api, "50.00")
        invoice = await issued(api, customer["id"], "100.00", **SEND)
        expect(await api.post(f"/v1/invoices/{invoice['id']}/expire"), 200)
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "-50.00"}

    async def test_voiding_without_an_applied_balance_writes_nothing(self, api: TenantApi) -> None:
        customer = await credited_customer(api, "50.00")
        invoice = await issued(api, customer["id"], "100.00", currency="EUR", **SEND)
        expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        assert [t["type"] for t in await ledger(api, customer["id"])] == ["adjustment"]

    async def test_a_paid_invoice_keeps_the_credit_it_took(self, api: TenantApi) -> None:
        customer = await credited_customer(api, "150.00")
        invoice = await issued(api, customer["id"], "100.00", **SEND)
        assert invoice["status"] == "paid"
        response = await api.post(f"/v1/invoices/{invoice['id']}/void")
        assert response.status_code == 409
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "-50.00"}
