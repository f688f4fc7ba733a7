"""`/retempo/api/v1/…`: Retempo's routes over remit's services (docs/dialects/retempo.md).

Each handler reads Retempo's body with Retempo's checks, in Retempo's order (digest §1.3),
calls the same core services as remit's own routes, in one transaction, and answers with the
object wrapped in its key. Errors become `{"error": …}` in `RetempoRoute`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.runtime import runtime_of
from remit.attributes import service as attributes
from remit.collection import settle
from remit.context import Context
from remit.customers import service as customers
from remit.customers.models import Customer
from remit.customers.schemas import CustomerCreate
from remit.dialects.common import DialectRoute
from remit.dialects.retempo import auth, fields, mapping
from remit.dialects.retempo.confirmers import Confirmer, Submission, confirmer_for
from remit.dialects.retempo.envelope import RetempoError, answer, error_response
from remit.dialects.retempo.errors import RECORD_NOT_FOUND, UNIQUE, translate
from remit.dialects.retempo.fields import bad
from remit.dialects.validation import validated
from remit.invoices import service, transitions
from remit.invoices.models import Invoice
from remit.invoices.schemas import InvoiceCreate, InvoiceOut
from remit.kernel.currencies import UnknownCurrency, normalize_currency
from remit.kernel.money import MoneyError
from remit.plans import service as catalog
from remit.plans.models import Plan, Product
from remit.plans.schemas import PlanCreate, ProductCreate
from remit.settlements import service as settlements
from remit.settlements.models import Settlement
from remit.settlements.schemas import SettlementCreate
from remit.subscriptions import service as subscriptions
from remit.subscriptions.models import Subscription
from remit.usage import events as usage_events
from remit.usage import meters
from remit.usage import service as usage_records
from remit.usage.schemas import MeterCreate, UsageEventCreate

PREFIX = "/retempo"
API_ROOT = "/api/v1"
PROVIDER = mapping.PROVIDER


class RetempoRoute(DialectRoute):
    """Answers every error of the route in Retempo's `{"error": …}` body."""

    error_type = RetempoError
    render = staticmethod(lambda _request, error: error_response(error))
    translate = staticmethod(lambda _operation, problem: translate(problem))


router = APIRouter(prefix=PREFIX, route_class=RetempoRoute, include_in_schema=False)
api = APIRouter(prefix=API_ROOT, route_class=RetempoRoute)


_model = validated  # remit's field errors become Retempo's 400 in RetempoRoute


def _wrap(key: str) -> Callable[[Any, Context], bytes]:
    return lambda document, _ctx: bytes(answer({key: document}).body)


def _currency(body: dict[str, Any], default: str) -> str:
    given = fields.text(body, "currency")
    if given is None:
        return default
    try:
        return normalize_currency(given)
    except UnknownCurrency:
        raise bad("currency must be a supported currency code.") from None


async def _write(request: Request, scope: str, operation: Any, key: str) -> Response:
    principal = await auth.authenticate(request, scope)
    return await operations.write(request, principal, operation, _wrap(key), status_code=201)


async def _read(request: Request, scope: str, query: Any, key: str) -> Response:
    principal = await auth.authenticate(request, scope)
    return await operations.read(request, principal, query, _wrap(key))


# — health —


@router.get("/health")
async def health() -> Response:
    return answer({"ok": True, "service": "Retempo", "apiRoot": API_ROOT})


# — users (an extension: Retempo makes users only through nested objects) —


async def _user(ctx: Context, user_id: str, missing: str = RECORD_NOT_FOUND) -> Customer:
    found = await customers.find_customer(ctx, user_id)
    if found is None:
        raise RetempoError(404, missing)
    return found


async def _user_view(ctx: Context, customer: Customer) -> dict[str, Any]:
    return mapping.user(customer, await attributes.read(ctx, PROVIDER, customer.id))


