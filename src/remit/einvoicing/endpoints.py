"""E-invoices over HTTP: `GET /v1/invoices/{id}/einvoice` and `GET /v1/credit_notes/{id}/einvoice`
answer the XML; `POST /v1/invoices/{id}/finalize` finalizes a draft, and with
`require_einvoice` only one whose e-invoice can be written (einvoicing sits above invoices:
the invoices router leaves this route to this module)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.routing import RemitRoute
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.context import Context
from remit.einvoicing.service import (
    EInvoice,
    Profile,
    Syntax,
    export_credit_note,
    export_invoice,
    finalize_with_einvoice,
)
from remit.invoices import changes
from remit.invoices.models import Invoice
from remit.invoices.schemas import InvoiceOut
from remit.kernel.disposition import content_disposition

router = APIRouter(route_class=RemitRoute)
SYNTAX = Query("ubl", description="`ubl` (UBL 2.1 Invoice or CreditNote) or `cii` (CII D16B).")
PROFILE = Query("en16931", description="`en16931` or `xrechnung` (3.0).")
XML: dict[int | str, dict[str, Any]] = {200: {"content": {"application/xml": {}}}}


@router.get(
    "/v1/invoices/{invoice_id}/einvoice",
    response_class=Response,
    summary="The issued invoice as an EN 16931 e-invoice: UBL 2.1 or CII D16B",
    responses=XML,
    tags=["invoices"],
)
async def get_einvoice(
    invoice_id: str,
    request: Request,
    syntax: Syntax = SYNTAX,
    profile: Profile = PROFILE,
    principal: Principal = require("invoices:read"),
) -> Response:
    return await _xml(
        request, principal, lambda ctx: export_invoice(ctx, invoice_id, syntax, profile)
    )


@router.get(
    "/v1/credit_notes/{credit_note_id}/einvoice",
    response_class=Response,
    summary="The credit note as an EN 16931 e-invoice: UBL 2.1 CreditNote or CII type 381",
    responses=XML,
    tags=["credit notes"],
)
async def get_credit_note_einvoice(
    credit_note_id: str,
    request: Request,
    syntax: Syntax = SYNTAX,
    profile: Profile = PROFILE,
    principal: Principal = require("credit_notes:read"),
) -> Response:
    return await _xml(
        request, principal, lambda ctx: export_credit_note(ctx, credit_note_id, syntax, profile)
    )


@router.post(
    "/v1/invoices/{invoice_id}/finalize",
    response_model=InvoiceOut,
    summary="Finalize a draft: number it and issue it",
    tags=["invoices"],
)
async def finalize_invoice(
    invoice_id: str,
    request: Request,
    require_einvoice: Syntax | None = Query(
        None,
        description="Refuse (422 `einvoice_incomplete` or `einvoice_unsupported`, the draft "
        "unchanged) unless the issued invoice's e-invoice in this syntax can be written.",
    ),
    einvoice_profile: Profile = Query(
        "en16931", description="The profile `require_einvoice` checks: `en16931` or `xrechnung`."
    ),
    principal: Principal = require("invoices:write"),
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: finalize_with_einvoice(ctx, invoice_id, require_einvoice, einvoice_profile),
        _present,
    )


def _present(invoice: Invoice, ctx: Context) -> InvoiceOut:
    return changes.present(ctx, invoice)


async def _xml(
    request: Request, principal: Principal, export: Callable[[Context], Awaitable[EInvoice]]
) -> Response:
    runtime = runtime_of(request)
    async with runtime.db.read() as session:
        ctx = runtime.context(
            session, principal.account_id, principal.key_id, livemode=principal.livemode,
            request_id=getattr(request.state, "request_id", None), scopes=principal.scopes,
        )  # fmt: skip
        exported = await export(ctx)
    disposition = content_disposition(f"{exported.number}.xml", "attachment")
    return Response(exported.xml, media_type="application/xml",
                    headers={"Content-Disposition": disposition})  # fmt: skip
