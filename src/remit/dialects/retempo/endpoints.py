"""`/retempo/api/v1/…`: Retempo's routes over remit's services (docs/dialects/retempo.md).

Each handler reads Retempo's body with Retempo's checks, in Retempo's order (digest §1.3),
calls the same services as remit's own routes, in one transaction, and answers with the
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
from remit.context import Context
from remit.customers import service as customers
from remit.customers.models import Customer
from remit.customers.repository import CustomerRepository
from remit.customers.schemas import CustomerCreate, CustomerUpdate
from remit.dialects.common import DialectRoute
from remit.dialects.retempo import auth, fields, mapping
from remit.dialects.retempo.confirmers import Submission, confirmer_for
from remit.dialects.retempo.envelope import RetempoError, answer, error_response
from remit.dialects.retempo.errors import RECORD_NOT_FOUND, UNIQUE, translate
from remit.dialects.retempo.fields import bad
from remit.dialects.validation import validated
from remit.invoices import finalize, items, service, timers, transitions
from remit.invoices.lifecycle import Status
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.repository import InvoiceRepository
from remit.invoices.schemas import InvoiceCreate, InvoiceOut
from remit.kernel.currencies import UnknownCurrency, normalize_currency
from remit.kernel.pagination import PageRequest
from remit.plans import service as catalog
from remit.plans.models import Plan, Product
from remit.plans.repository import PlanRepository, ProductRepository
from remit.plans.schemas import PlanCreate, ProductCreate
from remit.settlements import service as settlements
from remit.settlements.models import Settlement
from remit.settlements.repository import SettlementRepository
from remit.settlements.schemas import SettlementCreate
from remit.subscriptions.models import Subscription
from remit.subscriptions.repository import SubscriptionRepository

PREFIX = "/retempo"
API_ROOT = "/api/v1"
ALL = PageRequest(100)


class RetempoRoute(DialectRoute):
    """Answers every error of the route in Retempo's `{"error": …}` body."""

    error_type = RetempoError
    render = staticmethod(lambda _request, error: error_response(error))
    translate = staticmethod(lambda _operation, problem: translate(problem))


router = APIRouter(prefix=PREFIX, route_class=RetempoRoute, include_in_schema=False)
api = APIRouter(prefix=API_ROOT, route_class=RetempoRoute)


_model = validated  # remit's field errors become Retempo's 400 in RetempoRoute


def _wrap(key: str) -> Callable[[Any, Context], bytes]:
    return lambda document, _ctx: answer({key: document}).body


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


async def _user(ctx: Context, user_id: str) -> Customer:
    found = await CustomerRepository(ctx).find(user_id)
    if found is None:
        raise RetempoError(404, RECORD_NOT_FOUND)
    return found


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
    existing = await CustomerRepository(ctx).first_with_email(email)
    if existing is not None:
        if name is not None:
            return await customers.update_customer(
                ctx, existing.id, _model(CustomerUpdate, {"name": name})
            )
        return existing
    created = _model(
        CustomerCreate, {"email": email, "name": name, "metadata": {mapping.ROLE: chosen}}
    )
    return await customers.create_customer(ctx, created)


@api.post("/users")
async def create_user(request: Request) -> Response:
    body = await fields.body_of(request)

    async def create(ctx: Context) -> dict[str, Any]:
        customer = await _upsert(ctx, body, "PAYER")
        await ctx.session.flush()
        return mapping.user(customer)

    return await _write(request, "customers:write", create, "user")


@api.get("/users/{user_id}")
async def retrieve_user(user_id: str, request: Request) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        found = await CustomerRepository(ctx).find(user_id)
        if found is None:
            raise RetempoError(404, "User was not found.")
        return mapping.user(found)

    return await _read(request, "customers:read", query, "user")


# — services and their payment plans —


async def _service_view(ctx: Context, product: Product) -> dict[str, Any]:
    owner_id = product.metadata_.get(mapping.OWNER)
    owner = await CustomerRepository(ctx).find(owner_id) if owner_id else None
    plans = await PlanRepository(ctx).list(ALL, product=product.id)
    return mapping.service(product, owner, list(plans.items))


