"""Issuing credit notes (`POST /v1/credit_notes`) on both databases: what they take off an
open invoice, what they give back on a paid one, and what they refuse."""

from __future__ import annotations

from typing import Any

import pytest

from remit.runtime import Runtime
from tests.balances.helpers import ledger
from tests.credit_notes.helpers import (
    MIXED_LINES,
    balance,
    credit,
    invoice_of,
    issue,
    line_ids,
    pay,
)
from tests.refunds.helpers import card_settlement, read_settlement, refund
from tests.support import TenantApi, event_types, expect, params, problem


async def nothing_was_issued(api: TenantApi, invoice: dict[str, Any]) -> None:
    """No note exists, the invoice is as it was, and the series has not moved."""
    assert expect(await api.get("/v1/credit_notes"), 200)["data"] == []
    assert await invoice_of(api, invoice["id"]) == invoice
    probe = await issue(api, (await api.open_invoice())["id"], amount="1.00")
    assert probe["number"] == "CN-0001"


class TestOpenInvoices:
    async def test_a_partial_credit_lowers_what_is_left_to_pay(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()  # 100.00
        note = await issue(api, invoice["id"], amount="30.00", reason="order_change", memo="Two")
        assert note["id"].startswith("cn_") and note["object"] == "credit_note"
        assert (note["number"], note["status"], note["reason"], note["memo"]) == (
            "CN-0001", "issued", "order_change", "Two",
        )  # fmt: skip
        assert (note["invoice"], note["customer"], note["currency"]) == (
            invoice["id"], invoice["customer"], "USD",
        )  # fmt: skip
        assert (note["total"], note["pre_payment_amount"], note["post_payment_amount"]) == (
            "30.00", "30.00", "0.00",
        )  # fmt: skip
        after = await invoice_of(api, invoice["id"])
        assert (after["status"], after["amount_due"], after["amount_remaining"]) == (
            "open", "70.00", "70.00",
        )  # fmt: skip
        assert (after["credited_amount"], after["pre_payment_credit_notes_amount"]) == (
            "30.00", "30.00",
        )  # fmt: skip
        assert after["credit_notes"] == [note["id"]] and after["total"] == "100.00"
        assert await event_types(api, note["id"]) == ["credit_note.created"]
        assert (await event_types(api, invoice["id"]))[0] == "invoice.updated"
        assert expect(await api.get(f"/v1/credit_notes/{note['id']}"), 200) == note

    async def test_a_full_credit_pays_the_invoice_which_keeps_its_number(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        [line] = line_ids(invoice)
        note = await issue(api, invoice["id"], lines=[{"invoice_line": line, "quantity": "1"}])
        after = await invoice_of(api, invoice["id"])
        assert (after["status"], after["number"], after["amount_remaining"]) == (
            "paid", invoice["number"], "0.00",
        )  # fmt: skip
        assert after["paid_at"] is not None and after["amount_paid"] == "0.00"
        assert (await event_types(api, invoice["id"]))[0] == "invoice.paid"
        assert note["lines"][0]["invoice_line"] == line

    async def test_beyond_what_is_left_to_pay_goes_to_the_customers_balance(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        await pay(api, invoice["id"], "60.00")
        note = await issue(api, invoice["id"], amount="50.00")
        assert (note["pre_payment_amount"], note["post_payment_amount"]) == ("40.00", "10.00")
        assert (note["credit_amount"], note["refund_amount"]) == ("10.00", "0.00")
        after = await invoice_of(api, invoice["id"])
        assert (after["status"], after["amount_due"], after["amount_paid"]) == (
            "paid", "60.00", "60.00",
        )  # fmt: skip
        assert after["post_payment_credit_notes_amount"] == "10.00"
        assert await balance(api, invoice["customer"]) == "-10.00"
        [moved] = await ledger(api, invoice["customer"])
        assert (moved["type"], moved["amount"], moved["credit_note"], moved["invoice"]) == (
            "credit_note", "-10.00", note["id"], invoice["id"],
        )  # fmt: skip

    async def test_notes_at_mixed_rates_add_up_to_the_invoice(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(lines=MIXED_LINES)  # 119.97 + 9.07 = 129.04
        hours, parts, fee = line_ids(invoice)
        first = await issue(api, invoice["id"], lines=[{"invoice_line": hours, "quantity": "3"}])
        rest = await issue(api, invoice["id"], lines=[
            {"invoice_line": parts, "quantity": "1.5"}, {"invoice_line": fee, "quantity": "1"},
        ])  # fmt: skip
        assert (first["subtotal"], first["tax_amount"], first["total"]) == (
            "59.97", "4.95", "64.92",
        )  # fmt: skip
        # 50.00 × 8.25% rounds to 4.13, but 4.12 is what is left of the 9.07 charged.
        assert (rest["subtotal"], rest["tax_amount"], rest["total"]) == (
            "60.00", "4.12", "64.12",
        )  # fmt: skip
        assert rest["tax_breakdown"] == [
            {"tax_rate": "0", "tax_inclusive": False, "taxable_amount": "10.00",
             "amount": "0.00"},
            {"tax_rate": "8.25", "tax_inclusive": False, "taxable_amount": "50.00",
             "amount": "4.12"},
        ]  # fmt: skip
        after = await invoice_of(api, invoice["id"])
        assert (after["status"], after["credited_amount"]) == ("paid", "129.04")
        assert [first["number"], rest["number"]] == ["CN-0001", "CN-0002"]

    async def test_an_inclusive_line_with_a_discount_is_credited_in_its_terms(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice(lines=[{
            "quantity": "4", "unit_amount": "31.25", "tax_rate": "25", "tax_inclusive": True,
            "discount_amount": "25.00",
        }])  # fmt: skip  # 125.00 − 25.00 = 100.00 gross: 80.00 + 20.00 tax
        [line] = line_ids(invoice)
        note = await issue(api, invoice["id"], lines=[{"invoice_line": line, "quantity": "1"}])
        assert note["lines"][0] == {
            "object": "credit_note_line_item", "id": note["lines"][0]["id"],
            "type": "invoice_line_item", "invoice_line": line, "description": None,
            "quantity": "1", "unit_amount": "31.25", "amount": "31.25",
            "discount_amount": "6.25", "tax_rate": "25", "tax_inclusive": True,
            "tax_amount": "5.00",
        }  # fmt: skip
        assert (note["subtotal"], note["discount_amount"], note["tax_amount"], note["total"]) == (
            "25.00", "5.00", "5.00", "25.00",
        )  # fmt: skip


class TestPaidInvoices:
    async def test_a_paid_invoice_credits_the_customers_balance_by_default(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        await pay(api, invoice["id"])
        note = await issue(api, invoice["id"], amount="25.00")
        assert (note["pre_payment_amount"], note["credit_amount"]) == ("0.00", "25.00")
        assert await balance(api, invoice["customer"]) == "-25.00"
        after = await invoice_of(api, invoice["id"])
        assert (after["status"], after["post_payment_credit_notes_amount"]) == ("paid", "25.00")
        assert (await event_types(api, invoice["id"]))[0] == "invoice.updated"

    async def test_settled_out_of_band_moves_no_money(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        await pay(api, invoice["id"])
        note = await issue(api, invoice["id"], amount="25.00", out_of_band_amount="25.00")
        assert (note["out_of_band_amount"], note["credit_amount"], note["refunds"]) == (
            "25.00", "0.00", [],
        )  # fmt: skip
        assert await balance(api, invoice["customer"]) is None

    async def test_a_refund_goes_back_through_the_simulator(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        settlement = await card_settlement(api, runtime)  # 100.00 paid by card
        note = await issue(
            api, settlement["invoice"], amount="40.00", refund_amount="30.00",
            credit_amount="10.00", reason="product_unsatisfactory",
        )  # fmt: skip
        [refund_id] = note["refunds"]
        refunded = expect(await api.get(f"/v1/refunds/{refund_id}"), 200)
        assert (refunded["status"], refunded["amount"], refunded["processor"]) == (
            "succeeded", "30.00", "simulator",
        )  # fmt: skip
        assert (refunded["credit_note"], refunded["reason"]) == (
            note["id"], "requested_by_customer",
        )  # fmt: skip
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "30.00"
        customer = (await invoice_of(api, settlement["invoice"]))["customer"]
        assert await balance(api, customer) == "-10.00"

    async def test_a_cash_payment_is_refunded_by_hand_at_once(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        settlement = await pay(api, invoice["id"])
        note = await issue(api, invoice["id"], amount="100.00", refund_amount="100.00")
        refunded = expect(await api.get(f"/v1/refunds/{note['refunds'][0]}"), 200)
        assert (refunded["status"], refunded["processor"]) == ("succeeded", "manual")
        assert (await read_settlement(api, settlement["id"]))["amount_refunded"] == "100.00"

    async def test_the_split_must_add_up(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        await pay(api, invoice["id"])
        paid = await invoice_of(api, invoice["id"])
        response = await credit(api, invoice["id"], amount="40.00", refund_amount="10.00",
                                credit_amount="10.00")  # fmt: skip
        body = problem(response, 422, "credit_note_split_mismatch")
        assert params(body) == {"refund_amount", "credit_amount"}
        assert "40.00" in body["detail"]
        await nothing_was_issued(api, paid)

    async def test_nothing_is_refunded_of_an_unpaid_invoice(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        response = await credit(api, invoice["id"], amount="40.00", refund_amount="40.00")
        assert params(problem(response, 422, "credit_note_split_mismatch")) == {"refund_amount"}

    async def test_a_refund_beyond_what_is_left_to_refund_gives_its_number_back(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        settlement = await pay(api, invoice["id"])
        expect(await refund(api, settlement, amount="80.00"), 201)
        paid = await invoice_of(api, invoice["id"])
        response = await credit(api, invoice["id"], amount="30.00", refund_amount="30.00")
        body = problem(response, 422, "refund_exceeds_settlement")
        assert params(body) == {"refund_amount"}
        await nothing_was_issued(api, paid)  # the number it had taken was rolled back


class TestCustomLines:
    async def test_a_custom_line_is_taxed_at_the_rate_it_names(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(default_tax_rate="10", lines=[{"unit_amount": "100"}])
        note = await issue(api, invoice["id"], lines=[
            {"type": "custom_line_item", "description": "Goodwill", "unit_amount": "10.00",
             "tax_rate": "20"},
            {"type": "custom_line_item", "description": "Waived fee", "quantity": "2",
             "unit_amount": "2.50"},
        ])  # fmt: skip
        assert [(line["type"], line["tax_rate"], line["amount"]) for line in note["lines"]] == [
            ("custom_line_item", "20", "10.00"), ("custom_line_item", "10", "5.00"),
        ]  # fmt: skip
        assert (note["subtotal"], note["tax_amount"], note["total"]) == ("15.00", "2.50", "17.50")
        assert note["lines"][1]["invoice_line"] is None
        assert (await invoice_of(api, invoice["id"]))["amount_due"] == "92.50"


class TestRefusals:
    async def test_more_than_the_invoice_allows_is_refused(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        body = problem(await credit(api, invoice["id"], amount="100.01"), 422,
                       "credit_note_exceeds_invoice")  # fmt: skip
        assert params(body) == {"amount"}
        await issue(api, invoice["id"], amount="60.00")
        before = await invoice_of(api, invoice["id"])
        problem(await credit(api, invoice["id"], amount="40.01"), 422,
                "credit_note_exceeds_invoice")  # fmt: skip
        custom = {"type": "custom_line_item", "description": "x", "unit_amount": "40.01"}
        body = problem(await credit(api, invoice["id"], lines=[custom]), 422,
                       "credit_note_exceeds_invoice")  # fmt: skip
        assert params(body) == {"lines"}
        assert await invoice_of(api, invoice["id"]) == before
        assert len(expect(await api.get("/v1/credit_notes"), 200)["data"]) == 1
        await issue(api, invoice["id"], amount="40.00")  # exactly what is left

    async def test_more_than_is_left_of_a_line_is_refused(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(lines=MIXED_LINES)
        hours = line_ids(invoice)[0]
        await issue(api, invoice["id"], lines=[{"invoice_line": hours, "quantity": "2"}])
        response = await credit(api, invoice["id"], lines=[{"invoice_line": hours,
                                                             "quantity": "1.5"}])  # fmt: skip
        body = problem(response, 422, "credit_note_exceeds_invoice_line")
        assert params(body) == {"lines[0].quantity"}

    @pytest.mark.parametrize("action", ["void", "mark_uncollectible"])
    async def test_a_void_or_uncollectible_invoice_takes_no_credit_note(
        self, api: TenantApi, action: str
    ) -> None:
        invoice = await api.open_invoice()
        closed = expect(await api.post(f"/v1/invoices/{invoice['id']}/{action}"), 200)
        body = problem(await credit(api, invoice["id"], amount="1.00"), 409,
                       "invoice_not_creditable")  # fmt: skip
        assert body["invoice_status"] == closed["status"]
        await nothing_was_issued(api, closed)

    async def test_a_draft_is_edited_not_credited(self, api: TenantApi) -> None:
        draft = await api.invoice()
        problem(await credit(api, draft["id"], amount="1.00"), 409, "invoice_not_creditable")

    async def test_an_unknown_invoice_or_line_is_missing(self, api: TenantApi) -> None:
        body = problem(await credit(api, "inv_" + "0" * 26, amount="1.00"), 404,
                       "resource_missing")  # fmt: skip
        assert params(body) == {"invoice"}
        invoice, other = await api.open_invoice(), await api.open_invoice()
        response = await credit(api, invoice["id"], lines=[
            {"invoice_line": line_ids(other)[0], "quantity": "1"},
        ])  # fmt: skip
        assert params(problem(response, 404, "resource_missing")) == {"lines[0].invoice_line"}

    @pytest.mark.parametrize(
        ("fields", "named", "code"),
        [
            ({}, {"lines"}, "validation_error"),
            ({"amount": "1.00", "lines": [{"invoice_line": "il_x", "quantity": "1"}]},
             {"amount"}, "validation_error"),
            ({"lines": []}, {"lines"}, "validation_error"),
            ({"lines": [{"invoice_line": "il_x"}]}, {"lines[0]"}, "validation_error"),
            ({"lines": [{"invoice_line": "il_x", "quantity": "1", "amount": "1"}]},
             {"lines[0]"}, "validation_error"),
            ({"lines": [{"type": "mystery", "invoice_line": "il_x", "quantity": "1"}]},
             {"lines[0].type"}, "validation_error"),
            ({"lines": [{"type": "custom_line_item", "unit_amount": "1"}]},
             {"lines[0].description"}, "validation_error"),
            ({"lines": [{"invoice_line": "il_x", "quantity": "0"}]},
             {"lines[0].quantity"}, "validation_error"),
            ({"lines": ["il_x"]}, {"lines[0]"}, "validation_error"),
            ({"amount": "-1"}, {"amount"}, "validation_error"),
            ({"amount": "ten"}, {"amount"}, "validation_error"),
            ({"amount": 1e400}, {"amount"}, "amount_out_of_range"),
            ({"amount": "1.00", "reason": "regret"}, {"reason"}, "validation_error"),
            ({"amount": "1.00", "refund_amount": "-5"}, {"refund_amount"}, "validation_error"),
            ({"amount": "1.00", "metadata": {"k": {"deep": 1}}}, {"metadata"},
             "validation_error"),
        ],
    )  # fmt: skip
    async def test_bad_input_is_a_400_naming_the_field(
        self, api: TenantApi, fields: dict[str, Any], named: set[str], code: str
    ) -> None:
        invoice = await api.open_invoice()
        status = 422 if code == "amount_out_of_range" else 400
        content = None
        if fields.get("amount") == 1e400:  # a JSON number json.dumps cannot write
            content = f'{{"invoice": "{invoice["id"]}", "amount": 1e400}}'
        response = await api.post("/v1/credit_notes", {"invoice": invoice["id"], **fields},
                                  content=content)  # fmt: skip
        assert params(problem(response, status, code)) == named
        await nothing_was_issued(api, invoice)

    async def test_more_places_than_the_currency_has_is_a_422(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        response = await credit(api, invoice["id"], amount="1.001", credit_amount="0.001")
        body = problem(response, 422, "amount_too_precise")
        assert params(body) == {"amount", "credit_amount"}


class TestIdempotency:
    async def test_a_repeated_key_issues_once(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        body = {"invoice": invoice["id"], "amount": "10.00"}
        headers = {"Idempotency-Key": "cn-once"}
        first = await api.post("/v1/credit_notes", body, headers=headers)
        again = await api.post("/v1/credit_notes", body, headers=headers)
        assert (first.status_code, again.status_code) == (201, 201)
        assert again.content == first.content and again.headers["Idempotent-Replayed"] == "true"
        assert len(expect(await api.get("/v1/credit_notes"), 200)["data"]) == 1
        assert (await invoice_of(api, invoice["id"]))["amount_due"] == "90.00"
        other = await api.post("/v1/credit_notes", {**body, "amount": "11.00"}, headers=headers)
        problem(other, 422, "idempotency_key_reused")
