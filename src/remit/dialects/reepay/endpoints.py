"""`/reepay/v1/…`: Reepay's customer, invoice and settle routes over remit's services.

Each handler authenticates Reepay's Basic key, reads Reepay's body, calls the same services
as remit's own routes, in the same transactions, and answers with Reepay's objects. Errors
become Reepay's body and codes in `ReepayRoute`. Reepay has no idempotency header: the
invoice handle, unique per account, is the key (a second create is code 11).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from remit.accounts.service import get_account
from remit.api import operations
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.collection import flow
from remit.collection import settle as settling
from remit.collection.charges import Options
from remit.collection.endpoints import charge_response
from remit.context import Context
from remit.credit_notes import service as credit_notes
from remit.customers import service as customers
from remit.customers.models import Customer
from remit.customers.schemas import CustomerCreate, CustomerOut
from remit.dialects import reading
from remit.dialects.common import DialectRoute, native, scoped
from remit.dialects.reepay import auth, mapping
from remit.dialects.reepay.errors import ReepayError, error_response, invalid, translate
from remit.dialects.validation import validated
from remit.invoices import service, transitions
from remit.invoices.filters import InvoiceFilters, Range
from remit.invoices.models import Invoice
from remit.invoices.schemas import InvoiceCreate, InvoiceOut
from remit.kernel import jsonio
from remit.kernel.currencies import UnknownCurrency, normalize_currency
from remit.kernel.fields import HANDLE_PATTERN
from remit.kernel.ids import is_id
from remit.kernel.pagination import PageRequest
from remit.payments import service as payments
from remit.payments.schemas import PaymentMethodCreate, PaymentMethodOut
from remit.refunds import service as refunds
from remit.settlements import service as settlements
from remit.settlements.schemas import SettlementCreate

# Reepay sends no idempotency header; a client may still send remit's own.
IDEMPOTENCY = operations.IdempotencyStyle(prefix="reepay:")
_HANDLE = re.compile(HANDLE_PATTERN)


class ReepayRoute(DialectRoute):
    """Answers every error of the route in Reepay's error body, with Reepay's code."""

    error_type = ReepayError
    render = staticmethod(error_response)
    translate = staticmethod(translate)


router = APIRouter(prefix="/reepay/v1", route_class=ReepayRoute, include_in_schema=False)


def keyed(scope: str) -> Any:
    return scoped(auth.authenticate, scope)


async def body_of(request: Request) -> dict[str, Any]:
    try:
        return reading.json_object(await request.body())
    except reading.MalformedBody:
        raise ReepayError(1, "The request body is not JSON.") from None
    except reading.Unreadable:
        raise ReepayError(1, "The request body is not a JSON object.") from None


model = validated  # remit's field errors become Reepay's code 1


def ok(document: Any, _ctx: Context | None = None) -> bytes:
    return jsonio.dumps(document)


def object_param(body: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = body.get(name)
    if value is not None and not isinstance(value, dict):
        raise invalid(name, "an object")
    return value


def currency_of(value: Any) -> str:
    try:
        return normalize_currency(str(value))
    except UnknownCurrency:
        raise invalid("currency", "an ISO 4217 currency code") from None


# — finding objects by Reepay's names —


async def find_customer(ctx: Context, handle: str) -> Customer:
    """A customer by handle; customers made without one answer to their `cus_` id."""
    found = await customers.find_by_handle(ctx, handle)
    if found is None and is_id(handle, "cus"):
        found = await customers.find_customer(ctx, handle)
    if found is None:
        raise ReepayError(9, f"No customer with handle '{handle[:255]}'.")
    return found


async def find_invoice(ctx: Context, reference: str) -> Invoice:
    """An invoice by id or by handle."""
    found = await service.find_invoice(ctx, reference) if is_id(reference, "inv") else None
    found = found or await service.find_by_handle(ctx, reference)
    if found is None:
        raise ReepayError(31, f"No invoice with id or handle '{reference[:255]}'.")
    return found


async def present_invoice(ctx: Context, invoice: Invoice) -> dict[str, Any]:
    return (await present_invoices(ctx, [invoice]))[0]


async def present_invoices(ctx: Context, invoices: list[Invoice]) -> list[dict[str, Any]]:
    """The invoices with their transactions and credit notes, read in one statement per
    kind for them all; refunds only of invoices that took money, notes only of those that
    have some."""
    found = await settlements.of_invoices(ctx, [invoice.id for invoice in invoices])
    paid = [key for key, items in found.items() if any(s.status == "confirmed" for s in items)]
    given_back = await refunds.of_invoices(ctx, paid) if paid else {}
    credited = [invoice.id for invoice in invoices if invoice.credit_note_ids]
    notes = await credit_notes.issued_of_invoices(ctx, credited) if credited else {}
    return [
        mapping.invoice(
            native(InvoiceOut.of(invoice, ctx.links)),
            found[invoice.id],
            given_back.get(invoice.id, ()),
            notes.get(invoice.id, ()),
        )
        for invoice in invoices
    ]


# — customers and their cards —


def _customer_fields(body: dict[str, Any], generate: bool) -> dict[str, Any]:
    names = [body.get("first_name"), body.get("last_name")]
    keys = ("company", "address", "address2", "city", "postal_code", "country")
    address = mapping.address_in({key: body.get(key) for key in keys}, "address")
    fields = {
        "handle": body.get("handle"),
        "email": body.get("email"),
        "phone": body.get("phone"),
        "tax_id": body.get("vat"),
        "name": " ".join(str(part) for part in names if part) or None,
        "billing_address": address or None,
        "metadata": object_param(body, "metadata") or {},
        "generate_handle": generate or None,
    }
    if generate:
        fields["handle"] = None
    return {key: value for key, value in fields.items() if value is not None}


@router.post("/customer")
async def create_customer(
    request: Request, principal: Principal = keyed("customers:write")
) -> Response:
    body = await body_of(request)
    generate = body.get("generate_handle") is True
    if not generate and not isinstance(body.get("handle"), str):
        raise invalid("handle", "given, or generate_handle true")
    data = model(CustomerCreate, _customer_fields(body, generate))

    async def create(ctx: Context) -> dict[str, Any]:
        customer = await customers.create_customer(ctx, data)
        return mapping.customer(native(CustomerOut.of(customer)))

    return await operations.write(request, principal, create, ok, style=IDEMPOTENCY)


@router.get("/customer/{handle}")
async def get_customer(
    handle: str, request: Request, principal: Principal = keyed("customers:read")
) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        return mapping.customer(native(CustomerOut.of(await find_customer(ctx, handle))))

    return await operations.read(request, principal, query, ok)


@router.post("/customer/{handle}/payment_method")
async def add_payment_method(
    handle: str, request: Request, principal: Principal = keyed("customers:write")
) -> Response:
    """A card from a token (`source`): the simulator's `tok_visa`, `tok_chargeDeclined`, …"""
    body = await body_of(request)
    source = mapping.text(body, "source")
    if not source:
        raise invalid("source", "a card token (simulator: tok_visa, tok_chargeDeclined, …)")
    data = model(PaymentMethodCreate, {"type": "card", "token": source, "is_default": True})
    processors = runtime_of(request).processors

    async def attach(ctx: Context) -> dict[str, Any]:
        customer = await find_customer(ctx, handle)
        method = await payments.attach(ctx, processors, customer.id, data)
        out = native(PaymentMethodOut.of(method, method.id))
        return mapping.payment_method(out, customer.handle or customer.id)

    return await operations.write(request, principal, attach, ok, style=IDEMPOTENCY)


