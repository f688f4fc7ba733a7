"""`GET /v1/invoices/{id}/einvoice` (docs/einvoicing.md): every export the tests make is run
through the official EN 16931 rules (validation.py) and must break none of the fatal ones;
the figures are remit's stored totals."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from tests.einvoicing.validation import assert_valid
from tests.support import TenantApi, expect, problem

NS = {
    "ubl": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
}
SELLER = {
    "legal_name": "Acme Software GmbH",
    "registration_id": "HRB 12345",
    "tax_ids": [{"type": "eu_vat", "value": "DE136695976"}],
    "email": "billing@acme.example",
    "phone": "+49 221 000000",
    "address": {"line1": "Domstraße 1", "postal_code": "50667", "city": "Köln", "country": "DE"},
    "payment_instructions": {"account_holder": "Acme Software GmbH",
                             "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"},
}  # fmt: skip
BUYER_ADDRESS = {"line1": "Keizersgracht 1", "postal_code": "1015", "city": "Amsterdam",
                 "country": "NL"}  # fmt: skip


async def seller(api: TenantApi, **fields: Any) -> None:
    expect(await api.patch("/v1/account", {**SELLER, **fields}), 200)


async def issued(api: TenantApi, lines: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """An open invoice of a buyer in the Netherlands (or `customer`'s)."""
    if "customer" not in fields:
        buyer = await api.customer(name="Buyer BV", billing_address=BUYER_ADDRESS)
        fields["customer"] = buyer["id"]
    fields.setdefault("currency", "EUR")
    return await api.open_invoice(lines=lines, collection_method="send_invoice", **fields)


async def export(api: TenantApi, invoice_id: str, syntax: str = "ubl", **query: str) -> bytes:
    """The invoice's e-invoice, checked against the official rules."""
    response = await api.get(f"/v1/invoices/{invoice_id}/einvoice",
                             params={"syntax": syntax, **query})  # fmt: skip
    assert response.status_code == 200, response.text
    assert_valid(response.content, syntax)
    return response.content


def texts(xml: bytes, path: str) -> list[str]:
    return [str(found) for found in etree.fromstring(xml).xpath(path + "/text()", namespaces=NS)]


def totals(xml: bytes) -> dict[str, str]:
    """LegalMonetaryTotal's figures by element name."""
    found = etree.fromstring(xml).find("cac:LegalMonetaryTotal", NS)
    assert found is not None
    return {etree.QName(child).localname: child.text or "" for child in found}


def vat_groups(xml: bytes) -> list[tuple[str, ...]]:
    """(BT-118, BT-119, BT-116, BT-117, BT-121, BT-120) of each VAT breakdown."""
    groups = []
    for subtotal in etree.fromstring(xml).iterfind("cac:TaxTotal/cac:TaxSubtotal", NS):
        category = subtotal.find("cac:TaxCategory", NS)
        assert category is not None
        groups.append(tuple(
            element.text or "" for element in (
                category.find("cbc:ID", NS), category.find("cbc:Percent", NS),
                subtotal.find("cbc:TaxableAmount", NS), subtotal.find("cbc:TaxAmount", NS),
                category.find("cbc:TaxExemptionReasonCode", NS),
                category.find("cbc:TaxExemptionReason", NS),
            ) if element is not None
        ))  # fmt: skip
    return groups


SYNTAXES = pytest.mark.parametrize("syntax", ["ubl", "cii"])
DUTCH_VAT_IDS = [{"type": "eu_vat", "value": "NL004495445B01"}]
INTRA_COMMUNITY_LINE = {"description": "Machine", "unit_amount": "900.00", "tax_category": "K",
                        "tax_exemption_reason": "Intra-community supply",
                        "tax_exemption_reason_code": "VATEX-EU-IC"}  # fmt: skip


async def intra_community_buyer(api: TenantApi) -> dict[str, Any]:
    """A business in the Netherlands, with its VAT id and a delivery address (BT-80)."""
    return await api.customer(name="Koper BV", billing_address=BUYER_ADDRESS,
                              shipping_address={**BUYER_ADDRESS, "line1": "Dock 4"},
                              tax_ids=DUTCH_VAT_IDS)  # fmt: skip


class TestStandardRate:
    async def test_a_standard_rated_invoice_is_valid_and_carries_the_stored_totals(
        self, api: TenantApi
    ) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Licence", "quantity": "3",
                                      "unit_amount": "33.33", "tax_rate": "19"}],
                               po_number="PO-4711", buyer_reference="BR-1", note="Thanks",
                               payment_terms="Net 30 days", delivery_date="2026-11-30")  # fmt: skip
        response = await api.get(f"/v1/invoices/{invoice['id']}/einvoice")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/xml"
        assert response.headers["content-disposition"].startswith("attachment; filename=")
        assert f"{invoice['number']}.xml" in response.headers["content-disposition"]
        xml = response.content
        assert_valid(xml)
        assert texts(xml, "cbc:CustomizationID") == ["urn:cen.eu:en16931:2017"]
        assert texts(xml, "cbc:ID") == [invoice["number"]]
        assert totals(xml) == {
            "LineExtensionAmount": "99.99", "TaxExclusiveAmount": "99.99",
            "TaxInclusiveAmount": invoice["total"], "PayableAmount": invoice["total"],
        }  # fmt: skip
        assert invoice["total"] == "118.99"
        assert vat_groups(xml) == [("S", "19", "99.99", "19.00")]
        assert texts(xml, "cbc:BuyerReference") == ["BR-1"]
        assert texts(xml, "cac:OrderReference/cbc:ID") == ["PO-4711"]
        assert texts(xml, "cac:Delivery/cbc:ActualDeliveryDate") == ["2026-11-30"]
        assert texts(xml, "cac:PaymentTerms/cbc:Note") == ["Net 30 days"]
        assert texts(xml, "cac:PaymentMeans/cbc:PaymentMeansCode") == ["58"]
        assert texts(xml, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID") == [
            "DE89370400440532013000"
        ]
        party = "cac:AccountingSupplierParty/cac:Party/"
        assert texts(xml, party + "cac:PartyTaxScheme/cbc:CompanyID") == ["DE136695976"]
        assert texts(xml, party + "cac:PartyLegalEntity/cbc:RegistrationName") == [
            "Acme Software GmbH"
        ]
        line = "cac:InvoiceLine/"
        assert texts(xml, line + "cbc:InvoicedQuantity") == ["3"]
        assert texts(xml, line + "cac:Price/cbc:PriceAmount") == ["33.33"]
        assert texts(xml, line + "cac:Item/cbc:Name") == ["Licence"]

    @SYNTAXES
    async def test_mixed_rates_have_one_breakdown_each(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        invoice = await issued(api, [
            {"description": "Software", "unit_amount": "100.00", "tax_rate": "19"},
            {"description": "Books", "quantity": "2", "unit_amount": "12.35", "tax_rate": "7"},
        ])  # fmt: skip
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            assert vat_groups(xml) == [("S", "7", "24.70", "1.73"), ("S", "19", "100.00", "19.00")]
            assert totals(xml)["TaxInclusiveAmount"] == invoice["total"] == "145.43"
        else:
            assert texts(xml, "//ram:GrandTotalAmount") == ["145.43"]


class TestZeroAndExemptCategories:
    @SYNTAXES
    async def test_zero_rated_and_exempt_with_reason(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        invoice = await issued(api, [
            {"description": "Books", "unit_amount": "20.00", "tax_category": "Z"},
            {"description": "Course", "unit_amount": "300.00", "tax_category": "E",
             "tax_exemption_reason": "Exempt: education",
             "tax_exemption_reason_code": "VATEX-EU-132-1I"},
            {"description": "Software", "unit_amount": "100.00", "tax_rate": "19"},
        ])  # fmt: skip
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            assert vat_groups(xml) == [
                ("E", "0", "300.00", "0.00", "VATEX-EU-132-1I", "Exempt: education"),
                ("Z", "0", "20.00", "0.00"),
                ("S", "19", "100.00", "19.00"),
            ]

    @SYNTAXES
    async def test_reverse_charge_names_both_vat_ids(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        vat_id = {"type": "eu_vat", "value": "NL004495445B01"}
        buyer = await api.customer(name="Koper BV", billing_address=BUYER_ADDRESS,
                                   tax_exempt="reverse", tax_ids=[vat_id])  # fmt: skip
        invoice = await issued(api, [{"description": "Consulting", "quantity": "8",
                                      "unit_code": "HUR", "unit_amount": "120.00"}],
                               customer=buyer["id"])  # fmt: skip
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            assert vat_groups(xml) == [("AE", "0", "960.00", "0.00", "VATEX-EU-AE",
                                        "Reverse charge")]  # fmt: skip
            buyer_ids = "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID"
            assert texts(xml, buyer_ids) == ["NL004495445B01"]
            assert etree.fromstring(xml).xpath(
                "cac:InvoiceLine/cbc:InvoicedQuantity/@unitCode", namespaces=NS
            ) == ["HUR"]

    @SYNTAXES
    async def test_an_intra_community_supply_carries_its_delivery(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        buyer = await intra_community_buyer(api)
        invoice = await issued(api, [INTRA_COMMUNITY_LINE], customer=buyer["id"],
                               delivery_date="2026-11-20")  # fmt: skip
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            assert vat_groups(xml) == [("K", "0", "900.00", "0.00", "VATEX-EU-IC",
                                        "Intra-community supply")]  # fmt: skip
            assert texts(xml, "cac:Delivery/cbc:ActualDeliveryDate") == ["2026-11-20"]
            country = "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/"
            assert texts(xml, country + "cbc:IdentificationCode") == ["NL"]
        else:
            assert texts(xml, "//ram:ShipToTradeParty//ram:CountryID") == ["NL"]

    async def test_an_intra_community_supply_without_its_delivery_is_incomplete(
        self, api: TenantApi
    ) -> None:
        await seller(api)
        buyer = await api.customer(name="Koper BV", billing_address=BUYER_ADDRESS,
                                   tax_ids=DUTCH_VAT_IDS)  # fmt: skip
        invoice = await issued(api, [INTRA_COMMUNITY_LINE], customer=buyer["id"])
        body = problem(await api.get(f"/v1/invoices/{invoice['id']}/einvoice"), 422,
                       "einvoice_incomplete")  # fmt: skip
        assert {e["param"] for e in body["errors"]} == {
            "delivery_date", "customer.shipping_address.country"}  # fmt: skip

    @SYNTAXES
    async def test_an_export_outside_the_eu_is_category_g(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        address = {"line1": "1 Main St", "postal_code": "10001", "city": "New York",
                   "country": "US"}  # fmt: skip
        buyer = await api.customer(name="Buyer Inc.", billing_address=address)
        invoice = await issued(api, [{"description": "Machine", "unit_amount": "1500.00",
                                      "tax_category": "G", "tax_exemption_reason": "Export",
                                      "tax_exemption_reason_code": "VATEX-EU-G"}],
                               customer=buyer["id"])  # fmt: skip
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            assert vat_groups(xml) == [("G", "0", "1500.00", "0.00", "VATEX-EU-G", "Export")]
            assert totals(xml)["PayableAmount"] == "1500.00"

    async def test_reverse_charge_without_the_buyers_vat_id_is_incomplete(
        self, api: TenantApi
    ) -> None:
        await seller(api)
        buyer = await api.customer(name="Koper BV", billing_address=BUYER_ADDRESS,
                                   tax_exempt="reverse")  # fmt: skip
        invoice = await issued(api, [{"description": "Work", "unit_amount": "10.00"}],
                               customer=buyer["id"])  # fmt: skip
        body = problem(await api.get(f"/v1/invoices/{invoice['id']}/einvoice"), 422,
                       "einvoice_incomplete")  # fmt: skip
        assert [(e["param"], e["code"]) for e in body["errors"]] == [
            ("customer.tax_ids", "einvoice_required")
        ]
        assert "BT-48" in body["errors"][0]["message"]


class TestDiscountsAndPrepayment:
    @SYNTAXES
    async def test_a_line_discount_is_a_line_allowance(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        invoice = await issued(api, [
            {"description": "Seats", "quantity": "7", "unit_amount": "13.37", "tax_rate": "19",
             "discount_percent": "12.5"},
            {"description": "Support", "unit_amount": "50.00", "tax_rate": "19",
             "discount_amount": "5.00"},
        ])  # fmt: skip
        xml = await export(api, invoice["id"], syntax)
        net = str(round(float(invoice["subtotal"]) - float(invoice["discount_amount"]), 2))
        if syntax == "ubl":
            assert texts(xml, "cac:InvoiceLine/cac:AllowanceCharge/cbc:Amount") == [
                invoice["lines"][0]["discount_amount"],
                "5.00",
            ]
            assert f"{float(totals(xml)['LineExtensionAmount']):.2f}" == f"{float(net):.2f}"
            assert totals(xml)["TaxInclusiveAmount"] == invoice["total"]

    @SYNTAXES
    async def test_a_partial_payment_is_prepaid(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "100.00",
                                      "tax_rate": "19"}])  # fmt: skip
        settled = {"method": "bank_transfer", "amount": "30.00"}
        expect(await api.post(f"/v1/invoices/{invoice['id']}/settlements", settled), 201)
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            assert (totals(xml)["PrepaidAmount"], totals(xml)["PayableAmount"]) == (
                "30.00", "89.00")  # fmt: skip
        else:
            assert texts(xml, "//ram:TotalPrepaidAmount") == ["30.00"]
            assert texts(xml, "//ram:DuePayableAmount") == ["89.00"]


class TestAllowancesAndCharges:
    @SYNTAXES
    async def test_document_allowance_and_charge_with_their_own_vat(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        invoice = await issued(api, [
            {"description": "Software", "unit_amount": "100.00", "tax_rate": "19"},
            {"description": "Books", "unit_amount": "50.00", "tax_rate": "7"},
        ], allowances=[{"amount": "10.00", "tax_category": "S", "tax_rate": "19",
                        "reason": "Loyalty", "reason_code": "95"}],
           charges=[{"amount": "5.00", "tax_category": "S", "tax_rate": "7",
                     "reason": "Freight", "reason_code": "FC"}])  # fmt: skip
        assert invoice["total"] == "165.95"
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            assert totals(xml) == {
                "LineExtensionAmount": "150.00", "TaxExclusiveAmount": "145.00",
                "TaxInclusiveAmount": "165.95", "AllowanceTotalAmount": "10.00",
                "ChargeTotalAmount": "5.00", "PayableAmount": "165.95",
            }  # fmt: skip
            assert sorted(vat_groups(xml)) == [("S", "19", "90.00", "17.10"),
                                               ("S", "7", "55.00", "3.85")]  # fmt: skip
            document = "cac:AllowanceCharge/"
            assert texts(xml, document + "cbc:ChargeIndicator") == ["false", "true"]
            assert texts(xml, document + "cbc:AllowanceChargeReasonCode") == ["95", "FC"]
            assert texts(xml, document + "cac:TaxCategory/cbc:Percent") == ["19", "7"]
        else:
            summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"
            assert texts(xml, summation + "AllowanceTotalAmount") == ["10.00"]
            assert texts(xml, summation + "ChargeTotalAmount") == ["5.00"]
            assert texts(xml, summation + "TaxBasisTotalAmount") == ["145.00"]

    @SYNTAXES
    async def test_a_percentage_allowance_names_its_base(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        early = {"percent": "12.5", "reason": "Early order"}
        invoice = await issued(api, [{"description": "Work", "unit_amount": "80.00",
                                      "tax_rate": "19"}], allowances=[early])  # fmt: skip
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            document = "cac:AllowanceCharge/"
            assert texts(xml, document + "cbc:MultiplierFactorNumeric") == ["12.5"]
            assert texts(xml, document + "cbc:BaseAmount") == ["80.00"]
            assert texts(xml, document + "cbc:Amount") == ["10.00"]
            assert totals(xml)["TaxExclusiveAmount"] == "70.00"

    @SYNTAXES
    async def test_line_allowances_and_charges_follow_the_discount(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        invoice = await issued(api, [{
            "description": "Seats", "quantity": "10", "unit_amount": "20.00", "tax_rate": "19",
            "discount_amount": "5.00",
            "allowances": [{"percent": "5", "reason": "Volume"}],
            "charges": [{"amount": "15.00", "reason": "Installation"}],
        }])  # fmt: skip
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            line = "cac:InvoiceLine/cac:AllowanceCharge/"
            assert texts(xml, line + "cbc:ChargeIndicator") == ["false", "false", "true"]
            assert texts(xml, line + "cbc:Amount") == ["5.00", "10.00", "15.00"]
            assert texts(xml, line + "cbc:AllowanceChargeReason") == [
                "Discount", "Volume", "Installation"]  # fmt: skip
            assert texts(xml, "cac:InvoiceLine/cbc:LineExtensionAmount") == ["200.00"]
            assert totals(xml)["LineExtensionAmount"] == "200.00"
            assert totals(xml)["TaxInclusiveAmount"] == invoice["total"] == "238.00"
        else:
            line = "//ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:"
            assert texts(xml, line + "ActualAmount") == ["5.00", "10.00", "15.00"]
            assert texts(xml, line + "CalculationPercent") == ["5"]

    async def test_an_allowance_with_a_third_decimal_is_refused(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "12.500",
                                      "tax_rate": "20"}], currency="KWD",
                               allowances=[{"amount": "1.005", "reason": "Goodwill"}])  # fmt: skip
        body = problem(await api.get(f"/v1/invoices/{invoice['id']}/einvoice"), 422,
                       "einvoice_unsupported")  # fmt: skip
        assert "allowances[0].amount" in {e["param"] for e in body["errors"]}


class TestCurrencies:
    @SYNTAXES
    async def test_yen_has_no_decimals(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "quantity": "3",
                                      "unit_amount": "1333", "tax_rate": "10"}],
                               currency="JPY")  # fmt: skip
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            assert totals(xml) == {
                "LineExtensionAmount": "3999", "TaxExclusiveAmount": "3999",
                "TaxInclusiveAmount": "4399", "PayableAmount": "4399",
            }  # fmt: skip

    @SYNTAXES
    async def test_dinar_amounts_within_two_decimals_are_written_with_two(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "12.500",
                                      "tax_rate": "20"}], currency="KWD")  # fmt: skip
        assert invoice["total"] == "15.000"
        xml = await export(api, invoice["id"], syntax)
        if syntax == "ubl":
            assert totals(xml)["PayableAmount"] == "15.00"

    async def test_a_third_decimal_is_refused(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "12.345",
                                      "tax_rate": "20"}], currency="KWD")  # fmt: skip
        body = problem(await api.get(f"/v1/invoices/{invoice['id']}/einvoice"), 422,
                       "einvoice_unsupported")  # fmt: skip
        assert {"subtotal", "total", "lines[0].amount"} <= {e["param"] for e in body["errors"]}