@api.post("/services")
async def create_service(request: Request) -> Response:
    body = await fields.body_of(request)

    async def create(ctx: Context) -> dict[str, Any]:
        owner = await upsert_user(ctx, body, "ownerId", "owner", "DEVELOPER")
        description = fields.text(body, "description")
        name = fields.required_text(body, "name")
        status = fields.choice(body, "status", mapping.SERVICE_STATUSES, "DRAFT")
        metadata = {mapping.OWNER: owner.id, mapping.SERVICE_STATUS: status}
        data = {"name": name, "description": description, "active": status != "DISABLED"}
        product = await catalog.create_product(
            ctx, _model(ProductCreate, {**data, "metadata": metadata})
        )
        await ctx.session.flush()
        return await _service_view(ctx, product)

    return await _write(request, "products:write", create, "service")


@api.get("/services")
async def list_services(request: Request) -> Response:
    async def query(ctx: Context) -> list[dict[str, Any]]:
        found = await ProductRepository(ctx).list(ALL)
        return [await _service_view(ctx, product) for product in found.items]

    return await _read(request, "products:read", query, "services")


async def _service(ctx: Context, service_id: str, missing: str = RECORD_NOT_FOUND) -> Product:
    found = await ProductRepository(ctx).find(service_id)
    if found is None:
        raise RetempoError(404, missing)
    return found


@api.get("/services/{service_id}")
async def retrieve_service(service_id: str, request: Request) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        return await _service_view(ctx, await _service(ctx, service_id, "Service was not found."))

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
        metadata = {mapping.PRICING_TYPE: pricing}
        if description is not None:
            metadata[mapping.PLAN_DESCRIPTION] = description
        data = {
            "product": service_id, "amount": str(amount), "currency": currency,
            "interval": str(interval).lower(), "nickname": name, "metadata": metadata,
        }  # fmt: skip
        return mapping.plan(await catalog.create_plan(ctx, _model(PlanCreate, data)))

    return await _write(request, "plans:write", create, "plan")


@api.get("/services/{service_id}/plans")
async def list_plans(service_id: str, request: Request) -> Response:
    async def query(ctx: Context) -> list[dict[str, Any]]:
        await _service(ctx, service_id)
        found = await PlanRepository(ctx).list(ALL, product=service_id)
        return [mapping.plan(plan) for plan in found.items]

    return await _read(request, "plans:read", query, "plans")


async def plan_of_service(ctx: Context, plan_id: str, service_id: str) -> Plan:
    found = await PlanRepository(ctx).find(plan_id)
    if found is None or found.product_id != service_id:
        raise RetempoError(404, "Payment plan was not found for the service.")
    return found


async def subscription_in(
    ctx: Context, subscription_id: str, service_id: str, user_id: str
) -> Subscription:
    found = await SubscriptionRepository(ctx).find(subscription_id)
    plan = await PlanRepository(ctx).find(found.plan_id) if found else None
    if (
        found is None
        or plan is None
        or plan.product_id != service_id
        or found.customer_id != user_id
    ):
        raise RetempoError(404, "Subscription was not found for the service and user.")
    return found


# — invoices —


async def invoice_view(ctx: Context, invoice: Invoice) -> dict[str, Any]:
    """The invoice with Retempo's includes: plan, service, settlements, subscription, usage
    events and user."""
    await ctx.session.flush()
    plan = await PlanRepository(ctx).find(invoice.plan_id) if invoice.plan_id else None
    product = await ProductRepository(ctx).find(plan.product_id) if plan else None
    service_id = product.id if product else None
    merchant = product.metadata_.get(mapping.OWNER) if product else None
    subscription = (
        await SubscriptionRepository(ctx).find(invoice.subscription_id)
        if invoice.subscription_id
        else None
    )
    user = await CustomerRepository(ctx).get_including_deleted(invoice.customer_id)
    paid = await SettlementRepository(ctx).for_invoice(invoice.id, ALL)
    return {
        **mapping.invoice(invoice, service_id),
        "paymentPlan": mapping.plan(plan) if plan else None,
        "service": mapping.service(product) if product else None,
        "settlements": [mapping.settlement(s, invoice, service_id, merchant) for s in paid.items],
        "subscription": mapping.subscription(subscription, service_id) if subscription else None,
        "usageEvents": [_line_event(line, invoice) for line in _usage_lines(invoice)],
        "user": mapping.user(user),
    }


