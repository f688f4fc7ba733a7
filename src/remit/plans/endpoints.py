"""`/v1/products` and `/v1/plans`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.kernel.pagination import PageRequest
from remit.plans import service
from remit.plans.repository import PlanRepository, ProductRepository
from remit.plans.schemas import (
    PlanCreate,
    PlanOut,
    PlanUpdate,
    ProductCreate,
    ProductOut,
    ProductUpdate,
)

router = APIRouter(tags=["catalog"], route_class=RemitRoute)


@router.post("/v1/products", status_code=201, response_model=ProductOut)
async def create_product(
    body: ProductCreate, request: Request, principal: Principal = require("products:write")
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.create_product(ctx, body),
        lambda product, _: ProductOut.of(product),
        status_code=201,
    )


@router.get("/v1/products", response_model=ListOut[ProductOut])
async def list_products(
    request: Request,
    principal: Principal = require("products:read"),
    page: PageRequest = Depends(page_params("prod")),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: ProductRepository(ctx).list(page),
        lambda found, _: ListOut[ProductOut].of(found, ProductOut.of),
    )


@router.get("/v1/products/{product_id}", response_model=ProductOut)
async def get_product(
    product_id: str, request: Request, principal: Principal = require("products:read")
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: ProductRepository(ctx).get(product_id),
        lambda product, _: ProductOut.of(product),
    )


@router.post("/v1/plans", status_code=201, response_model=PlanOut)
async def create_plan(
    body: PlanCreate, request: Request, principal: Principal = require("plans:write")
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.create_plan(ctx, body),
        lambda plan, _: PlanOut.of(plan),
        status_code=201,
    )


@router.get("/v1/plans", response_model=ListOut[PlanOut])
async def list_plans(
    request: Request,
    principal: Principal = require("plans:read"),
    page: PageRequest = Depends(page_params("plan")),
    product: str | None = Query(None, max_length=64),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: PlanRepository(ctx).list(page, product=product),
        lambda found, _: ListOut[PlanOut].of(found, PlanOut.of),
    )


@router.get("/v1/plans/{plan_id}", response_model=PlanOut)
async def get_plan(
    plan_id: str, request: Request, principal: Principal = require("plans:read")
) -> Response:
    return await operations.read(
        request, principal, lambda ctx: PlanRepository(ctx).get(plan_id), lambda p, _: PlanOut.of(p)
    )


@router.patch("/v1/products/{product_id}", response_model=ProductOut)
async def update_product(
    product_id: str,
    body: ProductUpdate,
    request: Request,
    principal: Principal = require("products:write"),
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.update_product(ctx, product_id, body),
        lambda product, _: ProductOut.of(product),
    )


@router.patch("/v1/plans/{plan_id}", response_model=PlanOut)
async def update_plan(
    plan_id: str, body: PlanUpdate, request: Request, principal: Principal = require("plans:write")
) -> Response:
    """A plan's nickname, `active` and metadata; its price never changes (a new price is a new
    plan, so invoices already billed keep theirs)."""
    return await operations.write(
        request,
        principal,
        lambda ctx: service.update_plan(ctx, plan_id, body),
        lambda plan, _: PlanOut.of(plan),
    )
