"""`/rapyd/v1/…`: Rapyd's invoicing routes over remit's services.

Each handler authenticates Rapyd's signature, reads Rapyd's body, calls the same service as
remit's own route (same transaction, same idempotency store, keyed by Rapyd's `idempotency`
header) and answers in Rapyd's envelope. Errors become Rapyd's codes in `RapydRoute`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.collection.charges import Options
from remit.collection.endpoints import charge_response
from remit.context import Context
from remit.customers import service as customers
from remit.customers.schemas import CustomerCreate, CustomerOut, CustomerUpdate
from remit.dialects import reading
from remit.dialects.common import DialectRoute, native, scoped
from remit.dialects.rapyd import auth, mapping
from remit.dialects.rapyd.envelope import RapydError, error_response, success_body
from remit.dialects.rapyd.errors import translate
from remit.dialects.rapyd.mapping import (
    decimal_field,
    given,
    int_field,
    invalid,
    metadata_field,
    text_field,
    to_remit,
)
from remit.dialects.validation import validated
from remit.invoices import finalize, items, rules, service, transitions
from remit.invoices.filters import InvoiceFilters
from remit.invoices.finalize import DEFAULT_DAYS_UNTIL_DUE
from remit.invoices.item_endpoints import InvoiceItemCreate, InvoiceItemUpdate
from remit.invoices.models import Invoice
from remit.invoices.schemas import InvoiceCreate, InvoiceOut, InvoiceUpdate
from remit.kernel.currencies import UnknownCurrency, normalize_currency
from remit.kernel.money import MoneyError, check_percent
from remit.kernel.pagination import DEFAULT_LIMIT, PageRequest
from remit.payments import service as payments
from remit.payments.schemas import PaymentMethodCreate, PaymentMethodOut
from remit.plans import service as catalog
from remit.plans.schemas import PlanCreate, PlanOut, ProductCreate, ProductOut
from remit.subscriptions import service as subscriptions
from remit.subscriptions.schemas import SubscriptionCreate, SubscriptionOut

IDEMPOTENCY = operations.IdempotencyStyle(header="idempotency", prefix="rapyd:", compare_body=False)


class RapydRoute(DialectRoute):
    """Answers every error of the route in Rapyd's envelope, with Rapyd's code."""

    error_type = RapydError
    render = staticmethod(lambda _request, error: error_response(error))
    translate = staticmethod(translate)


router = APIRouter(prefix="/rapyd/v1", route_class=RapydRoute, include_in_schema=False)


def signed(scope: str) -> Any:
    return scoped(auth.authenticate, scope)


async def body_of(request: Request) -> dict[str, Any]:
    try:
        return reading.json_object(await request.body())
    except reading.MalformedBody:
        raise RapydError(
            "INVALID_REQUEST_BODY",
            "The request body is not valid JSON. The request was rejected. Corrective action: "
            "Send a JSON object.",
        ) from None
    except reading.Unreadable:
        raise invalid("body", "a JSON object") from None


model = validated  # remit's field errors become Rapyd's INVALID_FIELDS in RapydRoute


def ok(data: Any) -> bytes:
    return success_body(data)


def present_invoice(invoice: Invoice, ctx: Context) -> bytes:
    return ok(mapping.invoice(native(InvoiceOut.of(invoice, ctx.links))))


def page_of(request: Request, prefix: str = "") -> PageRequest:
    params = request.query_params
    try:
        limit = reading.whole_number(params.get("limit"), 1, 100) or DEFAULT_LIMIT
    except reading.Unreadable:
        raise invalid("limit", "a whole number from 1 to 100") from None
    after, before = params.get("starting_after"), params.get("ending_before")
    convert = to_remit if prefix else (lambda value: value)
    return PageRequest(
        limit,
        convert(after) if after else None,
        convert(before) if before else None,
    )


def currency_of(value: Any, name: str = "currency") -> str:
    try:
        return normalize_currency(str(value))
    except UnknownCurrency:
        raise RapydError(
            "INVALID_INVOICE_CURRENCY" if name == "currency" else "INVALID_FIELDS",
            f"The currency '{value}' is not a valid ISO 4217 code. The request was rejected. "
            "Corrective action: Use an uppercase three-letter currency code.",
        ) from None


# — customers and their payment methods —


_CUSTOMER_FIELDS = (
    ("name", "name"), ("email", "email"), ("phone_number", "phone"),
    ("invoice_prefix", "invoice_prefix"), ("business_vat_id", "tax_id"),
)  # fmt: skip


def _customer_fields(body: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for rapyd, remit in _CUSTOMER_FIELDS:
        if rapyd in body and body[rapyd] != "":
            fields[remit] = body[rapyd]
    if isinstance(body.get("addresses"), list) and body["addresses"]:
        first = body["addresses"][0]
        if not isinstance(first, dict):
            raise invalid("addresses", "a list of address objects")
        fields["billing_address"] = mapping.remit_address(first)
    metadata = metadata_field(body)
    if metadata is not None:
        fields["metadata"] = metadata
    for unsupported in ("ewallet", "coupon", "description"):
        if given(body, unsupported):
            raise invalid(unsupported, "absent: remit does not support it")
    return fields


async def _present_customer(ctx: Context, customer_id: str) -> dict[str, Any]:
    customer = await customers.get_customer(ctx, customer_id, param="customer")
    methods = await payments.methods_of(ctx, customer.id)
    return mapping.customer(
        native(CustomerOut.of(customer)),
        [native(PaymentMethodOut.of(m, customer.default_payment_method)) for m in methods],
    )


def _payment_token(value: Any) -> str | None:
    """A payment method to attach: a processor token, given as a string or as Rapyd's
    `{"type": …}` / `{"token": …}` object (simulator tokens: tok_visa, …)."""
    if isinstance(value, dict):
        value = value.get("token") or value.get("type")
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > 255:
        raise invalid("payment_method", "a payment method token")
    return value


@router.post("/customers")
async def create_customer(
    request: Request, principal: Principal = signed("customers:write")
) -> Response:
    body = await body_of(request)
    if not given(body, "name"):
        raise invalid("name", "the customer's name")
    data = model(CustomerCreate, _customer_fields(body))
    token = _payment_token(body.get("payment_method"))
    method = None if token is None else model(
        PaymentMethodCreate, {"type": "card", "token": token, "is_default": True},
        {"token": "payment_method"},
    )  # fmt: skip
    processors = runtime_of(request).processors

    async def create(ctx: Context) -> dict[str, Any]:
        customer = await customers.create_customer(ctx, data)
        if method is not None:
            await payments.attach(ctx, processors, customer.id, method)
        return await _present_customer(ctx, customer.id)

    return await operations.write(request, principal, create, lambda d, _: ok(d), style=IDEMPOTENCY)


@router.get("/customers")
async def list_customers(
    request: Request, principal: Principal = signed("customers:read")
) -> Response:
    page = page_of(request)

    async def query(ctx: Context) -> list[dict[str, Any]]:
        found = await customers.list_customers(ctx, page)
        return [mapping.customer(native(CustomerOut.of(c)), []) for c in found.items]

    return await operations.read(request, principal, query, lambda d, _: ok(d))


@router.get("/customers/{customer_id}")
async def retrieve_customer(
    customer_id: str, request: Request, principal: Principal = signed("customers:read")
) -> Response:
    return await operations.read(
        request, principal, lambda ctx: _present_customer(ctx, customer_id), lambda d, _: ok(d)
    )


@router.post("/customers/{customer_id}")
async def update_customer(
    customer_id: str, request: Request, principal: Principal = signed("customers:write")
) -> Response:
    data = model(CustomerUpdate, _customer_fields(await body_of(request)))

    async def update(ctx: Context) -> dict[str, Any]:
        await customers.update_customer(ctx, customer_id, data)
        return await _present_customer(ctx, customer_id)

    return await operations.write(request, principal, update, lambda d, _: ok(d), style=IDEMPOTENCY)


@router.delete("/customers/{customer_id}")
async def delete_customer(
    customer_id: str, request: Request, principal: Principal = signed("customers:write")
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: customers.delete_customer(ctx, customer_id),
        lambda _r, _c: ok({"id": customer_id, "deleted": True}),
        style=IDEMPOTENCY,
    )


@router.post("/customers/{customer_id}/payment_methods")
async def create_payment_method(
    customer_id: str, request: Request, principal: Principal = signed("customers:write")
) -> Response:
    body = await body_of(request)
    token = _payment_token(body)
    if token is None:
        raise invalid("token", "a payment method token (simulator: tok_visa, …)")
    data = model(PaymentMethodCreate, {"type": "card", "token": token,
                                       "metadata": metadata_field(body) or {}})  # fmt: skip
    processors = runtime_of(request).processors

    async def attach(ctx: Context) -> dict[str, Any]:
        method = await payments.attach(ctx, processors, customer_id, data)
        return mapping.payment_method(native(PaymentMethodOut.of(method, None)))

    return await operations.write(request, principal, attach, lambda d, _: ok(d), style=IDEMPOTENCY)


# — products, plans and subscriptions (as far as invoices refer to them) —


@router.post("/products")
async def create_product(
    request: Request, principal: Principal = signed("plans:write")
) -> Response:
    body = await body_of(request)
    data = model(ProductCreate, {"name": body.get("name"), "metadata": metadata_field(body) or {},
                                 **({"description": body["description"]}
                                    if given(body, "description") else {})})  # fmt: skip
    return await operations.write(
        request,
        principal,
        lambda ctx: catalog.create_product(ctx, data),
        lambda product, _: ok(mapping.product(native(ProductOut.of(product)))),
        style=IDEMPOTENCY,
    )


@router.get("/products/{product_id}")
async def retrieve_product(
    product_id: str, request: Request, principal: Principal = signed("plans:read")
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: catalog.get_product(ctx, to_remit(product_id)),
        lambda product, _: ok(mapping.product(native(ProductOut.of(product)))),
    )


@router.post("/plans")
async def create_plan(request: Request, principal: Principal = signed("plans:write")) -> Response:
    body = await body_of(request)
    fields: dict[str, Any] = {
        "product": to_remit(str(body.get("product") or "")),
        "amount": decimal_field(body, "amount") or Decimal(0),
        "currency": body.get("currency"),
        "interval": body.get("interval") or "month",
        "interval_count": int_field(body, "interval_count") or 1,
        "trial_days": int_field(body, "trial_period_days") or 0,
        "metadata": metadata_field(body) or {},
    }
    if given(body, "nickname"):
        fields["nickname"] = body["nickname"]
    data = model(PlanCreate, fields)
    return await operations.write(
        request,
        principal,
        lambda ctx: catalog.create_plan(ctx, data),
        lambda plan, _: ok(mapping.plan(native(PlanOut.of(plan)))),
        style=IDEMPOTENCY,
    )


@router.get("/plans/{plan_id}")
async def retrieve_plan(
    plan_id: str, request: Request, principal: Principal = signed("plans:read")
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: catalog.get_plan(ctx, plan_id),
        lambda plan, _: ok(mapping.plan(native(PlanOut.of(plan)))),
    )


@router.post("/payments/subscriptions")
async def create_subscription(
    request: Request, principal: Principal = signed("subscriptions:write")
) -> Response:
    body = await body_of(request)
    entries = body.get("subscription_items")
    if not isinstance(entries, list) or len(entries) != 1 or not isinstance(entries[0], dict):
        raise invalid("subscription_items", "a list of one {plan, quantity}")
    fields: dict[str, Any] = {
        "customer": body.get("customer"),
        "plan": entries[0].get("plan"),
        "metadata": metadata_field(body) or {},
    }
    if given(body, "payment_method"):
        fields["payment_method"] = to_remit(str(body["payment_method"]))
    data = model(SubscriptionCreate, fields)
    return await operations.write(
        request,
        principal,
        lambda ctx: subscriptions.create_subscription(ctx, data),
        lambda sub, _: ok(mapping.subscription(native(SubscriptionOut.of(sub)))),
        style=IDEMPOTENCY,
    )


@router.get("/payments/subscriptions/{subscription_id}")
async def retrieve_subscription(
    subscription_id: str, request: Request, principal: Principal = signed("subscriptions:read")
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: subscriptions.get_subscription(ctx, subscription_id),
        lambda sub, _: ok(mapping.subscription(native(SubscriptionOut.of(sub)))),
    )


# — invoices —


def _invoice_id(rapyd_id: str) -> str:
    if not mapping.has_prefix(rapyd_id, "invoice"):
        raise RapydError(
            "INVALID_INVOICE_ID",
            f"The invoice ID '{rapyd_id[:80]}' is not valid. The request was rejected. "
            "Corrective action: Use the ID of an invoice, which starts with 'invoice_'.",
        )
    return to_remit(rapyd_id)


def _due_fields(body: dict[str, Any], billing: str | None) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    days = int_field(body, "days_until_due")
    due = mapping.timestamp_field(body, "due_date")
    if days is not None:
        if billing == "pay_automatically":
            raise RapydError(
                "INVALID_DAYS_UNTIL_DUE_AND_BILLING",
                "The request set days_until_due on an invoice billed with pay_automatically. "
                "The request was rejected. Corrective action: Send days_until_due only with "
                "billing 'send_invoice'.",
            )
        fields["days_until_due"] = days
    if due is not None:  # that it is still to come, the core checks by the request's clock
        fields["due_at"] = due
        fields.pop("days_until_due", None)
    return fields


def _tax_percent(body: dict[str, Any]) -> Decimal | None:
    value = decimal_field(body, "tax_percent")
    if value is None:
        return None
    try:
        return check_percent(value)
    except MoneyError:
        raise invalid("tax_percent", "a number from 0 to 100 with at most 4 decimals") from None


def _common_invoice_fields(body: dict[str, Any], billing: str | None) -> dict[str, Any]:
    fields = _due_fields(body, billing)
    for name in ("description", "statement_descriptor"):
        if name in body and body[name] is not None:
            fields[name] = body[name] or None
    tax = _tax_percent(body)
    if tax is not None:
        fields["default_tax_rate"] = tax
    metadata = metadata_field(body)
    if metadata is not None:
        fields["metadata"] = metadata
    return fields


@router.post("/invoices")
async def create_invoice(
    request: Request, principal: Principal = signed("invoices:write")
) -> Response:
    body = await body_of(request)
    if not given(body, "customer"):
        raise _customer_missing()
    billing = text_field(body, "billing") or "pay_automatically"
    if billing not in mapping.BILLING_TO_REMIT:
        raise invalid("billing", "'pay_automatically' or 'send_invoice'")
    fields = _common_invoice_fields(body, billing)
    fields.update(
        customer=str(body["customer"]),
        collection_method=mapping.BILLING_TO_REMIT[billing],
        pending_items="include",
    )
    if "due_at" not in fields and "days_until_due" not in fields:
        fields["days_until_due"] = DEFAULT_DAYS_UNTIL_DUE
    if given(body, "payment_method"):
        fields["payment_method"] = to_remit(str(body["payment_method"]))
    subscription = text_field(body, "subscription", 64)
    if given(body, "currency"):
        fields["currency"] = currency_of(body["currency"])
    elif subscription is None:
        raise RapydError(
            "INVALID_CUSTOMER",
            "The request attempted to create an invoice without a currency, and no "
            "subscription to take it from. The request was rejected. Corrective action: Send "
            "currency, or a subscription.",
        )

    async def create(ctx: Context) -> Invoice:
        if "due_at" in fields:
            rules.require_future_due_date(ctx, fields["due_at"])
        if subscription is not None:
            # Whose subscription it is, the service checks (INVALID_INVOICE_CUSTOMER).
            fields["subscription"] = subscription
            found = await subscriptions.find_subscription(ctx, subscription)
            if "currency" not in fields and found is not None:
                fields["currency"] = (await catalog.get_plan(ctx, found.plan_id)).currency
        return await service.create_invoice(ctx, model(InvoiceCreate, fields))

    return await operations.write(request, principal, create, present_invoice, style=IDEMPOTENCY)


def _customer_missing() -> RapydError:
    return RapydError(
        "INVALID_CUSTOMER",
        "The request attempted an operation that requires a valid customer ID, but the "
        "customer was not found. The request was rejected. Corrective action: Use the correct "
        "customer, or create a new customer.",
    )


@router.get("/invoices")
async def list_invoices(
    request: Request, principal: Principal = signed("invoices:read")
) -> Response:
    page = page_of(request, prefix="invoice")
    params = request.query_params
    filters = InvoiceFilters(
        customer=params.get("customer") or None, subscription=params.get("subscription") or None
    )

    async def query(ctx: Context) -> list[dict[str, Any]]:
        found = await service.list_invoices(ctx, page, filters)
        return [mapping.invoice(native(InvoiceOut.of(i, ctx.links))) for i in found.items]

    return await operations.read(request, principal, query, lambda d, _: ok(d))


async def _upcoming(request: Request) -> Callable[[Context], Awaitable[dict[str, Any]]]:
    params = request.query_params
    if not params.get("customer"):
        raise _customer_missing()
    currency = currency_of(params.get("currency") or "")

    async def query(ctx: Context) -> dict[str, Any]:
        invoice = await items.preview(ctx, params["customer"], currency)
        return mapping.invoice(native(InvoiceOut.of(invoice, ctx.links)), upcoming=True)

    return query


@router.get("/invoices/upcoming")
async def upcoming_invoice(
    request: Request, principal: Principal = signed("invoices:read")
) -> Response:
    query = await _upcoming(request)
    return await operations.read(request, principal, query, lambda d, _: ok(d))


@router.get("/invoices/upcoming/lines")
async def upcoming_invoice_lines(
    request: Request, principal: Principal = signed("invoices:read")
) -> Response:
    query = await _upcoming(request)
    return await operations.read(request, principal, query, lambda d, _: ok(d["lines"]))


@router.get("/invoices/{invoice_id}")
async def retrieve_invoice(
    invoice_id: str, request: Request, principal: Principal = signed("invoices:read")
) -> Response:
    remit_id = _invoice_id(invoice_id)
    return await operations.read(
        request, principal, lambda ctx: service.get_invoice(ctx, remit_id), present_invoice
    )


@router.get("/invoices/{invoice_id}/lines")
async def invoice_lines(
    invoice_id: str, request: Request, principal: Principal = signed("invoices:read")
) -> Response:
    remit_id = _invoice_id(invoice_id)
    return await operations.read(
        request,
        principal,
        lambda ctx: service.get_invoice(ctx, remit_id),
        lambda invoice, ctx: ok(
            mapping.invoice(native(InvoiceOut.of(invoice, ctx.links)))["lines"]
        ),
    )


@router.api_route("/invoices/{invoice_id}", methods=["POST", "PUT"])
async def update_invoice(
    invoice_id: str, request: Request, principal: Principal = signed("invoices:write")
) -> Response:
    """POST is Rapyd's; PUT is what rapyd-py sends."""
    remit_id = _invoice_id(invoice_id)
    body = await body_of(request)

    async def update(ctx: Context) -> Invoice:
        current = await service.get_invoice(ctx, remit_id)
        billing = mapping.BILLING_FROM_REMIT.get(current.collection_method)
        fields = _common_invoice_fields(body, billing)
        if "due_at" in fields:
            rules.require_future_due_date(ctx, fields["due_at"])
        return await service.update_invoice(ctx, remit_id, model(InvoiceUpdate, fields))

    return await operations.write(request, principal, update, present_invoice, style=IDEMPOTENCY)