@router.get("/customer/{handle}/payment_method")
async def list_payment_methods(
    handle: str, request: Request, principal: Principal = keyed("customers:read")
) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        customer = await find_customer(ctx, handle)
        found = await payments.methods_of(ctx, customer.id)
        name = customer.handle or customer.id
        cards = [mapping.payment_method(native(PaymentMethodOut.of(m, None)), name)
                 for m in found]  # fmt: skip
        return {"cards": cards, "mps": [], "vipps": []}

    return await operations.read(request, principal, query, ok)


# — invoices —


def _settle_method(settle: dict[str, Any]) -> str | None:
    """The method a settle names: `ca_…`, `auto` (the customer's newest) or none (the
    customer's default)."""
    reference = settle.get("payment_method")
    if reference is None or reference == "auto":
        return reference
    if not isinstance(reference, str):
        raise ReepayError(40, "payment_method: a card id (ca_…) or auto.")
    return mapping.method_id(reference)


def _invoice_fields(body: dict[str, Any], customer: Customer, currency: str) -> dict[str, Any]:
    handle = body.get("handle")
    if not isinstance(handle, str) or not _HANDLE.fullmatch(handle):
        raise invalid("handle", "1–255 characters of a-z A-Z 0-9 _ . - @")
    fields: dict[str, Any] = {
        "customer": customer.id,
        "handle": handle,
        "currency": currency,
        "collection_method": "send_invoice",
        "status": "open",
        "lines": mapping.order_lines(body.get("order_lines"), currency),
        "metadata": object_param(body, "metadata") or {},
    }
    for name in ("billing_address", "shipping_address"):
        address = mapping.address_in(body.get(name), name)
        if address:
            fields[name] = address
    return fields


