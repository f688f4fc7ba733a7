"""The billing run: one period of one subscription, billed once.

`bill_next_period` locks the subscription, re-checks that its next period is due, and either
ends it (`cancel_at_period_end`) or makes the period's invoice, in its plans' currency —
licensed items in advance, metered usage not billed yet, the customer's pending items (unless
they would make its total negative: `next_invoice`) — issues it, and moves the subscription
to that period. The lock serialises racing workers (the second finds the period billed and
does nothing), and the database refuses a second invoice for one period
(`uq_invoices_subscription_period`), so a period is billed exactly once, whatever crashes.
A worker that was off for three periods calls it three times: each missed period, in order.

`period_lines` and `next_invoice` also show that invoice before it is made (the upcoming
invoice, billing.changes), so the preview and the run cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.context import Context, utc_now
from remit.events import service as events
from remit.invoices import changes, items
from remit.invoices import service as invoices
from remit.invoices.lines import line_row
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.plan_lines import plan_lines
from remit.invoices.schemas import InvoiceCreate, LineIn
from remit.plans.models import Plan
from remit.plans.repository import MeterRepository, PlanRepository
from remit.subscriptions import service as subscriptions
from remit.subscriptions.models import Subscription, SubscriptionItem
from remit.subscriptions.repository import SubscriptionRepository
from remit.subscriptions.schemas import SubscriptionOut
from remit.usage import meters

TRIAL_WARNING_DAYS = 3  # `subscription.trial_will_end` this long before the trial ends
DAYS_UNTIL_DUE = 30  # a sent invoice's, when the subscription names none (as Stripe)


class Billed(Enum):
    NOT_DUE = "not_due"  # another worker billed it, or it is not due (yet, or any more)
    INVOICED = "invoiced"
    ENDED = "ended"  # canceled at the end of its period instead


@dataclass(frozen=True)
class Period:
    n: int
    start: datetime
    end: datetime | None


@dataclass(frozen=True)
class Billable:
    """One item as a period bills it: its plan and quantity."""

    plan: Plan
    quantity: int


@dataclass(frozen=True)
class PeriodLines:
    lines: list[LineIn]
    usage: list[str]  # the usage events the lines bill


async def bill_next_period(ctx: Context, subscription_id: str) -> Billed:
    subscription = await SubscriptionRepository(ctx, items=True).find(subscription_id, lock=True)
    # The lock may have been waited for while another worker billed earlier periods: what this
    # period makes (its invoice, its events) is stamped from now, after theirs, in order.
    ctx.now = max(ctx.now, utc_now())
    if subscription is None or not _due(subscription, ctx.now):
        return Billed.NOT_DUE
    billables = await billables_of(ctx, subscription.items)
    n = subscription.billed_periods
    if subscription.cancel_at_period_end and n > 0:
        subscriptions.end(ctx, subscription, subscription.next_bill_at or ctx.now)
        return Billed.ENDED
    period = next_period(subscription, billables[0].plan)
    invoice = await _invoice(ctx, subscription, billables, period)
    subscription.billed_periods = n + 1
    subscription.current_period_start, subscription.current_period_end = period.start, period.end
    subscription.next_bill_at = period.end
    subscription.latest_invoice_id = invoice.id
    subscription.updated_at = ctx.now
    if subscription.status == "trialing":
        subscriptions.change_status(ctx, subscription, "active")  # the trial is over
    else:
        events.record(ctx, "subscription.updated", SubscriptionOut.of(subscription))
    return Billed.INVOICED


def _due(subscription: Subscription, now: datetime) -> bool:
    return (
        subscription.status in subscriptions.BILLED
        and subscription.next_bill_at is not None
        and subscription.next_bill_at <= now
    )


def next_period(subscription: Subscription, plan: Plan) -> Period:
    """The period the run bills next (`plan`: any of the items', which share an interval)."""
    anchor = subscription.billing_cycle_anchor or subscription.current_period_start
    n = subscription.billed_periods
    start, end = subscriptions.period_bounds(anchor, plan, n)
    return Period(n, start, end)


async def billables_of(ctx: Context, items: list[SubscriptionItem]) -> list[Billable]:
    """The items with their plans, in the subscription's order."""
    repository, plans = PlanRepository(ctx), {}
    for item in items:
        if item.plan_id not in plans:
            plans[item.plan_id] = await repository.get(item.plan_id)
    return [Billable(plans[item.plan_id], item.quantity) for item in items]


async def _invoice(
    ctx: Context, subscription: Subscription, billables: list[Billable], period: Period
) -> Invoice:
    currency = billables[0].plan.currency
    billed = await period_lines(ctx, subscription.customer_id, billables, period)
    _, with_pending = await next_invoice(ctx, subscription, currency, period, billed.lines)
    send = subscription.collection_method == "send_invoice"
    data = InvoiceCreate.model_validate(
        {
            "customer": subscription.customer_id,
            "subscription": subscription.id,
            "status": "open",
            "currency": currency,
            "collection_method": subscription.collection_method,
            "days_until_due": (subscription.days_until_due or DAYS_UNTIL_DUE) if send else None,
            "payment_method": subscription.payment_method_id,
            "period_start": period.start,
            "period_end": period.end,
            "lines": billed.lines,
            "pending_items": "include" if with_pending else "exclude",
        }
    )
    reason = "subscription_create" if period.n == 0 else "subscription_cycle"
    invoice = await invoices.create_invoice(ctx, data, billing_reason=reason)
    await meters.mark_billed(ctx, billed.usage, invoice.id)
    return invoice


async def period_lines(
    ctx: Context, customer_id: str, billables: list[Billable], period: Period
) -> PeriodLines:
    """A period's lines, as its invoice bills them (the run's, and the upcoming invoice's):
    per licensed item its quantity, in advance; per metered item the usage not billed yet,
    in arrears."""
    lines: list[LineIn] = []
    usage: list[str] = []
    for billable in billables:
        if billable.plan.usage_type == "metered":
            usage_lines, used = await _metered(ctx, customer_id, billable.plan, period)
            lines += usage_lines
            usage += used
        else:
            lines += await _licensed(ctx, billable.plan, Decimal(billable.quantity), period)
    return PeriodLines(lines, usage)


async def next_invoice(
    ctx: Context,
    subscription: Subscription,
    currency: str,
    period: Period,
    lines: list[LineIn],
    extra: list[LineIn] | None = None,
) -> tuple[Invoice, bool]:
    """The period's invoice as the run makes it, transient (never stored): `lines`, then the
    customer's pending items in its currency, then `extra` (lines that would be pending by
    then: a change's prorations, previewed). The pending items go on it only if its total
    stays at least 0 — an invoice's total is never negative (finalize refuses it), so a
    credit larger than the period's charges waits for an invoice it fits in. Returns the
    invoice and whether the pending items are on it."""
    invoice = await items.preview(ctx, subscription.customer_id, currency)
    pending = list(invoice.lines)
    send = subscription.collection_method == "send_invoice"
    invoice.subscription_id = subscription.id
    invoice.payment_method = subscription.payment_method_id
    invoice.collection_method = subscription.collection_method
    invoice.days_until_due = (subscription.days_until_due or DAYS_UNTIL_DUE) if send else None
    invoice.period_start, invoice.period_end = period.start, period.end
    own = [line_row(ctx, invoice, 0, spec) for spec in lines]
    later = pending + [line_row(ctx, invoice, 0, spec) for spec in extra or ()]
    account = await get_account(ctx)
    _set_lines(invoice, own + later, account)
    if later and invoice.total < 0:
        _set_lines(invoice, own, account)
        return invoice, False
    return invoice, bool(later)


def _set_lines(invoice: Invoice, rows: list[InvoiceLine], account: Account) -> None:
    for position, row in enumerate(rows):
        row.position = position
    invoice.lines = rows
    changes.recompute(invoice, account)


async def _licensed(ctx: Context, plan: Plan, quantity: Decimal, period: Period) -> list[LineIn]:
    """A licensed item bills its quantity for the period starting, in advance."""
    return await plan_lines(ctx, plan, quantity, period_start=period.start, period_end=period.end)


async def _metered(
    ctx: Context, customer_id: str, plan: Plan, period: Period
) -> tuple[list[LineIn], list[str]]:
    """A metered item bills, in arrears, the usage not billed yet that happened before the
    period starting (the period that just closed, and late events of earlier ones)."""
    if period.n == 0 or plan.meter_id is None:
        return [], []
    meter = await MeterRepository(ctx).find(plan.meter_id)
    if meter is None:
        return [], []
    reading = await meters.unbilled(ctx, meter, customer_id, period.start)
    if not reading.event_ids:
        return [], []
    return await plan_lines(ctx, plan, reading.quantity), list(reading.event_ids)


async def warn_trial_end(ctx: Context, subscription_id: str) -> bool:
    """`subscription.trial_will_end`, once, three days before the trial ends."""
    subscription = await SubscriptionRepository(ctx, items=True).find(subscription_id, lock=True)
    if (
        subscription is None
        or subscription.status != "trialing"
        or subscription.trial_end_notified
        or subscription.trial_end is None
    ):
        return False
    subscription.trial_end_notified = True
    events.record(ctx, "subscription.trial_will_end", SubscriptionOut.of(subscription))
    return True