@router.delete("/invoices/{invoice_id}")
async def delete_invoice(
    invoice_id: str, request: Request, principal: Principal = signed("invoices:write")
) -> Response:
    remit_id = _invoice_id(invoice_id)
    return await operations.write(
        request,
        principal,
        lambda ctx: service.delete_invoice(ctx, remit_id),
        lambda _r, _c: ok({"id": invoice_id, "deleted": True}),
        style=IDEMPOTENCY,
    )


@router.post("/invoices/{invoice_id}/pay")
async def pay_invoice(
    invoice_id: str, request: Request, principal: Principal = signed("invoices:write")
) -> Response:
    remit_id = _invoice_id(invoice_id)
    body = await body_of(request)
    method = to_remit(str(body["payment_method"])) if given(body, "payment_method") else None
    return await charge_response(
        request, principal, remit_id, Options(method), present_invoice, IDEMPOTENCY
    )


def _transition(
    path: str, use_case: Callable[[Context, str], Awaitable[Invoice]], name: str
) -> None:
    async def handler(
        invoice_id: str, request: Request, principal: Principal = signed("invoices:write")
    ) -> Response:
        remit_id = _invoice_id(invoice_id)
        return await operations.write(
            request, principal, lambda ctx: use_case(ctx, remit_id), present_invoice,
            style=IDEMPOTENCY,
        )  # fmt: skip

    handler.__name__ = name
    router.add_api_route(f"/invoices/{{invoice_id}}/{path}", handler, methods=["POST"], name=name)


