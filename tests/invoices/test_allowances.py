"""Allowances and charges through the API (docs/invoices.md), on both databases: on lines and
on the invoice, as stored and shown, edited on drafts, frozen once issued, refused with a
422 naming the field, credited exactly, and shown on the hosted page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.credit_notes.helpers import credit, invoice_of, issue
from tests.support import TenantApi, expect, problem
from tests.support import read_invoice as read

HOURS = {
    "description": "Hours", "quantity": "2", "unit_amount": "50.00", "tax_rate": "19",
    "allowances": [{"percent": "10", "reason": "Loyalty"}],
    "charges": [{"amount": "2.50", "reason_code": "FC"}],
}  # fmt: skip
BOOKS = {"description": "Books", "quantity": "1", "unit_amount": "40.00", "tax_rate": "7"}
VOLUME = {"percent": "5", "reason": "Volume", "reason_code": "95", "tax_rate": "19"}
SHIPPING = {"amount": "10.00", "reason": "Shipping", "tax_category": "S", "tax_rate": "25"}


def figures(invoice: dict[str, Any]) -> tuple[str, ...]:
    return tuple(invoice[name] for name in ("subtotal", "discount_amount", "allowance_amount",
                                            "charge_amount", "tax_amount", "total"))  # fmt: skip


async def adjusted(api: TenantApi, **fields: Any) -> dict[str, Any]:
    fields.setdefault("lines", [HOURS, BOOKS])
    return await api.invoice(currency="EUR", allowances=[VOLUME], charges=[SHIPPING], **fields)


class TestCreate:
    async def test_lines_and_the_invoice_carry_them_in_the_en16931_chain(
        self, api: TenantApi
    ) -> None:
        invoice = await adjusted(api)
        hours, books = invoice["lines"]
        assert hours["allowances"] == [
            {"amount": "10.00", "percent": "10", "base_amount": "100.00", "reason": "Loyalty",
             "reason_code": None},
        ]  # fmt: skip
        assert hours["charges"] == [
            {"amount": "2.50", "percent": None, "base_amount": None, "reason": None,
             "reason_code": "FC"},
        ]  # fmt: skip
        assert (hours["amount"], hours["net_amount"], hours["tax_amount"]) == (
            "100.00", "92.50", "17.58",
        )  # fmt: skip
        assert (books["allowances"], books["net_amount"]) == ([], "40.00")
        assert invoice["allowances"] == [
            {"amount": "4.63", "percent": "5", "base_amount": "92.50", "reason": "Volume",
             "reason_code": "95", "tax_category": "S", "tax_rate": "19"},
        ]  # fmt: skip
        assert invoice["charges"] == [
            {"amount": "10.00", "percent": None, "base_amount": None, "reason": "Shipping",
             "reason_code": None, "tax_category": "S", "tax_rate": "25"},
        ]  # fmt: skip
        assert figures(invoice) == ("152.50", "14.63", "4.63", "10.00", "22.00", "159.87")
        assert [(g["tax_category"], g["tax_rate"], g["taxable_amount"], g["amount"])
                for g in invoice["tax_breakdown"]] == [
            ("S", "7", "40.00", "2.80"), ("S", "19", "87.87", "16.70"),
            ("S", "25", "10.00", "2.50"),
        ]  # fmt: skip
        assert await read(api, invoice["id"]) == invoice

    async def test_the_invoices_only_tax_group_is_the_default(self, api: TenantApi) -> None:
        invoice = await api.invoice(
            lines=[BOOKS], allowances=[{"amount": "4.00", "reason": "Early payment"}]
        )
        [allowance] = invoice["allowances"]
        assert (allowance["tax_category"], allowance["tax_rate"]) == ("S", "7")
        assert (invoice["tax_breakdown"][0]["taxable_amount"], invoice["total"]) == (
            "36.00", "38.52",
        )  # fmt: skip

    async def test_an_invoice_without_any_shows_empty_lists_and_zeros(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        assert (invoice["allowances"], invoice["charges"]) == ([], [])
        assert (invoice["allowance_amount"], invoice["charge_amount"]) == ("0.00", "0.00")
        assert invoice["lines"][0]["net_amount"] == "100.00"


def _line(**fields: Any) -> dict[str, Any]:
    return {"unit_amount": "10.00", "tax_rate": "19", **fields}


REFUSED = [
    # (lines, invoice fields, param, code)
    ([_line(allowances=[{"reason": "No figure"}])], {},
     "lines[0].allowances[0].amount", "amount_or_percent"),
    ([_line(charges=[{"amount": "1", "percent": "1", "reason": "Both"}])], {},
     "lines[0].charges[0].amount", "amount_or_percent"),
    ([_line(allowances=[{"amount": "1"}])], {}, "lines[0].allowances[0].reason",
     "reason_required"),
    ([_line(allowances=[{"amount": "10.01", "reason": "Too much"}])], {},
     "lines[0].allowances", "line_net_negative"),
    ([_line(unit_amount="-10.00", charges=[{"amount": "1", "reason": "Fee"}])], {},
     "lines[0].charges", "credit_line"),
    ([_line(tax_inclusive=True, allowances=[{"amount": "1", "reason": "Gift"}])], {},
     "lines[0].allowances", "tax_inclusive"),
    ([_line(), _line(tax_rate="7")], {"allowances": [{"amount": "1", "reason": "Gift"}]},
     "allowances[0].tax_rate", "tax_group_required"),
    ([_line(tax_inclusive=True)], {"charges": [{"amount": "1", "reason": "Fee"}]},
     "charges[0].tax_rate", "tax_inclusive"),
    ([_line()], {"allowances": [{"amount": "11.00", "reason": "Too much"}]},
     "allowances[0].amount", "exceeds_base"),
    ([_line()], {"charges": [{"amount": "1", "reason": "Fee", "tax_category": "Z",
                              "tax_rate": "19"}]}, "charges[0].tax_rate", "invalid"),
    ([_line()], {"charges": [{"amount": "1", "reason": "Fee", "tax_category": "E"}]},
     "charges[0].tax_category", "tax_exemption_reason_required"),
    ([_line()], {"charges": [{"amount": "1", "base_amount": "5", "reason": "Fee"}]},
     "charges[0].base_amount", "invalid"),
]  # fmt: skip


class TestRefused:
    @pytest.mark.parametrize(("lines", "fields", "param", "code"), REFUSED)
    async def test_a_broken_rule_is_a_422_naming_the_field(
        self, api: TenantApi, lines: list[Any], fields: dict[str, Any], param: str, code: str
    ) -> None:
        customer = (await api.customer())["id"]
        body = {"customer": customer, "lines": lines, **fields}
        found = problem(await api.post("/v1/invoices", body), 422, "invalid_allowance_charge")
        assert [(error["param"], error["code"]) for error in found["errors"]] == [(param, code)]
        assert param in found["detail"]

    async def test_a_bad_reason_code_or_too_precise_amount_is_named(self, api: TenantApi) -> None:
        customer = (await api.customer())["id"]
        code = [_line(allowances=[{"amount": "1", "reason_code": "TOOLONG"}])]
        found = problem(await api.post("/v1/invoices", {"customer": customer, "lines": code}),
                        400, "validation_error")  # fmt: skip
        assert [e["param"] for e in found["errors"]] == ["lines[0].allowances[0].reason_code"]
        precise = [_line(charges=[{"amount": "1.001", "reason": "Fee"}])]
        found = problem(await api.post("/v1/invoices", {"customer": customer, "lines": precise}),
                        422, "amount_too_precise")  # fmt: skip
        assert [e["param"] for e in found["errors"]] == ["lines[0].charges[0].amount"]


class TestDraftEdits:
    async def test_a_draft_takes_new_allowances_and_a_percentage_follows_its_lines(
        self, api: TenantApi
    ) -> None:
        draft = await api.invoice(currency="EUR", lines=[BOOKS])
        path = f"/v1/invoices/{draft['id']}"
        body = {"allowances": [{"percent": "10", "reason": "Volume"}]}
        edited = expect(await api.patch(path, body), 200)
        assert (edited["allowance_amount"], edited["total"]) == ("4.00", "38.52")
        more = expect(await api.patch(path, {"lines": [{**BOOKS, "quantity": "2"}]}), 200)
        assert more["allowances"][0]["base_amount"] == "80.00"
        assert (more["allowance_amount"], more["total"]) == ("8.00", "77.04")
        cleared = expect(await api.patch(path, {"allowances": []}), 200)
        assert (cleared["allowances"], cleared["allowance_amount"], cleared["total"]) == (
            [], "0.00", "85.60",
        )  # fmt: skip

    async def test_a_line_change_that_breaks_an_allowance_is_refused(self, api: TenantApi) -> None:
        draft = await api.invoice(
            currency="EUR", lines=[BOOKS], allowances=[{"amount": "30.00", "reason": "Gift"}]
        )
        cheaper = {"lines": [{**BOOKS, "unit_amount": "20.00"}]}
        found = problem(await api.patch(f"/v1/invoices/{draft['id']}", cheaper), 422,
                        "invalid_allowance_charge")  # fmt: skip
        assert found["errors"][0]["param"] == "allowances[0].amount"
        assert await read(api, draft["id"]) == draft

    async def test_an_issued_invoice_keeps_its_allowances_and_charges(self, api: TenantApi) -> None:
        invoice = await adjusted(api, status="open")
        path = f"/v1/invoices/{invoice['id']}"
        for body in ({"allowances": []}, {"charges": [SHIPPING, SHIPPING]}):
            problem(await api.patch(path, body), 409, "invoice_not_draft")
        after = await read(api, invoice["id"])
        assert after["allowances"] == invoice["allowances"] and figures(after) == figures(invoice)


class TestInvoiceItems:
    async def test_an_item_on_a_draft_and_a_pending_item_carry_theirs(self, api: TenantApi) -> None:
        customer = (await api.customer())["id"]
        draft = await api.invoice(customer=customer, currency="EUR", lines=[BOOKS])
        item = {"customer": customer, "unit_amount": "20.00", "tax_rate": "7", "currency": "EUR",
                "allowances": [{"amount": "5.00", "reason": "Trial"}]}  # fmt: skip
        made = expect(await api.post("/v1/invoice_items", {**item, "invoice": draft["id"]}), 201)
        assert made["allowances"][0]["amount"] == "5.00" and made["net_amount"] == "15.00"
        pending = expect(await api.post("/v1/invoice_items", item), 201)
        changed = expect(
            await api.patch(f"/v1/invoice_items/{made['id']}",
                            {"charges": [{"percent": "50", "reason": "Rush"}]}),
            200,
        )  # fmt: skip
        assert changed["net_amount"] == "25.00"  # 20 − 5 + 50 % of 20
        after = await read(api, draft["id"])
        assert (after["lines"][1]["net_amount"], after["total"]) == ("25.00", "69.55")
        later = await api.invoice(customer=customer, currency="EUR", lines=[],
                                  pending_items="include")  # fmt: skip
        [line] = later["lines"]
        assert (line["id"], line["net_amount"]) == (pending["id"], "15.00")

    async def test_an_item_whose_allowance_exceeds_it_is_refused(self, api: TenantApi) -> None:
        customer = (await api.customer())["id"]
        item = {"customer": customer, "unit_amount": "20.00",
                "allowances": [{"amount": "20.01", "reason": "Trial"}]}  # fmt: skip
        found = problem(await api.post("/v1/invoice_items", item), 422, "invalid_allowance_charge")
        assert found["errors"][0]["code"] == "line_net_negative"
        assert expect(await api.get("/v1/invoice_items"), 200)["data"] == []


class TestCreditNotes:
    async def test_a_credit_by_quantity_prorates_the_lines_net(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(currency="EUR", lines=[HOURS])  # net 92.50 + 17.58
        hours = invoice["lines"][0]["id"]
        half = await issue(api, invoice["id"], lines=[{"invoice_line": hours, "quantity": "1"}])
        assert (half["lines"][0]["amount"], half["lines"][0]["discount_amount"]) == (
            "51.25", "5.00",
        )  # fmt: skip
        assert (half["subtotal"], half["discount_amount"], half["total"]) == (
            "51.25", "5.00", "55.04",
        )  # fmt: skip
        rest = await issue(api, invoice["id"], lines=[{"invoice_line": hours, "quantity": "1"}])
        assert rest["total"] == "55.04"
        after = await invoice_of(api, invoice["id"])
        assert (after["credited_amount"], after["total"], after["status"]) == (
            "110.08", "110.08", "paid",
        )  # fmt: skip

    async def test_credits_never_exceed_an_invoice_with_a_document_allowance(
        self, api: TenantApi
    ) -> None:
        invoice = await adjusted(api, status="open")  # 159.87
        hours, books = (line["id"] for line in invoice["lines"])
        every_line = [{"invoice_line": hours, "quantity": "2"},
                      {"invoice_line": books, "quantity": "1"}]  # fmt: skip
        problem(await credit(api, invoice["id"], lines=every_line), 422,
                "credit_note_exceeds_invoice")  # fmt: skip
        first = await issue(api, invoice["id"], lines=every_line[1:])
        assert first["total"] == "42.80"
        rest = await issue(api, invoice["id"], amount="117.07")
        assert rest["tax_amount"] == "19.20"  # what is left of the 19 % and 25 % groups' tax
        after = await invoice_of(api, invoice["id"])
        assert (after["credited_amount"], after["status"]) == ("159.87", "paid")
        problem(await credit(api, invoice["id"], amount="0.01"), 422,
                "credit_note_exceeds_invoice")  # fmt: skip


class TestHostedPage:
    async def test_the_page_shows_line_and_document_allowances_and_charges(
        self, api: TenantApi
    ) -> None:
        invoice = await adjusted(api, status="open", collection_method="send_invoice")
        html = (await api.http.get("/i/" + invoice["public_token"])).text
        # Each under its line, or in the totals: the subtotal and discounts there without the
        # invoice's own, which are shown one by one.
        rows = [("Loyalty (10", "\u2212€10.00"), ("Charge", "€2.50"), ("Volume (5", "\u2212€4.63"),
                ("Shipping", "€10.00"), ("Subtotal", "€142.50"), ("Discounts", "\u2212€10.00"),
                ("Total", "€159.87")]  # fmt: skip
        for label, figure in rows:
            assert re.search(f"{re.escape(label)}[^<]*</t[dh]>\\s*<td[^>]*>{figure}<", html), label
