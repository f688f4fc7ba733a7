"""`/whop/api/v1/invoices…`: Whop's invoice routes over remit's services.

Each handler authenticates the bearer key, checks the Whop permissions of its endpoint,
reads Whop's body (either SDK generation's), calls the same services as remit's own routes in
one transaction (Idempotency-Key as natively) and answers with Whop's object, or `true` for
the actions. Errors become Whop's statuses in `WhopRoute`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import throttle_public
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.collection import settle
from remit.context import Context
from remit.customers import service as customers
from remit.customers.schemas import CustomerCreate
from remit.dialects import reading
from remit.dialects.common import DialectRoute
from remit.dialects.validation import validated
from remit.dialects.whop import auth, listing, mapping, requests
from remit.dialects.whop.auth import CREATE, READ, UPDATE, permitted
from remit.dialects.whop.errors import WhopError, error_response, invalid, translate
from remit.dialects.whop.mapping import given, text
from remit.invoices import public, rules, service, transitions
from remit.invoices.models import Invoice
from remit.invoices.schemas import InvoiceCreate, InvoiceOut, InvoiceUpdate
from remit.invoices.totals import LineInput
from remit.kernel import jsonio
from remit.payments import service as payments
from remit.payments.schemas import PaymentMethodCreate
from remit.plans import service as catalog
from remit.plans.schemas import PlanCreate, ProductCreate


class WhopRoute(DialectRoute):
    """Answers every error of the route with Whop's status and remit's JSON error body."""

    error_type = WhopError
    render = staticmethod(lambda _request, error: error_response(error))
    translate = staticmethod(lambda _operation, problem: translate(problem))


router = APIRouter(prefix="/whop/api/v1", route_class=WhopRoute, include_in_schema=False)
TRUE = b"true"


async def body_of(request: Request) -> dict[str, Any]:
    try:
        return reading.json_object(await request.body())
    except reading.MalformedBody:
        raise WhopError("The request body is not valid JSON.", 400, code="malformed_json") from None
    except reading.Unreadable:
        raise invalid("body", "a JSON object") from None


model = validated  # remit's field errors become Whop's 400 in WhopRoute


def invoice_id_of(whop_id: str) -> str:
    return mapping.to_remit(whop_id, "inv")


async def whop_invoice(ctx: Context, invoice: Invoice) -> dict[str, Any]:
    """The invoice as Whop shows it, with its customer's name and e-mail."""
    customer = await customers.customer_of_record(ctx, invoice.customer_id)
    native = InvoiceOut.of(invoice, ctx.links, customer).model_dump(mode="json")
    return mapping.invoice(native, ctx.account_id)


def ok(document: Any, _ctx: Context | None = None) -> bytes:
    return jsonio.dumps(document)


# — create —


async def _customer_id(ctx: Context, body: dict[str, Any]) -> str:
    """`member_id`, or the customer with `email_address` (made, with `customer_name`, if new)."""
    if requests.exactly_one(body, "member_id", "email_address") == "member_id":
        member = mapping.to_remit(str(body["member_id"]), "mber")
        return (await customers.get_customer(ctx, member, param="member_id")).id
    email = text(body, "email_address", 320) or ""
    name = text(body, "customer_name")
    if name is not None:
        wanted = model(CustomerCreate, {"email": email, "name": name})
        return (await customers.find_or_create_by_email(ctx, wanted))[0].id
    found = await customers.find_by_email(ctx, email)
    if found is not None:
        return found.id
    if name is None:
        raise WhopError(
            f"No member has the e-mail address '{email}': send 'customer_name' to invoice a new "
            "customer.",
            400,
            code="customer_name_required",
            param="customer_name",
        )


async def _product(ctx: Context, body: dict[str, Any]) -> tuple[str, str]:
    """(id, title) of `product_id`, or of the product made from `product {title}`."""
    if requests.exactly_one(body, "product", "product_id") == "product_id":
        product_id = mapping.to_remit(str(body["product_id"]), "prod")
        product = await catalog.get_product(ctx, product_id, param="product_id")
        return product.id, product.name
    spec = mapping.obj(body, "product") or {}
    title = text(spec, "title")
    if title is None:
        raise invalid("product.title", "the product's title")
    product = await catalog.create_product(ctx, model(ProductCreate, {"name": title}))
    return product.id, product.name


async def _payment_method(
    ctx: Context, request: Request, body: dict[str, Any], customer_id: str
) -> str | None:
    """`payment_method_id` (`pmt_X` or `pm_X`), or a processor token to attach
    (`payment_token_id`; simulator cards: tok_visa, …)."""
    if given(body, "payment_method_id"):
        return mapping.to_remit(str(text(body, "payment_method_id", 64)))
    token = text(body, "payment_token_id")
    if token is None:
        return None
    method = await payments.attach(
        ctx, runtime_of(request).processors, customer_id,
        model(PaymentMethodCreate, {"type": "card", "token": token}),
    )  # fmt: skip
    return method.id


