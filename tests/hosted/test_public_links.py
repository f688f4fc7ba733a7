"""Public links (SPEC §5): the hosted page, its PDF and the token JSON, for every status and
currency class; and nothing at all for a bad token."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from pypdf import PdfReader

from remit.app import create_app
from remit.kernel.secrets import Secrets
from remit.runtime import Runtime
from remit.worker.timers import run_timers
from tests.support import TenantApi, expect, problem

NBSP = "\u00a0"
LINES = [
    {"description": "Consulting", "quantity": "3", "unit_amount": "19.99", "tax_rate": "8.25"},
    {"description": "Punch cards", "quantity": "1.5", "unit_amount": "33.333", "tax_rate": "8.25"},
    {"description": "Postage", "quantity": "1", "unit_amount": "10.00"},
]
# currency → (lines, total, subtotal, tax, zero) as the page must show them (en-US)
CASES = {
    "USD": (LINES, "$129.04", "$119.97", "$9.07", "$0.00"),
    "JPY": ([{"description": "Sushi", "quantity": "3", "unit_amount": "333.5", "tax_rate": "10"}],
            "¥1,101", "¥1,001", "¥100", "¥0"),
    "USDC": ([{"description": "API calls", "quantity": "1", "unit_amount": "49"}],
             f"49.000000{NBSP}USDC", f"49.000000{NBSP}USDC", f"0.000000{NBSP}USDC",
             f"0.000000{NBSP}USDC"),
}  # fmt: skip
STATUS_LABELS = {"open": "Open", "past_due": "Past due", "paid": "Paid", "void": "Void",
                 "uncollectible": "Uncollectible", "expired": "Expired"}  # fmt: skip


async def _invoice_in(api: TenantApi, status: str, currency: str) -> dict:
    lines = CASES[currency][0]
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    fields: dict = {"currency": currency, "lines": lines, "collection_method": "send_invoice"}
    if status == "past_due":
        fields["due_at"] = past
    if status == "expired":
        fields["expires_at"] = past
    invoice = await api.open_invoice(**fields)
    path = f"/v1/invoices/{invoice['id']}"
    if status == "paid":
        expect(await api.post(f"{path}/settlements", {"method": "bank_transfer"}), 201)
    if status in ("void", "uncollectible"):
        action = "void" if status == "void" else "mark_uncollectible"
        expect(await api.post(f"{path}/{action}"), 200)
    return invoice


def _path(invoice: dict) -> str:
    return "/i/" + invoice["public_token"]


class TestHostedPage:
    @pytest.mark.parametrize("currency", list(CASES))
    @pytest.mark.parametrize("status", list(STATUS_LABELS))
    async def test_page_shows_the_invoice_s_figures_and_status(
        self, api: TenantApi, runtime: Runtime, status: str, currency: str
    ) -> None:
        invoice = await _invoice_in(api, status, currency)
        if status in ("past_due", "expired"):
            await run_timers(runtime)
        page = await api.http.get(_path(invoice))
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        html = page.text
        lines, total, subtotal, tax, zero = CASES[currency]
        assert f'aria-label="Status: {STATUS_LABELS[status]}"' in html
        assert f"Invoice {invoice['number']}" in html
        for line in lines:
            assert line["description"] in html
        for figure in (total, subtotal, tax):
            assert figure in html, figure
        remaining = zero if status == "paid" else total
        assert f'<td class="num remaining">{remaining}</td>' in html
        assert ("Pay now" in html) == (status in ("open", "past_due"))

    async def test_the_customer_s_locale_formats_money_and_dates(self, api: TenantApi) -> None:
        customer = await api.customer(locale="de-DE", name="Karl")
        invoice = await api.open_invoice(
            customer=customer["id"], currency="EUR", collection_method="send_invoice",
            lines=[{"description": "Beratung", "quantity": "2", "unit_amount": "617.25"}],
        )  # fmt: skip
        html = (await api.http.get(_path(invoice))).text
        assert 'lang="de-DE"' in html
        assert f"1.234,50{NBSP}€" in html
        assert "617,25" in html

    async def test_a_line_priced_finer_than_the_currency_shows_every_place(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice(lines=LINES, collection_method="send_invoice")
        html = (await api.http.get(_path(invoice))).text
        assert "$33.333" in html and "$19.99" in html and ">1.5<" in html

    async def test_seller_details_and_payment_instructions_are_shown(self, api: TenantApi) -> None:
        settings = {
            "address": {"line1": "1 Main St", "city": "Springfield", "country": "US"},
            "payment_instructions": {"bank_name": "First Bank", "account_number": "12345678"},
            "branding": {"primary_color": "#ffcc00"},
        }
        expect(await api.patch("/v1/account", settings), 200)
        invoice = await api.open_invoice(collection_method="send_invoice")
        html = (await api.http.get(_path(invoice))).text
        for text in ("1 Main St", "Springfield", "First Bank", "12345678", "--brand: #ffcc00"):
            assert text in html
        assert "--on-brand: #000000" in html  # dark text on a light brand colour

    async def test_html_is_served_with_strict_headers(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        page = await api.http.get(_path(invoice))
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        assert page.headers["referrer-policy"] == "no-referrer"
        assert page.headers["x-content-type-options"] == "nosniff"


class TestPdf:
    async def test_the_pdf_holds_the_number_every_line_and_the_total(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(lines=LINES, collection_method="send_invoice")
        response = await api.http.get(_path(invoice) + ".pdf")
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        assert invoice["number"] in text and "$129.04" in text
        for line in LINES:
            assert line["description"] in text
        again = await api.http.get(_path(invoice) + ".pdf")
        assert again.content == response.content  # the same version: the cached document

    async def test_a_changed_invoice_gets_a_new_pdf(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        before = (await api.http.get(_path(invoice) + ".pdf")).content
        expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        after = (await api.http.get(_path(invoice) + ".pdf")).content
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(after)).pages)
        assert after != before and "Void" in text


class TestTestModeBanner:
    BANNER = "TEST MODE — not a real invoice"

    async def _page_and_pdf_text(self, api: TenantApi) -> tuple[str, str]:
        invoice = await api.open_invoice(collection_method="send_invoice")
        page = (await api.http.get(_path(invoice))).text
        pdf = (await api.http.get(_path(invoice) + ".pdf")).content
        return page, "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    async def test_a_test_mode_invoice_says_so_on_its_page_and_pdf(self, api: TenantApi) -> None:
        page, pdf = await self._page_and_pdf_text(api)
        assert self.BANNER in page and "TEST MODE" in pdf and "not a real invoice" in pdf

    async def test_a_live_invoice_carries_no_banner(self, api: TenantApi) -> None:
        page, pdf = await self._page_and_pdf_text(await api.live())
        assert self.BANNER not in page and "TEST MODE" not in pdf


class TestLinksOnTheInvoice:
    async def test_issued_invoices_carry_their_links_and_drafts_none(self, api: TenantApi) -> None:
        draft = await api.invoice()
        assert draft["public_token"] is draft["hosted_url"] is draft["pdf_url"] is None
        invoice = await api.open_invoice(collection_method="send_invoice")
        assert invoice["hosted_url"].endswith(_path(invoice))
        assert invoice["pdf_url"] == invoice["hosted_url"] + ".pdf"


class TestPublicJson:
    async def test_the_token_reads_the_invoice_without_a_key(
        self,
        api: TenantApi,
        raw_api,  # type: ignore[no-untyped-def]
    ) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        public = expect(await raw_api.get(f"/v1/invoices/{invoice['public_token']}"), 200)
        assert public == expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)

    async def test_an_id_still_needs_a_key(self, api: TenantApi, raw_api) -> None:  # type: ignore[no-untyped-def]
        invoice = await api.open_invoice()
        problem(await raw_api.get(f"/v1/invoices/{invoice['id']}"), 401, "unauthorized")


def _tampered(token: str) -> dict[str, str]:
    header, payload, signature = token.split(".")
    flipped = signature[:5] + ("A" if signature[5] != "A" else "B") + signature[6:]
    return {
        "altered signature": f"{header}.{payload}.{flipped}",
        "truncated": token[: len(token) // 2],
        "no signature": f"{header}.{payload}.",
        "other payload": f"{header}.{payload[:-2]}{payload[-2:][::-1]}.{signature}",
        "garbage": "not.a.token",
    }


class TestBadTokens:
    async def test_every_bad_token_is_the_same_404(self, api: TenantApi, raw_api) -> None:  # type: ignore[no-untyped-def]
        invoice = await api.open_invoice()
        pages, apis = set(), set()
        for name, token in _tampered(invoice["public_token"]).items():
            page = await raw_api.get(f"/i/{token}")
            assert page.status_code == 404, name
            pages.add(page.text)
            json = await raw_api.get(f"/v1/invoices/{token}")
            body = problem(json, 404, "resource_missing")
            apis.add(body["detail"])
            assert (await raw_api.get(f"/i/{token}.pdf")).status_code == 404
        assert len(pages) == 1 and len(apis) == 1  # no difference to learn from

    async def test_a_token_from_another_server_secret_is_refused(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await api.open_invoice()
        rotated = replace(runtime, secrets=Secrets.from_text("a-rotated-server-secret"))
        transport = httpx.ASGITransport(app=create_app(rotated))
        async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as client:
            assert (await client.get(_path(invoice))).status_code == 404


class TestRateLimit:
    async def test_public_routes_are_limited_per_client(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        invoice = await api.open_invoice()
        limited = replace(runtime, settings=replace(runtime.settings, public_rate_limit=3))
        transport = httpx.ASGITransport(app=create_app(limited), client=("203.0.113.7", 1234))
        async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as client:
            codes = [(await client.get(_path(invoice))).status_code for _ in range(4)]
            assert codes == [200, 200, 200, 429]
            refused = await client.get(f"/v1/invoices/{invoice['public_token']}")
            assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
            assert refused.json()["code"] == "rate_limited"
        assert (await api.http.get(_path(invoice))).status_code == 200  # another client


class TestPayForm:
    async def test_paying_with_a_test_card_uses_the_pay_service(self, api: TenantApi) -> None:
        invoice = await api.open_invoice(collection_method="send_invoice")
        declined = await api.http.post(_path(invoice) + "/pay", content="token=tok_chargeDeclined")
        assert declined.status_code == 303 and declined.headers["location"].endswith(
            "result=card_declined"
        )
        page = await api.http.get(declined.headers["location"])
        assert "The card was declined" in page.text
        paid = await api.http.post(_path(invoice) + "/pay", content="token=tok_visa")
        assert paid.headers["location"].endswith("result=succeeded")
        after = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert after["status"] == "paid" and after["attempt_count"] == 1
        html = (await api.http.get(_path(invoice))).text
        assert 'aria-label="Status: Paid"' in html and "Pay now" not in html

    async def test_a_live_invoice_offers_no_test_cards(self, api: TenantApi) -> None:
        api = await api.live()
        invoice = await api.open_invoice(collection_method="send_invoice")
        assert "Pay now" not in (await api.http.get(_path(invoice))).text
        refused = await api.http.post(_path(invoice) + "/pay", content="token=tok_visa")
        assert refused.status_code == 400
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)["status"] == "open"

    async def test_drafts_have_no_page(self, api: TenantApi, runtime: Runtime) -> None:
        draft = await api.invoice()
        token = runtime.links.token(api.account_id, draft["id"])
        assert (await api.http.get(f"/i/{token}")).status_code == 404
