"""Overpayments: what a settlement pays beyond the amount due becomes credit in the
customer's favour, traced to the invoice and the settlement (it used to vanish)."""

from __future__ import annotations

from typing import Any

from tests.balances.helpers import balance_is_the_ledger, issued, ledger
from tests.support import TenantApi, expect, read_invoice


async def settle(api: TenantApi, invoice_id: str, amount: str, **fields: Any) -> dict[str, Any]:
    body = {"amount": amount, "method": "bank_transfer", "allow_overpayment": True, **fields}
    return expect(await api.post(f"/v1/invoices/{invoice_id}/settlements", body), 201)


def paid_figures(invoice: dict[str, Any]) -> tuple[str, ...]:
    return (
        invoice["status"],
        invoice["amount_due"],
        invoice["amount_paid"],
        invoice["amount_remaining"],
        invoice["amount_overpaid"],
    )


class TestOverpayment:
    async def test_the_excess_becomes_the_customers_credit(self, api: TenantApi) -> None:
        customer = await api.customer()
        invoice = await issued(api, customer["id"], "2947.74", collection_method="send_invoice")
        settlement = await settle(api, invoice["id"], "6000.00")
        after = await read_invoice(api, invoice["id"])
        assert paid_figures(after) == ("paid", "2947.74", "6000.00", "0.00", "3052.26")
        [credit] = await ledger(api, customer["id"])
        assert (credit["type"], credit["amount"], credit["ending_balance"]) == (
            "invoice_overpaid", "-3052.26", "-3052.26",
        )  # fmt: skip
        assert (credit["invoice"], credit["settlement"]) == (invoice["id"], settlement["id"])
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "-3052.26"}

    async def test_only_what_this_settlement_overpays_is_credited(self, api: TenantApi) -> None:
        customer = await api.customer()
        invoice = await issued(api, customer["id"], "100.00", collection_method="send_invoice")
        await settle(api, invoice["id"], "60.00")
        assert await ledger(api, customer["id"]) == []  # not paid in full yet: no excess
        await settle(api, invoice["id"], "30.00")
        assert await ledger(api, customer["id"]) == []
        await settle(api, invoice["id"], "25.00", method="cash")
        credits = [t["amount"] for t in await ledger(api, customer["id"])]
        assert credits == ["-15.00"]  # 60 + 30 + 25 on 100.00
        after = await read_invoice(api, invoice["id"])
        assert paid_figures(after) == ("paid", "100.00", "115.00", "0.00", "15.00")
        assert await balance_is_the_ledger(api, customer["id"]) == {"USD": "-15.00"}

    async def test_a_confirmed_pending_settlement_credits_its_excess(self, api: TenantApi) -> None:
        customer = await api.customer()
        invoice = await issued(api, customer["id"], "100.00", collection_method="send_invoice")
        pending = await settle(api, invoice["id"], "130.00", status="pending")
        assert await ledger(api, customer["id"]) == []  # pending money counts for nothing
        expect(await api.post(f"/v1/settlements/{pending['id']}/confirm"), 200)
        [credit] = await ledger(api, customer["id"])
        assert (credit["amount"], credit["settlement"]) == ("-30.00", pending["id"])

    async def test_an_exact_payment_leaves_no_credit(self, api: TenantApi) -> None:
        customer = await api.customer()
        invoice = await issued(api, customer["id"], "100.00", collection_method="send_invoice")
        await settle(api, invoice["id"], "100.00")
        assert await ledger(api, customer["id"]) == []
        assert (await read_invoice(api, invoice["id"]))["amount_overpaid"] == "0.00"
