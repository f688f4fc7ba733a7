"""Between Retempo's objects and remit's (docs/dialects/retempo.md has the table).

A Retempo user is a remit customer, a service a product, a payment plan a plan, a
subscription a subscription, an invoice an invoice with one line, a settlement a crypto
settlement (its `referenceHash` the settlement's reference, its `transactionHash` the
processor reference), a checkout session an open invoice paid on remit's hosted page, and a
usage event a core usage event of the subscription's customer (its quantity the payload's
`quantity`; a USAGE_BASED plan is a metered plan whose meter sums them). Ids are remit's,
unchanged. What Retempo has and remit does not (a user's role, a service's owner and status,
a plan's pricing type, a settlement's wallet addresses, a usage event's service, subscription
and key) is kept as provider attributes, never in metadata.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from remit.customers.models import Customer
from remit.dialects.retempo.envelope import six
from remit.invoices.models import Invoice
from remit.kernel.fields import render_timestamp
from remit.plans.models import Plan, Product
from remit.settlements.models import Settlement
from remit.subscriptions.models import Subscription
from remit.usage.models import UsageEvent, UsageRecord

PROVIDER = "retempo"  # the provider attributes' namespace
CHECKOUT_SESSION = "checkout_session"  # an invoice's `kind` attribute
QUANTITY = "quantity"  # the payload key of a usage event's quantity, which meters sum
USAGE_EVENT_PREFIX = "retempo."  # of the event names of Retempo's usage
IDENTIFIER_MAX = 255  # a core usage event's identifier: `<subscriptionId>/<eventKey>`

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


def user(customer: Customer, attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": customer.id,
        "email": customer.email,
        "name": customer.name,
        "role": attrs.get("role", "PAYER"),
        **_times(customer),
    }


def service_status(product: Product, attrs: dict[str, Any]) -> str:
    return attrs.get("status") or ("ACTIVE" if product.active else "DISABLED")


def service(product: Product, attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": product.id,
        "ownerId": attrs.get("owner"),
        "name": product.name,
        "description": product.description,
        "status": service_status(product, attrs),
        **_times(product),
    }


def plan(found: Plan, attrs: dict[str, Any]) -> dict[str, Any]:
    default_type = "ONE_TIME" if found.interval == "none" else "FIXED_RECURRING"
    return {
        "id": found.id,
        "serviceId": found.product_id,
        "name": found.nickname,
        "description": attrs.get("description"),
        "pricingType": attrs.get("pricing_type", default_type),
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
    found: Settlement,
    attrs: dict[str, Any],
    invoice: Invoice,
    service_id: str | None,
    merchant_id: str | None,
) -> dict[str, Any]:
    return {
        "id": found.id,
        "invoiceId": found.invoice_id,
        "serviceId": service_id,
        "payerId": invoice.customer_id,
        "merchantId": merchant_id,
        "amount": six(found.amount),
        "currency": found.currency,
        "referenceHash": found.reference,
        "transactionHash": found.processor_reference,
        "status": SETTLEMENT_STATUS[found.status],
        "payerAddress": attrs.get("payer_address"),
        "merchantAddress": attrs.get("merchant_address"),
        "recordedAt": stamp(found.recorded_at),
        **_times(found),
    }


def usage_event(event: UsageEvent, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A core usage event recorded through Retempo (`attrs`: its service, subscription and
    key); `invoiceId` is the invoice that billed it, once one has."""
    return {
        "id": event.id,
        "serviceId": attrs.get("service"),
        "subscriptionId": attrs.get("subscription"),
        "userId": event.customer_id,
        "invoiceId": event.invoice_id,
        "eventKey": attrs.get("event_key"),
        "quantity": six(str(event.payload.get(QUANTITY, "0"))),
        "occurredAt": stamp(event.occurred_at),
        "createdAt": stamp(event.created_at),
        "updatedAt": stamp(event.created_at),
    }


def usage_record(record: UsageRecord, service_id: str | None, invoice_id: str) -> dict[str, Any]:
    """A usage event recorded through Retempo before they were core usage events: a usage
    record, billed as a line of `invoice_id`."""
    return {
        "id": record.id,
        "serviceId": service_id,
        "subscriptionId": record.subscription_id,
        "userId": record.customer_id,
        "invoiceId": invoice_id,
        "eventKey": record.identifier,
        "quantity": six(record.quantity),
        "occurredAt": stamp(record.occurred_at),
        "createdAt": stamp(record.created_at),
        "updatedAt": stamp(record.created_at),
    }


def usage_events(
    found: Invoice,
    billed: Sequence[UsageEvent],
    attrs: Mapping[str, Mapping[str, Any]],
    records: Sequence[UsageRecord],
    service_id: str | None,
) -> list[dict[str, Any]]:
    """An invoice's `usageEvents`: the usage events recorded through Retempo that it billed
    (or that named it), and its usage records of before, oldest first."""
    shown = [usage_event(e, attrs[e.id]) for e in billed if "event_key" in attrs.get(e.id, {})]
    shown += [usage_record(record, service_id, found.id) for record in records]
    return sorted(shown, key=lambda view: (view["createdAt"], view["id"]))


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
        "transactionHash": found.processor_reference,
    }