async def upsert_user(
    ctx: Context, body: dict[str, Any], id_key: str, nested_key: str, role: str
) -> Customer:
    """Retempo's user reference: an id, or a nested `{email, name?, role?}` that finds the
    user with that e-mail (updating its name) or creates one."""
    user_id = fields.text(body, id_key)
    if user_id is not None:
        return await _user(ctx, user_id)
    nested = body.get(nested_key)
    if nested is None:
        raise bad(f"{id_key} or {nested_key}.email is required.")
    if not isinstance(nested, dict):
        raise bad(f"{nested_key} must be a JSON object.")
    return await _upsert(ctx, nested, role)


async def _upsert(ctx: Context, data: dict[str, Any], role: str) -> Customer:
    email = fields.required_text(data, "email")
    chosen = fields.choice(data, "role", mapping.USER_ROLES, role)
    name = fields.text(data, "name")
    wanted = _model(CustomerCreate, {"email": email, "name": name})
    customer, created = await customers.find_or_create_by_email(ctx, wanted, rename=True)
    if created:
        attributes.create(ctx, PROVIDER, customer.id, {"role": chosen})
    return customer


@api.post("/users")
async def create_user(request: Request) -> Response:
    body = await fields.body_of(request)

    async def create(ctx: Context) -> dict[str, Any]:
        return await _user_view(ctx, await _upsert(ctx, body, "PAYER"))

    return await _write(request, "customers:write", create, "user")


@api.get("/users/{user_id}")
async def retrieve_user(user_id: str, request: Request) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        return await _user_view(ctx, await _user(ctx, user_id, "User was not found."))

    return await _read(request, "customers:read", query, "user")


# — services and their payment plans —


async def _service_views(ctx: Context, products: list[Product]) -> list[dict[str, Any]]:
    """Services with their owners and plans, in a fixed number of queries."""
    ids = [product.id for product in products]
    plans = await catalog.plans_of(ctx, ids)
    found = await attributes.read_many(ctx, PROVIDER, ids + [p.id for ps in plans.values()
                                                           for p in ps])  # fmt: skip
    owner_ids = {found.get(product.id, {}).get("owner") for product in products} - {None}
    owners = await customers.customers_by_ids(ctx, {str(owner) for owner in owner_ids})
    roles = await attributes.read_many(ctx, PROVIDER, owners)
    views = []
    for product in products:
        attrs = found.get(product.id, {})
        owner = owners.get(str(attrs.get("owner")))
        views.append({
            **mapping.service(product, attrs),
            "owner": None if owner is None else mapping.user(owner, roles.get(owner.id, {})),
            "paymentPlans": [mapping.plan(p, found.get(p.id, {})) for p in plans[product.id]],
        })  # fmt: skip
    return views


@api.post("/services")
async def create_service(request: Request) -> Response:
    body = await fields.body_of(request)

    async def create(ctx: Context) -> dict[str, Any]:
        owner = await upsert_user(ctx, body, "ownerId", "owner", "DEVELOPER")
        description = fields.text(body, "description")
        name = fields.required_text(body, "name")
        status = fields.choice(body, "status", mapping.SERVICE_STATUSES, "DRAFT")
        data = {"name": name, "description": description, "active": status != "DISABLED"}
        product = await catalog.create_product(ctx, _model(ProductCreate, data))
        attributes.create(ctx, PROVIDER, product.id, {"owner": owner.id, "status": status})
        return (await _service_views(ctx, [product]))[0]

    return await _write(request, "products:write", create, "service")


@api.get("/services")
async def list_services(request: Request) -> Response:
    async def query(ctx: Context) -> list[dict[str, Any]]:
        return await _service_views(ctx, await catalog.all_products(ctx))

    return await _read(request, "products:read", query, "services")


async def _service(ctx: Context, service_id: str, missing: str = RECORD_NOT_FOUND) -> Product:
    found = await catalog.find_product(ctx, service_id)
    if found is None:
        raise RetempoError(404, missing)
    return found


