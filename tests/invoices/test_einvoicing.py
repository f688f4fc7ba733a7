"""E-invoicing data on invoices (docs/einvoicing.md): lines' VAT categories, exemption reasons
and units, the customer's `tax_exempt` on its lines, the tax breakdown by category and rate,
and the invoice's terms (buyer reference, note, payment terms, delivery date)."""

from __future__ import annotations

from typing import Any

from tests.support import TenantApi, expect, params, problem
from tests.support import read_invoice as read

REVERSE_CHARGE = ("AE", "0", "Reverse charge", "VATEX-EU-AE")


def taxed(line: dict[str, Any]) -> tuple[str, str, str | None, str | None]:
    return (line["tax_category"], line["tax_rate"], line["tax_exemption_reason"],
            line["tax_exemption_reason_code"])  # fmt: skip


def breakdown(invoice: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (group["tax_category"], group["tax_rate"], group["taxable_amount"], group["amount"],
         group["tax_exemption_reason"], group["tax_exemption_reason_code"])
        for group in invoice["tax_breakdown"]
    ]  # fmt: skip


class TestLineCategories:
    async def test_without_a_category_a_line_is_s_above_zero_and_z_at_zero(
        self, api: TenantApi
    ) -> None:
        invoice = await api.invoice(
            lines=[{"unit_amount": "100.00", "tax_rate": "19"}, {"unit_amount": "10.00"}]
        )
        assert [taxed(line) for line in invoice["lines"]] == [
            ("S", "19", None, None),
            ("Z", "0", None, None),
        ]
        assert [line["unit_code"] for line in invoice["lines"]] == ["C62", "C62"]
        assert breakdown(invoice) == [
            ("Z", "0", "10.00", "0.00", None, None),
            ("S", "19", "100.00", "19.00", None, None),
        ]
        assert invoice["customer_tax_exempt"] == "none"

    async def test_the_invoices_default_rate_decides_the_category_and_follows_it(
        self, api: TenantApi
    ) -> None:
        draft = await api.invoice(default_tax_rate="7", lines=[{"unit_amount": "10.00"}])
        assert taxed(draft["lines"][0]) == ("S", "7", None, None)
        updated = expect(
            await api.patch(f"/v1/invoices/{draft['id']}", {"default_tax_rate": "0"}), 200
        )
        assert taxed(updated["lines"][0]) == ("Z", "0", None, None)

    async def test_categories_reasons_and_units_are_kept(self, api: TenantApi) -> None:
        lines = [
            {"unit_amount": "50.00", "tax_rate": "7", "tax_category": "S", "unit_code": "HUR"},
            {"unit_amount": "20.00", "tax_category": "K",
             "tax_exemption_reason_code": "VATEX-EU-IC"},
            {"unit_amount": "5.00", "tax_rate": "7", "tax_category": "L"},
        ]  # fmt: skip
        invoice = await api.invoice(default_tax_rate="19", lines=lines)
        assert [taxed(line) for line in invoice["lines"]] == [
            ("S", "7", None, None),
            ("K", "0", None, "VATEX-EU-IC"),  # a 0 % category takes 0 %, not the default
            ("L", "7", None, None),
        ]
        assert [line["unit_code"] for line in invoice["lines"]] == ["HUR", "C62", "C62"]
        assert await read(api, invoice["id"]) == invoice

    async def test_an_invoice_item_on_a_draft_takes_the_default_unit_and_category(
        self, api: TenantApi
    ) -> None:
        customer = await api.customer(tax_exempt="reverse")
        draft = await api.invoice(customer=customer["id"], lines=[])
        item = {"customer": customer["id"], "invoice": draft["id"], "unit_amount": "30.00"}
        expect(await api.post("/v1/invoice_items", item), 201)
        [line] = (await read(api, draft["id"]))["lines"]
        assert (taxed(line), line["unit_code"]) == (REVERSE_CHARGE, "C62")


