"""Every table, imported in one place so that the metadata (and Alembic) sees them all."""

from remit.accounts.models import Account
from remit.api_keys.models import ApiKey
from remit.customers.models import Customer
from remit.db.base import Base
from remit.events.models import Event
from remit.idempotency.models import IdempotencyRecord
from remit.invoices.models import (
    Invoice,
    InvoiceLine,
    InvoiceNumberCounter,
    PendingInvoiceItem,
)
from remit.payments.models import PaymentMethod, SimulatorCharge
from remit.plans.models import Plan, Product
from remit.settlements.models import Settlement
from remit.subscriptions.models import Subscription
from remit.webhooks import fanout  # noqa: F401 - installs the outbox hooks on sessions
from remit.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

metadata = Base.metadata

__all__ = [
    "Account",
    "ApiKey",
    "Customer",
    "Event",
    "IdempotencyRecord",
    "Invoice",
    "InvoiceLine",
    "InvoiceNumberCounter",
    "PaymentMethod",
    "PendingInvoiceItem",
    "Plan",
    "Product",
    "Settlement",
    "SimulatorCharge",
    "Subscription",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "metadata",
]