@api.get("/services/{service_id}")
async def retrieve_service(service_id: str, request: Request) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        product = await _service(ctx, service_id, "Service was not found.")
        return (await _service_views(ctx, [product]))[0]

    return await _read(request, "products:read", query, "service")


@api.post("/services/{service_id}/plans")
async def create_plan(service_id: str, request: Request) -> Response:
    body = await fields.body_of(request)

    async def create(ctx: Context) -> dict[str, Any]:
        await _service(ctx, service_id)
        amount = fields.decimal(body, "amount", required=True)
        interval = fields.choice(body, "billingInterval", mapping.INTERVALS, "NONE")
        currency = _currency(body, "USDC")
        description = fields.text(body, "description")
        name = fields.required_text(body, "name")
        pricing = fields.choice(body, "pricingType", mapping.PRICING_TYPES, None)
        if pricing is None:
            raise bad("pricingType is required.")
        data = {
            "product": service_id, "amount": str(amount), "currency": currency,
            "interval": str(interval).lower(), "nickname": name,
        }  # fmt: skip
        if pricing == "USAGE_BASED":  # the amount is a unit price: the run bills the usage
            data |= {"usage_type": "metered", "meter": await _usage_meter(ctx, name)}
        plan = await catalog.create_plan(ctx, _model(PlanCreate, data))
        attrs = {"pricing_type": pricing, "description": description}
        attributes.create(ctx, PROVIDER, plan.id, attrs)
        return mapping.plan(plan, attrs)

    return await _write(request, "plans:write", create, "plan")


async def _usage_meter(ctx: Context, plan_name: str) -> str:
    """The meter of a USAGE_BASED plan: the sum of its usage events' quantities."""
    event_name = f"{mapping.USAGE_EVENT_PREFIX}{ctx.new_id('usage')}"
    data = {"event_name": event_name, "aggregation": "sum", "value_key": mapping.QUANTITY,
            "display_name": plan_name}  # fmt: skip
    return (await meters.create_meter(ctx, _model(MeterCreate, data))).id


@api.get("/services/{service_id}/plans")
async def list_plans(service_id: str, request: Request) -> Response:
    async def query(ctx: Context) -> list[dict[str, Any]]:
        await _service(ctx, service_id)
        plans = (await catalog.plans_of(ctx, [service_id]))[service_id]
        found = await attributes.read_many(ctx, PROVIDER, [plan.id for plan in plans])
        return [mapping.plan(plan, found.get(plan.id, {})) for plan in plans]

    return await _read(request, "plans:read", query, "plans")


async def plan_of_service(ctx: Context, plan_id: str, service_id: str) -> Plan:
    found = await catalog.find_plan(ctx, plan_id)
    if found is None or found.product_id != service_id:
        raise RetempoError(404, "Payment plan was not found for the service.")
    return found


async def subscription_in(
    ctx: Context, subscription_id: str, service_id: str, user_id: str
) -> Subscription:
    found = await subscriptions.find_subscription(ctx, subscription_id)
    plan = await catalog.find_plan(ctx, found.plan_id) if found else None
    if (
        found is None
        or plan is None
        or plan.product_id != service_id
        or found.customer_id != user_id
    ):
        raise RetempoError(404, "Subscription was not found for the service and user.")
    return found


# — invoices —


async def _product_of(ctx: Context, invoice: Invoice) -> Product | None:
    plan = await catalog.find_plan(ctx, invoice.plan_id) if invoice.plan_id else None
    return await catalog.find_product(ctx, plan.product_id) if plan else None


