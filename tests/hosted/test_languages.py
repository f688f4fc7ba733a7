"""The hosted pages and PDFs in the customer's language (kernel.i18n, docs/hosted.md
"Languages"): labels from the catalogs, numbers and dates in the same locale, countries by
name; an unknown locale falls back to its language, then to English."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from tests.support import TenantApi, expect

NBSP = "\u00a0"
SELLER = {"name": "Acme Software GmbH",
          "address": {"line1": "Ringstraße 1", "postal_code": "1010", "city": "Wien",
                      "country": "AT"}}  # fmt: skip
BUYER_ADDRESS = {"line1": "Domstraße 1", "postal_code": "50667", "city": "Köln", "country": "DE"}
LINES = [{"description": "Beratung", "quantity": "2", "unit_amount": "617.25", "tax_rate": "19"}]
# language → (h1, status, due date's label, subtotal, total, tax) as the page shows them
LABELS = {
    "en": ("Invoice", "Open", "Due", "Subtotal", "Total", "Tax"),
    "de": ("Rechnung", "Offen", "Fälligkeitsdatum", "Zwischensumme", "Gesamtbetrag", "USt."),
    "fr": ("Facture", "À payer", "Date d'échéance", "Sous-total", "Total", "TVA"),
    "nl": ("Factuur", "Openstaand", "Vervaldatum", "Subtotaal", "Totaal", "BTW"),
    "es": ("Factura", "Pendiente", "Fecha de vencimiento", "Subtotal", "Total", "IVA"),
    "it": ("Fattura", "Da pagare", "Data di scadenza", "Subtotale", "Totale", "IVA"),
    "da": ("Faktura", "Åben", "Forfaldsdato", "Subtotal", "I alt", "Moms"),
}
COUNTRY = {"en": "Germany", "de": "Deutschland", "fr": "Allemagne", "nl": "Duitsland",
           "es": "Alemania", "it": "Germania", "da": "Tyskland"}  # fmt: skip


async def _invoice_for(api: TenantApi, locale: str | None, **customer: Any) -> dict[str, Any]:
    expect(await api.patch("/v1/account", SELLER), 200)
    fields = {"locale": locale} if locale else {}
    buyer = await api.customer(name="Kunde AG", billing_address=BUYER_ADDRESS, **fields,
                               **customer)  # fmt: skip
    return await api.open_invoice(
        customer=buyer["id"], currency="EUR", collection_method="send_invoice", lines=LINES,
        due_at="2030-01-31T12:00:00Z",
    )  # fmt: skip


async def _page(api: TenantApi, invoice: dict[str, Any]) -> str:
    response = await api.http.get("/i/" + invoice["public_token"])
    assert response.status_code == 200
    return response.text


async def _pdf_text(api: TenantApi, path: str) -> str:
    response = await api.http.get(path + ".pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


class TestGerman:
    async def test_the_page_speaks_german_with_german_numbers_dates_and_countries(
        self, api: TenantApi
    ) -> None:
        invoice = await _invoice_for(api, "de-DE")
        html = await _page(api, invoice)
        assert 'lang="de-DE"' in html
        assert f"<h1>Rechnung {invoice['number']}</h1>" in html
        assert 'aria-label="Status: Offen"' in html
        assert re.search(r"<dt>Rechnungsdatum</dt><dd>\d\d\.\d\d\.\d{4}</dd>", html)
        assert "<dt>Fälligkeitsdatum</dt><dd>31.01.2030</dd>" in html
        for label in ("Rechnungsempfänger", "Beschreibung", "Menge", "Einzelpreis",
                      "USt. nach Steuersatz", "Zwischensumme", "Gesamtbetrag",
                      "Offener Betrag"):  # fmt: skip
            assert label in html, label
        # 2 × 617,25 = 1 234,50, and 19 % of it, 234,555, is 234,56
        assert f"617,25{NBSP}€" in html and f"1.469,06{NBSP}€" in html
        assert f"<td>19{NBSP}%</td>" in html
        assert "<p>Deutschland</p>" in html and "<p>Österreich</p>" in html
        assert "<p>DE</p>" not in html and "Invoice" not in html and "Subtotal" not in html

    async def test_the_pdf_speaks_german(self, api: TenantApi) -> None:
        invoice = await _invoice_for(api, "de-DE")
        text = await _pdf_text(api, "/i/" + invoice["public_token"])
        for shown in (f"Rechnung {invoice['number']}", "Rechnungsdatum", "Fälligkeitsdatum",
                      "31.01.2030", "Zwischensumme", "Gesamtbetrag", "Deutschland",
                      "Österreich", "1.469,06"):  # fmt: skip
            assert shown in text, shown
        assert "Subtotal" not in text and "Germany" not in text

    async def test_a_reverse_charge_invoice_carries_the_legal_note_in_german(
        self, api: TenantApi
    ) -> None:
        vat_id = {"type": "eu_vat", "value": "DE136695976"}
        invoice = await _invoice_for(api, "de-DE", tax_exempt="reverse", tax_ids=[vat_id])
        note = '<p class="tax-note">Steuerschuldnerschaft des Leistungsempfängers</p>'
        assert note in await _page(api, invoice)
        text = await _pdf_text(api, "/i/" + invoice["public_token"])
        assert "Steuerschuldnerschaft des Leistungsempfängers" in text
        english = await _invoice_for(api, "en-GB", tax_exempt="reverse", tax_ids=[vat_id])
        assert '<p class="tax-note">Reverse charge</p>' in await _page(api, english)

    async def test_a_reason_the_line_was_given_is_shown_as_given(self, api: TenantApi) -> None:
        expect(await api.patch("/v1/account", SELLER), 200)
        buyer = await api.customer(locale="de", billing_address=BUYER_ADDRESS)
        line = {"description": "Kurs", "unit_amount": "100.00", "tax_category": "E",
                "tax_exemption_reason": "Steuerfrei nach § 4 Nr. 21 UStG"}  # fmt: skip
        invoice = await api.open_invoice(customer=buyer["id"], currency="EUR", lines=[line],
                                         collection_method="send_invoice")  # fmt: skip
        html = await _page(api, invoice)
        assert '<p class="tax-note">Steuerfrei nach § 4 Nr. 21 UStG</p>' in html

    async def test_the_credit_note_speaks_german(self, api: TenantApi) -> None:
        invoice = await _invoice_for(api, "de-DE")
        note = expect(await api.post("/v1/credit_notes", {
            "invoice": invoice["id"], "reason": "order_change",
            "lines": [{"invoice_line": invoice["lines"][0]["id"], "quantity": "1"}],
        }), 201)  # fmt: skip
        path = "/c/" + note["hosted_url"].rsplit("/c/", 1)[1]
        html = (await api.http.get(path)).text
        assert f"<h1>Rechnungskorrektur {note['number']}</h1>" in html
        assert 'aria-label="Status: Ausgestellt"' in html
        for label in ("Korrigiert", f"Rechnung {invoice['number']}", "Grund: Bestelländerung",
                      "Gutgeschriebene Positionen", "Gutgeschriebener Gesamtbetrag"):  # fmt: skip
            assert label in html, label
        text = await _pdf_text(api, path)
        assert f"Rechnungskorrektur {note['number']}" in text and "Deutschland" in text
        invoice_html = await _page(api, invoice)
        assert f"Rechnungskorrektur {note['number']}</a>" in invoice_html


class TestEveryLanguage:
    @pytest.mark.parametrize("language", list(LABELS))
    async def test_the_page_s_key_labels(self, api: TenantApi, language: str) -> None:
        invoice = await _invoice_for(api, language)
        html = await _page(api, invoice)
        heading, status, due, subtotal, total, tax = LABELS[language]
        assert f'lang="{language}"' in html
        assert f"<h1>{heading} {invoice['number']}</h1>" in html
        assert f">{status}</span>" in html
        assert f"<dt>{due}</dt>" in html
        for label in (subtotal, total, tax):
            assert f'<th scope="row">{label}</th>' in html, label
        assert f"<p>{COUNTRY[language]}</p>" in html


class TestFallback:
    @pytest.mark.parametrize("locale", ["pt-BR", "xx", None])
    async def test_a_language_without_a_catalog_is_english_throughout(
        self, api: TenantApi, locale: str | None
    ) -> None:
        invoice = await _invoice_for(api, locale)
        html = await _page(api, invoice)
        assert 'lang="en-US"' in html and f"<h1>Invoice {invoice['number']}</h1>" in html
        assert "<dt>Due</dt><dd>Jan 31, 2030</dd>" in html and "€1,469.06" in html
        assert "<p>Germany</p>" in html

    async def test_an_unknown_region_falls_back_to_its_language(self, api: TenantApi) -> None:
        invoice = await _invoice_for(api, "de-XY")
        html = await _page(api, invoice)
        assert 'lang="de"' in html and f"<h1>Rechnung {invoice['number']}</h1>" in html

    async def test_a_regional_locale_keeps_its_region_s_formats(self, api: TenantApi) -> None:
        invoice = await _invoice_for(api, "de-CH")
        html = await _page(api, invoice)
        assert 'lang="de-CH"' in html and "Zwischensumme" in html
        assert "1’469.06" in html  # Swiss German groups with an apostrophe
