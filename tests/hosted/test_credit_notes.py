"""Credit note pages (`/c/{token}`) and PDFs, for notes issued through the API; the invoice's
page listing its notes; and tokens of one kind never opening the other."""

from __future__ import annotations

import io
from typing import Any

import jwt
from pypdf import PdfReader

from remit.runtime import Runtime
from tests.credit_notes.helpers import issue, line_ids, pay
from tests.hosted.test_public_links import LINES, NBSP, _tampered
from tests.support import Api, TenantApi, expect, problem

MINUS = "\u2212"


def _token(note: dict[str, Any]) -> str:
    return str(note["hosted_url"]).rsplit("/c/", 1)[1]


def _page_path(note: dict[str, Any]) -> str:
    return "/c/" + _token(note)


async def _page(api: TenantApi, path: str) -> str:
    response = await api.http.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


async def _pdf_text(api: TenantApi, path: str) -> tuple[bytes, str]:
    response = await api.http.get(path + ".pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    document = response.content
    assert document.startswith(b"%PDF-")
    return document, "".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)


async def _corrected(api: TenantApi) -> tuple[dict[str, Any], dict[str, Any]]:
    """An open invoice of LINES ($129.04) and a note crediting one hour and a goodwill line."""
    invoice = await api.open_invoice(lines=LINES, collection_method="send_invoice")
    lines = [
        {"invoice_line": line_ids(invoice)[0], "quantity": "1"},
        {"type": "custom_line_item", "description": "Goodwill", "unit_amount": "5.00"},
    ]
    note = await issue(
        api, invoice["id"], lines=lines, reason="product_unsatisfactory", memo="Sorry, Ada."
    )
    return invoice, note


