"""The billing run: one period of one subscription, billed once.

`bill_next_period` locks the subscription, re-checks that its next period is due, and either
ends it (`cancel_at_period_end`, with a final invoice of what is left to bill:
`bill_final`) or makes the period's invoice, in its plans' currency — licensed items in
advance (prorated for the partial period before a chosen anchor), metered usage not billed
yet, the customer's pending items (unless they would make its total negative:
`next_invoice`) — issues it, and moves the subscription to that period. The lock
serialises racing workers (the second finds the period billed and does nothing), and the
database refuses a second invoice for one period (`uq_invoices_subscription_period`), so a
period is billed exactly once, whatever crashes.
A worker that was off for three periods calls it three times: each missed period, in order.

`period_lines` and `next_invoice` also show that invoice before it is made (the upcoming
invoice, billing.changes), so the preview and the run cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.billing import proration
from remit.billing.proration import Priced, Proration
from remit.context import Context, utc_now
from remit.customers.repository import CustomerRepository
from remit.events import service as events
from remit.invoices import changes, items
from remit.invoices import service as invoices
from remit.invoices.finalize import Step, issued_last
from remit.invoices.lines import line_row
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.plan_lines import plan_lines, plan_name
from remit.invoices.schemas import InvoiceCreate, LineIn
from remit.kernel import calendar, pricing
from remit.plans.models import Plan
from remit.plans.pricing import price_of
from remit.plans.repository import MeterRepository, PlanRepository, ProductRepository
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
    n: int  # how many periods were billed before it
    start: datetime
    end: datetime | None
    # The partial period before a chosen anchor is prorated against this whole one.
    whole: calendar.Period | None = None


@dataclass(frozen=True)
class Billable:
    """One item as a period bills it: its plan and quantity."""

    plan: Plan
    quantity: int


@dataclass(frozen=True)
class PeriodLines:
    lines: list[LineIn]
    usage: list[str]  # the usage events the lines bill


async def read_ahead(ctx: Context, subscription_ids: Sequence[str]) -> None:
    """Before `bill_next_period` bills these subscriptions one after another in this
    transaction: read them (locked, with their items; and as their invoice's check reads
    them), their customers (and which have no pending items), plans and products, a
    statement each for all, instead of a few per subscription."""
    found = await SubscriptionRepository(ctx, items=True).read_ahead(subscription_ids, lock=True)
    await SubscriptionRepository(ctx).read_ahead(subscription_ids)
    customers = {sub.customer_id for sub in found}
    await CustomerRepository(ctx).read_ahead(customers)
    await items.read_pending_ahead(ctx, customers)
    plans = await PlanRepository(ctx).read_ahead(
        {item.plan_id for sub in found for item in sub.items}
    )
    await ProductRepository(ctx).read_ahead({plan.product_id for plan in plans})


async def bill_many(
    ctx: Context,
    subscription_ids: Sequence[str],
    before_numbered: Step | None = None,
    before_written: Step | None = None,
) -> list[Billed]:
    """`bill_next_period` for each of these subscriptions, one after another in this
    transaction: read ahead, and with their invoices issued (numbered) after all of them
    are made (`issued_last`, which hands them to `before_numbered` and `before_written`),
    so the account's number counter is held for that last part. Returns each one's
    outcome."""
    await read_ahead(ctx, subscription_ids)
    async with issued_last(ctx, before_numbered, before_written):
        outcomes = [await bill_next_period(ctx, sid) for sid in subscription_ids]
    return outcomes


async def bill_next_period(ctx: Context, subscription_id: str) -> Billed:
    subscription = await SubscriptionRepository(ctx, items=True).find(subscription_id, lock=True)
    # The lock may have been waited for while another worker billed earlier periods: what this
    # period makes (its invoice, its events) is stamped from now, after theirs, in order.
    if ctx.clock is None:  # a test clock's time moves only when the clock does
        ctx.now = max(ctx.now, utc_now())
    if subscription is None or not _due(subscription, ctx.now):
        return Billed.NOT_DUE
    billables = await billables_of(ctx, subscription.items)
    n = subscription.billed_periods
    if subscription.cancel_at_period_end and n > 0:
        ended_at = subscription.next_bill_at or ctx.now
        await bill_final(
            ctx, subscription, billables, ended_at, reason="subscription_cycle", pending_alone=True
        )
        subscriptions.end(ctx, subscription, ended_at)
        return Billed.ENDED
    period = next_period(subscription, billables[0].plan)
    await _invoice(ctx, subscription, billables, period)
    subscription.billed_periods = n + 1
    subscription.current_period_start, subscription.current_period_end = period.start, period.end
    subscription.next_bill_at = period.end
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
    """The period the run bills next, from `next_bill_at` (`plan`: any of the items', which
    share an interval)."""
    anchor = subscription.billing_cycle_anchor or subscription.current_period_start
    start, end = subscriptions.period_after(anchor, plan, subscription.next_bill_at or anchor)
    whole = None
    if end is not None and start < anchor:
        whole = subscriptions.whole_period(anchor, plan, start, end)
    return Period(subscription.billed_periods, start, end, whole)


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
    with_pending = await pending_fit(ctx, subscription, currency, period, billed.lines)
    reason = "subscription_create" if period.n == 0 else "subscription_cycle"
    return await issue(
        ctx, subscription, reason, currency, billed, (period.start, period.end), with_pending
    )


async def issue(
    ctx: Context,
    subscription: Subscription,
    reason: str,
    currency: str,
    billed: PeriodLines,
    period: tuple[datetime, datetime | None],
    with_pending: bool = False,
) -> Invoice:
    """Make and issue one of the subscription's invoices (the run's, a change's, its final
    one), collected as the subscription says, with the usage events its lines bill marked
    billed by it in this transaction. It becomes the subscription's `latest_invoice`: the
    one whose collection its status follows (collection.subscription_status), as Stripe's."""
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
            "period_start": period[0],
            "period_end": period[1],
            "lines": billed.lines,
            "pending_items": "include" if with_pending else "exclude",
        }
    )
    invoice = await invoices.create_invoice(ctx, data, billing_reason=reason)
    await meters.mark_billed(ctx, billed.usage, invoice.id)
    subscription.latest_invoice_id = invoice.id
    return invoice


