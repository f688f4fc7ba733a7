"""Reepay's invoice after corrections made through remit's own API (docs/corrections.md):
credit notes show in `credited_amount` and `credit_notes`, refunds in `refunded_amount` and
as `type: refund` transactions. The rules are the core's; the dialect only shows them."""

from __future__ import annotations

from typing import Any

from tests.dialects.reepay.client import ReepayApi, ok
from tests.support import QueryCounter, TenantApi, expect

CASH = {"method": "cash", "payment_date": "2026-12-01"}


async def _credit(api: TenantApi, invoice_id: str, **fields: Any) -> dict[str, Any]:
    return expect(await api.post("/v1/credit_notes", {"invoice": invoice_id, **fields}), 201)


async def _refund(api: TenantApi, settlement_id: str, amount: str) -> dict[str, Any]:
    body = {"settlement": settlement_id, "amount": amount}
    return expect(await api.post("/v1/refunds", body), 201)


async def _shown(reepay: ReepayApi, handle: str = "inv-1") -> dict[str, Any]:
    return ok(await reepay.get(f"/v1/invoice/{handle}"))


async def _settled_by_card(
    reepay: ReepayApi, token: str = "tok_visa"
) -> tuple[dict[str, Any], str]:
    """inv-1, 200.00 DKK, settled with a new card of ada's; and the card."""
    await reepay.customer()
    card = await reepay.card("ada", token)
    invoice = await reepay.invoice("ada", "inv-1", settle={"payment_method": card})
    assert invoice["state"] == "settled"
    return invoice, card


class TestCreditNotes:
    async def test_a_note_before_payment_is_credited_and_listed(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        await reepay.customer()
        invoice = await reepay.invoice("ada", "inv-1")  # 2 × 100.00 DKK, 25 % VAT included
        note = await _credit(api, invoice["id"], amount="50.00")
        shown = await _shown(reepay)
        assert (shown["state"], shown["amount"], shown["credited_amount"]) == (
            "pending", 20000, 5000)  # fmt: skip
        assert shown["credit_notes"] == [{"id": note["id"], "amount": 5000}]
        assert (shown["refunded_amount"], shown["transactions"]) == (0, [])
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert native["amount_remaining"] == "150.00"

    async def test_a_void_note_is_no_longer_shown(self, reepay: ReepayApi, api: TenantApi) -> None:
        await reepay.customer()
        invoice = await reepay.invoice("ada", "inv-1")
        kept = await _credit(api, invoice["id"], amount="10.00")
        voided = await _credit(api, invoice["id"], amount="20.00")
        expect(await api.post(f"/v1/credit_notes/{voided['id']}/void"), 200)
        shown = await _shown(reepay)
        assert shown["credit_notes"] == [{"id": kept["id"], "amount": 1000}]
        assert shown["credited_amount"] == 1000

    async def test_a_full_credit_settles_the_invoice_with_nothing_paid(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        await reepay.customer()
        invoice = await reepay.invoice("ada", "inv-1")
        await _credit(api, invoice["id"], amount="200.00")
        shown = await _shown(reepay)
        assert (shown["state"], shown["settled_amount"], shown["credited_amount"]) == (
            "settled", 0, 20000)  # fmt: skip
        assert shown["number"] == invoice["number"]


class TestRefunds:
    async def test_a_card_refund_is_a_refund_transaction(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        invoice, card = await _settled_by_card(reepay)
        note = await _credit(api, invoice["id"], amount="80.00", refund_amount="80.00")
        shown = await _shown(reepay)
        assert (shown["state"], shown["settled_amount"], shown["refunded_amount"]) == (
            "settled", 20000, 8000)  # fmt: skip
        assert shown["credited_amount"] == 8000 and shown["processing"] is False
        settle, refund = shown["transactions"]
        assert (settle["type"], settle["state"], settle["amount"]) == ("settle", "settled", 20000)
        assert (refund["id"], refund["type"], refund["state"], refund["amount"]) == (
            note["refunds"][0], "refund", "refunded", 8000)  # fmt: skip
        assert (refund["payment_type"], refund["payment_method"]) == ("card", card)
        assert refund["refunded"] is not None and refund["failed"] is None

    async def test_a_failed_refund_gives_nothing_back(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        invoice, _ = await _settled_by_card(reepay, "tok_refund_fails")
        settlement = invoice["transactions"][0]["id"]
        assert (await _refund(api, settlement, "30.00"))["status"] == "failed"
        shown = await _shown(reepay)
        assert (shown["refunded_amount"], shown["credited_amount"]) == (0, 0)
        refund = shown["transactions"][1]
        assert (refund["type"], refund["state"], refund["amount"]) == ("refund", "failed", 3000)
        assert refund["card_transaction"]["error"] == "refund_failed"
        assert refund["failed"] is not None and refund["refunded"] is None

    async def test_a_manual_settlement_is_refunded_by_hand(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        await reepay.customer()
        invoice = await reepay.invoice("ada", "inv-1", manual_transfer=CASH)
        await _refund(api, invoice["transactions"][0]["id"], "50.00")
        shown = await _shown(reepay)
        # A refund made directly is no credit note: nothing is credited.
        assert (shown["refunded_amount"], shown["credited_amount"]) == (5000, 0)
        refund = shown["transactions"][1]
        assert (refund["state"], refund["payment_type"], refund["payment_method"]) == (
            "refunded", "manual", None)  # fmt: skip

    async def test_lists_show_refunds_and_notes_per_invoice(
        self, reepay: ReepayApi, api: TenantApi
    ) -> None:
        invoice, _ = await _settled_by_card(reepay)
        await _credit(api, invoice["id"], amount="20.00", refund_amount="20.00")
        other = await reepay.invoice("ada", "inv-2")
        await _credit(api, other["id"], amount="30.00")
        for path in ("/v1/list/invoice", "/v1/invoice"):
            content = ok(await reepay.get(path))["content"]
            figures = {item["handle"]: (item["refunded_amount"], item["credited_amount"],
                                        len(item["transactions"])) for item in content}  # fmt: skip
            assert figures == {"inv-1": (2000, 2000, 2), "inv-2": (0, 3000, 0)}, path


class TestQueryBudgets:
    async def _count(self, queries: QueryCounter, reepay: ReepayApi, size: int) -> int:
        queries.reset()
        assert (await reepay.get("/v1/list/invoice", size=size)).status_code == 200
        return queries.count

    async def test_refunds_and_notes_do_not_grow_a_list(
        self, reepay: ReepayApi, api: TenantApi, queries: QueryCounter
    ) -> None:
        await reepay.customer()
        for n in range(6):
            invoice = await reepay.invoice("ada", f"inv-{n}", manual_transfer=CASH)
            await _credit(api, invoice["id"], amount="10.00", refund_amount="10.00")
        small = await self._count(queries, reepay, 2)
        assert small == await self._count(queries, reepay, 6), queries.statements
        # key, invoices, their lines, their settlements, their refunds, their credit notes
        assert small <= 6, queries.statements