_transition("finalize", finalize.finalize_invoice, "finalize_invoice")
_transition("void", transitions.void_invoice, "void_invoice")
_transition("mark_uncollectible", transitions.mark_uncollectible, "mark_invoice_uncollectible")


# — invoice items —


def _item_id(rapyd_id: str) -> str:
    if not mapping.has_prefix(rapyd_id, "ii"):
        raise RapydError(
            "INVALID_INVOICE_ITEM_ID",
            f"The invoice item ID '{rapyd_id[:80]}' is not valid. The request was rejected. "
            "Corrective action: Use the ID of an invoice item, which starts with 'ii_'.",
        )
    return to_remit(rapyd_id)


def present_item(item: items.Item) -> dict[str, Any]:
    return mapping.item(
        {
            "id": item.id, "customer": item.customer_id, "currency": item.currency,
            "invoice": item.invoice_id, "description": item.description,
            "quantity": str(item.quantity), "unit_amount": str(item.unit_amount),
            "amount": str(item.amount), "metadata": item.metadata,
            "period": {"start": None, "end": None}, "date": int(item.created_at.timestamp())
            if item.created_at else 0,
        }
    )  # fmt: skip


@router.post("/invoice_items")
async def create_invoice_item(
    request: Request, principal: Principal = signed("invoices:write")
) -> Response:
    body = await body_of(request)
    if not given(body, "customer"):
        raise _customer_missing()
    if given(body, "invoice") and given(body, "subscription"):
        raise RapydError(
            "INVALID_INVOICE_ID_AND_SUBSCRIPTION_ID",
            "An invoice item links to an invoice or to a subscription, not both. The request "
            "was rejected. Corrective action: Send invoice or subscription.",
        )
    if given(body, "subscription"):
        raise RapydError(
            "ERROR_INVOICE_ITEM_SUBSCRIPTION_TYPE",
            "remit attaches invoice items to invoices, or to the customer's next invoice, not "
            "to subscriptions. The request was rejected. Corrective action: Omit subscription.",
        )
    price, names = mapping.item_price(body)
    invoice = _invoice_id(str(body["invoice"])) if given(body, "invoice") else None
    currency = currency_of(body["currency"]) if given(body, "currency") else None
    if invoice is None and currency is None:
        raise RapydError(
            "ERROR_INVOICE_ITEM_CURRENCY_NO_MATCHING_UPCOMING_INVOICE",
            "An invoice item for the customer's next invoice needs that invoice's currency. "
            "The request was rejected. Corrective action: Send currency.",
        )
    # Checked as remit's own route checks its body: the same quantities, amounts and text.
    created = model(InvoiceItemCreate, {
        "customer": str(body["customer"]), "currency": currency, "invoice": invoice,
        "description": text_field(body, "description"), "metadata": metadata_field(body) or {},
        **price,
    }, names)  # fmt: skip
    data = items.ItemIn(**created.model_dump(exclude={"metadata"}), metadata=created.metadata)
    return await operations.write(
        request,
        principal,
        lambda ctx: items.create_item(ctx, data),
        lambda item, _: ok(present_item(item)),
        style=IDEMPOTENCY,
    )


