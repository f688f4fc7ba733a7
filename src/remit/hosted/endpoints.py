"""Public routes (SPEC §5): the hosted invoice page `/i/{token}`, its PDF, its pay form,
the hosted credit note page `/c/{token}` and its PDF, and the invoice JSON at
`/v1/invoices/{token}`. No API key: the signed token is the key.

Every public route is rate-limited per client address (429 with Retry-After), and HTML
carries a strict Content-Security-Policy and no Referer (the token is in the URL).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from urllib.parse import parse_qs, quote

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from remit.accounts.models import Account
from remit.api.auth import throttle_public
from remit.api.runtime import runtime_of
from remit.credit_notes.models import CreditNote
from remit.hosted import credit_note_view, credit_notes, facturx, logos, pdf, service, view
from remit.hosted.credit_notes import PublicCreditNote
from remit.hosted.logos import Logo
from remit.hosted.templating import templates_for
from remit.invoices.public import PublicInvoice, load
from remit.kernel.disposition import content_disposition
from remit.kernel.i18n import N_
from remit.kernel.links import credit_note_path, invoice_path
from remit.kernel.problems import NotFound
from remit.runtime import Runtime

router = APIRouter(tags=["hosted"])

HTML_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
FACTURX_HEADER = "X-Remit-Facturx"
NOTICES = {
    "succeeded": N_("Thank you: your payment went through."),
    "pending": N_("Your payment is being processed; this page will show it once it completes."),
    "card_declined": N_("The card was declined. Try another card."),
    "insufficient_funds": N_("The card has insufficient funds. Try another card."),
    "processing_failed": N_("The payment could not be processed."),
    "payment_in_progress": N_("A payment for this invoice is already being processed."),
    "invoice_not_open": N_("This invoice cannot be paid any more."),
}


def _throttle(request: Request) -> Runtime:
    throttle_public(request)
    return runtime_of(request)


def render(
    found: PublicInvoice,
    runtime: Runtime,
    token: str,
    *,
    as_pdf: bool,
    notice: str | None = None,
    logo: Logo | None = None,
    notes: Sequence[CreditNote] = (),
    facturx: bool = False,
) -> str:
    """The page's HTML; for the PDF (`as_pdf`), with `logo` — the one the PDF can draw — in
    place of the account's logo address. `notes`: the invoice's credit notes, listed;
    `facturx`: the PDF embeds the e-invoice, and says so."""
    page = view.build(
        found.invoice,
        found.account,
        simulator_form=service.offers_test_cards(found),
        credit_notes=[(note, _credit_note_href(runtime, note, as_pdf)) for note in notes],
    )
    if as_pdf:
        page = replace(page, logo_url=logo.url if logo else None)
    words = view.language_of_invoice(found.invoice)
    if notice in NOTICES:
        page.notices.append(words.gettext(NOTICES[notice]))
    template = templates_for(words.code).get_template("invoice.html")
    return template.render(
        v=page,
        pdf=as_pdf,
        facturx=facturx,
        pay_action=f"/i/{quote(token)}/pay",
        pdf_url=runtime.links.pdf(token),
        test_cards=service.test_cards(words),
    )


def render_credit_note(
    found: PublicCreditNote,
    runtime: Runtime,
    token: str,
    *,
    as_pdf: bool,
    logo: Logo | None = None,
    facturx: bool = False,
) -> str:
    """The credit note page's HTML; for the PDF, as `render`'s."""
    invoice = found.invoice
    invoice_token = runtime.links.token(invoice.account_id, invoice.id)
    href = runtime.links.page(invoice_token) if as_pdf else invoice_path(invoice_token)
    page = credit_note_view.build(found.note, invoice, found.account, href)
    if as_pdf:
        page = replace(page, logo_url=logo.url if logo else None)
    templates = templates_for(view.language_of_invoice(invoice).code)
    return templates.get_template("credit_note.html").render(
        v=page, pdf=as_pdf, facturx=facturx, pdf_url=credit_note_path(token) + ".pdf"
    )


def _credit_note_href(runtime: Runtime, note: CreditNote, as_pdf: bool) -> str:
    # A page links its sibling pages by path: they are on its own origin, whatever
    # REMIT_PUBLIC_URL says. A PDF has no origin: its links are absolute.
    token = runtime.links.credit_note_token(note.account_id, note.id)
    return runtime.links.credit_note_page(token) if as_pdf else credit_note_path(token)


def _not_found_page(kind: str = "invoice") -> HTMLResponse:
    body = (
        "<!doctype html><html lang=en><title>Not found</title>"
        f"<h1>This {kind} link is not valid.</h1>"
    )
    return HTMLResponse(body, status_code=404, headers=HTML_HEADERS)


async def pdf_response(
    runtime: Runtime,
    account: Account,
    draw: Callable[[Logo | None], str],
    filename: str,
    einvoice: facturx.FacturX | None = None,
) -> Response:
    """The PDF of the HTML `draw` makes with the account's logo (or none, when it cannot be
    had), embedding `einvoice` as Factur-X, sent inline as `filename`. `X-Remit-Facturx`
    says whether the e-invoice is in it (docs/einvoicing.md)."""
    logo = await logos.logo_of(
        account.branding.get("logo_url"), allow_private=runtime.settings.webhook_allow_private
    )
    document = await pdf.pdf_of(draw(logo), logo, einvoice)
    headers = {
        **HTML_HEADERS,
        "Content-Disposition": content_disposition(filename),
        FACTURX_HEADER: "omitted" if einvoice is None else "embedded",
    }
    return Response(document, media_type="application/pdf", headers=headers)


def _file_name(number: str) -> str:
    return number.strip("#").replace("/", "-")


def invoice_file_name(found: PublicInvoice) -> str:
    return f"invoice-{_file_name(found.invoice.number or found.invoice.id)}.pdf"


def credit_note_file_name(found: PublicCreditNote) -> str:
    return f"credit-note-{_file_name(found.note.number)}.pdf"


@router.get("/i/{token}.pdf", response_class=Response, summary="The invoice as PDF")
async def invoice_pdf(token: str, request: Request) -> Response:
    runtime = _throttle(request)
    try:
        found = await load(runtime, token)
    except NotFound:
        return _not_found_page()
    notes = await credit_notes.of_invoice(runtime, found)

    einvoice = await facturx.facturx_of_public(runtime, found)

    def draw(logo: Logo | None) -> str:
        return render(found, runtime, token, as_pdf=True, logo=logo, notes=notes,
                      facturx=einvoice is not None)  # fmt: skip

    return await pdf_response(runtime, found.account, draw, invoice_file_name(found), einvoice)


@router.get("/i/{token}", response_class=HTMLResponse, summary="The hosted invoice page")
async def invoice_page(token: str, request: Request, result: str | None = None) -> Response:
    runtime = _throttle(request)
    try:
        found = await load(runtime, token)
    except NotFound:
        return _not_found_page()
    notes = await credit_notes.of_invoice(runtime, found)
    return HTMLResponse(
        render(found, runtime, token, as_pdf=False, notice=result, notes=notes),
        headers=HTML_HEADERS,
    )


@router.get("/c/{token}.pdf", response_class=Response, summary="The credit note as PDF")
async def credit_note_pdf(token: str, request: Request) -> Response:
    runtime = _throttle(request)
    try:
        found = await credit_notes.load(runtime, token)
    except NotFound:
        return _not_found_page("credit note")

    einvoice = await facturx.facturx_of_public_credit_note(runtime, found)

    def draw(logo: Logo | None) -> str:
        return render_credit_note(found, runtime, token, as_pdf=True, logo=logo,
                                  facturx=einvoice is not None)  # fmt: skip

    return await pdf_response(runtime, found.account, draw, credit_note_file_name(found), einvoice)


@router.get("/c/{token}", response_class=HTMLResponse, summary="The hosted credit note page")
async def credit_note_page(token: str, request: Request) -> Response:
    runtime = _throttle(request)
    try:
        found = await credit_notes.load(runtime, token)
    except NotFound:
        return _not_found_page("credit note")
    return HTMLResponse(
        render_credit_note(found, runtime, token, as_pdf=False), headers=HTML_HEADERS
    )


@router.post("/i/{token}/pay", response_class=RedirectResponse, summary="Pay with a test card")
async def pay_from_page(token: str, request: Request) -> Response:
    runtime = _throttle(request)
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    try:
        outcome = await service.pay_with_test_card(
            runtime,
            token,
            (form.get("token") or [""])[0],
            request_id=getattr(request.state, "request_id", None),
        )
    except NotFound:
        return _not_found_page()
    return RedirectResponse(f"/i/{quote(token)}?result={quote(outcome)}", status_code=303)
