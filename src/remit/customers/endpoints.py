"""`/v1/customers`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.context import Context
from remit.customers import service
from remit.customers.models import Customer
from remit.customers.repository import CustomerRepository
from remit.customers.schemas import CustomerCreate, CustomerOut, CustomerUpdate
from remit.kernel.pagination import PageRequest

router = APIRouter(prefix="/v1/customers", tags=["customers"], route_class=RemitRoute)


def _present(customer: Customer, _ctx: Context) -> CustomerOut:
    return CustomerOut.of(customer)


@router.post("", status_code=201, response_model=CustomerOut)
async def create_customer(
    body: CustomerCreate, request: Request, principal: Principal = require("customers:write")
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.create_customer(ctx, body),
        _present,
        status_code=201,
    )


@router.get("", response_model=ListOut[CustomerOut])
async def list_customers(
    request: Request,
    principal: Principal = require("customers:read"),
    page: PageRequest = Depends(page_params("cus")),
    email: str | None = Query(None, max_length=320),
    handle: str | None = Query(None, max_length=255),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: CustomerRepository(ctx).list(page, email=email, handle=handle),
        lambda found, _: ListOut[CustomerOut].of(found, CustomerOut.of),
    )


@router.get("/{customer_id}", response_model=CustomerOut)
async def get_customer(
    customer_id: str, request: Request, principal: Principal = require("customers:read")
) -> Response:
    return await operations.read(
        request, principal, lambda ctx: CustomerRepository(ctx).get(customer_id), _present
    )


@router.patch("/{customer_id}", response_model=CustomerOut)
async def update_customer(
    customer_id: str,
    body: CustomerUpdate,
    request: Request,
    principal: Principal = require("customers:write"),
) -> Response:
    return await operations.write(
        request, principal, lambda ctx: service.update_customer(ctx, customer_id, body), _present
    )


@router.delete("/{customer_id}", status_code=204)
async def delete_customer(
    customer_id: str, request: Request, principal: Principal = require("customers:write")
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.delete_customer(ctx, customer_id),
        lambda _result, _ctx: None,
        status_code=204,
    )
