"""`/v1/invoices`: thin handlers — parse, call the service, present."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any, get_args

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import authorize, require, throttle_public
from remit.api.lists import Expansion, ListOut, expand_params, page_params
from remit.api.routing import RemitRoute
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.context import Context
from remit.customers.models import Customer
from remit.customers.repository import CustomerRepository
from remit.invoices import changes, public, service, transitions
from remit.invoices.filters import InvoiceFilters, Range
from remit.invoices.lifecycle import Status
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.invoices.schemas import CollectionMethod, InvoiceCreate, InvoiceOut, InvoiceUpdate
from remit.kernel.currencies import UnknownCurrency, normalize_currency
from remit.kernel.fields import Timestamp
from remit.kernel.ids import is_id
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import FieldError, ValidationFailed

router = APIRouter(prefix="/v1/invoices", tags=["invoices"], route_class=RemitRoute)


def _present(invoice: Invoice, ctx: Context) -> InvoiceOut:
    return changes.present(ctx, invoice)


def _range(name: str) -> Any:
    def bounds(
        gte: Timestamp | None = Query(None, alias=f"{name}[gte]"),
        gt: Timestamp | None = Query(None, alias=f"{name}[gt]"),
        lte: Timestamp | None = Query(None, alias=f"{name}[lte]"),
        lt: Timestamp | None = Query(None, alias=f"{name}[lt]"),
    ) -> Range:
        return Range(gte, gt, lte, lt)

    return bounds


def invoice_filters(
    status: list[str] | None = Query(None, description="One or more statuses."),
    customer: str | None = Query(None, max_length=64),
    subscription: str | None = Query(None, max_length=64),
    currency: str | None = Query(None, max_length=8),
    number: str | None = Query(None, max_length=100),
    created: Range = Depends(_range("created")),
    due_at: Range = Depends(_range("due_at")),
    collection_method: list[str] | None = Query(None, description="One or both methods."),
    product: list[str] | None = Query(None, description="Invoices for plans of these products."),
) -> InvoiceFilters:
    errors = [
        FieldError("status", f"unknown status '{value}'", "invalid_choice")
        for value in status or ()
        if value not in Status.__members__.values()
    ] + [
        FieldError("collection_method", f"unknown collection method '{value}'", "invalid_choice")
        for value in collection_method or ()
        if value not in get_args(CollectionMethod)
    ]
    try:
        currency = normalize_currency(currency) if currency else None
    except UnknownCurrency:
        errors.append(FieldError("currency", f"unknown currency {currency}", "invalid_currency"))
    if errors:
        raise ValidationFailed("Invalid list filters.", errors=errors)
    return InvoiceFilters(
        tuple(status or ()), customer, subscription, currency, number, created, due_at,
        tuple(collection_method or ()), tuple(product or ()),
    )  # fmt: skip


@router.post("", status_code=201, response_model=InvoiceOut)
async def create_invoice(
    body: InvoiceCreate, request: Request, principal: Principal = require("invoices:write")
) -> Response:
    return await operations.write(
        request, principal, lambda ctx: service.create_invoice(ctx, body), _present, status_code=201
    )


@router.get("", response_model=ListOut[InvoiceOut])
async def list_invoices(
    request: Request,
    principal: Principal = require("invoices:read"),
    page: PageRequest = Depends(page_params("inv")),
    filters: InvoiceFilters = Depends(invoice_filters),
    expand: Expansion = Depends(expand_params(customer="customers:read")),
) -> Response:
    expanded = expand.allowed(principal)

    async def query(ctx: Context) -> tuple[Page[Invoice], dict[str, Customer]]:
        found = await InvoiceRepository(ctx).list(page, filters)
        return found, await _customers(ctx, found.items, expanded)

    return await operations.read(
        request,
        principal,
        query,
        lambda result, ctx: ListOut[InvoiceOut].of(
            result[0], lambda i: InvoiceOut.of(i, ctx.links, result[1].get(i.customer_id))
        ),
    )


@router.get(
    "/{invoice_id}",
    response_model=InvoiceOut,
    description="An invoice by id (API key with invoices:read), or by its `public_token` "
    "without any credential (read-only).",
)
async def get_invoice(
    invoice_id: str,
    request: Request,
    expand: Expansion = Depends(expand_params(customer="customers:read")),
) -> Response:
    if not is_id(invoice_id, "inv") and "." in invoice_id:  # a public token (SPEC §5)
        return await public_invoice_json(request, invoice_id)
    principal = await authorize(request, "invoices:read")
    expanded = expand.allowed(principal)

    async def query(ctx: Context) -> tuple[Invoice, dict[str, Customer]]:
        invoice = await InvoiceRepository(ctx).get(invoice_id)
        return invoice, await _customers(ctx, [invoice], expanded)

    return await operations.read(
        request,
        principal,
        query,
        lambda result, ctx: InvoiceOut.of(
            result[0], ctx.links, result[1].get(result[0].customer_id)
        ),
    )


async def _customers(
    ctx: Context, invoices: Iterable[Invoice], expand: frozenset[str]
) -> dict[str, Customer]:
    """The invoices' customers in one query, when `expand[]=customer` asks for them."""
    if "customer" not in expand:
        return {}
    return await CustomerRepository(ctx).by_ids({invoice.customer_id for invoice in invoices})


@router.patch("/{invoice_id}", response_model=InvoiceOut)
async def update_invoice(
    invoice_id: str,
    body: InvoiceUpdate,
    request: Request,
    principal: Principal = require("invoices:write"),
) -> Response:
    return await operations.write(
        request, principal, lambda ctx: service.update_invoice(ctx, invoice_id, body), _present
    )


@router.delete("/{invoice_id}", status_code=204)
async def delete_invoice(
    invoice_id: str, request: Request, principal: Principal = require("invoices:write")
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.delete_invoice(ctx, invoice_id),
        lambda _result, _ctx: None,
        status_code=204,
    )


def _action(
    path: str, use_case: Callable[[Context, str], Awaitable[Invoice]], summary: str
) -> None:
    async def handler(
        invoice_id: str, request: Request, principal: Principal = require("invoices:write")
    ) -> Response:
        return await operations.write(
            request, principal, lambda ctx: use_case(ctx, invoice_id), _present
        )

    handler.__name__ = f"{path}_invoice"
    router.add_api_route(
        f"/{{invoice_id}}/{path}",
        handler,
        methods=["POST"],
        response_model=InvoiceOut,
        summary=summary,
    )


# POST /{invoice_id}/finalize is einvoicing.endpoints' route: it takes `require_einvoice`, and
# einvoicing sits above invoices.
_action("void", transitions.void_invoice, "Void an open, past-due or uncollectible invoice")
_action("mark_uncollectible", transitions.mark_uncollectible, "Mark an open invoice uncollectible")
_action("reopen", transitions.reopen_invoice, "Reopen an uncollectible invoice for collection")
_action("expire", transitions.expire_invoice, "Stop accepting payment now: the invoice expires")


async def public_invoice_json(request: Request, token: str) -> Response:
    """`GET /v1/invoices/{token}` without credentials: the invoice, read-only."""
    throttle_public(request)
    runtime = runtime_of(request)
    found = await public.load(runtime, token)
    body = InvoiceOut.of(found.invoice, runtime.links)
    return Response(body.__pydantic_serializer__.to_json(body), media_type="application/json")