async def invoice_view(ctx: Context, invoice: Invoice) -> dict[str, Any]:
    """The invoice with Retempo's includes: plan, service, settlements, subscription, usage
    events and user."""
    plan = await catalog.find_plan(ctx, invoice.plan_id) if invoice.plan_id else None
    product = await catalog.find_product(ctx, plan.product_id) if plan else None
    service_id = product.id if product else None
    subscription = (
        await subscriptions.find_subscription(ctx, invoice.subscription_id)
        if invoice.subscription_id
        else None
    )
    user = await customers.customer_of_record(ctx, invoice.customer_id)
    paid = (await settlements.of_invoices(ctx, [invoice.id]))[invoice.id]
    billed = await usage_events.billed_on(ctx, invoice)
    records = await usage_records.usage_on_invoice(ctx, invoice.id)
    ids = [user.id, *(o.id for o in (plan, product) if o), *(s.id for s in paid)]
    found = await attributes.read_many(ctx, PROVIDER, ids + [event.id for event in billed])
    merchant = found.get(service_id or "", {}).get("owner")
    return {
        **mapping.invoice(invoice, service_id),
        "paymentPlan": mapping.plan(plan, found.get(plan.id, {})) if plan else None,
        "service": mapping.service(product, found.get(product.id, {})) if product else None,
        "settlements": [
            mapping.settlement(s, found.get(s.id, {}), invoice, service_id, merchant) for s in paid
        ],
        "subscription": mapping.subscription(subscription, service_id) if subscription else None,
        "usageEvents": mapping.usage_events(invoice, billed, found, records, service_id),
        "user": mapping.user(user, found.get(user.id, {})),
    }


async def _issue_as(ctx: Context, invoice: Invoice, status: str) -> Invoice:
    """Retempo sets VOID and EXPIRED at creation; remit reaches them from an issued invoice,
    through the core's own transitions."""
    if status == "VOID":
        return await transitions.void_invoice(ctx, invoice.id)
    if status == "EXPIRED":
        return await transitions.expire_invoice(ctx, invoice.id)
    return invoice


@api.post("/invoices")
async def create_invoice(request: Request) -> Response:
    body = await fields.body_of(request)

    async def create(ctx: Context) -> dict[str, Any]:
        service_id = fields.required_text(body, "serviceId")
        plan_id = fields.required_text(body, "paymentPlanId")
        user_id = fields.required_text(body, "userId")
        plan = await plan_of_service(ctx, plan_id, service_id)
        await _user(ctx, user_id)
        status = fields.choice(body, "status", mapping.INVOICE_STATUSES, "DRAFT")
        if status == "PAID":
            raise bad("Invoices cannot be created as PAID without a real payment event.")
        subscription_id = fields.text(body, "subscriptionId")
        if subscription_id is not None:
            await subscription_in(ctx, subscription_id, service_id, user_id)
        amount = fields.decimal(body, "amount", required=True)
        currency = _currency(body, "USDC")
        due_at = fields.date(body, "dueAt")
        data = {
            "customer": user_id, "plan": plan.id, "subscription": subscription_id,
            "currency": currency, "collection_method": "send_invoice",
            "lines": [{"description": plan.nickname, "unit_amount": str(amount)}],
            "due_at": due_at, "status": "draft" if status == "DRAFT" else "open",
        }  # fmt: skip
        invoice = await service.create_invoice(ctx, _model(InvoiceCreate, data))
        return await invoice_view(ctx, await _issue_as(ctx, invoice, str(status)))

    return await _write(request, "invoices:write", create, "invoice")


@api.get("/invoices/{invoice_id}")
async def retrieve_invoice(invoice_id: str, request: Request) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        found = await service.find_invoice(ctx, invoice_id)
        if found is None:
            raise RetempoError(404, "Invoice was not found.")
        return await invoice_view(ctx, found)

    return await _read(request, "invoices:read", query, "invoice")


# — checkout sessions: an open invoice for one period of the plan, paid on the hosted page —


async def _checkout_view(ctx: Context, invoice: Invoice, more: bool = False) -> dict[str, Any]:
    product = await _product_of(ctx, invoice)
    plan = await catalog.find_plan(ctx, invoice.plan_id) if invoice.plan_id else None
    user = await customers.customer_of_record(ctx, invoice.customer_id)
    ids = [user.id, *(o.id for o in (plan, product) if o)]
    found = await attributes.read_many(ctx, PROVIDER, ids)
    url = InvoiceOut.of(invoice, ctx.links).hosted_url
    shown = {
        **mapping.checkout_session(invoice, product.id if product else None, url),
        "paymentPlan": mapping.plan(plan, found.get(plan.id, {})) if plan else None,
        "service": mapping.service(product, found.get(product.id, {})) if product else None,
        "user": mapping.user(user, found.get(user.id, {})),
    }
    if more:
        shown["subscriptions"] = []
    return shown