class TestLinksOnTheNote:
    async def test_an_issued_note_carries_its_page_and_pdf(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        _, note = await _corrected(api)
        base = runtime.settings.public_url.rstrip("/")
        assert note["hosted_url"] == f"{base}/c/{_token(note)}"
        assert note["pdf_url"] == note["hosted_url"] + ".pdf"
        assert expect(await api.get(f"/v1/credit_notes/{note['id']}"), 200) == note
        listed = expect(await api.get("/v1/credit_notes", params={"invoice": note["invoice"]}), 200)
        assert listed["data"] == [note]

    async def test_a_preview_has_no_page(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        params = {"invoice": invoice["id"], "amount": "10.00"}
        preview = expect(await api.get("/v1/credit_notes/preview", params=params), 200)
        assert preview["hosted_url"] is preview["pdf_url"] is None

    async def test_invoice_tokens_are_signed_as_before(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        # Links sent before credit notes had tokens of their own still open their invoice.
        invoice = await api.open_invoice()
        key = runtime.secrets.derive("public-invoice-token")
        claims = {"acct": api.account_id, "inv": invoice["id"]}
        assert invoice["public_token"] == jwt.encode(
            claims, key, algorithm="HS256", headers={"typ": None}
        )


class TestCreditNotePage:
    async def test_the_page_shows_the_figures_of_the_issued_note(self, api: TenantApi) -> None:
        invoice, note = await _corrected(api)
        assert (note["subtotal"], note["tax_amount"], note["total"]) == ("24.99", "1.65", "26.64")
        html = await _page(api, _page_path(note))
        assert f"Credit note {note['number']}" in html and note["number"] == "CN-0001"
        assert 'aria-label="Status: Issued"' in html
        assert f'<a href="/i/{invoice["public_token"]}">Invoice {invoice["number"]}</a>' in html
        for text in ("Test Co", "Buyer", "Product unsatisfactory", "Sorry, Ada.",
                     "Consulting", "Goodwill", "$19.99", f"8.25{NBSP}%", f"0{NBSP}%"):  # fmt: skip
            assert text in html, text
        for figure in ("$24.99", "$1.65", "$26.64"):
            assert figure in html, figure
        assert "Taken off the amount due</dt><dd>$26.64" in html
        assert "VOID" not in html and "TEST MODE — not a real credit note" in html

    async def test_a_paid_invoice_s_note_says_where_the_money_went(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        await pay(api, invoice["id"])
        split = {"refund_amount": "10.00", "credit_amount": "15.00", "out_of_band_amount": "5.00"}
        note = await issue(api, invoice["id"], amount="30.00", **split)
        html = await _page(api, _page_path(note))
        for label, amount in (("Refunded", "$10.00"), ("Credited to your balance", "$15.00"),
                              ("Settled outside this system (out of band)", "$5.00")):  # fmt: skip
            assert f"{label}</dt><dd>{amount}" in html, label
        assert "Taken off the amount due" not in html
        invoice_html = await _page(api, "/i/" + invoice["public_token"])
        assert f'Credited after payment</th><td class="num">{MINUS}$30.00' in invoice_html

    async def test_the_customer_s_locale_formats_the_note(self, api: TenantApi) -> None:
        customer = await api.customer(locale="de-DE", name="Karl")
        invoice = await api.open_invoice(
            customer=customer["id"], currency="EUR", collection_method="send_invoice",
            lines=[{"description": "Beratung", "quantity": "2", "unit_amount": "617.25"}],
        )  # fmt: skip
        note = await issue(api, invoice["id"], lines=[
            {"invoice_line": line_ids(invoice)[0], "quantity": "2"}
        ])  # fmt: skip
        html = await _page(api, _page_path(note))
        assert 'lang="de-DE"' in html and f"1.234,50{NBSP}€" in html and "617,25" in html

    async def test_a_void_note_says_so(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        note = await issue(api, invoice["id"], amount="10.00")
        expect(await api.post(f"/v1/credit_notes/{note['id']}/void"), 200)
        html = await _page(api, _page_path(note))
        assert 'aria-label="Status: Void"' in html and 'class="void-stamp"' in html
        assert "VOID — this credit note was voided" in html and "$10.00" in html
        _, text = await _pdf_text(api, _page_path(note))
        assert "VOID" in text

    async def test_html_is_served_with_strict_headers(self, api: TenantApi) -> None:
        _, note = await _corrected(api)
        page = await api.http.get(_page_path(note))
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert page.headers["referrer-policy"] == "no-referrer"
        assert page.headers["cache-control"] == "no-store"


class TestCreditNotePdf:
    async def test_the_pdf_holds_the_number_the_lines_and_the_total(self, api: TenantApi) -> None:
        invoice, note = await _corrected(api)
        response = await api.http.get(_page_path(note) + ".pdf")
        disposition = response.headers["content-disposition"]
        assert disposition == 'inline; filename="credit-note-CN-0001.pdf"'
        document, text = await _pdf_text(api, _page_path(note))
        for expected in (note["number"], "$26.64", "Consulting", "Goodwill", invoice["number"]):
            assert expected in text, expected
        assert document == response.content  # the same note: the cached document

    async def test_voiding_the_note_renders_a_new_pdf(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        note = await issue(api, invoice["id"], amount="10.00")
        before, text = await _pdf_text(api, _page_path(note))
        assert "VOID" not in text
        expect(await api.post(f"/v1/credit_notes/{note['id']}/void"), 200)
        after, text = await _pdf_text(api, _page_path(note))
        assert after != before and "VOID" in text


class TestTheInvoicePageListsItsNotes:
    async def test_each_note_is_listed_with_a_link_to_its_page(self, api: TenantApi) -> None:
        invoice, note = await _corrected(api)
        voided = await issue(api, invoice["id"], amount="1.00")
        expect(await api.post(f"/v1/credit_notes/{voided['id']}/void"), 200)
        html = await _page(api, "/i/" + invoice["public_token"])
        assert f'<a href="{_page_path(note)}">Credit note CN-0001</a>' in html
        assert f'<a href="{_page_path(voided)}">Credit note CN-0002</a>' in html
        assert '<span class="badge issued">Issued</span>' in html
        assert '<span class="badge void">Void</span>' in html
        assert f'Credit notes</th><td class="num">{MINUS}$26.64' in html
        assert 'Amount due</th><td class="num">$102.40' in html
        assert '<td class="num remaining">$102.40</td>' in html
        followed = await _page(api, _page_path(note))
        assert "Credit note CN-0001" in followed and "$26.64" in followed

    async def test_the_invoice_pdf_lists_the_notes_too(self, api: TenantApi) -> None:
        invoice, _ = await _corrected(api)
        _, text = await _pdf_text(api, "/i/" + invoice["public_token"])
        assert "Credit note CN-0001" in text and "$102.40" in text

    async def test_an_invoice_without_notes_lists_none(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        html = await _page(api, "/i/" + invoice["public_token"])
        assert "Credit notes" not in html and "Amount due" not in html


class TestTokenKinds:
    async def test_an_invoice_token_opens_no_credit_note(
        self, api: TenantApi, raw_api: Api, runtime: Runtime
    ) -> None:
        invoice, note = await _corrected(api)
        # The invoice's own token, and one of the invoice kind naming the note's id.
        forged = runtime.links.token(api.account_id, note["id"])
        for token in (invoice["public_token"], forged):
            assert (await raw_api.get(f"/c/{token}")).status_code == 404
            assert (await raw_api.get(f"/c/{token}.pdf")).status_code == 404
        assert (await raw_api.get(f"/i/{forged}")).status_code == 404

    async def test_a_credit_note_token_opens_no_invoice(
        self, api: TenantApi, raw_api: Api, runtime: Runtime
    ) -> None:
        invoice, note = await _corrected(api)
        forged = runtime.links.credit_note_token(api.account_id, invoice["id"])
        for token in (_token(note), forged):
            assert (await raw_api.get(f"/i/{token}")).status_code == 404
            assert (await raw_api.get(f"/i/{token}.pdf")).status_code == 404
            problem(await raw_api.get(f"/v1/invoices/{token}"), 404, "resource_missing")
        assert (await raw_api.get(f"/c/{forged}")).status_code == 404

    async def test_every_bad_credit_note_token_is_the_same_404(
        self, api: TenantApi, raw_api: Api
    ) -> None:
        _, note = await _corrected(api)
        pages = set()
        for name, token in _tampered(_token(note)).items():
            page = await raw_api.get(f"/c/{token}")
            assert page.status_code == 404, name
            assert page.headers["content-type"].startswith("text/html")
            pages.add(page.text)
            assert (await raw_api.get(f"/c/{token}.pdf")).status_code == 404, name
        assert len(pages) == 1 and "credit note link is not valid" in pages.pop()

    async def test_a_token_naming_another_account_opens_nothing(
        self, api: TenantApi, other_api: TenantApi, raw_api: Api, runtime: Runtime
    ) -> None:
        _, note = await _corrected(api)
        elsewhere = runtime.links.credit_note_token(other_api.account_id, note["id"])
        assert (await raw_api.get(f"/c/{elsewhere}")).status_code == 404