def _usage_lines(invoice: Invoice) -> list[InvoiceLine]:
    return [line for line in invoice.lines if mapping.EVENT_KEY in (line.metadata_ or {})]


def _line_event(line: InvoiceLine, invoice: Invoice) -> dict[str, Any]:
    return mapping.usage_event(
        line.id, line.metadata_, line.quantity, invoice.id, invoice.customer_id, invoice.created_at
    )


async def _issue_as(ctx: Context, invoice: Invoice, status: str) -> None:
    """Retempo sets VOID and EXPIRED at creation; remit reaches them through issuing."""
    if status == "VOID":
        await transitions.void_invoice(ctx, invoice.id)
    elif status == "EXPIRED":
        invoice.expires_at = ctx.now  # it expires now: the timer's own transition
        await ctx.session.flush()
        await timers.expire(ctx, invoice.id)


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
        await _issue_as(ctx, invoice, str(status))
        return await invoice_view(ctx, invoice)

    return await _write(request, "invoices:write", create, "invoice")


@api.get("/invoices/{invoice_id}")
async def retrieve_invoice(invoice_id: str, request: Request) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        found = await InvoiceRepository(ctx).find(invoice_id)
        if found is None:
            raise RetempoError(404, "Invoice was not found.")
        return await invoice_view(ctx, found)

    return await _read(request, "invoices:read", query, "invoice")


# — checkout sessions: an open invoice for one period of the plan, paid on the hosted page —


async def _checkout_view(ctx: Context, invoice: Invoice, more: bool = False) -> dict[str, Any]:
    await ctx.session.flush()
    product = await _product_of(ctx, invoice)
    plan = await PlanRepository(ctx).find(invoice.plan_id) if invoice.plan_id else None
    user = await CustomerRepository(ctx).get_including_deleted(invoice.customer_id)
    url = InvoiceOut.of(invoice, ctx.links).hosted_url
    shown = {
        **mapping.checkout_session(invoice, product.id if product else None, url),
        "paymentPlan": mapping.plan(plan) if plan else None,
        "service": mapping.service(product) if product else None,
        "user": mapping.user(user),
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
            "metadata": {mapping.KIND: mapping.CHECKOUT_SESSION},
        }  # fmt: skip
        invoice = await service.create_invoice(ctx, _model(InvoiceCreate, data))
        return await _checkout_view(ctx, invoice)

    return await _write(request, "invoices:write", create, "checkoutSession")


@api.get("/checkout-sessions/{session_id}")
async def retrieve_checkout_session(session_id: str, request: Request) -> Response:
    async def query(ctx: Context) -> dict[str, Any]:
        found = await InvoiceRepository(ctx).find(session_id)
        if found is None or found.metadata_.get(mapping.KIND) != mapping.CHECKOUT_SESSION:
            raise RetempoError(404, "Checkout session was not found.")
        return await _checkout_view(ctx, found, more=True)

    return await _read(request, "invoices:read", query, "checkoutSession")


# — usage events: invoice items of the subscription's customer, priced by its plan —


async def _event_key_taken(ctx: Context, user_id: str, subscription_id: str, key: str) -> bool:
    after = None
    while True:
        page = await items.list_items(ctx, customer=user_id, after=after, limit=500)
        for item in page:
            meta = item.metadata
            if meta.get(mapping.EVENT_SUBSCRIPTION) == subscription_id and (
                meta.get(mapping.EVENT_KEY) == key
            ):
                return True
        if len(page) < 500:
            return False
        after = page[-1].id


