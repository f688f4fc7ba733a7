"""Subscription use cases: start one (with its items and trial), cancel it now or at the end
of its period, pause and resume it. The billing run (remit.billing) bills its periods; the
rules of its calendar are here (`period_after`, `whole_period`), so every path computes them
alike.

Statuses: `trialing` until the trial ends, then `active`; `past_due` while an invoice's
automatic payment fails (`incomplete` when it is the first); `paused` (no period is billed
while paused); `canceled`, an end.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from remit.clocks import service as clocks
from remit.context import Context, flushed
from remit.customers.repository import CustomerRepository
from remit.events import service as events
from remit.kernel import calendar
from remit.kernel.ids import id_time
from remit.kernel.metadata import cleaned
from remit.kernel.problems import FieldError, validation_problem
from remit.payments.repository import PaymentMethodRepository
from remit.plans.models import Plan
from remit.plans.repository import PlanRepository
from remit.subscriptions.errors import (
    BillingCycleAnchorInvalid,
    ItemsDoNotMatch,
    SubscriptionCanceled,
    SubscriptionNotPausable,
)
from remit.subscriptions.models import Subscription, SubscriptionItem
from remit.subscriptions.repository import SubscriptionRepository
from remit.subscriptions.schemas import ItemIn, SubscriptionCreate, SubscriptionOut

BILLED = ("trialing", "active", "past_due", "incomplete")  # what the billing run bills
_INTERVALS: dict[str, calendar.Interval] = {name: name for name in calendar.INTERVALS}
ENDED = ("canceled",)


@flushed
async def create_subscription(ctx: Context, data: SubscriptionCreate) -> Subscription:
    customer = await CustomerRepository(ctx).get(data.customer, param="customer")
    await clocks.enter(ctx, customer.test_clock_id)  # it starts at its customer's time
    plans = await _plans(ctx, data.item_list())
    if data.payment_method is not None:
        await PaymentMethodRepository(ctx).of_customer(
            customer.id, data.payment_method, param="payment_method"
        )
    subscription_id = ctx.new_id("sub")
    start = id_time(subscription_id)
    trial_end = _trial_end(data, plans[0], start)
    first = plans[0]
    anchor = _anchor(data, first, start, trial_end)
    # The partial period before a chosen anchor: billed prorated from when billing starts
    # (now, or at the trial's end), or free (`none`: the first invoice comes at the anchor).
    billing_starts = trial_end or start
    if data.proration_behavior == "none":
        billing_starts = anchor
    subscription = Subscription(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=subscription_id,
        customer_id=customer.id,
        test_clock_id=customer.test_clock_id,
        plan_id=first.id,
        payment_method_id=data.payment_method,
        status="trialing" if trial_end else "active",
        billing_cycle_anchor=anchor,
        trial_start=start if trial_end else None,
        trial_end=trial_end,
        trial_end_notified=False,
        collection_method=data.collection_method,
        days_until_due=data.days_until_due,
        cancel_at_period_end=data.cancel_at_period_end,
        billed_periods=0,
        next_bill_at=billing_starts,
        current_period_start=start,
        current_period_end=trial_end or period_after(anchor, first, start)[1],
        metadata_=cleaned(data.metadata),
        created_at=start,
        updated_at=start,
    )
    subscription.items = [
        new_item(ctx, subscription, plan, spec)
        for plan, spec in zip(plans, data.item_list(), strict=True)
    ]
    SubscriptionRepository(ctx).add(subscription)
    events.record(ctx, "subscription.created", SubscriptionOut.of(subscription))
    return subscription


async def _plans(ctx: Context, items: list[ItemIn]) -> list[Plan]:
    """The items' plans, which must bill on one invoice: one currency, one interval."""
    repository = PlanRepository(ctx)
    plans = [
        await repository.get(item.plan, param="plan" if len(items) == 1 else f"items[{n}].plan")
        for n, item in enumerate(items)
    ]
    first = plans[0]
    errors = [
        FieldError(f"items[{n}].plan", "must have the currency and interval of the first item's",
                   "subscription_items_mismatch")
        for n, plan in enumerate(plans)
        if not same_cycle(plan, first)
    ]  # fmt: skip
    if len({item.plan for item in items}) != len(items):
        errors.append(FieldError("items", "a plan appears twice", "subscription_items_mismatch"))
    if errors:
        raise ItemsDoNotMatch("The items cannot bill on one invoice.", errors=errors)
    return plans


def same_cycle(plan: Plan, other: Plan) -> bool:
    """Whether two plans can bill on one invoice: one currency, one interval."""
    return (plan.currency, plan.interval, plan.interval_count) == (
        other.currency,
        other.interval,
        other.interval_count,
    )


def _trial_end(data: SubscriptionCreate, plan: Plan, start: datetime) -> datetime | None:
    if data.trial_end is not None:
        if data.trial_end <= start:
            raise validation_problem(
                [FieldError("trial_end", "must be in the future", "invalid")],
                "A trial ends after the subscription starts.",
            )
        return data.trial_end
    days = plan.trial_days if data.trial_days is None else data.trial_days
    return start + timedelta(days=days) if days else None


def _anchor(
    data: SubscriptionCreate, plan: Plan, start: datetime, trial_end: datetime | None
) -> datetime:
    """The billing cycle anchor: when billing starts (now, or at the trial's end), or the
    one chosen, which must come after that and at most one interval later (as Stripe)."""
    starts = trial_end or start
    chosen = data.billing_cycle_anchor
    if chosen is None:
        return starts
    interval = _INTERVALS.get(plan.interval)
    if interval is None:
        problem = "a one-off plan has no billing cycle"
    elif chosen <= start:
        problem = "must be in the future"
    elif chosen < starts:
        problem = "must not come before the trial ends (the trial comes first)"
    elif chosen > (latest := calendar.boundary(starts, interval, plan.interval_count, 1)):
        when = "after the trial ends" if trial_end else "from now"
        problem = f"must be at most one interval {when}: {latest.isoformat()} at the latest"
    else:
        return chosen
    raise BillingCycleAnchorInvalid(
        f"billing_cycle_anchor: {problem}.",
        errors=[FieldError("billing_cycle_anchor", problem, BillingCycleAnchorInvalid.code)],
    )