@api.post("/checkout-sessions")
async def create_checkout_session(request: Request) -> Response:
    body = await fields.body_of(request)

    async def create(ctx: Context) -> dict[str, Any]:
        service_id = fields.required_text(body, "serviceId")
        plan = await plan_of_service(ctx, fields.required_text(body, "paymentPlanId"), service_id)
        user_id = fields.text(body, "userId")
        if user_id is not None:
            await _user(ctx, user_id)
        statuses = ("PENDING", "PAID", "EXPIRED", "CANCELLED")
        if fields.choice(body, "status", statuses, "PENDING") != "PENDING":
            raise bad("Checkout sessions can only be created with PENDING status.")
        expires_at = fields.date(body, "expiresAt")
        if user_id is None:  # remit bills someone: an invoice needs its customer
            raise bad("userId is required.")
        data = {
            "customer": user_id, "plan": plan.id, "currency": plan.currency,
            "collection_method": "send_invoice", "expires_at": expires_at, "status": "open",
        }  # fmt: skip
        invoice = await service.create_invoice(ctx, _model(InvoiceCreate, data))
        attributes.create(ctx, PROVIDER, invoice.id, {"kind": mapping.CHECKOUT_SESSION})
        return await _checkout_view(ctx, invoice)

    return await _write(request, "invoices:write", create, "checkoutSession")


@api.get("/checkout-sessions/{session_id}")
async def retrieve_checkout_session(session_id: str, request: Request) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        found = await service.find_invoice(ctx, session_id)
        kind = (await attributes.read(ctx, PROVIDER, session_id)).get("kind")
        if found is None or kind != mapping.CHECKOUT_SESSION:
            raise RetempoError(404, "Checkout session was not found.")
        return await _checkout_view(ctx, found, more=True)

    return await _read(request, "invoices:read", query, "checkoutSession")


# — usage events: core usage events of the subscription's customer (docs/dialects/retempo.md) —


@api.post("/usage-events")
async def create_usage_event(request: Request) -> Response:
    body = await fields.body_of(request)

    async def create(ctx: Context) -> dict[str, Any]:
        service_id = fields.required_text(body, "serviceId")
        subscription_id = fields.required_text(body, "subscriptionId")
        user_id = fields.required_text(body, "userId")
        subscription = await subscription_in(ctx, subscription_id, service_id, user_id)
        invoice_id = await _usage_invoice(ctx, body, service_id, user_id)
        key = fields.required_text(body, "eventKey")
        data = {
            "event_name": await _event_name(ctx, subscription), "customer": user_id,
            "identifier": _identifier(subscription.id, key),
            "timestamp": fields.date(body, "occurredAt"),
            "payload": {mapping.QUANTITY: _quantity(body)},
        }  # fmt: skip
        event = _model(UsageEventCreate, data)
        recorded = await usage_events.record_event(ctx, event, billed_by=invoice_id)
        if not recorded.created:  # Retempo has no replays: (subscriptionId, eventKey) is unique
            raise RetempoError(409, UNIQUE)
        attrs = {"service": service_id, "subscription": subscription.id, "event_key": key}
        attributes.create(ctx, PROVIDER, recorded.event.id, attrs)
        return mapping.usage_event(recorded.event, attrs)

    return await _write(request, "invoices:write", create, "usageEvent")