@api.post("/usage-events")
async def create_usage_event(request: Request) -> Response:
    body = await fields.body_of(request)

    async def create(ctx: Context) -> dict[str, Any]:
        service_id = fields.required_text(body, "serviceId")
        subscription_id = fields.required_text(body, "subscriptionId")
        user_id = fields.required_text(body, "userId")
        subscription = await subscription_in(ctx, subscription_id, service_id, user_id)
        invoice_id = fields.text(body, "invoiceId")
        if invoice_id is not None:
            invoice = await InvoiceRepository(ctx).find(invoice_id)
            if invoice is None:
                raise RetempoError(404, RECORD_NOT_FOUND)
            product = await _product_of(ctx, invoice)
            if invoice.customer_id != user_id or product is None or product.id != service_id:
                raise bad("Invoice does not match the usage event service and user.")
        key = fields.required_text(body, "eventKey")
        occurred_at = fields.date(body, "occurredAt") or ctx.now
        quantity = fields.decimal(body, "quantity", required=True)
        assert quantity is not None
        # One event per (subscription, eventKey): the subscription's lock queues writers.
        await SubscriptionRepository(ctx).get(subscription.id, lock=True)
        if await _event_key_taken(ctx, user_id, subscription.id, key):
            raise RetempoError(409, UNIQUE)
        plan = await PlanRepository(ctx).get(subscription.plan_id)
        metadata = {
            mapping.EVENT_KEY: key,
            mapping.EVENT_SUBSCRIPTION: subscription.id,
            mapping.EVENT_SERVICE: service_id,
            mapping.EVENT_OCCURRED_AT: mapping.stamp(occurred_at),
        }
        spec = items.ItemIn(
            customer=user_id, unit_amount=plan.amount, quantity=quantity,
            currency=plan.currency, invoice=invoice_id,
            description=f"{plan.nickname or 'Usage'}: {key}", metadata=metadata,
        )  # fmt: skip
        item = await items.create_item(ctx, spec)
        return mapping.usage_event(
            item.id, item.metadata, item.quantity, item.invoice_id, user_id, item.created_at
        )

    return await _write(request, "invoices:write", create, "usageEvent")


# — settlements —


async def _settlement_view(ctx: Context, found: Settlement) -> dict[str, Any]:
    """The settlement with Retempo's includes: invoice, merchant, payer and service."""
    invoice = await InvoiceRepository(ctx).get(found.invoice_id)
    product = await _product_of(ctx, invoice)
    service_id = product.id if product else None
    merchant_id = product.metadata_.get(mapping.OWNER) if product else None
    customers_ = CustomerRepository(ctx)
    merchant = await customers_.find(merchant_id) if merchant_id else None
    payer = await customers_.get_including_deleted(invoice.customer_id)
    return {
        **mapping.settlement(found, invoice, service_id, merchant_id),
        "invoice": mapping.invoice(invoice, service_id),
        "merchant": mapping.user(merchant) if merchant else None,
        "payer": mapping.user(payer),
        "service": mapping.service(product) if product else None,
    }


async def _product_of(ctx: Context, invoice: Invoice) -> Product | None:
    plan = await PlanRepository(ctx).find(invoice.plan_id) if invoice.plan_id else None
    return await ProductRepository(ctx).find(plan.product_id) if plan else None


def _submission(invoice: Invoice, service_id: str | None, found: Settlement) -> Submission:
    meta = found.metadata_
    return Submission(
        invoice_id=invoice.id,
        service_id=service_id,
        payer_address=meta[mapping.PAYER_ADDRESS],
        merchant_address=meta[mapping.MERCHANT_ADDRESS],
        amount=found.amount,
        currency=found.currency,
        reference_hash=meta[mapping.REFERENCE_HASH],
    )