def new_item(
    ctx: Context, subscription: Subscription, plan: Plan, spec: ItemIn
) -> SubscriptionItem:
    """A new item of the subscription (at its start, or added by a change)."""
    item_id = ctx.new_id("si")
    return SubscriptionItem(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=item_id,
        subscription_id=subscription.id,
        plan_id=plan.id,
        quantity=spec.quantity,
        metadata_=cleaned(spec.metadata),
        created_at=id_time(item_id),
        updated_at=id_time(item_id),
    )


def period_after(anchor: datetime, plan: Plan, start: datetime) -> tuple[datetime, datetime | None]:
    """The period that starts at `start`: to the anchor's next boundary after it — the anchor
    itself when `start` comes before it (the partial period before a chosen anchor). A
    one-off plan's has no end."""
    interval = _INTERVALS.get(plan.interval)
    if interval is None:
        return start, None
    if start < anchor:
        return start, anchor
    return start, calendar.period_containing(anchor, interval, plan.interval_count, start).end


def whole_period(anchor: datetime, plan: Plan, start: datetime, end: datetime) -> calendar.Period:
    """What the period [start, end) is a part of: itself, or for the partial period before a
    chosen anchor, the whole interval that ends at the anchor (what it is prorated against,
    when billed and when credited)."""
    interval = _INTERVALS.get(plan.interval)
    if interval is None or start >= anchor or end != anchor:
        return calendar.Period(start, end)
    return calendar.whole_period_before(anchor, interval, plan.interval_count)


def change_status(ctx: Context, subscription: Subscription, status: str) -> None:
    """Move to `status` (if it is a change), with its event."""
    if subscription.status == status:
        return
    subscription.status, subscription.updated_at = status, ctx.now
    kind = {"paused": "paused", "canceled": "canceled"}.get(status, "updated")
    if kind == "updated" and status == "active" and subscription.paused_at is not None:
        kind = "resumed"
    events.record(ctx, f"subscription.{kind}", SubscriptionOut.of(subscription))


async def cancel_subscription(
    ctx: Context, subscription_id: str, *, at_period_end: bool = False
) -> Subscription:
    """Cancel now, or at the end of the current period (the billing run then ends it instead
    of billing the next). Canceling a canceled subscription is refused (409), like any
    repeated transition; its invoices are not touched."""
    subscription = await SubscriptionRepository(ctx, items=True).get_for_update(subscription_id)
    if subscription.status in ENDED:
        raise SubscriptionCanceled(f"Subscription {subscription.id} is already canceled.")
    if at_period_end:
        subscription.cancel_at_period_end, subscription.updated_at = True, ctx.now
        events.record(ctx, "subscription.updated", SubscriptionOut.of(subscription))
        return subscription
    end(ctx, subscription, ctx.now)
    return subscription


def end(ctx: Context, subscription: Subscription, at: datetime) -> None:
    """The subscription ends at `at`: nothing more is billed."""
    subscription.canceled_at = subscription.canceled_at or ctx.now
    subscription.ended_at, subscription.next_bill_at = at, None
    change_status(ctx, subscription, "canceled")


async def pause_subscription(ctx: Context, subscription_id: str) -> Subscription:
    """No period is billed while paused; resuming starts billing again at the next boundary."""
    subscription = await SubscriptionRepository(ctx, items=True).get_for_update(subscription_id)
    if subscription.status not in ("active", "past_due", "trialing"):
        raise SubscriptionNotPausable(
            f"Subscription {subscription.id} is {subscription.status}: it cannot be paused."
        )
    subscription.paused_at, subscription.next_bill_at = ctx.now, None
    change_status(ctx, subscription, "paused")
    return subscription


async def resume_subscription(ctx: Context, subscription_id: str) -> Subscription:
    subscription = await SubscriptionRepository(ctx, items=True).get_for_update(subscription_id)
    if subscription.status != "paused":
        raise SubscriptionNotPausable(
            f"Subscription {subscription.id} is {subscription.status}: it is not paused."
        )
    plan = await PlanRepository(ctx).get(subscription.plan_id)
    anchor = subscription.billing_cycle_anchor or subscription.current_period_start
    periods, subscription.next_bill_at = _next_after(anchor, plan, ctx.now)
    subscription.billed_periods = max(subscription.billed_periods, periods)  # a count
    change_status(ctx, subscription, "active")
    subscription.paused_at = None
    return subscription


def _next_after(anchor: datetime, plan: Plan, now: datetime) -> tuple[int, datetime | None]:
    """The first period that starts after `now` (the periods paused through are not billed):
    its index and start."""
    interval = _INTERVALS.get(plan.interval)
    if interval is None or now < anchor:
        return 0, anchor if now < anchor else None
    period = calendar.period_containing(anchor, interval, plan.interval_count, now)
    n = 0
    while calendar.boundary(anchor, interval, plan.interval_count, n) < period.end:
        n += 1
    return n, period.end


@flushed
async def find_subscription(ctx: Context, subscription_id: str) -> Subscription | None:
    return await SubscriptionRepository(ctx).find(subscription_id)


@flushed
async def get_subscription(ctx: Context, subscription_id: str) -> Subscription:
    return await SubscriptionRepository(ctx).get(subscription_id)
