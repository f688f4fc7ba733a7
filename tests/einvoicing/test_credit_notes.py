"""`GET /v1/credit_notes/{id}/einvoice` (docs/einvoicing.md): a credit note as a UBL 2.1
CreditNote or a CII type 381, naming the invoice it credits (BG-3), every export run through
the official EN 16931 rules (validation.py)."""

from __future__ import annotations

from typing import Any

from lxml import etree

from tests.einvoicing.test_export import (
    BUYER_ADDRESS,
    DUTCH_VAT_IDS,
    INTRA_COMMUNITY_LINE,
    NS,
    SYNTAXES,
    export,
    intra_community_buyer,
    issued,
    seller,
    texts,
    totals,
    vat_groups,
)
from tests.einvoicing.validation import assert_valid
from tests.support import TenantApi, expect, problem

CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"


async def credit(api: TenantApi, invoice: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return expect(await api.post("/v1/credit_notes", {"invoice": invoice["id"], **fields}), 201)


async def export_note(api: TenantApi, note_id: str, syntax: str = "ubl", **query: str) -> bytes:
    response = await api.get(f"/v1/credit_notes/{note_id}/einvoice",
                             params={"syntax": syntax, **query})  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/xml"
    assert_valid(response.content, syntax)
    return response.content


def cii_groups(xml: bytes) -> list[tuple[str, str, str, str]]:
    """(category, rate, basis, tax) of each CII header ApplicableTradeTax."""
    root = etree.fromstring(xml)
    return [(tax.findtext("ram:CategoryCode", namespaces=NS) or "",
             tax.findtext("ram:RateApplicablePercent", "", NS),
             tax.findtext("ram:BasisAmount", namespaces=NS) or "",
             tax.findtext("ram:CalculatedAmount", namespaces=NS) or "")
            for tax in root.iterfind(".//ram:ApplicableHeaderTradeSettlement/"
                                     "ram:ApplicableTradeTax", NS)]  # fmt: skip


class TestCreditNoteExport:
    async def test_a_credited_quantity_is_a_ubl_credit_note_naming_its_invoice(
        self, api: TenantApi
    ) -> None:
        await seller(api)
        invoice = await issued(api, [
            {"description": "Licence", "quantity": "3", "unit_amount": "40.00", "tax_rate": "19",
             "unit_code": "MON"},
            {"description": "Setup", "unit_amount": "50.00", "tax_rate": "19"},
        ], buyer_reference="BR-7", po_number="PO-1")  # fmt: skip
        issue_date = texts(await export(api, invoice["id"]), "cbc:IssueDate")
        note = await credit(api, invoice, memo="Cancelled seat", lines=[
            {"invoice_line": invoice["lines"][0]["id"], "quantity": "1"}])  # fmt: skip
        response = await api.get(f"/v1/credit_notes/{note['id']}/einvoice")
        assert response.status_code == 200
        assert f"{note['number']}.xml" in response.headers["content-disposition"]
        xml = response.content
        assert_valid(xml)
        root = etree.fromstring(xml)
        assert etree.QName(root).namespace == CREDIT_NOTE
        assert etree.QName(root).localname == "CreditNote"
        assert texts(xml, "cbc:ID") == [note["number"]]
        assert texts(xml, "cbc:CreditNoteTypeCode") == ["381"]
        assert texts(xml, "cbc:Note") == ["Cancelled seat"]
        reference = "cac:BillingReference/cac:InvoiceDocumentReference/"
        assert texts(xml, reference + "cbc:ID") == [invoice["number"]]
        assert texts(xml, reference + "cbc:IssueDate") == issue_date
        assert texts(xml, "cbc:BuyerReference") == ["BR-7"]
        assert texts(xml, "cac:CreditNoteLine/cbc:CreditedQuantity") == ["1"]
        assert root.xpath("cac:CreditNoteLine/cbc:CreditedQuantity/@unitCode",
                          namespaces=NS) == ["MON"]  # fmt: skip
        assert texts(xml, "cac:CreditNoteLine/cac:Item/cbc:Name") == ["Licence"]
        assert texts(xml, "cac:CreditNoteLine/cac:Price/cbc:PriceAmount") == ["40"]
        assert note["total"] == "47.60"
        assert totals(xml) == {
            "LineExtensionAmount": "40.00", "TaxExclusiveAmount": "40.00",
            "TaxInclusiveAmount": "47.60", "PayableAmount": "47.60",
        }  # fmt: skip
        assert vat_groups(xml) == [("S", "19", "40.00", "7.60")]

    async def test_cii_is_type_381_with_the_invoice_referenced(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "quantity": "2",
                                      "unit_amount": "100.00", "tax_rate": "19"}])  # fmt: skip
        note = await credit(api, invoice, lines=[
            {"invoice_line": invoice["lines"][0]["id"], "quantity": "1"}])  # fmt: skip
        xml = await export_note(api, note["id"], "cii")
        assert texts(xml, "//ram:TypeCode[../ram:IssueDateTime]") == ["381"]
        referenced = "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID"
        assert texts(xml, referenced) == [invoice["number"]]
        assert texts(xml, "//ram:DuePayableAmount") == ["119.00"]
        assert cii_groups(xml) == [("S", "19", "100.00", "19.00")]

    @SYNTAXES
    async def test_a_lump_sum_over_mixed_rates_is_one_line_per_rate(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        invoice = await issued(api, [
            {"description": "Software", "unit_amount": "100.00", "tax_rate": "19"},
            {"description": "Books", "unit_amount": "50.00", "tax_rate": "7"},
        ])  # fmt: skip
        note = await credit(api, invoice, amount="30.00", memo="Goodwill")
        xml = await export_note(api, note["id"], syntax)
        if syntax == "ubl":
            assert texts(xml, "cac:CreditNoteLine/cac:Item/cbc:Name") == ["Goodwill"] * 2
            assert totals(xml)["PayableAmount"] == note["total"] == "30.00"
            assert sorted(group[0:2] for group in vat_groups(xml)) == [("S", "19"), ("S", "7")]
        else:
            assert texts(xml, "//ram:GrandTotalAmount") == ["30.00"]

    @SYNTAXES
    async def test_a_credited_line_discount_is_a_line_allowance(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Seats", "quantity": "4",
                                      "unit_amount": "25.00", "tax_rate": "19",
                                      "discount_percent": "10"}])  # fmt: skip
        note = await credit(api, invoice, lines=[
            {"invoice_line": invoice["lines"][0]["id"], "quantity": "2"}])  # fmt: skip
        xml = await export_note(api, note["id"], syntax)
        if syntax == "ubl":
            assert texts(xml, "cac:CreditNoteLine/cac:AllowanceCharge/cbc:Amount") == ["5.00"]
            assert totals(xml)["LineExtensionAmount"] == "45.00"
        else:
            assert texts(xml, "//ram:SpecifiedTradeAllowanceCharge/ram:ActualAmount") == ["5.00"]

    @SYNTAXES
    async def test_a_credited_line_with_allowances_and_charges_credits_its_net(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        invoice = await issued(api, [{
            "description": "Seats", "quantity": "10", "unit_amount": "20.00", "tax_rate": "19",
            "discount_amount": "5.00", "allowances": [{"percent": "5", "reason": "Volume"}],
            "charges": [{"amount": "15.00", "reason": "Installation"}],
        }], allowances=[{"amount": "20.00", "reason": "Loyalty"}])  # fmt: skip
        note = await credit(api, invoice, lines=[
            {"invoice_line": invoice["lines"][0]["id"], "quantity": "2"}])  # fmt: skip
        xml = await export_note(api, note["id"], syntax)
        if syntax == "ubl":
            assert texts(xml, "cac:CreditNoteLine/cbc:LineExtensionAmount") == ["40.00"]
            assert totals(xml)["TaxInclusiveAmount"] == note["total"] == "47.60"

    @SYNTAXES
    async def test_a_reverse_charge_credit_keeps_category_ae_and_its_reason(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        buyer = await api.customer(name="Koper BV", billing_address=BUYER_ADDRESS,
                                   tax_exempt="reverse",
                                   tax_ids=DUTCH_VAT_IDS)  # fmt: skip
        invoice = await issued(api, [{"description": "Consulting", "quantity": "8",
                                      "unit_code": "HUR", "unit_amount": "120.00"}],
                               customer=buyer["id"])  # fmt: skip
        by_amount = await credit(api, invoice, amount="120.00")
        by_line = await credit(api, invoice, lines=[
            {"invoice_line": invoice["lines"][0]["id"], "quantity": "2"}])  # fmt: skip
        for note in (by_amount, by_line):
            xml = await export_note(api, note["id"], syntax)
            if syntax == "ubl":
                amount = note["subtotal"]
                assert vat_groups(xml) == [("AE", "0", amount, "0.00", "VATEX-EU-AE",
                                            "Reverse charge")]  # fmt: skip

    async def test_an_intra_community_credit_carries_the_invoices_delivery(
        self, api: TenantApi
    ) -> None:
        await seller(api)
        buyer = await intra_community_buyer(api)
        invoice = await issued(api, [INTRA_COMMUNITY_LINE], customer=buyer["id"],
                               delivery_date="2026-11-20")  # fmt: skip
        note = await credit(api, invoice, lines=[
            {"invoice_line": invoice["lines"][0]["id"], "quantity": "1"}])  # fmt: skip
        for syntax in ("ubl", "cii"):
            xml = await export_note(api, note["id"], syntax)
        xml = await export_note(api, note["id"])
        assert texts(xml, "cac:Delivery/cbc:ActualDeliveryDate") == ["2026-11-20"]
        assert vat_groups(xml)[0][0] == "K"

    async def test_a_void_note_still_exports_as_issued(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "100.00",
                                      "tax_rate": "19"}])  # fmt: skip
        note = await credit(api, invoice, amount="10.00")
        before = await export_note(api, note["id"])
        expect(await api.post(f"/v1/credit_notes/{note['id']}/void", {}), 200)
        assert await export_note(api, note["id"]) == before


