"""Deleting a test clock deletes what lives on it: its customers and everything of theirs —
subscriptions and their items, invoices and their lines, settlements, pending items, usage,
payment methods — in one transaction, children first. Events stay: they are the log of what
happened. Numbers the clock's invoices took stay taken (test mode's series keep counting)."""

from __future__ import annotations

from sqlalchemy import Delete, delete, select

from remit.clocks import service as clocks
from remit.clocks.errors import TestClockAdvancing
from remit.clocks.models import TestClock
from remit.clocks.repository import TestClockRepository
from remit.clocks.schemas import TestClockOut
from remit.context import Context
from remit.customers.models import Customer
from remit.db.repository import in_tenant
from remit.events import service as events
from remit.invoices.models import Invoice, InvoiceLine, PendingInvoiceItem
from remit.payments.models import PaymentMethod
from remit.settlements.models import Settlement
from remit.subscriptions.models import Subscription, SubscriptionItem
from remit.usage.models import UsageEvent, UsageRecord


async def delete_clock(ctx: Context, clock_id: str) -> TestClock:
    clocks.test_mode(ctx)
    clock = await TestClockRepository(ctx).get_for_update(clock_id)
    if clock.status == "advancing":
        raise TestClockAdvancing(f"Test clock {clock.id} is advancing; delete it when ready.")
    customers = select(Customer.id).where(
        in_tenant(ctx, Customer), Customer.test_clock_id == clock.id
    )
    invoices = select(Invoice.id).where(in_tenant(ctx, Invoice), Invoice.test_clock_id == clock.id)
    subscriptions = select(Subscription.id).where(
        in_tenant(ctx, Subscription), Subscription.test_clock_id == clock.id
    )
    statements: list[Delete] = [
        delete(InvoiceLine).where(
            in_tenant(ctx, InvoiceLine), InvoiceLine.invoice_id.in_(invoices)
        ),
        delete(Settlement).where(in_tenant(ctx, Settlement), Settlement.invoice_id.in_(invoices)),
        delete(UsageEvent).where(in_tenant(ctx, UsageEvent), UsageEvent.customer_id.in_(customers)),
        delete(UsageRecord).where(
            in_tenant(ctx, UsageRecord), UsageRecord.customer_id.in_(customers)
        ),
        delete(PendingInvoiceItem).where(
            in_tenant(ctx, PendingInvoiceItem), PendingInvoiceItem.customer_id.in_(customers)
        ),
        delete(Invoice).where(in_tenant(ctx, Invoice), Invoice.test_clock_id == clock.id),
        delete(SubscriptionItem).where(
            in_tenant(ctx, SubscriptionItem), SubscriptionItem.subscription_id.in_(subscriptions)
        ),
        delete(Subscription).where(
            in_tenant(ctx, Subscription), Subscription.test_clock_id == clock.id
        ),
        delete(PaymentMethod).where(
            in_tenant(ctx, PaymentMethod), PaymentMethod.customer_id.in_(customers)
        ),
        delete(Customer).where(in_tenant(ctx, Customer), Customer.test_clock_id == clock.id),
    ]
    for statement in statements:
        await ctx.session.execute(statement.execution_options(synchronize_session=False))
    out = TestClockOut.of(clock)
    await ctx.session.delete(clock)
    events.record(ctx, "test_helpers.test_clock.deleted", out)
    return clock