def _check_collection(body: dict[str, Any]) -> str:
    method = body.get("collection_method") or "send_invoice"
    if method not in mapping.COLLECTION_METHODS:
        raise invalid("collection_method", "'send_invoice' or 'charge_automatically'")
    paying = given(body, "payment_method_id") or given(body, "payment_token_id")
    rules.require_payment_method(str(method), paying)
    return str(method)


def _lines(body: dict[str, Any], terms: requests.PlanTerms, product: tuple[str, str]) -> list:
    lines = requests.line_items(body)
    if lines is None:
        lines = [{"description": product[1], "unit_amount": terms.price}]
    else:
        inputs = [LineInput(line["quantity"], line["unit_amount"]) for line in lines]
        rules.require_lines_total(inputs, terms.price, terms.currency)
    return [{**line, "product": product[0]} for line in lines]


async def _create(ctx: Context, request: Request, body: dict[str, Any]) -> dict[str, Any]:
    collection = _check_collection(body)
    plan_spec = mapping.obj(body, "plan")
    if plan_spec is None:
        raise invalid("plan", "the plan's attributes (initial_price, plan_type, …)")
    terms = requests.plan_terms(plan_spec)
    address = requests.address_of(body)
    customer_id = await _customer_id(ctx, body)
    product = await _product(ctx, body)
    plan = await catalog.create_plan(ctx, model(PlanCreate, {
        "product": product[0], "amount": terms.amount, "currency": terms.currency,
        "interval": terms.interval, "interval_count": terms.interval_count,
        "trial_days": terms.trial_days, "nickname": terms.nickname,
    }))  # fmt: skip
    draft = body.get("save_as_draft") is True
    fields: dict[str, Any] = {
        "customer": customer_id, "currency": terms.currency, "plan": plan.id,
        "collection_method": collection, "lines": _lines(body, terms, product),
        "description": product[1], "status": "draft" if draft else "open",
        "payment_method": await _payment_method(ctx, request, body, customer_id),
        "due_at": requests.parse_time(body, "due_date"),
        "auto_finalize_at": requests.parse_time(body, "automatically_finalizes_at"),
        "charge_buyer_fee": mapping.boolean(body, "charge_buyer_fee") or False,
        "billing_address": address,
    }  # fmt: skip
    invoice = await service.create_invoice(ctx, model(InvoiceCreate, fields))
    return await whop_invoice(ctx, invoice)


@router.post("/invoices")
async def create_invoice(request: Request, principal: Principal = permitted(*CREATE)) -> Response:
    body = await body_of(request)
    requests.check_company(body.get("company_id"), "company_id", principal.account_id)
    requests.check_company(body.get("account_id"), "account_id", principal.account_id)
    return await operations.write(request, principal, lambda ctx: _create(ctx, request, body), ok)


# — list —


def _many(request: Request, name: str) -> list[str]:
    """An array parameter as Stainless (`name[]=a`) or Fern (`name=a`) sends it."""
    params = request.query_params
    return [value for key in (name, f"{name}[]") for value in params.getlist(key) if value]


