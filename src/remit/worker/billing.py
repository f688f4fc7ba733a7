"""The worker's billing duty: find subscriptions whose next period is due, then bill each in
its own transactions, one period per transaction, oldest first (`billing.run`, which
re-checks under the subscription's lock, so racing workers bill a period once). A
subscription behind by several periods (the worker was off) is caught up at once, in order.
Also: `subscription.trial_will_end`, three days before a trial ends.

The scans read across accounts and modes; both use the partial index on `next_bill_at`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import timedelta
from functools import partial

from sqlalchemy import select

from remit.billing.run import (
    TRIAL_WARNING_DAYS,
    Billed,
    bill_many,
    bill_next_period,
    warn_trial_end,
)
from remit.collection import charges, flow
from remit.collection.charges import Charge, Skipped
from remit.collection.flow import Claim
from remit.context import utc_now
from remit.invoices.models import Invoice
from remit.kernel.every import every
from remit.observability import tracing
from remit.payments.processors.base import Processor
from remit.runtime import Runtime
from remit.subscriptions.models import Subscription
from remit.subscriptions.service import BILLED
from remit.worker.transactions import Open, Tenant, given, opener

BATCH = 100
# Trialing subscriptions whose `subscription.trial_will_end` is still to be sent.
TRIAL_NOT_WARNED = (Subscription.status == "trialing", Subscription.trial_end_notified.is_(False))
MAX_PERIODS_PER_PASS = 120  # a subscription further behind catches up over several passes
log = logging.getLogger("remit.worker")


async def run_billing(runtime: Runtime) -> int:
    """One pass; returns how many periods it billed or ended, and trial warnings sent."""
    done = 0
    for account_id, livemode, subscription_id in await _due(runtime):
        billed = catch_up(opener(runtime, Tenant(account_id, livemode)), subscription_id)
        done += await tracing.counted(
            "subscription_billing", billed, account_id, livemode, subscription_id
        )
    for account_id, livemode, subscription_id in await _trials_ending(runtime):
        warned = warn(opener(runtime, Tenant(account_id, livemode)), subscription_id)
        done += await tracing.counted(
            "trial_warning", warned, account_id, livemode, subscription_id
        )
    return done


async def warn(open_transaction: Open, subscription_id: str) -> int:
    """`subscription.trial_will_end`, if not sent yet; 1 if sent."""
    async with open_transaction() as ctx:
        return int(await warn_trial_end(ctx, subscription_id))


async def bill_once(open_transaction: Open, subscription_id: str) -> int:
    """Bill the subscription's next period if it is due; 1 if that billed or ended it. (A
    test clock's walk bills one period per moment, and comes back while another is due.)"""
    async with open_transaction() as ctx:
        return int(await bill_next_period(ctx, subscription_id) is not Billed.NOT_DUE)


async def bill_together(
    open_transaction: Open, processors: Mapping[str, Processor], subscription_ids: Sequence[str]
) -> int:
    """`bill_once` for several subscriptions due at one moment, in one transaction (a test
    clock's walk, where a moment bills many); `bill_claimed` says how."""
    return (await bill_claimed(open_transaction, processors, given(subscription_ids)))[1]


async def bill_claimed(
    open_transaction: Open, processors: Mapping[str, Processor], claim: Claim
) -> tuple[int, int]:
    """Bill the next period of the subscriptions `claim` takes, in one transaction: one
    commit, one read of the account and its endpoints, and the number counter held only
    while their invoices are issued, at the end (`billing.run.bill_many`). The automatic
    charges of the invoices issued begin in it too, and are then asked and recorded
    (`collection.flow.begin_all`, `answer_all`). Each period is still billed by
    `bill_next_period` under its subscription's lock; if any of them fails, the
    transaction bills nothing and each is billed again in a transaction of its own (its
    invoice then charged as any due invoice is), so one subscription's trouble stays its
    own. Returns how many it took, and how many of them it billed or ended."""
    claimed: Sequence[str] = ()
    started: list[Charge | Skipped] = []
    try:
        async with open_transaction() as ctx:

            async def ready(made: list[Invoice]) -> None:  # before they are numbered
                await charges.read_ahead_made(ctx, made)

            async def begin(issued: list[Invoice]) -> None:  # before they are written
                started[:] = await flow.begin_all(ctx, processors, [i.id for i in issued])

            claimed = await claim(ctx)
            outcomes = await bill_many(ctx, claimed, ready, begin)
    except Exception:
        if len(claimed) <= 1:
            raise
        log.warning("billing %d subscriptions together failed; billing each alone",
                    len(claimed), exc_info=True)  # fmt: skip
        return len(claimed), sum(await every(partial(bill_once, open_transaction), claimed))
    await flow.answer_all(processors, open_transaction, started)
    return len(claimed), sum(outcome is not Billed.NOT_DUE for outcome in outcomes)


async def catch_up(open_transaction: Open, subscription_id: str) -> int:
    """Bill every period of the subscription that is due, each in its own transaction, in
    order; returns how many it billed or ended."""
    billed = 0
    while billed < MAX_PERIODS_PER_PASS:
        async with open_transaction() as ctx:
            outcome = await bill_next_period(ctx, subscription_id)
        if outcome is Billed.NOT_DUE:
            break
        billed += 1
        if outcome is Billed.ENDED:
            break
    return billed


async def _due(runtime: Runtime) -> list[tuple[str, bool, str]]:
    async with runtime.db.read() as session:
        rows = await session.execute(
            select(Subscription.account_id, Subscription.livemode, Subscription.id)
            .where(
                Subscription.next_bill_at <= utc_now(),
                Subscription.status.in_(BILLED),
                Subscription.test_clock_id.is_(None),  # a clock's wait for their clock
            )
            .order_by(Subscription.next_bill_at)
            .limit(BATCH)
        )
        return [(row.account_id, row.livemode, row.id) for row in rows]


async def _trials_ending(runtime: Runtime) -> list[tuple[str, bool, str]]:
    soon = utc_now() + timedelta(days=TRIAL_WARNING_DAYS)
    async with runtime.db.read() as session:
        rows = await session.execute(
            select(Subscription.account_id, Subscription.livemode, Subscription.id)
            .where(
                Subscription.next_bill_at <= soon,
                *TRIAL_NOT_WARNED,
                Subscription.test_clock_id.is_(None),
            )
            .order_by(Subscription.next_bill_at)
            .limit(BATCH)
        )
        return [(row.account_id, row.livemode, row.id) for row in rows]
