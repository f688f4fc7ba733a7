"""The e-invoice's human-readable texts in the customer's language (einvoicing.language):
remit's own default reasons are written in the language of the customer's `locale`, texts
the invoice was given as given; the exports stay valid by the official rules."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from tests.einvoicing.test_export import BUYER_ADDRESS, NS, export, issued, seller, vat_groups
from tests.support import TenantApi

REVERSE_CHARGE = {
    None: "Reverse charge",
    "de-DE": "Steuerschuldnerschaft des Leistungsempfängers",
    "fr-FR": "Autoliquidation",
    "nl-NL": "BTW verlegd",
    "es-ES": "Inversión del sujeto pasivo",
    "it-IT": "Inversione contabile",
    "da-DK": "Omvendt betalingspligt",
}
SYNTAXES = pytest.mark.parametrize("syntax", ["ubl", "cii"])
UBL_REASON = "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason/text()"
CII_REASON = (
    "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReason/text()"
)
UBL_DISCOUNT = "cac:InvoiceLine/cac:AllowanceCharge/cbc:AllowanceChargeReason/text()"
CII_DISCOUNT = (
    "//ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:Reason/text()"
)


async def _reverse_charged(api: TenantApi, locale: str | None, **line: Any) -> dict[str, Any]:
    await seller(api)
    fields = {"locale": locale} if locale else {}
    vat_id = {"type": "eu_vat", "value": "NL004495445B01"}
    buyer = await api.customer(name="Koper BV", billing_address=BUYER_ADDRESS,
                               tax_exempt="reverse", tax_ids=[vat_id], **fields)  # fmt: skip
    return await issued(api, [{"description": "Consulting", "quantity": "8",
                               "unit_amount": "120.00", **line}], customer=buyer["id"])  # fmt: skip


def _exemption_reasons(xml: bytes, syntax: str) -> list[str]:
    path = UBL_REASON if syntax == "ubl" else CII_REASON
    return [str(text) for text in etree.fromstring(xml).xpath(path, namespaces=NS)]


class TestReverseChargeNote:
    @SYNTAXES
    async def test_the_note_is_german_for_a_german_customer(
        self, api: TenantApi, syntax: str
    ) -> None:
        invoice = await _reverse_charged(api, "de-DE")
        xml = await export(api, invoice["id"], syntax)
        assert _exemption_reasons(xml, syntax) == [REVERSE_CHARGE["de-DE"]]
        if syntax == "ubl":
            assert vat_groups(xml) == [("AE", "0", "960.00", "0.00", "VATEX-EU-AE",
                                        REVERSE_CHARGE["de-DE"])]  # fmt: skip

    @pytest.mark.parametrize("locale", list(REVERSE_CHARGE))
    async def test_the_note_in_each_language(self, api: TenantApi, locale: str | None) -> None:
        invoice = await _reverse_charged(api, locale)
        xml = await export(api, invoice["id"])
        assert _exemption_reasons(xml, "ubl") == [REVERSE_CHARGE[locale]]

    async def test_the_stored_invoice_keeps_the_reason_it_was_given(self, api: TenantApi) -> None:
        invoice = await _reverse_charged(api, "de-DE")
        assert invoice["lines"][0]["tax_exemption_reason"] == "Reverse charge"

    async def test_a_reason_the_line_was_given_is_written_as_given(self, api: TenantApi) -> None:
        given = "Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG)"
        invoice = await _reverse_charged(api, "fr-FR", tax_exemption_reason=given)
        xml = await export(api, invoice["id"], "cii")
        assert _exemption_reasons(xml, "cii") == [given]


class TestLineDiscountReason:
    @SYNTAXES
    async def test_a_line_discount_is_named_in_the_customer_s_language(
        self, api: TenantApi, syntax: str
    ) -> None:
        await seller(api)
        buyer = await api.customer(name="Kunde AG", billing_address=BUYER_ADDRESS, locale="de")
        line = {"description": "Licence", "unit_amount": "100.00", "tax_rate": "19",
                "discount_percent": "10"}  # fmt: skip
        invoice = await issued(api, [line], customer=buyer["id"])
        xml = await export(api, invoice["id"], syntax)
        path = UBL_DISCOUNT if syntax == "ubl" else CII_DISCOUNT
        assert etree.fromstring(xml).xpath(path, namespaces=NS) == ["Rabatt"]