def _choices(request: Request, name: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    values = _many(request, name)
    for value in values:
        if value not in allowed:
            raise invalid(name, f"one or more of {', '.join(allowed)}")
    return tuple(values)


def _count(request: Request, name: str) -> int | None:
    try:
        return reading.whole_number(request.query_params.get(name), 1, 100)
    except reading.Unreadable:
        raise invalid(name, "a whole number from 1 to 100") from None


def _cursor(request: Request, name: str) -> str | None:
    raw = request.query_params.get(name)
    return mapping.to_remit(raw, "inv") if raw else None


def _list_query(request: Request, principal: Principal) -> listing.Query:
    params = request.query_params
    for name in ("company_id", "account_id"):
        requests.check_company(params.get(name), name, principal.account_id)
    if (params.get("order") or "created_at") not in ("created_at", "id"):
        raise WhopError("remit orders invoices by creation only: send order=created_at or id.",
                        400, code="unsupported_parameter", param="order")  # fmt: skip
    direction = params.get("direction") or "desc"
    if direction not in ("asc", "desc"):
        raise invalid("direction", "'asc' or 'desc'")
    return listing.Query(
        statuses=_choices(request, "statuses", mapping.WHOP_STATUSES),
        collection_methods=_choices(request, "collection_methods", mapping.COLLECTION_METHODS),
        products=tuple(mapping.to_remit(p, "prod") for p in _many(request, "product_ids")),
        created_after=requests.parse_time(dict(params), "created_after"),
        created_before=requests.parse_time(dict(params), "created_before"),
        first=_count(request, "first"),
        last=_count(request, "last"),
        after=_cursor(request, "after"),
        before=_cursor(request, "before"),
        ascending=direction == "asc",
    )


@router.get("/invoices")
async def list_invoices(request: Request, principal: Principal = permitted(*READ)) -> Response:
    query = _list_query(request, principal)
    return await operations.read(request, principal, lambda ctx: listing.run(ctx, query), ok)


# — one invoice —


@router.get("/invoices/{invoice_id}")
async def retrieve_invoice(invoice_id: str, request: Request) -> Response:
    """By id (with a key), or by `fetch_invoice_token` without one (read-only, rate-limited)."""
    if "." in invoice_id:
        return await _by_token(request, invoice_id)
    principal = await auth.authorize(request, READ)
    remit_id = invoice_id_of(invoice_id)

    async def query(ctx: Context) -> dict[str, Any]:
        return await whop_invoice(ctx, await service.get_invoice(ctx, remit_id))

    return await operations.read(request, principal, query, ok)


async def _by_token(request: Request, token: str) -> Response:
    """`fetch_invoice_token`: the invoice without a key, as remit's public JSON shows it."""
    throttle_public(request)
    runtime = runtime_of(request)
    found = await public.load(runtime, token)
    native = InvoiceOut.of(found.invoice, runtime.links).model_dump(mode="json")
    shown = mapping.invoice(native, found.invoice.account_id)
    return Response(ok(shown), media_type="application/json")


def _update_fields(body: dict[str, Any]) -> dict[str, Any]:
    for name in ("plan", "product_id", "email_address", "customer_name",
                 "subscription_billing_anchor_at"):  # fmt: skip
        if given(body, name):
            raise WhopError(
                f"remit cannot change '{name}' of a draft; delete the draft and create another.",
                400, code="unsupported_parameter", param=name,
            )  # fmt: skip
    fields: dict[str, Any] = {}
    if given(body, "member_id"):
        fields["customer"] = mapping.to_remit(str(body["member_id"]), "mber")
    if given(body, "payment_method_id"):
        fields["payment_method"] = mapping.to_remit(str(body["payment_method_id"]))
    simple = {"collection_method": "collection_method", "charge_buyer_fee": "charge_buyer_fee",
              "due_date": "due_at", "automatically_finalizes_at": "auto_finalize_at"}  # fmt: skip
    for whop, remit in simple.items():
        if body.get(whop) is not None:
            fields[remit] = body[whop]
    address = requests.address_of(body)
    if address is not None:
        fields["billing_address"] = address
    lines = requests.line_items(body)
    if lines is not None:
        fields["lines"] = lines
    return fields


@router.patch("/invoices/{invoice_id}")
async def update_invoice(
    invoice_id: str, request: Request, principal: Principal = permitted(*UPDATE)
) -> Response:
    remit_id = invoice_id_of(invoice_id)
    fields = _update_fields(await body_of(request))
    model(InvoiceUpdate, fields)  # bad fields are 400 before the invoice is read

    async def update(ctx: Context) -> dict[str, Any]:
        if "lines" in fields:  # new line items still bill the invoice's product
            current = (await service.get_invoice(ctx, remit_id)).lines
            product = current[0].product_id if current else None
            fields["lines"] = [{**line, "product": product} for line in fields["lines"]]
        invoice = await service.update_invoice(ctx, remit_id, model(InvoiceUpdate, fields))
        return await whop_invoice(ctx, invoice)

    return await operations.write(request, principal, update, ok)


@router.delete("/invoices/{invoice_id}")
async def delete_invoice(
    invoice_id: str, request: Request, principal: Principal = permitted(*UPDATE)
) -> Response:
    remit_id = invoice_id_of(invoice_id)
    return await operations.write(
        request, principal, lambda ctx: service.delete_invoice(ctx, remit_id), lambda _r, _c: TRUE
    )


async def _resend(ctx: Context, invoice_id: str) -> None:
    """remit sends no e-mail: the customer's link is `pay_online_url`. The invoice must exist."""
    await service.ensure_invoice(ctx, invoice_id)


def _action(path: str, use_case: Callable[[Context, str], Awaitable[object]]) -> None:
    async def handler(
        invoice_id: str, request: Request, principal: Principal = permitted(*UPDATE)
    ) -> Response:
        remit_id = invoice_id_of(invoice_id)
        return await operations.write(
            request, principal, lambda ctx: use_case(ctx, remit_id), lambda _r, _c: TRUE
        )

    handler.__name__ = f"{path}_invoice"
    router.add_api_route(f"/invoices/{{invoice_id}}/{path}", handler, methods=["POST"])


_action("void", transitions.void_invoice)
_action("mark_paid", settle.pay_out_of_band)
_action("mark_uncollectible", transitions.mark_uncollectible)
_action("resend", _resend)


@router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def unknown_route(path: str) -> Response:
    raise WhopError(
        f"remit's Whop API does not serve '/api/v1/{path[:100]}' (see docs/dialects/whop.md).",
        404,
        code="unknown_route",
    )
