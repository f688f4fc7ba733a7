"""Collecting over HTTP: `POST /v1/invoices/{id}/pay`, `POST/GET /v1/invoices/{id}/settlements`,
`GET /v1/settlements/{id}`, confirm and fail; and `charge_response`, the charge flow as an
API answer, for these routes and the dialects'."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.collection import flow, settle
from remit.collection.charges import Options
from remit.collection.schemas import PayInvoice
from remit.context import Context
from remit.invoices import changes
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.invoices.schemas import InvoiceOut
from remit.kernel.pagination import Page, PageRequest
from remit.payments.processors.base import ChargeResult
from remit.settlements.models import Settlement
from remit.settlements.repository import SettlementRepository
from remit.settlements.schemas import SettlementCreate, SettlementOut


def present_invoice(invoice: Invoice, ctx: Context) -> InvoiceOut:
    return changes.present(ctx, invoice)


router = APIRouter(tags=["settlements"], route_class=RemitRoute)


def _present(settlement: Settlement, _ctx: Context) -> SettlementOut:
    return SettlementOut.of(settlement)


@router.post("/v1/invoices/{invoice_id}/settlements", status_code=201, response_model=SettlementOut)
async def record_settlement(
    invoice_id: str,
    body: SettlementCreate,
    request: Request,
    principal: Principal = require("invoices:write"),
) -> Response:
    """A payment made outside remit. The same `reference` by the same method again answers
    the first settlement (200) instead of recording it twice."""
    return await operations.write(
        request,
        principal,
        lambda ctx: settle.record_settlement(ctx, invoice_id, body),
        lambda recorded, _ctx: SettlementOut.of(recorded.settlement),
        status_code=lambda recorded: 200 if recorded.replayed else 201,
    )


@router.get("/v1/invoices/{invoice_id}/settlements", response_model=ListOut[SettlementOut])
async def list_settlements(
    invoice_id: str,
    request: Request,
    principal: Principal = require("invoices:read"),
    page: PageRequest = Depends(page_params("stl")),
) -> Response:
    async def query(ctx: Context) -> Page[Settlement]:
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
        request, principal, lambda ctx: settle.confirm_settlement(ctx, settlement_id), _present
    )


@router.post("/v1/settlements/{settlement_id}/fail", response_model=SettlementOut)
async def fail_settlement(
    settlement_id: str, request: Request, principal: Principal = require("invoices:write")
) -> Response:
    return await operations.write(
        request, principal, lambda ctx: settle.fail_settlement(ctx, settlement_id), _present
    )


@router.post("/v1/invoices/{invoice_id}/pay", response_model=InvoiceOut)
async def pay_invoice(
    invoice_id: str,
    body: PayInvoice,
    request: Request,
    principal: Principal = require("invoices:write"),
) -> Response:
    """Pay an invoice now (a draft is issued first): charge a payment method — the one given,
    `auto` for the customer's newest, else the invoice's or the customer's default — or, with
    `paid_out_of_band`, record that it was paid outside remit. The answer is the invoice after
    the attempt: paid, open with `last_payment_error`, or open with a pending settlement."""
    if body.paid_out_of_band:
        return await operations.write(
            request, principal, lambda ctx: settle.pay_out_of_band(ctx, invoice_id),
            present_invoice,
        )  # fmt: skip
    options = Options(body.payment_method, body.failure_action)
    return await charge_response(request, principal, invoice_id, options, present_invoice)


async def charge_response(
    request: Request,
    principal: Principal,
    target: str | flow.Prepare,
    options: Options,
    present: operations.Present[Invoice],
    style: operations.IdempotencyStyle = operations.NATIVE,
) -> Response:
    """The charge flow as an API answer: a replay of the same Idempotency-Key answers as the
    first time; otherwise the first transaction begins the charge (as the key's account) and
    the last completes it, presents the invoice and stores the answer with the key."""
    replay = await operations.stored_response(request, principal, style)
    if replay is not None:
        return replay

    async def last(step: flow.Step, _result: ChargeResult | None) -> Response:
        return await operations.write(request, principal, step, present, style=style)

    def first() -> AbstractAsyncContextManager[Context]:
        return operations.transaction(request, principal)

    processors = runtime_of(request).processors
    answered = await flow.charge(processors, first, last, target, options)
    assert isinstance(answered, Response)  # only the worker's automatic charges are skipped
    return answered
