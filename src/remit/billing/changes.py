"""Changing a subscription mid-period, and previewing its next invoice (docs/billing.md,
"Changing a subscription").

`update_subscription` changes items (a quantity, a plan, items added or removed) and the
subscription's own fields, and prorates the items' change as `proration_behavior` says:
`create_prorations` leaves the credit and the charge as pending invoice items, which the
customer's next invoice takes; `always_invoice` invoices them now (`subscription_update`);
`none` bills nothing until the next period. Nothing is prorated during a trial, nor before
the first period is billed (its invoice bills the items as they are then). A metered item
removed bills its usage not billed yet at once, on an invoice of the change
(`subscription_update`), so it is billed once and never lost.

`upcoming_invoice` is the invoice the billing run will make next (`billing.run`), transient;
with proposed items, as if that change were made now with `create_prorations`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from remit.billing import proration
from remit.billing.errors import (
    MeteredItemFixed,
    NoItemsLeft,
    NoUpcomingInvoice,
    SubscriptionNotUpdatable,
)
from remit.billing.proration import Proration
from remit.billing.run import (
    Billable,
    PeriodLines,
    as_line,
    billables_of,
    issue,
    next_invoice,
    next_period,
    period_lines,
    priced,
    usage_lines,
)
from remit.context import Context, flushed
from remit.events import service as events
from remit.invoices import items as pending_items
from remit.invoices.models import Invoice
from remit.invoices.schemas import LineIn
from remit.kernel.calendar import Period
from remit.kernel.metadata import merged
from remit.kernel.money import add
from remit.kernel.problems import FieldError, NotFound, validation_problem
from remit.plans.models import Plan
from remit.plans.repository import PlanRepository
from remit.subscriptions import service as subscriptions
from remit.subscriptions.errors import ItemsDoNotMatch
from remit.subscriptions.models import Subscription, SubscriptionItem
from remit.subscriptions.repository import SubscriptionRepository
from remit.subscriptions.schemas import (
    ItemChangeIn,
    ItemIn,
    ProrationBehavior,
    SubscriptionOut,
    SubscriptionUpdate,
)

UPDATABLE = ("active", "past_due", "trialing")


@dataclass(frozen=True)
class ItemAfter:
    """An item as a change leaves it; `item` is None for one the change adds."""

    item: SubscriptionItem | None
    plan: Plan
    quantity: int
    metadata: dict[str, Any] | None = None


@dataclass(frozen=True)
class Change:
    kept: list[ItemAfter]  # the subscription's items after the change, in order
    removed: list[SubscriptionItem]
    plans: dict[str, Plan]  # every plan of the items, before and after, by id


@flushed
async def update_subscription(
    ctx: Context, subscription_id: str, data: SubscriptionUpdate
) -> Subscription:
    subscription = await SubscriptionRepository(ctx, items=True).get_for_update(subscription_id)
    _check_updatable(subscription)
    if data.items:
        change = await _planned(ctx, subscription, data.items)
        lines = await _prorations(ctx, subscription, change, data.proration_behavior)
        removed = [Billable(change.plans[item.plan_id], item.quantity) for item in change.removed]
        usage = await usage_lines(ctx, subscription.customer_id, removed, ctx.now)
        _apply(ctx, subscription, change)
        currency = change.kept[0].plan.currency
        await _bill(ctx, subscription, currency, lines, data.proration_behavior, usage)
    if data.cancel_at_period_end is not None:
        subscription.cancel_at_period_end = data.cancel_at_period_end
    if data.metadata is not None:
        subscription.metadata_ = merged(subscription.metadata_, data.metadata)
    subscription.updated_at = ctx.now
    events.record(ctx, "subscription.updated", SubscriptionOut.of(subscription))
    return subscription


@flushed
async def upcoming_invoice(
    ctx: Context, subscription_id: str, proposed: list[ItemChangeIn] | None = None
) -> Invoice:
    """The next invoice of the billing run, as it would be now (never stored): the next
    period's lines, the customer's pending items; with `proposed` items, as if that change
    were made now, its prorations included."""
    subscription = await SubscriptionRepository(ctx, items=True).get(subscription_id)
    billables = await billables_of(ctx, subscription.items)
    extra: list[LineIn] = []
    if proposed:
        _check_updatable(subscription)
        change = await _planned(ctx, subscription, proposed)
        extra = [as_line(line) for line in await _prorations(ctx, subscription, change)]
        billables = [Billable(after.plan, after.quantity) for after in change.kept]
    if not _bills_again(subscription):
        raise NoUpcomingInvoice(f"Subscription {subscription.id} bills no further period.")
    period = next_period(subscription, billables[0].plan)
    billed = await period_lines(ctx, subscription.customer_id, billables, period)
    currency = billables[0].plan.currency
    invoice, _ = await next_invoice(ctx, subscription, currency, period, billed.lines, extra)
    return invoice


def _check_updatable(subscription: Subscription) -> None:
    if subscription.status not in UPDATABLE:
        raise SubscriptionNotUpdatable(
            f"Subscription {subscription.id} is {subscription.status}: only an active, "
            "past_due or trialing subscription changes."
        )


def _bills_again(subscription: Subscription) -> bool:
    """Whether the run bills another period (as `billing.run.bill_next_period` decides)."""
    return (
        subscription.status in subscriptions.BILLED
        and subscription.next_bill_at is not None
        and not (subscription.cancel_at_period_end and subscription.billed_periods > 0)
    )


# — the change, checked before anything is written —


async def _planned(ctx: Context, subscription: Subscription, specs: list[ItemChangeIn]) -> Change:
    """The items the change leaves, or the refusal naming the item at fault: an id that is
    not the subscription's (404), a plan of another currency or interval, a metered item
    given another plan, no item left, a plan twice (400)."""
    plans = {b.plan.id: b.plan for b in await billables_of(ctx, subscription.items)}
    current = {item.id: item for item in subscription.items}
    reference = plans[subscription.items[0].plan_id]
    for n, spec in enumerate(specs):
        if spec.id is not None and any(spec.id == other.id for other in specs[:n]):
            raise validation_problem([FieldError(f"items[{n}].id", "names an item given before")])
        await _check_spec(ctx, n, spec, current, reference, plans)
    by_item = {spec.id: spec for spec in specs if spec.id is not None}
    kept, removed = [], []
    for item in subscription.items:
        change = by_item.get(item.id)
        if change is not None and change.deleted:
            removed.append(item)
            continue
        kept.append(_after(item, change, plans))
    for spec in specs:
        if spec.id is None and spec.plan is not None:
            kept.append(ItemAfter(None, plans[spec.plan], spec.quantity or 1, spec.metadata))
    _check_result(kept)
    return Change(kept, removed, plans)


def _after(item: SubscriptionItem, spec: ItemChangeIn | None, plans: dict[str, Plan]) -> ItemAfter:
    if spec is None:
        return ItemAfter(item, plans[item.plan_id], item.quantity)
    plan = plans[spec.plan or item.plan_id]
    quantity = item.quantity if spec.quantity is None else spec.quantity
    return ItemAfter(item, plan, quantity, spec.metadata)


async def _check_spec(
    ctx: Context,
    n: int,
    spec: ItemChangeIn,
    current: dict[str, SubscriptionItem],
    reference: Plan,
    plans: dict[str, Plan],
) -> None:
    """One item of the change: its id the subscription's, its plan one it can bill."""
    if spec.id is not None and spec.id not in current:
        raise NotFound("subscription item", spec.id, param=f"items[{n}].id")
    if spec.plan is not None and spec.plan not in plans:
        plans[spec.plan] = await PlanRepository(ctx).get(spec.plan, param=f"items[{n}].plan")
    if spec.plan is not None and not subscriptions.same_cycle(plans[spec.plan], reference):
        raise ItemsDoNotMatch(
            "The items cannot bill on one invoice.",
            errors=[FieldError(f"items[{n}].plan", "must have the subscription's currency and "
                               "interval", "subscription_items_mismatch")],
        )  # fmt: skip
    item = current.get(spec.id or "")
    if item is None or plans[item.plan_id].usage_type != "metered":
        return
    if spec.plan not in (None, item.plan_id):
        raise MeteredItemFixed(
            "A metered item's usage is billed at its own price: remove the item (its usage "
            "is billed at once) and add one of the new plan instead.",
            errors=[FieldError(f"items[{n}].plan", "a metered item keeps its plan",
                               "subscription_item_metered")],
        )  # fmt: skip