class TestReverseCharge:
    async def test_lines_without_a_category_are_ae_at_zero_with_the_note(
        self, api: TenantApi
    ) -> None:
        customer = await api.customer(tax_exempt="reverse")
        invoice = await api.invoice(
            customer=customer["id"],
            default_tax_rate="19",
            lines=[{"unit_amount": "100.00", "tax_rate": "19"}, {"unit_amount": "50.00"}],
        )
        assert [taxed(line) for line in invoice["lines"]] == [REVERSE_CHARGE, REVERSE_CHARGE]
        assert (invoice["tax_amount"], invoice["total"]) == ("0.00", "150.00")
        assert breakdown(invoice) == [
            ("AE", "0", "150.00", "0.00", "Reverse charge", "VATEX-EU-AE")
        ]
        assert invoice["customer_tax_exempt"] == "reverse"

    async def test_a_line_may_state_the_note_in_its_own_words(self, api: TenantApi) -> None:
        customer = await api.customer(tax_exempt="reverse")
        note = "Steuerschuldnerschaft des Leistungsempfängers"
        invoice = await api.invoice(
            customer=customer["id"],
            lines=[{"unit_amount": "100.00", "tax_exemption_reason": note}],
        )
        assert taxed(invoice["lines"][0]) == ("AE", "0", note, "VATEX-EU-AE")

    async def test_a_line_that_names_its_category_keeps_it(self, api: TenantApi) -> None:
        customer = await api.customer(tax_exempt="reverse")
        line = {"unit_amount": "100.00", "tax_rate": "19", "tax_category": "S"}
        invoice = await api.invoice(customer=customer["id"], lines=[line])
        assert taxed(invoice["lines"][0]) == ("S", "19", None, None)
        assert invoice["tax_amount"] == "19.00"

    async def test_the_lines_stay_as_taxed_when_finalized(self, api: TenantApi) -> None:
        customer = await api.customer(tax_exempt="reverse")
        invoice = await api.open_invoice(customer=customer["id"])
        assert invoice["status"] == "open"
        assert taxed(invoice["lines"][0]) == REVERSE_CHARGE
        assert invoice["customer_snapshot"]["tax_exempt"] == "reverse"

    async def test_a_new_customer_taxes_the_lines_sent_with_it(self, api: TenantApi) -> None:
        draft = await api.invoice(lines=[{"unit_amount": "10.00", "tax_rate": "19"}])
        customer = await api.customer(email="b2b@example.com", tax_exempt="reverse")
        kept = expect(
            await api.patch(f"/v1/invoices/{draft['id']}", {"customer": customer["id"]}), 200
        )
        assert kept["customer_tax_exempt"] == "reverse"
        assert taxed(kept["lines"][0]) == ("S", "19", None, None)  # the draft's lines stay
        resent = expect(
            await api.patch(
                f"/v1/invoices/{draft['id']}",
                {"lines": [{"unit_amount": "10.00", "tax_rate": "19"}]},
            ),
            200,
        )
        assert taxed(resent["lines"][0]) == REVERSE_CHARGE


class TestExemptCustomer:
    async def test_lines_without_a_category_are_exempt_at_zero(self, api: TenantApi) -> None:
        customer = await api.customer(tax_exempt="exempt")
        invoice = await api.invoice(
            customer=customer["id"], lines=[{"unit_amount": "80.00", "tax_rate": "19"}]
        )
        assert taxed(invoice["lines"][0]) == ("E", "0", "Tax exempt", None)
        assert breakdown(invoice) == [("E", "0", "80.00", "0.00", "Tax exempt", None)]


