"""`/v1/customers/{id}/payment_methods`, `/v1/payment_methods/{id}`, `/v1/invoices/{id}/pay`."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.customers.repository import CustomerRepository
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.invoices.schemas import InvoiceOut
from remit.kernel.pagination import PageRequest
from remit.payments import charges, service
from remit.payments.repository import PaymentMethodRepository
from remit.payments.runner import call_processor
from remit.payments.schemas import PayInvoice, PaymentMethodCreate, PaymentMethodOut

router = APIRouter(tags=["payments"], route_class=RemitRoute)
METHODS = "/v1/customers/{customer_id}/payment_methods"


async def _with_default(ctx, method):  # type: ignore[no-untyped-def]
    customer = await CustomerRepository(ctx).get_including_deleted(method.customer_id)
    return method, customer.default_payment_method


def _present(found, _ctx) -> PaymentMethodOut:  # type: ignore[no-untyped-def]
    return PaymentMethodOut.of(*found)


@router.post(METHODS, status_code=201, response_model=PaymentMethodOut)
async def attach_payment_method(
    customer_id: str,
    body: PaymentMethodCreate,
    request: Request,
    principal: Principal = require("customers:write"),
) -> Response:
    processors = runtime_of(request).processors

    async def attach(ctx):  # type: ignore[no-untyped-def]
        return await _with_default(ctx, await service.attach(ctx, processors, customer_id, body))

    return await operations.write(request, principal, attach, _present, status_code=201)


@router.get(METHODS, response_model=ListOut[PaymentMethodOut])
async def list_payment_methods(
    customer_id: str,
    request: Request,
    principal: Principal = require("customers:read"),
    page: PageRequest = Depends(page_params("pm")),
) -> Response:
    async def query(ctx):  # type: ignore[no-untyped-def]
        customer = await CustomerRepository(ctx).get(customer_id)
        found = await PaymentMethodRepository(ctx).list(customer.id, page)
        return found, customer.default_payment_method

    return await operations.read(
        request,
        principal,
        query,
        lambda found, _: ListOut[PaymentMethodOut].of(
            found[0], lambda method: PaymentMethodOut.of(method, found[1])
        ),
    )


@router.get("/v1/payment_methods/{method_id}", response_model=PaymentMethodOut)
async def get_payment_method(
    method_id: str, request: Request, principal: Principal = require("customers:read")
) -> Response:
    async def query(ctx):  # type: ignore[no-untyped-def]
        return await _with_default(ctx, await PaymentMethodRepository(ctx).get(method_id))

    return await operations.read(request, principal, query, _present)


@router.delete(METHODS + "/{method_id}", status_code=204)
async def detach_payment_method(
    customer_id: str,
    method_id: str,
    request: Request,
    principal: Principal = require("customers:write"),
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.detach(ctx, customer_id, method_id),
        lambda _result, _ctx: None,
        status_code=204,
    )


@router.post("/v1/invoices/{invoice_id}/pay", response_model=InvoiceOut)
async def pay_invoice(
    invoice_id: str,
    body: PayInvoice,
    request: Request,
    principal: Principal = require("invoices:write"),
) -> Response:
    """Charge an open or past-due invoice now. The answer is the invoice after the attempt:
    paid, open with `last_payment_error`, or open with a pending settlement."""
    return await pay(
        request,
        principal,
        invoice_id,
        body.payment_method,
        lambda invoice, ctx: InvoiceOut.of(invoice, ctx.links),
    )


async def pay(
    request: Request,
    principal: Principal,
    invoice_id: str,
    payment_method: str | None,
    present: operations.Present[Invoice],
    style: operations.IdempotencyStyle = operations.NATIVE,
) -> Response:
    """The pay operation, for remit's API and the dialects': start the charge (one
    transaction), ask the processor (none open), record its answer (one transaction)."""
    replay = await operations.stored_response(request, principal, style)
    if replay is not None:
        return replay
    runtime = runtime_of(request)
    async with operations.transaction(request, principal) as ctx:
        charge = await charges.begin(
            ctx, runtime.processors, invoice_id, payment_method_id=payment_method
        )
    assert isinstance(charge, charges.Charge)  # API charges raise instead of skipping
    result = await call_processor(runtime, charge)

    async def finish(ctx):  # type: ignore[no-untyped-def]
        if result is None:  # the processor's answer is unknown: the worker will ask again
            return await InvoiceRepository(ctx).get(invoice_id)
        return await charges.complete(ctx, charge.settlement_id, result)

    return await operations.write(request, principal, finish, present, style=style)