@router.get("/invoice_items")
async def list_invoice_items(
    request: Request, principal: Principal = signed("invoices:read")
) -> Response:
    page = page_of(request, prefix="ii")
    params = request.query_params
    invoice = _invoice_id(params["invoice"]) if params.get("invoice") else None

    async def query(ctx: Context) -> list[dict[str, Any]]:
        found = await items.list_items(
            ctx, customer=params.get("customer") or None, invoice=invoice,
            after=page.starting_after, before=page.ending_before, limit=page.limit,
        )  # fmt: skip
        return [present_item(item) for item in found]

    return await operations.read(request, principal, query, lambda d, _: ok(d))


@router.get("/invoice_items/{item_id}")
async def retrieve_invoice_item(
    item_id: str, request: Request, principal: Principal = signed("invoices:read")
) -> Response:
    remit_id = _item_id(item_id)
    return await operations.read(
        request,
        principal,
        lambda ctx: items.get_item(ctx, remit_id),
        lambda item, _: ok(present_item(item)),
    )


@router.post("/invoice_items/{item_id}")
async def update_invoice_item(
    item_id: str, request: Request, principal: Principal = signed("invoices:write")
) -> Response:
    remit_id = _item_id(item_id)
    body = await body_of(request)
    unit, quantity = decimal_field(body, "unit_amount"), int_field(body, "quantity")
    names: dict[str, str] = {}
    if unit is None and given(body, "amount"):  # a whole amount: the unit amount of one
        unit, quantity, names = decimal_field(body, "amount"), 1, {"unit_amount": "amount"}
    update = model(InvoiceItemUpdate, {
        "description": text_field(body, "description"), "metadata": metadata_field(body),
        "unit_amount": unit, "quantity": None if quantity is None else Decimal(quantity),
    }, names)  # fmt: skip
    change = items.ItemChange(update.description, update.quantity, update.unit_amount,
                              update.metadata)  # fmt: skip
    return await operations.write(
        request,
        principal,
        lambda ctx: items.update_item(ctx, remit_id, change),
        lambda item, _: ok(present_item(item)),
        style=IDEMPOTENCY,
    )


@router.delete("/invoice_items/{item_id}")
async def delete_invoice_item(
    item_id: str, request: Request, principal: Principal = signed("invoices:write")
) -> Response:
    remit_id = _item_id(item_id)
    return await operations.write(
        request,
        principal,
        lambda ctx: items.delete_item(ctx, remit_id),
        lambda _item, _ctx: ok({"id": item_id, "deleted": True}),
        style=IDEMPOTENCY,
    )


@router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "DELETE"])
async def unknown_route(path: str, request: Request) -> Response:
    raise RapydError(
        "NOT_FOUND",
        f"The request named '/v1/{path[:100]}', which remit's Rapyd API does not serve. "
        "Corrective action: See docs/dialects/rapyd.md for the supported operations.",
        status=404,
    )
