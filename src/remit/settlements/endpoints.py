"""`POST/GET /v1/invoices/{id}/settlements`, `GET /v1/settlements/{id}`, confirm and fail."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.invoices.repository import InvoiceRepository
from remit.kernel.pagination import PageRequest
from remit.settlements import service
from remit.settlements.repository import SettlementRepository
from remit.settlements.schemas import SettlementCreate, SettlementOut

router = APIRouter(tags=["settlements"], route_class=RemitRoute)


def _present(settlement, _ctx) -> SettlementOut:  # type: ignore[no-untyped-def]
    return SettlementOut.of(settlement)


@router.post("/v1/invoices/{invoice_id}/settlements", status_code=201, response_model=SettlementOut)
async def record_settlement(
    invoice_id: str,
    body: SettlementCreate,
    request: Request,
    principal: Principal = require("invoices:write"),
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.record_settlement(ctx, invoice_id, body),
        _present,
        status_code=201,
    )


@router.get("/v1/invoices/{invoice_id}/settlements", response_model=ListOut[SettlementOut])
async def list_settlements(
    invoice_id: str,
    request: Request,
    principal: Principal = require("invoices:read"),
    page: PageRequest = Depends(page_params("stl")),
) -> Response:
    async def query(ctx):  # type: ignore[no-untyped-def]
        await InvoiceRepository(ctx).ensure_exists(invoice_id)  # 404 across accounts
        return await SettlementRepository(ctx).for_invoice(invoice_id, page)

    return await operations.read(
        request,
        principal,
        query,
        lambda found, _: ListOut[SettlementOut].of(found, SettlementOut.of),
    )


@router.get("/v1/settlements/{settlement_id}", response_model=SettlementOut)
async def get_settlement(
    settlement_id: str, request: Request, principal: Principal = require("invoices:read")
) -> Response:
    return await operations.read(
        request, principal, lambda ctx: SettlementRepository(ctx).get(settlement_id), _present
    )


@router.post("/v1/settlements/{settlement_id}/confirm", response_model=SettlementOut)
async def confirm_settlement(
    settlement_id: str, request: Request, principal: Principal = require("invoices:write")
) -> Response:
    return await operations.write(
        request, principal, lambda ctx: service.confirm_settlement(ctx, settlement_id), _present
    )


@router.post("/v1/settlements/{settlement_id}/fail", response_model=SettlementOut)
async def fail_settlement(
    settlement_id: str, request: Request, principal: Principal = require("invoices:write")
) -> Response:
    return await operations.write(
        request, principal, lambda ctx: service.fail_settlement(ctx, settlement_id), _present
    )
