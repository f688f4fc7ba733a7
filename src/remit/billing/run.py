"""The billing run: one period of one subscription, billed once.

`bill_next_period` locks the subscription, re-checks that its next period is due, and either
ends it (`cancel_at_period_end`) or makes the period's invoice — licensed items in advance,
metered usage not billed yet, the customer's pending items — issues it, and moves the
subscription to that period. The lock serialises racing workers (the second finds the period
billed and does nothing), and the database refuses a second invoice for one period
(`uq_invoices_subscription_period`), so a period is billed exactly once, whatever crashes.
A worker that was off for three periods calls it three times: each missed period, in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum

from remit.context import Context
from remit.events import service as events
from remit.invoices import service as invoices
from remit.invoices.models import Invoice
from remit.invoices.schemas import InvoiceCreate, LineIn
from remit.plans import pricing
from remit.plans.models import Meter, Plan
from remit.plans.repository import PlanRepository, ProductRepository
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


async def bill_next_period(ctx: Context, subscription_id: str) -> Billed:
    subscription = await SubscriptionRepository(ctx, items=True).find(subscription_id, lock=True)
    if subscription is None or not _due(subscription, ctx.now):
        return Billed.NOT_DUE
    plans = await _plans(ctx, subscription.items)
    first = plans[subscription.items[0].plan_id]
    anchor = subscription.billing_cycle_anchor or subscription.current_period_start
    n = subscription.billed_periods
    if subscription.cancel_at_period_end and n > 0:
        subscriptions.end(ctx, subscription, subscription.next_bill_at or ctx.now)
        return Billed.ENDED
    start, end = subscriptions.period_bounds(anchor, first, n)
    period = Period(n, start, end)
    invoice = await _invoice(ctx, subscription, plans, period)
    subscription.billed_periods = n + 1
    subscription.current_period_start, subscription.current_period_end = start, end
    subscription.next_bill_at = end
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


async def _plans(ctx: Context, items: list[SubscriptionItem]) -> dict[str, Plan]:
    repository = PlanRepository(ctx)
    return {item.plan_id: await repository.get(item.plan_id) for item in items}


async def _invoice(
    ctx: Context, subscription: Subscription, plans: dict[str, Plan], period: Period
) -> Invoice:
    lines: list[LineIn] = []
    billed_usage: list[str] = []
    for item in subscription.items:
        plan = plans[item.plan_id]
        if plan.usage_type == "metered":
            usage_lines, used = await _metered(ctx, subscription, plan, period)
            lines += usage_lines
            billed_usage += used
        else:
            lines += await _licensed(ctx, plan, Decimal(item.quantity), period)
    send = subscription.collection_method == "send_invoice"
    data = InvoiceCreate.model_validate(
        {
            "customer": subscription.customer_id,
            "subscription": subscription.id,
            "status": "open",
            "collection_method": subscription.collection_method,
            "days_until_due": (subscription.days_until_due or DAYS_UNTIL_DUE) if send else None,
            "payment_method": subscription.payment_method_id,
            "period_start": period.start,
            "period_end": period.end,
            "lines": lines,
        }
    )
    reason = "subscription_create" if period.n == 0 else "subscription_cycle"
    invoice = await invoices.create_invoice(ctx, data, billing_reason=reason)
    await meters.mark_billed(ctx, billed_usage, invoice.id)
    return invoice


async def _licensed(ctx: Context, plan: Plan, quantity: Decimal, period: Period) -> list[LineIn]:
    """A licensed item bills its quantity for the period starting, in advance."""
    name = plan.nickname or (await ProductRepository(ctx).get(plan.product_id)).name
    return [
        LineIn(
            description=f"{name} — {line.description}" if _tiered(plan) else name,
            quantity=line.quantity,
            unit_amount=line.unit_amount,
            period_start=period.start,
            period_end=period.end,
            product=plan.product_id,
        )
        for line in pricing.lines(plan, quantity)
        if line.quantity > 0
    ]


async def _metered(
    ctx: Context, subscription: Subscription, plan: Plan, period: Period
) -> tuple[list[LineIn], list[str]]:
    """A metered item bills, in arrears, the usage not billed yet that happened before the
    period starting (the period that just closed, and late events of earlier ones)."""
    if period.n == 0 or plan.meter_id is None:
        return [], []
    meter = await ctx.session.get(Meter, (ctx.account_id, plan.meter_id))
    if meter is None or meter.livemode != ctx.livemode:
        return [], []
    reading = await meters.unbilled(ctx, meter, subscription.customer_id, period.start)
    if not reading.event_ids:
        return [], []
    name = plan.nickname or (await ProductRepository(ctx).get(plan.product_id)).name
    lines = [
        LineIn(
            description=f"{name} — {line.description}",
            quantity=line.quantity,
            unit_amount=line.unit_amount,
            product=plan.product_id,
        )
        for line in pricing.lines(plan, reading.quantity)
        if line.quantity > 0
    ]
    return lines, list(reading.event_ids)


def _tiered(plan: Plan) -> bool:
    return plan.billing_scheme == "tiered" or plan.transform_quantity is not None


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
