"""Between Retempo's objects and remit's (docs/dialects/retempo.md has the table).

A Retempo user is a remit customer, a service a product (its owner and status kept in the
product's metadata), a payment plan a plan, a subscription a subscription, an invoice an
invoice with one line, a settlement a crypto settlement, a checkout session an open invoice
paid on remit's hosted page, and a usage event an invoice item. Ids are remit's, unchanged.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from remit.api.fields import render_timestamp
from remit.customers.models import Customer
from remit.dialects.retempo.envelope import six
from remit.invoices.models import Invoice
from remit.plans.models import Plan, Product
from remit.settlements.models import Settlement
from remit.subscriptions.models import Subscription

# Retempo's values kept in remit metadata, under these keys.
ROLE, OWNER, SERVICE_STATUS = "retempo_role", "retempo_owner", "retempo_status"
PRICING_TYPE, PLAN_DESCRIPTION = "retempo_pricing_type", "retempo_description"
REFERENCE_HASH, PAYER_ADDRESS = "retempo_reference_hash", "retempo_payer_address"
MERCHANT_ADDRESS, KIND = "retempo_merchant_address", "retempo_object"
EVENT_KEY, EVENT_SUBSCRIPTION = "retempo_event_key", "retempo_subscription"
EVENT_SERVICE, EVENT_OCCURRED_AT = "retempo_service", "retempo_occurred_at"
CHECKOUT_SESSION = "checkout_session"

INVOICE_STATUSES = ("DRAFT", "OPEN", "PAID", "VOID", "EXPIRED")
INVOICE_STATUS = {
    "draft": "DRAFT", "open": "OPEN", "past_due": "OPEN", "paid": "PAID", "void": "VOID",
    "uncollectible": "VOID", "expired": "EXPIRED",
}  # fmt: skip
CHECKOUT_STATUS = {
    "draft": "PENDING", "open": "PENDING", "past_due": "PENDING", "paid": "PAID",
    "void": "CANCELLED", "uncollectible": "CANCELLED", "expired": "EXPIRED",
}  # fmt: skip
SETTLEMENT_STATUS = {"pending": "PENDING", "confirmed": "CONFIRMED", "failed": "FAILED"}
SUBSCRIPTION_STATUS = {"active": "ACTIVE", "past_due": "PAST_DUE", "canceled": "CANCELLED"}
SERVICE_STATUSES = ("DRAFT", "ACTIVE", "DISABLED")
PRICING_TYPES = ("FIXED_RECURRING", "USAGE_BASED", "ONE_TIME")
INTERVALS = ("MONTH", "WEEK", "DAY", "NONE")
USER_ROLES = ("DEVELOPER", "PAYER")


def stamp(value: datetime | None) -> str | None:
    return None if value is None else render_timestamp(value)


def _times(obj: Any) -> dict[str, str | None]:
    return {"createdAt": stamp(obj.created_at), "updatedAt": stamp(obj.updated_at)}


def user(customer: Customer) -> dict[str, Any]:
    return {
        "id": customer.id,
        "email": customer.email,
        "name": customer.name,
        "role": customer.metadata_.get(ROLE, "PAYER"),
        **_times(customer),
    }


def service_status(product: Product) -> str:
    return product.metadata_.get(SERVICE_STATUS) or ("ACTIVE" if product.active else "DISABLED")


def service(
    product: Product, owner: Customer | None = None, plans: list[Plan] | None = None
) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "id": product.id,
        "ownerId": product.metadata_.get(OWNER),
        "name": product.name,
        "description": product.description,
        "status": service_status(product),
        **_times(product),
    }
    if plans is not None:
        shown["owner"] = None if owner is None else user(owner)
        shown["paymentPlans"] = [plan(p) for p in plans]
    return shown


def plan(found: Plan) -> dict[str, Any]:
    default_type = "ONE_TIME" if found.interval == "none" else "FIXED_RECURRING"
    return {
        "id": found.id,
        "serviceId": found.product_id,
        "name": found.nickname,
        "description": found.metadata_.get(PLAN_DESCRIPTION),
        "pricingType": found.metadata_.get(PRICING_TYPE, default_type),
        "billingInterval": found.interval.upper(),
        "amount": six(found.amount),
        "currency": found.currency,
        **_times(found),
    }


def subscription(found: Subscription, service_id: str | None) -> dict[str, Any]:
    return {
        "id": found.id,
        "serviceId": service_id,
        "paymentPlanId": found.plan_id,
        "userId": found.customer_id,
        "checkoutSessionId": None,
        "status": SUBSCRIPTION_STATUS.get(found.status, "EXPIRED"),
        "currentPeriodStart": stamp(found.current_period_start),
        "currentPeriodEnd": stamp(found.current_period_end),
        **_times(found),
    }


def invoice(found: Invoice, service_id: str | None) -> dict[str, Any]:
    return {
        "id": found.id,
        "number": found.number,
        "serviceId": service_id,
        "paymentPlanId": found.plan_id,
        "subscriptionId": found.subscription_id,
        "userId": found.customer_id,
        "status": INVOICE_STATUS[found.status],
        "amount": six(found.total),
        "currency": found.currency,
        "dueAt": stamp(found.due_at),
        "paidAt": stamp(found.paid_at),
        **_times(found),
    }


def settlement(
    found: Settlement, invoice: Invoice, service_id: str | None, merchant_id: str | None
) -> dict[str, Any]:
    meta = found.metadata_
    status = SETTLEMENT_STATUS[found.status]
    return {
        "id": found.id,
        "invoiceId": found.invoice_id,
        "serviceId": service_id,
        "payerId": invoice.customer_id,
        "merchantId": merchant_id,
        "amount": six(found.amount),
        "currency": found.currency,
        "referenceHash": meta.get(REFERENCE_HASH),
        "transactionHash": found.reference,
        "status": status,
        "payerAddress": meta.get(PAYER_ADDRESS),
        "merchantAddress": meta.get(MERCHANT_ADDRESS),
        "recordedAt": stamp(found.recorded_at),
        **_times(found),
    }


def usage_event(
    item_id: str,
    meta: dict[str, Any],
    quantity: Decimal,
    invoice_id: str | None,
    user_id: str,
    created_at: datetime | None,
) -> dict[str, Any]:
    return {
        "id": item_id,
        "serviceId": meta.get(EVENT_SERVICE),
        "subscriptionId": meta.get(EVENT_SUBSCRIPTION),
        "userId": user_id,
        "invoiceId": invoice_id,
        "eventKey": meta.get(EVENT_KEY),
        "quantity": six(quantity),
        "occurredAt": meta.get(EVENT_OCCURRED_AT),
        "createdAt": stamp(created_at),
        "updatedAt": stamp(created_at),
    }


def checkout_session(found: Invoice, service_id: str | None, url: str | None) -> dict[str, Any]:
    return {
        "id": found.id,
        "serviceId": service_id,
        "paymentPlanId": found.plan_id,
        "userId": found.customer_id,
        "status": CHECKOUT_STATUS[found.status],
        "expiresAt": stamp(found.expires_at),
        "completedAt": stamp(found.paid_at),
        "url": url,
        **_times(found),
    }


def chain(found: Settlement) -> dict[str, Any]:
    """What Retempo reports of the chain; here, of the confirmer."""
    receipt = {"confirmed": "success", "failed": "reverted"}.get(found.status)
    return {
        "circleTransactionId": None,
        "circleTransactionState": None,
        "eventObserved": found.status == "confirmed",
        "executor": "remit",
        "receiptStatus": receipt,
        "transactionHash": found.reference,
    }