async def _recheck(ctx: Context, request: Request, found: Settlement) -> Settlement:
    """Ask the confirmer again about a pending settlement, and record its answer."""
    if found.status != "pending" or mapping.REFERENCE_HASH not in found.metadata_:
        return found
    invoice = await InvoiceRepository(ctx).get(found.invoice_id)
    product = await _product_of(ctx, invoice)
    submission = _submission(invoice, product.id if product else None, found)
    outcome = await confirmer_for(runtime_of(request).settings).check(submission, found.reference)
    if outcome.state == "confirmed":
        return await settlements.confirm_settlement(ctx, found.id)
    if outcome.state == "failed":
        return await settlements.fail_settlement(ctx, found.id)
    return found


@api.post("/settlements")
async def create_settlement(request: Request) -> Response:
    principal = await auth.authenticate(request, "invoices:write")
    body = await fields.body_of(request)
    confirmer = confirmer_for(runtime_of(request).settings)
    async with operations.transaction(request, principal) as ctx:
        status, document = await _settle(ctx, request, body, confirmer)
    return answer(document, status)


async def _settle(
    ctx: Context, request: Request, body: dict[str, Any], confirmer: Any
) -> tuple[int, dict[str, Any]]:
    invoice_id = fields.required_text(body, "invoiceId")
    found = await InvoiceRepository(ctx).find(invoice_id)
    if found is None:
        raise RetempoError(404, RECORD_NOT_FOUND)
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    product = await _product_of(ctx, invoice)
    owner = product.metadata_.get(mapping.OWNER) if product else None
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

    earlier = await _same_reference(ctx, invoice.id, reference)
    if earlier is not None and earlier.status != "failed":
        earlier = await _recheck(ctx, request, earlier)
        shown = await _settlement_view(ctx, earlier)
        return 200, {"settlement": shown, "chain": mapping.chain(earlier)}

    if invoice.status == Status.DRAFT:  # paying a draft issues it first, as Stripe's pay does
        await finalize.finalize_invoice(ctx, invoice.id)
    submission = Submission(
        invoice_id=invoice.id,
        service_id=product.id if product else None,
        payer_address=payer_address,
        merchant_address=merchant_address,
        amount=amount if amount is not None else invoice.amount_due - invoice.amount_paid,
        currency=currency,
        reference_hash=reference,
    )
    outcome = await confirmer.submit(submission)
    metadata = {
        mapping.REFERENCE_HASH: reference,
        mapping.PAYER_ADDRESS: payer_address,
        mapping.MERCHANT_ADDRESS: merchant_address,
    }
    data = {
        "amount": None if amount is None else str(amount), "currency": currency,
        "method": "crypto", "reference": outcome.transaction_hash,
        "status": "confirmed" if outcome.state == "confirmed" else "pending",
        "recorded_at": recorded_at, "metadata": metadata,
    }  # fmt: skip
    created = await settlements.record_settlement(ctx, invoice.id, _model(SettlementCreate, data))
    if outcome.state == "failed":
        await ctx.session.flush()
        created = await settlements.fail_settlement(ctx, created.id)
    shown = await _settlement_view(ctx, created)
    document = {"settlement": shown, "chain": mapping.chain(created)}
    if outcome.state == "failed":
        document["error"] = outcome.message
        return 502, document
    return 201, document


async def _same_reference(ctx: Context, invoice_id: str, reference: str) -> Settlement | None:
    found = await SettlementRepository(ctx).for_invoice(invoice_id, ALL)
    same = [s for s in found.items if s.metadata_.get(mapping.REFERENCE_HASH) == reference]
    return max(same, key=lambda s: s.id) if same else None


@api.get("/settlements/{settlement_id}")
async def retrieve_settlement(settlement_id: str, request: Request) -> Response:
    principal = await auth.authenticate(request, "invoices:write")
    async with operations.transaction(request, principal) as ctx:
        found = await SettlementRepository(ctx).find(settlement_id)
        if found is None:
            raise RetempoError(404, "Settlement was not found.")
        found = await _recheck(ctx, request, found)
        shown = await _settlement_view(ctx, found)
    return answer({"settlement": shown})


router.include_router(api)


@router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def not_found(path: str) -> Response:
    return error_response(RetempoError(404, "Route was not found."))
