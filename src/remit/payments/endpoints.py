"""`/v1/customers/{id}/payment_methods` and `/v1/payment_methods/{id}`."""

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
from remit.context import Context
from remit.customers.repository import CustomerRepository
from remit.kernel.pagination import Page, PageRequest
from remit.payments import service
from remit.payments.models import PaymentMethod
from remit.payments.repository import PaymentMethodRepository
from remit.payments.schemas import PaymentMethodCreate, PaymentMethodOut

router = APIRouter(tags=["payments"], route_class=RemitRoute)
METHODS = "/v1/customers/{customer_id}/payment_methods"


# A payment method and its customer's default method's id (the answer says if it is that one).
WithDefault = tuple[PaymentMethod, str | None]


async def _with_default(ctx: Context, method: PaymentMethod) -> WithDefault:
    customer = await CustomerRepository(ctx).get_including_deleted(method.customer_id)
    return method, customer.default_payment_method


def _present(found: WithDefault, _ctx: Context) -> PaymentMethodOut:
    return PaymentMethodOut.of(*found)


@router.post(METHODS, status_code=201, response_model=PaymentMethodOut)
async def attach_payment_method(
    customer_id: str,
    body: PaymentMethodCreate,
    request: Request,
    principal: Principal = require("customers:write"),
) -> Response:
    processors = runtime_of(request).processors

    async def attach(ctx: Context) -> WithDefault:
        return await _with_default(ctx, await service.attach(ctx, processors, customer_id, body))

    return await operations.write(request, principal, attach, _present, status_code=201)


@router.get(METHODS, response_model=ListOut[PaymentMethodOut])
async def list_payment_methods(
    customer_id: str,
    request: Request,
    principal: Principal = require("customers:read"),
    page: PageRequest = Depends(page_params("pm")),
) -> Response:
    async def query(ctx: Context) -> tuple[Page[PaymentMethod], str | None]:
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
    async def query(ctx: Context) -> WithDefault:
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