async def _usage_invoice(
    ctx: Context, body: dict[str, Any], service_id: str, user_id: str
) -> str | None:
    """The invoice a usage event names, if it is the service's and the user's."""
    invoice_id = fields.text(body, "invoiceId")
    if invoice_id is None:
        return None
    invoice = await service.find_invoice(ctx, invoice_id)
    if invoice is None:
        raise RetempoError(404, RECORD_NOT_FOUND)
    product = await _product_of(ctx, invoice)
    if invoice.customer_id != user_id or product is None or product.id != service_id:
        raise bad("Invoice does not match the usage event service and user.")
    return invoice.id


async def _event_name(ctx: Context, subscription: Subscription) -> str:
    """The event name of a subscription's usage: its plan's meter's when the plan is metered
    (USAGE_BASED: the billing run bills it), else one of the plan's own that no meter reads
    (recorded, not billed: Retempo's usage on a fixed plan is for visibility)."""
    plan = await catalog.find_plan(ctx, subscription.plan_id)
    if plan is not None and plan.meter_id is not None:
        return (await meters.get_meter(ctx, plan.meter_id)).event_name
    return f"{mapping.USAGE_EVENT_PREFIX}{subscription.plan_id}"


def _identifier(subscription_id: str, key: str) -> str:
    """The core event's identifier: Retempo's key is unique per subscription, the core's per
    mode."""
    identifier = f"{subscription_id}/{key}"
    if len(identifier) > mapping.IDENTIFIER_MAX:
        room = mapping.IDENTIFIER_MAX - len(subscription_id) - 1
        raise bad(f"eventKey must be at most {room} characters.")
    return identifier


def _quantity(body: dict[str, Any]) -> str:
    """A non-negative decimal within what a meter reads (metered or not, the same bounds)."""
    quantity = fields.decimal(body, "quantity", required=True)
    try:
        return f"{meters.metered_number(quantity):f}"
    except MoneyError as exc:
        raise bad(f"quantity {exc}.") from None


# — settlements —


async def _settlement_view(
    ctx: Context, found: Settlement, invoice: Invoice | None = None
) -> dict[str, Any]:
    """The settlement with Retempo's includes: invoice, merchant, payer and service."""
    invoice = invoice or await service.get_invoice(ctx, found.invoice_id)
    product = await _product_of(ctx, invoice)
    service_id = product.id if product else None
    ids = [found.id, invoice.customer_id, *([product.id] if product else [])]
    attrs = await attributes.read_many(ctx, PROVIDER, ids)
    merchant_id = attrs.get(service_id or "", {}).get("owner")
    merchant = await customers.find_customer(ctx, merchant_id) if merchant_id else None
    payer = await customers.customer_of_record(ctx, invoice.customer_id)
    return {
        **mapping.settlement(found, attrs.get(found.id, {}), invoice, service_id, merchant_id),
        "invoice": mapping.invoice(invoice, service_id),
        "merchant": await _user_view(ctx, merchant) if merchant else None,
        "payer": mapping.user(payer, attrs.get(payer.id, {})),
        "service": mapping.service(product, attrs.get(product.id, {})) if product else None,
    }


async def _submission(ctx: Context, found: Settlement) -> Submission | None:
    """What was submitted for a settlement made through Retempo (None for others)."""
    attrs = await attributes.read(ctx, PROVIDER, found.id)
    if "payer_address" not in attrs:
        return None
    invoice = await service.get_invoice(ctx, found.invoice_id)
    product = await _product_of(ctx, invoice)
    return Submission(
        invoice_id=invoice.id,
        service_id=product.id if product else None,
        payer_address=str(attrs.get("payer_address")),
        merchant_address=str(attrs.get("merchant_address")),
        amount=found.amount,
        currency=found.currency,
        reference_hash=found.reference or "",
    )


async def _recheck(ctx: Context, confirmer: Confirmer, found: Settlement) -> Settlement:
    """Ask the confirmer again about a pending settlement, and record its answer."""
    submission = await _submission(ctx, found) if found.status == "pending" else None
    if submission is None:
        return found
    outcome = await confirmer.check(submission, found.processor_reference)
    if outcome.state == "confirmed":
        return await settle.confirm_settlement(
            ctx, found.id, processor_reference=outcome.transaction_hash
        )
    if outcome.state == "failed":
        return await settle.fail_settlement(ctx, found.id)
    return found