def _manual_settlement(body: dict[str, Any], name: str) -> SettlementCreate:
    method = body.get("method")
    if method not in mapping.MANUAL_METHODS:
        raise invalid(f"{name}.method", "cash, bank_transfer, check or other")
    if body.get("payment_date") is None:
        raise invalid(f"{name}.payment_date", "given")
    fields = {
        "method": method,
        "recorded_at": mapping.moment(body["payment_date"], f"{name}.payment_date"),
        "description": mapping.text(body, "comment", 500) or None,
    }
    reference = mapping.text(body, "reference")
    if reference:
        fields["reference"] = reference
    return model(SettlementCreate, fields)


async def _create(ctx: Context, customer_handle: str, body: dict[str, Any]) -> Invoice:
    customer = await find_customer(ctx, customer_handle)
    currency = body.get("currency")
    currency = currency_of(currency) if currency else (await get_account(ctx)).default_currency
    data = model(InvoiceCreate, _invoice_fields(body, customer, currency))
    invoice = await service.create_invoice(ctx, data)
    if invoice.total == 0:
        raise ReepayError(145, "The order lines add up to zero.")
    return invoice


@router.post("/customer/{handle}/invoice")
async def create_invoice(
    handle: str, request: Request, principal: Principal = keyed("invoices:write")
) -> Response:
    body = await body_of(request)
    settle, transfer = object_param(body, "settle"), object_param(body, "manual_transfer")
    if settle is not None and transfer is not None:
        raise invalid("settle", "absent when manual_transfer is given")
    if settle is not None:
        method = _settle_method(settle)
        _check_due(settle)
        return await _charge(request, principal, lambda ctx: _create(ctx, handle, body), method)
    manual = _manual_settlement(transfer, "manual_transfer") if transfer is not None else None

    async def create(ctx: Context) -> dict[str, Any]:
        invoice = await _create(ctx, handle, body)
        if manual is not None:
            await settling.record_settlement(ctx, invoice.id, manual)
        return await present_invoice(ctx, invoice)

    return await operations.write(request, principal, create, ok, style=IDEMPOTENCY)


def _check_due(settle: dict[str, Any]) -> None:
    if settle.get("due") is not None:
        raise invalid("settle.due", "absent: remit settles at once, it schedules no settle")


async def _charge(
    request: Request,
    principal: Principal,
    prepare: Callable[[Context], Awaitable[Invoice]],
    method: str | None,
) -> Response:
    """Settle with a card, through the core's charge flow: the invoice (made or found by
    `prepare`) is charged in the flow's first transaction. A declined one-off invoice ends
    `failed` (uncollectible); one whose outcome is pending stays `pending` with a processing
    transaction."""

    async def target(ctx: Context) -> flow.Target:
        return flow.Target((await prepare(ctx)).id)

    options = Options(method, failure_action="mark_uncollectible")
    return await charge_response(request, principal, target, options, _present, IDEMPOTENCY)


async def _present(invoice: Invoice, ctx: Context) -> bytes:
    return ok(await present_invoice(ctx, invoice))


@router.get("/invoice/{reference}")
async def get_invoice(
    reference: str, request: Request, principal: Principal = keyed("invoices:read")
) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        return await present_invoice(ctx, await find_invoice(ctx, reference))

    return await operations.read(request, principal, query, ok)


@router.post("/invoice/{reference}/settle")
async def settle_invoice(
    reference: str, request: Request, principal: Principal = keyed("invoices:write")
) -> Response:
    body = await body_of(request)
    method = _settle_method(body)
    _check_due(body)
    return await _charge(request, principal, lambda ctx: find_invoice(ctx, reference), method)


@router.post("/invoice/{reference}/manual_settle")
async def manual_settle_invoice(
    reference: str, request: Request, principal: Principal = keyed("invoices:write")
) -> Response:
    data = _manual_settlement(await body_of(request), "body")

    async def manual(ctx: Context) -> dict[str, Any]:
        invoice = await find_invoice(ctx, reference)
        recorded = await settling.record_settlement(ctx, invoice.id, data)
        if recorded.replayed:  # Reepay answers a settle repeated as a settled invoice
            raise ReepayError(79, f"Invoice {invoice.id} is settled by this transaction already.")
        return await present_invoice(ctx, invoice)

    return await operations.write(request, principal, manual, ok, style=IDEMPOTENCY)


