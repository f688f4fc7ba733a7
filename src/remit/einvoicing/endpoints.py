"""`GET /v1/invoices/{id}/einvoice`: an issued invoice as an EN 16931 e-invoice (XML)."""

from __future__ import annotations

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from remit.api.auth import require
from remit.api.routing import RemitRoute
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.einvoicing.service import EInvoice, Profile, Syntax, export_invoice
from remit.kernel.disposition import content_disposition

router = APIRouter(prefix="/v1/invoices", tags=["invoices"], route_class=RemitRoute)


@router.get(
    "/{invoice_id}/einvoice",
    response_class=Response,
    summary="The issued invoice as an EN 16931 e-invoice: UBL 2.1 or CII D16B",
    responses={200: {"content": {"application/xml": {}}}},
)
async def get_einvoice(
    invoice_id: str,
    request: Request,
    syntax: Syntax = Query("ubl", description="`ubl` (UBL 2.1 Invoice) or `cii` (CII D16B)."),
    profile: Profile = Query("en16931", description="`en16931` or `xrechnung` (3.0)."),
    principal: Principal = require("invoices:read"),
) -> Response:
    runtime = runtime_of(request)
    async with runtime.db.read() as session:
        ctx = runtime.context(
            session, principal.account_id, principal.key_id, livemode=principal.livemode,
            request_id=getattr(request.state, "request_id", None), scopes=principal.scopes,
        )  # fmt: skip
        exported: EInvoice = await export_invoice(ctx, invoice_id, syntax, profile)
    disposition = content_disposition(f"{exported.number}.xml", "attachment")
    return Response(exported.xml, media_type="application/xml",
                    headers={"Content-Disposition": disposition})  # fmt: skip