def _check_result(kept: list[ItemAfter]) -> None:
    if not kept:
        raise NoItemsLeft(
            "A subscription keeps at least one item (cancel it instead).",
            errors=[FieldError("items", "at least one item must remain",
                               "subscription_items_empty")],
        )  # fmt: skip
    if len({after.plan.id for after in kept}) != len(kept):
        raise ItemsDoNotMatch(
            "The items cannot bill on one invoice.",
            errors=[FieldError("items", "a plan appears twice", "subscription_items_mismatch")],
        )


# — proration —


async def _prorations(
    ctx: Context,
    subscription: Subscription,
    change: Change,
    behavior: ProrationBehavior = "create_prorations",
) -> list[Proration]:
    """The change's credits and charges at `ctx.now`, item by item (none with `none`,
    during a trial, or outside a billed period)."""
    period = paid_period(subscription, change.plans[subscription.items[0].plan_id])
    if behavior == "none" or period is None:
        return []
    currency = change.kept[0].plan.currency
    lines: list[Proration] = []
    for after in change.kept:
        item, before = after.item, None
        if item is not None:
            before = await priced(ctx, change.plans[item.plan_id], item.quantity)
        now = await priced(ctx, after.plan, after.quantity)
        lines += proration.item_change(before, now, period, ctx.now, currency)
    for item in change.removed:
        before = await priced(ctx, change.plans[item.plan_id], item.quantity)
        lines += proration.item_change(before, None, period, ctx.now, currency)
    return lines


