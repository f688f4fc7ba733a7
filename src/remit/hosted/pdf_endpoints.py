"""`GET /v1/invoices/{id}/pdf` and `GET /v1/credit_notes/{id}/pdf`: for an API key, the PDFs
the public links answer (`/i/{token}.pdf`, `/c/{token}.pdf`): the same page rendered, from
the same cache; an invoice's carries its e-invoice as Factur-X (docs/einvoicing.md)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from remit.api.auth import require
from remit.api.routing import RemitRoute
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.context import Context
from remit.hosted import documents
from remit.hosted.endpoints import (
    FACTURX_HEADER,
    credit_note_file_name,
    invoice_file_name,
    pdf_response,
    render,
    render_credit_note,
)
from remit.hosted.logos import Logo

router = APIRouter(route_class=RemitRoute)


def _pdf(description: str) -> dict[int | str, dict[str, object]]:
    header = {FACTURX_HEADER: {"description": description, "schema": {"type": "string"}}}
    return {200: {"content": {"application/pdf": {}}, "headers": header}}


@asynccontextmanager
async def _reading(request: Request, principal: Principal) -> AsyncIterator[Context]:
    async with runtime_of(request).db.read() as session:
        yield runtime_of(request).context(
            session, principal.account_id, principal.key_id, livemode=principal.livemode,
            request_id=getattr(request.state, "request_id", None), scopes=principal.scopes,
        )  # fmt: skip


@router.get(
    "/v1/invoices/{invoice_id}/pdf",
    tags=["invoices"],
    response_class=Response,
    summary="The issued invoice as PDF/A-3, with its e-invoice embedded as Factur-X",
    responses=_pdf("`embedded` when the CII e-invoice is in the PDF, else `omitted`."),
)
async def get_invoice_pdf(
    invoice_id: str, request: Request, principal: Principal = require("invoices:read")
) -> Response:
    async with _reading(request, principal) as ctx:
        document = await documents.invoice_document(ctx, invoice_id)
    runtime, found = runtime_of(request), document.found
    token = runtime.links.token(found.invoice.account_id, found.invoice.id)

    def draw(logo: Logo | None) -> str:
        return render(found, runtime, token, as_pdf=True, logo=logo, notes=document.notes,
                      facturx=document.einvoice is not None)  # fmt: skip

    return await pdf_response(
        runtime, found.account, draw, invoice_file_name(found), document.einvoice
    )


@router.get(
    "/v1/credit_notes/{credit_note_id}/pdf",
    tags=["credit notes"],
    response_class=Response,
    summary="The credit note as PDF/A-3, with its e-invoice embedded as Factur-X",
    responses=_pdf("`embedded` when the CII e-invoice (type 381) is in the PDF, else `omitted`."),
)
async def get_credit_note_pdf(
    credit_note_id: str, request: Request, principal: Principal = require("credit_notes:read")
) -> Response:
    async with _reading(request, principal) as ctx:
        document = await documents.credit_note_document(ctx, credit_note_id)
    runtime, found = runtime_of(request), document.found
    token = runtime.links.credit_note_token(found.note.account_id, found.note.id)

    def draw(logo: Logo | None) -> str:
        return render_credit_note(found, runtime, token, as_pdf=True, logo=logo,
                                  facturx=document.einvoice is not None)  # fmt: skip

    return await pdf_response(
        runtime, found.account, draw, credit_note_file_name(found), document.einvoice
    )