class TestCreditNoteRefusals:
    async def test_missing_elements_are_named_with_their_business_terms(
        self, api: TenantApi
    ) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "10.00",
                                      "tax_rate": "19"}])  # fmt: skip
        note = await credit(api, invoice, amount="5.00")
        expect(await api.patch("/v1/account", {"tax_ids": [], "address": None}), 200)
        body = problem(await api.get(f"/v1/credit_notes/{note['id']}/einvoice"), 422,
                       "einvoice_incomplete")  # fmt: skip
        named = {e["param"]: e["message"] for e in body["errors"]}
        assert set(named) == {"account.address.country", "account.tax_ids"}
        assert "BT-40" in named["account.address.country"]

    async def test_xrechnung_wants_the_buyer_reference(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "10.00"}])
        note = await credit(api, invoice, amount="5.00")
        response = await api.get(f"/v1/credit_notes/{note['id']}/einvoice",
                                 params={"profile": "xrechnung"})  # fmt: skip
        body = problem(response, 422, "einvoice_incomplete")
        assert "buyer_reference" in {e["param"] for e in body["errors"]}

    async def test_a_third_decimal_is_refused(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "12.345",
                                      "tax_rate": "20"}], currency="KWD")  # fmt: skip
        note = await credit(api, invoice, lines=[
            {"invoice_line": invoice["lines"][0]["id"], "quantity": "1"}])  # fmt: skip
        body = problem(await api.get(f"/v1/credit_notes/{note['id']}/einvoice"), 422,
                       "einvoice_unsupported")  # fmt: skip
        assert {"subtotal", "lines[0].amount"} <= {e["param"] for e in body["errors"]}

    async def test_it_needs_credit_notes_read_and_the_notes_account(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "10.00"}])
        note = await credit(api, invoice, amount="5.00")
        path = f"/v1/credit_notes/{note['id']}/einvoice"
        reader = await api.with_scopes("credit_notes:read")
        assert (await reader.get(path)).status_code == 200
        invoices_only = await api.with_scopes("invoices:read")
        problem(await invoices_only.get(path), 403, "insufficient_scope")
        problem(await other_api.get(path), 404, "resource_missing")