def paid_period(subscription: Subscription, plan: Plan) -> Period | None:
    """The period the subscription's last invoice paid for in advance, if a change (or a
    cancel) can prorate it: not during a trial, nor before the first period is billed (nor
    during the free period before a chosen anchor). The partial period before a chosen anchor
    was billed prorated against its whole period, so it is credited against that too."""
    end = subscription.current_period_end
    if subscription.status == "trialing" or subscription.billed_periods == 0 or end is None:
        return None
    anchor = subscription.billing_cycle_anchor or subscription.current_period_start
    return subscriptions.whole_period(anchor, plan, subscription.current_period_start, end)


# — writing it —


def _apply(ctx: Context, subscription: Subscription, change: Change) -> None:
    for item in change.removed:
        subscription.items.remove(item)  # deleted with the flush (delete-orphan)
    for after in change.kept:
        if after.item is None:
            spec = ItemIn(plan=after.plan.id, quantity=after.quantity,
                          metadata=after.metadata or {})  # fmt: skip
            subscription.items.append(subscriptions.new_item(ctx, subscription, after.plan, spec))
            continue
        item = after.item
        if (item.plan_id, item.quantity) != (after.plan.id, after.quantity):
            item.plan_id, item.quantity, item.updated_at = after.plan.id, after.quantity, ctx.now
        if after.metadata is not None:
            item.metadata_, item.updated_at = merged(item.metadata_, after.metadata), ctx.now
    subscription.plan_id = subscription.items[0].plan_id


async def _bill(
    ctx: Context,
    subscription: Subscription,
    currency: str,
    lines: list[Proration],
    behavior: ProrationBehavior,
    usage: PeriodLines,
) -> None:
    """`always_invoice`: an invoice of the lines, issued now — unless they add up to less
    than 0 (an invoice's total never is): then, as with `create_prorations`, they wait as
    pending items for the customer's next invoice. The usage of the metered items removed
    is invoiced now whatever the behaviour (with the lines, when they are invoiced now)."""
    invoiced = behavior == "always_invoice" and bool(lines)
    invoiced = invoiced and add(*(line.amount for line in lines)) >= 0
    now = [as_line(line) for line in lines] if invoiced else []
    if now or usage.lines:
        period = (lines[0].start, lines[0].end) if now else (ctx.now, ctx.now)
        billed = PeriodLines(now + usage.lines, usage.usage)
        await issue(ctx, subscription, "subscription_update", currency, billed, period)
    if not invoiced:
        await leave_pending(ctx, subscription, currency, lines)


async def leave_pending(
    ctx: Context, subscription: Subscription, currency: str, lines: list[Proration]
) -> None:
    """The lines as pending invoice items of the customer, for its next invoice."""
    for line in lines:
        await pending_items.create_item(
            ctx,
            pending_items.ItemIn(
                customer=subscription.customer_id, unit_amount=line.amount,
                quantity=Decimal(1), currency=currency, description=line.description,
                period_start=line.start, period_end=line.end,
            ),
        )  # fmt: skip
