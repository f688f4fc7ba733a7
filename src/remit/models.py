"""Every table, imported in one place so that the metadata (and Alembic) sees them all.

The composition root (`remit.wiring`) imports it before the first query, so that every
mapper and every foreign key's table is known; the domains never import each other's tables
through it."""

from remit.accounts.models import Account
from remit.api_keys.models import ApiKey
from remit.attributes.models import ProviderAttributes
from remit.balances.models import CustomerBalanceTransaction
from remit.clocks.models import TestClock
from remit.credit_notes.models import CreditNote, CreditNoteLine
from remit.customers.models import Customer
from remit.db.base import Base
from remit.events.models import Event
from remit.idempotency.models import IdempotencyRecord
from remit.invoices.models import Invoice, InvoiceLine, PendingInvoiceItem
from remit.numbering.models import Counter
from remit.payments.models import PaymentMethod, SimulatorCharge
from remit.plans.models import Meter, Plan, Product
from remit.refunds.models import Refund
from remit.settlements.models import Settlement
from remit.subscriptions.models import Subscription, SubscriptionItem
from remit.usage.models import UsageEvent, UsageRecord
from remit.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

metadata = Base.metadata

__all__ = [
    "Account",
    "ApiKey",
    "Counter",
    "CreditNote",
    "CreditNoteLine",
    "Customer",
    "CustomerBalanceTransaction",
    "Event",
    "IdempotencyRecord",
    "Invoice",
    "InvoiceLine",
    "Meter",
    "PaymentMethod",
    "PendingInvoiceItem",
    "Plan",
    "Product",
    "ProviderAttributes",
    "Refund",
    "Settlement",
    "SimulatorCharge",
    "Subscription",
    "SubscriptionItem",
    "TestClock",
    "UsageEvent",
    "UsageRecord",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "metadata",
]