class TestScale:
    @SYNTAXES
    async def test_a_thousand_lines(self, api: TenantApi, syntax: str) -> None:
        await seller(api)
        lines = [{"description": f"Item {n}", "quantity": str(n % 7 + 1),
                  "unit_amount": f"{n % 97 + 0.99:.2f}", "tax_rate": "19" if n % 3 else "7"}
                 for n in range(1000)]  # fmt: skip
        invoice = await issued(api, lines)
        xml = await export(api, invoice["id"], syntax)
        path = "cac:InvoiceLine" if syntax == "ubl" else "//ram:IncludedSupplyChainTradeLineItem"
        assert len(etree.fromstring(xml).xpath(path, namespaces=NS)) == 1000


class TestRefusals:
    async def test_a_draft_has_no_einvoice(self, api: TenantApi) -> None:
        await seller(api)
        draft = await api.invoice()
        problem(await api.get(f"/v1/invoices/{draft['id']}/einvoice"), 409, "einvoice_draft")

    async def test_each_missing_element_is_named_with_its_business_term(
        self, api: TenantApi
    ) -> None:
        expect(await api.patch("/v1/account", {"tax_ids": [], "address": None}), 200)
        buyer = await api.customer(name=None)
        invoice = await issued(api, [{"unit_amount": "10.00", "tax_rate": "19"}],
                               customer=buyer["id"])  # fmt: skip
        body = problem(await api.get(f"/v1/invoices/{invoice['id']}/einvoice"), 422,
                       "einvoice_incomplete")  # fmt: skip
        named = {e["param"]: e["message"] for e in body["errors"]}
        assert set(named) == {"account.address.country", "customer.name",
                              "customer.address.country", "lines[0].description",
                              "account.tax_ids"}  # fmt: skip
        assert "BT-31" in named["account.tax_ids"]
        assert "BT-40" in named["account.address.country"]
        assert "BT-55" in named["customer.address.country"]

    async def test_xrechnung_names_its_own_requirements(self, api: TenantApi) -> None:
        await seller(api, phone=None)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "10.00"}])
        response = await api.get(f"/v1/invoices/{invoice['id']}/einvoice",
                                 params={"profile": "xrechnung"})  # fmt: skip
        body = problem(response, 422, "einvoice_incomplete")
        assert {e["param"] for e in body["errors"]} == {"buyer_reference", "account.phone"}
        assert "BT-10" in body["errors"][0]["message"]

    async def test_a_complete_xrechnung_invoice_names_the_profile(self, api: TenantApi) -> None:
        """Checked by the EN 16931 rules only: KoSIT's XRechnung rules are not run here."""
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "10.00"}],
                               buyer_reference="04011000-12345-03")  # fmt: skip
        xml = await export(api, invoice["id"], profile="xrechnung")
        assert texts(xml, "cbc:CustomizationID") == [
            "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
        ]

    async def test_another_accounts_invoice_is_not_found(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "10.00"}])
        problem(await other_api.get(f"/v1/invoices/{invoice['id']}/einvoice"), 404,
                "resource_missing")  # fmt: skip

    async def test_it_needs_invoices_read(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await issued(api, [{"description": "Work", "unit_amount": "10.00"}])
        reader = await api.with_scopes("invoices:read")
        assert (await reader.get(f"/v1/invoices/{invoice['id']}/einvoice")).status_code == 200
        writer = await api.with_scopes("customers:read")
        problem(await writer.get(f"/v1/invoices/{invoice['id']}/einvoice"), 403,
                "insufficient_scope")  # fmt: skip
