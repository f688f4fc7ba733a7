"""`profile=xrechnung` (docs/einvoicing.md): each export is run through the EN 16931 rules and
KoSIT's XRechnung rules (xrechnung.py) and must break none of their fatal assertions."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from sqlalchemy import update

from remit.payments.models import PaymentMethod
from tests.einvoicing.test_export import BUYER_ADDRESS, NS, SYNTAXES, export, issued, seller, texts
from tests.einvoicing.validation import assert_valid, violations
from tests.einvoicing.xrechnung import (
    XRECHNUNG_ID,
    assert_valid_xrechnung,
    claims_xrechnung,
    xrechnung_violations,
)
from tests.support import TenantApi, expect, problem

LEITWEG_ID = "04011000-12345-03"
NL_VAT_ID = {"type": "eu_vat", "value": "NL004495445B01"}
GERMAN_BUYER = {"line1": "Unter den Linden 1", "postal_code": "10117", "city": "Berlin",
                "country": "DE"}  # fmt: skip


async def xrechnung(api: TenantApi, invoice: dict[str, Any], syntax: str) -> bytes:
    """The invoice's XRechnung, checked against EN 16931 and then against KoSIT's rules."""
    xml = await export(api, invoice["id"], syntax, profile="xrechnung")
    assert claims_xrechnung(xml)
    assert_valid_xrechnung(xml, syntax)
    return xml


async def public_buyer(api: TenantApi) -> str:
    customer = await api.customer(name="Bundesamt für Beispiele", billing_address=GERMAN_BUYER)
    return str(customer["id"])


async def for_public_buyer(api: TenantApi, lines: list[dict[str, str]], **fields: Any) -> Any:
    """An open invoice of a German public buyer, its Leitweg-ID as the buyer reference."""
    return await issued(api, lines, customer=await public_buyer(api),
                        buyer_reference=LEITWEG_ID, **fields)  # fmt: skip


async def card_invoice(api: TenantApi) -> dict[str, Any]:
    """An invoice of a public buyer charged automatically to a card ending in 4242."""
    customer = await public_buyer(api)
    body = {"type": "card", "token": "tok_visa", "is_default": True}
    method = expect(await api.post(f"/v1/customers/{customer}/payment_methods", body), 201)
    assert method["last4"] == "4242"
    return await api.open_invoice(customer=customer, buyer_reference=LEITWEG_ID,
                                  collection_method="charge_automatically",
                                  payment_method=method["id"],
                                  lines=[{"description": "Work", "unit_amount": "10.00",
                                          "tax_rate": "19"}])  # fmt: skip


def path(syntax: str, ubl: str, cii: str) -> str:
    return ubl if syntax == "ubl" else cii


class TestXRechnungExports:
    @SYNTAXES
    async def test_standard_rate(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        invoice = await for_public_buyer(api, [{"description": "Licence", "quantity": "3",
                                                "unit_amount": "33.33", "tax_rate": "19"}],
                                         po_number="PO-4711", payment_terms="Net 30 days",
                                         delivery_date="2026-11-30")  # fmt: skip
        xml = await xrechnung(api, invoice, syntax)
        assert texts(xml, path(syntax, "cbc:CustomizationID", "//ram:GuidelineSpecifiedDocument"
                               "ContextParameter/ram:ID")) == [XRECHNUNG_ID]  # fmt: skip
        assert texts(xml, path(syntax, "cbc:BuyerReference", "//ram:BuyerReference")) == [
            LEITWEG_ID
        ]

    @SYNTAXES
    async def test_mixed_rates(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        invoice = await for_public_buyer(api, [
            {"description": "Software", "unit_amount": "100.00", "tax_rate": "19"},
            {"description": "Books", "quantity": "2", "unit_amount": "12.35", "tax_rate": "7"},
        ])  # fmt: skip
        xml = await xrechnung(api, invoice, syntax)
        rates = path(syntax, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent",
                     "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax"
                     "/ram:RateApplicablePercent")  # fmt: skip
        assert sorted(texts(xml, rates)) == ["19", "7"]

    @SYNTAXES
    async def test_exempt_with_reason(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        invoice = await for_public_buyer(api, [
            {"description": "Course", "unit_amount": "300.00", "tax_category": "E",
             "tax_exemption_reason": "Steuerfrei nach § 4 Nr. 21 UStG",
             "tax_exemption_reason_code": "VATEX-EU-132-1I"},
            {"description": "Software", "unit_amount": "100.00", "tax_rate": "19"},
        ])  # fmt: skip
        await xrechnung(api, invoice, syntax)

    @SYNTAXES
    async def test_reverse_charge(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        buyer = await api.customer(name="Koper BV", billing_address=BUYER_ADDRESS,
                                   tax_exempt="reverse", tax_ids=[NL_VAT_ID])  # fmt: skip
        invoice = await issued(api, [{"description": "Consulting", "quantity": "8",
                                      "unit_code": "HUR", "unit_amount": "120.00"}],
                               customer=buyer["id"], buyer_reference="PO-NL-1")  # fmt: skip
        xml = await xrechnung(api, invoice, syntax)
        category = path(syntax, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID",
                        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax"
                        "/ram:CategoryCode")  # fmt: skip
        assert texts(xml, category) == ["AE"]

    @SYNTAXES
    async def test_partial_prepayment(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        invoice = await for_public_buyer(api, [{"description": "Work", "unit_amount": "100.00",
                                                "tax_rate": "19"}])  # fmt: skip
        settled = {"method": "bank_transfer", "amount": "30.00"}
        expect(await api.post(f"/v1/invoices/{invoice['id']}/settlements", settled), 201)
        xml = await xrechnung(api, invoice, syntax)
        due = path(syntax, "cac:LegalMonetaryTotal/cbc:PayableAmount", "//ram:DuePayableAmount")
        assert texts(xml, due) == ["89.00"]

    @SYNTAXES
    async def test_sepa_credit_transfer_to_the_sellers_iban(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        invoice = await for_public_buyer(api, [{"description": "Work", "unit_amount": "250.00",
                                                "tax_rate": "19"}])  # fmt: skip
        xml = await xrechnung(api, invoice, syntax)
        code = path(syntax, "cac:PaymentMeans/cbc:PaymentMeansCode",
                    "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode")  # fmt: skip
        iban = path(syntax, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID",
                    "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID")  # fmt: skip
        assert texts(xml, code) == ["58"]
        assert texts(xml, iban) == ["DE89370400440532013000"]

    @SYNTAXES
    @pytest.mark.parametrize("line", [
        {"description": "Books", "unit_amount": "20.00", "tax_category": "Z"},
        {"description": "Machine", "unit_amount": "900.00", "tax_category": "K",
         "tax_exemption_reason": "Intra-community supply",
         "tax_exemption_reason_code": "VATEX-EU-IC"},
        {"description": "Machine", "unit_amount": "900.00", "tax_category": "G",
         "tax_exemption_reason": "Export outside the EU",
         "tax_exemption_reason_code": "VATEX-EU-G"},
    ], ids=["zero_rated", "intra_community", "export"])  # fmt: skip
    async def test_zero_rated_intra_community_and_export_with_a_deliver_to_address(
        self, api: TenantApi, syntax: str, line: dict[str, str]
    ) -> None:
        await seller(api)
        buyer = await api.customer(name="Koper BV", billing_address=BUYER_ADDRESS,
                                   shipping_address=BUYER_ADDRESS, tax_ids=[NL_VAT_ID])  # fmt: skip
        invoice = await issued(api, [line], customer=buyer["id"], buyer_reference="NL-1",
                               delivery_date="2026-11-30")  # fmt: skip
        xml = await xrechnung(api, invoice, syntax)
        # BG-15 is written whole: XRechnung wants its city and post code (BR-DE-10, BR-DE-11).
        city = path(syntax, "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:CityName",
                    "//ram:ShipToTradeParty/ram:PostalTradeAddress/ram:CityName")  # fmt: skip
        assert texts(xml, city) == ["Amsterdam"]

    @SYNTAXES
    async def test_a_card_payment_names_the_card(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        invoice = await card_invoice(api)
        xml = await xrechnung(api, invoice, syntax)
        # BR-DE-24-a: a card payment (BT-81 48) carries BG-18, the card's last digits (BT-87).
        pan = path(syntax, "cac:PaymentMeans/cac:CardAccount/cbc:PrimaryAccountNumberID",
                   "//ram:ApplicableTradeSettlementFinancialCard/ram:ID")  # fmt: skip
        assert texts(xml, pan) == ["4242"]

    @SYNTAXES
    async def test_not_subject_to_vat_has_a_zero_rate_in_the_breakdown(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)  # its VAT id is left out: BR-O-02, its registration names it
        invoice = await for_public_buyer(api, [
            {"description": "Donation", "unit_amount": "50.00", "tax_category": "O",
             "tax_exemption_reason": "Not subject to VAT",
             "tax_exemption_reason_code": "VATEX-EU-O"},
        ])  # fmt: skip
        xml = await xrechnung(api, invoice, syntax)
        # BR-DE-14 wants BT-119 in every breakdown; on the line BR-O-05 still forbids BT-152.
        rate = path(syntax, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent",
                    "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax"
                    "/ram:RateApplicablePercent")  # fmt: skip
        assert texts(xml, rate) == ["0"]
        assert b"DE136695976" not in xml and b"HRB 12345" in xml

    async def test_not_subject_to_vat_needs_the_sellers_registration(self, api: TenantApi) -> None:
        await seller(api, registration_id=None)
        line = {"description": "Donation", "unit_amount": "50.00", "tax_category": "O",
                "tax_exemption_reason": "Not subject to VAT"}  # fmt: skip
        invoice = await for_public_buyer(api, [line])
        answer = await api.get(f"/v1/invoices/{invoice['id']}/einvoice")
        refused = problem(answer, 422, "einvoice_incomplete")
        assert [e["param"] for e in refused["errors"]] == ["account.registration_id"]
        assert "BR-CO-26" in refused["errors"][0]["message"]

    async def test_an_en16931_export_is_not_checked_as_xrechnung(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await for_public_buyer(api, [{"description": "Work", "unit_amount": "10.00"}])
        assert not claims_xrechnung(await export(api, invoice["id"]))


class TestXRechnungRefusals:
    """What XRechnung requires beyond EN 16931 and remit may lack: 422, each element named."""

    async def test_a_deliver_to_address_without_city_and_post_code(self, api: TenantApi) -> None:
        await seller(api)
        buyer = await api.customer(name="Koper BV", billing_address=BUYER_ADDRESS,
                                   shipping_address={"country": "NL"},
                                   tax_ids=[NL_VAT_ID])  # fmt: skip
        invoice = await issued(api, [{"description": "Machine", "unit_amount": "900.00",
                                      "tax_category": "K",
                                      "tax_exemption_reason_code": "VATEX-EU-IC"}],
                               customer=buyer["id"], buyer_reference="NL-1",
                               delivery_date="2026-11-30")  # fmt: skip
        await export(api, invoice["id"])  # EN 16931 needs the country alone
        body = problem(await api.get(f"/v1/invoices/{invoice['id']}/einvoice",
                                     params={"profile": "xrechnung"}), 422,
                       "einvoice_incomplete")  # fmt: skip
        named = {e["param"]: e["message"] for e in body["errors"]}
        assert set(named) == {"customer.shipping_address.city",
                              "customer.shipping_address.postal_code"}  # fmt: skip
        assert "BT-77" in named["customer.shipping_address.city"]
        assert "BT-78" in named["customer.shipping_address.postal_code"]

    async def test_a_card_payment_without_the_cards_digits(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await card_invoice(api)
        assert api.runtime is not None
        async with api.runtime.db.write() as session:  # a card remit knows no digits of
            card = PaymentMethod.id == invoice["payment_method"]
            await session.execute(update(PaymentMethod).where(card).values(last4=None))
        await export(api, invoice["id"])
        body = problem(await api.get(f"/v1/invoices/{invoice['id']}/einvoice",
                                     params={"profile": "xrechnung"}), 422,
                       "einvoice_incomplete")  # fmt: skip
        assert [(e["param"], e["code"]) for e in body["errors"]] == [
            ("payment_method", "einvoice_required")
        ]
        assert "BT-87" in body["errors"][0]["message"]


# What XRechnung adds to EN 16931, by syntax: the buyer reference (BT-10) and the seller
# contact (BG-6).
BUYER_REFERENCE = {"ubl": "cbc:BuyerReference", "cii": "//ram:BuyerReference"}
SELLER_CONTACT = {
    "ubl": "cac:AccountingSupplierParty/cac:Party/cac:Contact",
    "cii": "//ram:SellerTradeParty/ram:DefinedTradeContact",
}


def without(xml: bytes, *paths: str) -> bytes:
    root = etree.fromstring(xml)
    for path in paths:
        for element in root.xpath(path, namespaces=NS):
            element.getparent().remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


class TestTheRulesBite:
    @SYNTAXES
    async def test_a_missing_buyer_reference_and_seller_contact_break_the_br_de_rules(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        invoice = await for_public_buyer(api, [{"description": "Work", "unit_amount": "100.00",
                                                "tax_rate": "19"}])  # fmt: skip
        xml = without(await xrechnung(api, invoice, syntax),
                      BUYER_REFERENCE[syntax], SELLER_CONTACT[syntax])  # fmt: skip
        assert violations(xml, syntax) == []  # EN 16931 alone accepts it
        found = xrechnung_violations(xml, syntax)
        assert sorted(v.split(":")[0] for v in found) == ["BR-DE-15", "BR-DE-2"], found
        assert any("(BT-10)" in v for v in found)
        with pytest.raises(AssertionError, match="BR-DE-15"):
            assert_valid_xrechnung(xml, syntax)
        with pytest.raises(AssertionError, match="XRechnung violations"):
            assert_valid(xml, syntax)  # so every XRechnung export a test checks gets these rules