def _transition(
    path: str, use_case: Callable[[Context, str], Awaitable[Invoice]], name: str
) -> None:
    async def handler(
        reference: str, request: Request, principal: Principal = keyed("invoices:write")
    ) -> Response:
        async def act(ctx: Context) -> dict[str, Any]:
            invoice = await use_case(ctx, (await find_invoice(ctx, reference)).id)
            return await present_invoice(ctx, invoice)

        return await operations.write(request, principal, act, ok, style=IDEMPOTENCY)

    handler.__name__ = name
    router.add_api_route(f"/invoice/{{reference}}/{path}", handler, methods=["POST"], name=name)


_transition("cancel", transitions.void_invoice, "cancel_invoice")
_transition("fail", transitions.mark_uncollectible, "fail_invoice")
_transition("reactivate", transitions.reopen_invoice, "reactivate_invoice")


# — lists —


def _bounded(params: Any, name: str, default: int, low: int, high: int) -> int:
    try:
        found = reading.whole_number(params.get(name), low, high)
    except reading.Unreadable as exc:
        raise invalid(name, exc.expected) from None
    return default if found is None else found


def _states(values: list[str]) -> tuple[str, ...]:
    statuses: tuple[str, ...] = ()
    for state in values:
        if state not in mapping.STATUSES:
            raise invalid("state", f"one of {', '.join(mapping.STATUSES)}")
        statuses += mapping.STATUSES[state]
    return statuses


def _search_filters(search: str) -> InvoiceFilters:
    """Reepay's `search` as far as remit filters: empty, or `state:<state>`."""
    if not search:
        return InvoiceFilters()
    name, _, value = search.partition(":")
    if name != "state":
        raise invalid("search", "empty or state:<state>")
    return InvoiceFilters(status=_states([value]))


@router.get("/invoice")
async def list_invoices_by_page(
    request: Request, principal: Principal = keyed("invoices:read")
) -> Response:
    params = request.query_params
    number = _bounded(params, "page", 1, 1, 1_000_000)
    size = _bounded(params, "size", 20, 1, 100)
    search, sort = params.get("search") or "", params.get("sort") or "-created"
    if sort != "-created":
        raise invalid("sort", "-created (newest first)")
    filters = _search_filters(search)

    async def query(ctx: Context) -> dict[str, Any]:
        found, total = await service.numbered_page(ctx, filters, number, size)
        return {
            "page": number, "size": size, "count": len(found), "search": search, "sort": sort,
            "content": await present_invoices(ctx, found), "total_elements": total,
            "total_pages": -(-total // size),
        }  # fmt: skip

    return await operations.read(request, principal, query, ok)


def _created_range(params: Any) -> Range:
    if (params.get("range") or "created") != "created":
        raise invalid("range", "created")
    bounds = {}
    for name, bound in (("from", "gte"), ("to", "lt")):
        if params.get(name):
            bounds[bound] = mapping.moment(params[name], name)
    return Range(**bounds)


@router.get("/list/invoice")
async def list_invoices(
    request: Request, principal: Principal = keyed("invoices:read")
) -> Response:
    params = request.query_params
    size = _bounded(params, "size", 20, 1, 100)
    token = params.get("next_page_token") or None
    currency = currency_of(params["currency"]) if params.get("currency") else None
    statuses = _states(params.getlist("state"))
    created = _created_range(params)

    async def query(ctx: Context) -> dict[str, Any]:
        customer = None
        if params.get("customer"):
            customer = (await find_customer(ctx, params["customer"])).id
        filters = InvoiceFilters(status=statuses, customer=customer, currency=currency,
                                 handle=params.get("handle") or None, created=created)  # fmt: skip
        page = await service.list_invoices(ctx, PageRequest(size, token), filters)
        document = {
            "size": size, "count": len(page.items), "from": params.get("from"),
            "to": params.get("to"), "range": "created",
            "content": await present_invoices(ctx, page.items),
        }  # fmt: skip
        if page.next_cursor:
            document["next_page_token"] = page.next_cursor
        return document

    return await operations.read(request, principal, query, ok)


@router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
async def unknown_route(path: str, request: Request) -> Response:
    raise ReepayError(8, f"remit's Reepay API does not serve /v1/{path[:100]}.")