async def bill_final(
    ctx: Context,
    subscription: Subscription,
    billables: list[Billable],
    until: datetime,
    *,
    reason: str,
    pending_alone: bool = False,
) -> Invoice | None:
    """The invoice a subscription that ends at `until` ends with: its metered items' usage
    that happened before then and that no invoice billed yet (never lost), and the customer's
    pending items in its currency if they fit (as on the run's invoices). None without usage
    — unless `pending_alone` (at the end of its period: Stripe collects pending prorations
    then) and pending items fit."""
    usage = await usage_lines(ctx, subscription.customer_id, billables, until)
    currency = billables[0].plan.currency
    moment = Period(subscription.billed_periods, until, until)
    with_pending = await pending_fit(ctx, subscription, currency, moment, usage.lines)
    if not usage.lines and not (pending_alone and with_pending):
        return None
    return await issue(ctx, subscription, reason, currency, usage, (until, until), with_pending)


async def period_lines(
    ctx: Context, customer_id: str, billables: list[Billable], period: Period
) -> PeriodLines:
    """A period's lines, as its invoice bills them (the run's, and the upcoming invoice's):
    per licensed item its quantity, in advance; per metered item the usage not billed yet,
    in arrears."""
    lines: list[LineIn] = []
    usage: list[str] = []
    for billable in billables:
        if billable.plan.usage_type != "metered":
            lines += await _licensed(ctx, billable, period)
        elif period.n > 0:  # the first invoice bills no usage: none happened before it
            used = await usage_lines(ctx, customer_id, [billable], period.start)
            lines += used.lines
            usage += used.usage
    return PeriodLines(lines, usage)


async def usage_lines(
    ctx: Context, customer_id: str, billables: list[Billable], until: datetime
) -> PeriodLines:
    """The metered items' lines: for each, in arrears, the usage not billed yet that happened
    before `until` (late events of earlier periods included), and the events they bill."""
    lines: list[LineIn] = []
    usage: list[str] = []
    for billable in billables:
        if billable.plan.usage_type == "metered":
            metered, used = await _metered(ctx, customer_id, billable.plan, until)
            lines += metered
            usage += used
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


async def pending_fit(
    ctx: Context, subscription: Subscription, currency: str, period: Period, lines: list[LineIn]
) -> bool:
    """Whether the customer's pending items go on the period's invoice (`next_invoice`); a
    customer with none (most) needs no invoice worked out to say no."""
    if not await items.pending_of(ctx, subscription.customer_id, currency):
        return False
    _, fits = await next_invoice(ctx, subscription, currency, period, lines)
    return fits


def _set_lines(invoice: Invoice, rows: list[InvoiceLine], account: Account) -> None:
    for position, row in enumerate(rows):
        row.position = position
    invoice.lines = rows
    changes.recompute(invoice, account)


async def _licensed(ctx: Context, billable: Billable, period: Period) -> list[LineIn]:
    """A licensed item bills its quantity for the period starting, in advance; the partial
    period before a chosen anchor, prorated to the second against its whole period
    (`Remaining time on 3 × Seats after 15 May 2026`)."""
    plan, quantity = billable.plan, billable.quantity
    if period.whole is None:
        return await plan_lines(
            ctx, plan, Decimal(quantity), period_start=period.start, period_end=period.end
        )
    item = await priced(ctx, plan, quantity)
    lines = proration.item_change(None, item, period.whole, period.start, plan.currency)
    return [as_line(line) for line in lines]


async def priced(ctx: Context, plan: Plan, quantity: int) -> Priced | None:
    """What an item costs a whole period; None for a metered item (billed in arrears, it is
    never prorated)."""
    if plan.usage_type == "metered":
        return None
    amount = pricing.amount(price_of(plan), Decimal(quantity), plan.currency)
    return Priced(await plan_name(ctx, plan), quantity, amount)


def as_line(line: Proration) -> LineIn:
    """A prorated line as an invoice line: its amount as the unit amount of quantity 1."""
    return LineIn(
        description=line.description,
        unit_amount=line.amount,
        period_start=line.start,
        period_end=line.end,
    )


async def _metered(
    ctx: Context, customer_id: str, plan: Plan, until: datetime
) -> tuple[list[LineIn], list[str]]:
    """A metered item bills, in arrears, the usage not billed yet that happened before
    `until` (the period that just closed, and late events of earlier ones)."""
    if plan.meter_id is None:
        return [], []
    meter = await MeterRepository(ctx).find(plan.meter_id)
    if meter is None:
        return [], []
    reading = await meters.unbilled(ctx, meter, customer_id, until)
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