@api.post("/settlements")
async def create_settlement(request: Request) -> Response:
    principal = await auth.authenticate(request, "invoices:write")
    body = await fields.body_of(request)
    confirmer = confirmer_for(runtime_of(request).settings)
    async with operations.transaction(request, principal) as ctx:
        status, document = await _settle(ctx, body, confirmer)
    return answer(document, status)


async def _settle(
    ctx: Context, body: dict[str, Any], confirmer: Confirmer
) -> tuple[int, dict[str, Any]]:
    invoice_id = fields.required_text(body, "invoiceId")
    invoice = await settle.lock_for_payment(ctx, invoice_id)  # 404 as remit's, translated
    product = await _product_of(ctx, invoice)
    owner = (await attributes.read(ctx, PROVIDER, product.id)).get("owner") if product else None
    payer_id = fields.text(body, "payerId") or invoice.customer_id
    merchant_id = fields.text(body, "merchantId") or owner
    if payer_id != invoice.customer_id:
        raise bad("Settlement payer must match the invoice user.")
    if merchant_id != owner:
        raise bad("Settlement merchant must match the service owner.")
    reference = fields.reference_hash(body)
    payer_address = fields.address(body, "payerAddress")
    merchant_address = fields.address(body, "merchantAddress")
    amount = fields.settlement_amount(body)
    currency = _currency(body, invoice.currency)
    recorded_at = fields.date(body, "recordedAt")

    earlier = await settle.earlier_payment(ctx, invoice, "crypto", reference)
    if earlier is not None:  # the same payment again: answered as it stands (after a recheck)
        earlier = await _recheck(ctx, confirmer, earlier)
        return 200, {"settlement": await _settlement_view(ctx, earlier, invoice),
                     "chain": mapping.chain(earlier)}  # fmt: skip

    submission = Submission(
        invoice_id=invoice.id,
        service_id=product.id if product else None,
        payer_address=payer_address,
        merchant_address=merchant_address,
        amount=amount if amount is not None else invoice.amount_remaining,
        currency=currency,
        reference_hash=reference,
    )
    outcome = await confirmer.submit(submission)
    data = {
        "amount": None if amount is None else str(amount), "currency": currency,
        "method": "crypto", "reference": reference,
        "status": "confirmed" if outcome.state == "confirmed" else "pending",
        "recorded_at": recorded_at,
    }  # fmt: skip
    recorded = await settle.record_on(
        ctx, invoice, _model(SettlementCreate, data), finalize_draft=True,
        processor_reference=outcome.transaction_hash,
    )  # fmt: skip
    created = recorded.settlement
    addresses = {"payer_address": payer_address, "merchant_address": merchant_address}
    attributes.create(ctx, PROVIDER, created.id, addresses)
    if outcome.state == "failed":
        created = await settle.fail_settlement(ctx, created.id)
    view = await _settlement_view(ctx, created, invoice)
    document: dict[str, Any] = {"settlement": view, "chain": mapping.chain(created)}
    if outcome.state == "failed":
        document["error"] = outcome.message
        return 502, document
    return 201, document


@api.get("/settlements/{settlement_id}")
async def retrieve_settlement(settlement_id: str, request: Request) -> Response:
    principal = await auth.authenticate(request, "invoices:write")
    confirmer = confirmer_for(runtime_of(request).settings)
    async with operations.transaction(request, principal) as ctx:
        found = await settlements.find_settlement(ctx, settlement_id)
        if found is None:
            raise RetempoError(404, "Settlement was not found.")
        found = await _recheck(ctx, confirmer, found)
        shown = await _settlement_view(ctx, found)
    return answer({"settlement": shown})


router.include_router(api)


@router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def not_found(path: str) -> Response:
    return error_response(RetempoError(404, "Route was not found."))