class TestTaxBreakdown:
    async def test_exempt_and_zero_rated_lines_are_separate_groups(self, api: TenantApi) -> None:
        reason = "Exempt under article 132(1)(i)"
        invoice = await api.invoice(
            lines=[
                {"unit_amount": "10.00"},
                {"unit_amount": "20.00", "tax_category": "E", "tax_exemption_reason": reason,
                 "tax_exemption_reason_code": "VATEX-EU-132-1I"},
                {"unit_amount": "5.00", "tax_category": "Z"},
                {"unit_amount": "30.00", "tax_category": "E", "tax_exemption_reason": reason,
                 "tax_exemption_reason_code": "VATEX-EU-132-1I"},
                {"unit_amount": "100.00", "tax_rate": "19"},
            ]
        )  # fmt: skip
        assert breakdown(invoice) == [
            ("E", "0", "50.00", "0.00", reason, "VATEX-EU-132-1I"),
            ("Z", "0", "15.00", "0.00", None, None),
            ("S", "19", "100.00", "19.00", None, None),
        ]
        assert (invoice["subtotal"], invoice["tax_amount"], invoice["total"]) == (
            "165.00",
            "19.00",
            "184.00",
        )

    async def test_lines_of_one_group_must_share_their_reason(self, api: TenantApi) -> None:
        lines = [
            {"unit_amount": "1.00", "tax_category": "E", "tax_exemption_reason": "Medical care"},
            {"unit_amount": "1.00", "tax_category": "E", "tax_exemption_reason": "Education"},
        ]
        customer = await api.customer()
        response = await api.post("/v1/invoices", {"customer": customer["id"], "lines": lines})
        body = problem(response, 400, "validation_error")
        assert params(body) == {"lines[1].tax_exemption_reason"}


class TestLineRefusals:
    async def _refused(self, api: TenantApi, *lines: dict[str, Any]) -> dict[str, Any]:
        customer = await api.customer()
        response = await api.post("/v1/invoices", {"customer": customer["id"], "lines": lines})
        body = problem(response, 400, "validation_error")
        assert expect(await api.get("/v1/invoices"), 200)["data"] == []  # nothing written
        return body

    async def test_an_unknown_category_is_refused(self, api: TenantApi) -> None:
        body = await self._refused(api, {"unit_amount": "1.00", "tax_category": "X"})
        assert [(e["param"], e["code"]) for e in body["errors"]] == [
            ("lines[0].tax_category", "invalid_choice")
        ]

    async def test_an_exempt_category_needs_a_reason(self, api: TenantApi) -> None:
        body = await self._refused(
            api,
            {"unit_amount": "1.00", "tax_category": "E"},
            {"unit_amount": "1.00", "tax_category": "AE"},
            {"unit_amount": "1.00", "tax_category": "O", "tax_exemption_reason_code": "VATEX-EU-O"},
        )
        assert [(e["param"], e["code"]) for e in body["errors"]] == [
            ("lines[0].tax_exemption_reason", "tax_exemption_reason_required"),
            ("lines[1].tax_exemption_reason", "tax_exemption_reason_required"),
        ]

    async def test_zero_rate_categories_refuse_a_rate(self, api: TenantApi) -> None:
        body = await self._refused(
            api,
            {"unit_amount": "1.00", "tax_rate": "19", "tax_category": "Z"},
            {"unit_amount": "1.00", "tax_rate": "7", "tax_category": "G",
             "tax_exemption_reason_code": "VATEX-EU-G"},
        )  # fmt: skip
        assert params(body) == {"lines[0].tax_rate", "lines[1].tax_rate"}

    async def test_standard_rate_needs_a_rate_above_zero(self, api: TenantApi) -> None:
        body = await self._refused(
            api,
            {"unit_amount": "1.00", "tax_rate": "0", "tax_category": "S"},
            {"unit_amount": "1.00", "tax_category": "S"},  # no rate, and no default rate
        )
        assert params(body) == {"lines[0].tax_rate", "lines[1].tax_rate"}

    async def test_a_reason_is_refused_where_tax_is_charged(self, api: TenantApi) -> None:
        body = await self._refused(
            api,
            {"unit_amount": "1.00", "tax_rate": "19", "tax_exemption_reason": "Why?"},
            {"unit_amount": "1.00", "tax_exemption_reason_code": "VATEX-EU-O"},
        )
        assert params(body) == {
            "lines[0].tax_exemption_reason",
            "lines[1].tax_exemption_reason_code",
        }

    async def test_a_category_specific_code_goes_with_its_category(self, api: TenantApi) -> None:
        body = await self._refused(
            api,
            {
                "unit_amount": "1.00",
                "tax_category": "E",
                "tax_exemption_reason_code": "VATEX-EU-AE",
            },
        )
        assert params(body) == {"lines[0].tax_exemption_reason_code"}

    async def test_codes_must_have_their_shape(self, api: TenantApi) -> None:
        body = await self._refused(
            api,
            {"unit_amount": "1.00", "unit_code": "hour"},
            {"unit_amount": "1.00", "unit_code": "h87"},
            {"unit_amount": "1.00", "tax_category": "E", "tax_exemption_reason_code": "EU-132"},
            {"unit_amount": "1.00", "tax_category": "E", "tax_exemption_reason": ""},
        )
        assert params(body) == {
            "lines[0].unit_code",
            "lines[1].unit_code",
            "lines[2].tax_exemption_reason_code",
            "lines[3].tax_exemption_reason",
        }

    async def test_a_refused_update_changes_nothing(self, api: TenantApi) -> None:
        draft = await api.invoice()
        response = await api.patch(
            f"/v1/invoices/{draft['id']}",
            {"note": "Changed", "lines": [{"unit_amount": "5.00", "tax_category": "AE"}]},
        )
        body = problem(response, 400, "validation_error")
        assert params(body) == {"lines[0].tax_exemption_reason"}
        assert await read(api, draft["id"]) == draft

    async def test_a_default_rate_that_breaks_a_lines_category_is_refused(
        self, api: TenantApi
    ) -> None:
        draft = await api.invoice(
            default_tax_rate="19", lines=[{"unit_amount": "5.00", "tax_category": "S"}]
        )
        response = await api.patch(f"/v1/invoices/{draft['id']}", {"default_tax_rate": "0"})
        assert params(problem(response, 400, "validation_error")) == {"lines[0].tax_rate"}
        assert await read(api, draft["id"]) == draft


TERMS = {
    "buyer_reference": "04011000-12345-03",
    "note": "Thank you for your order.",
    "payment_terms": "Net 30 days, 2 % discount within 10 days",
    "delivery_date": "2026-11-30",
    "po_number": "PO-4711",
}


class TestInvoiceTerms:
    async def test_terms_are_kept_and_read_back(self, api: TenantApi) -> None:
        invoice = await api.invoice(**TERMS)
        assert {field: invoice[field] for field in TERMS} == TERMS
        assert await read(api, invoice["id"]) == invoice

    async def test_a_draft_changes_and_clears_them(self, api: TenantApi) -> None:
        draft = await api.invoice()
        assert all(draft[field] is None for field in TERMS)
        updated = expect(await api.patch(f"/v1/invoices/{draft['id']}", TERMS), 200)
        assert {field: updated[field] for field in TERMS} == TERMS
        cleared = expect(
            await api.patch(f"/v1/invoices/{draft['id']}", {"note": None, "delivery_date": None}),
            200,
        )
        assert (cleared["note"], cleared["delivery_date"]) == (None, None)
        assert cleared["buyer_reference"] == TERMS["buyer_reference"]
        assert await read(api, draft["id"]) == cleared

    async def test_an_issued_invoice_keeps_them(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(**TERMS)
        response = await api.patch(f"/v1/invoices/{invoice['id']}", {"note": "Later"})
        assert response.status_code == 409
        assert (await read(api, invoice["id"]))["note"] == TERMS["note"]

    async def test_a_delivery_date_is_a_calendar_date(self, api: TenantApi) -> None:
        customer = await api.customer()
        for value in ("2026-02-30", "2026-11-30T10:00:00Z", "30.11.2026", 20261130):
            body = {"customer": customer["id"], "delivery_date": value}
            response = await api.post("/v1/invoices", body)
            errors = problem(response, 400, "validation_error")["errors"]
            assert [(e["param"], e["code"]) for e in errors] == [("delivery_date", "invalid_date")]
        assert expect(await api.get("/v1/invoices"), 200)["data"] == []
