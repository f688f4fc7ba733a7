"""The worker's test-clock duty: walk each advancing clock to its target time.

A walk is a series of steps. Each step finds the earliest moment at which something of the
clock is due — a subscription's period, a trial's warning, an invoice timer, a payment
attempt — and runs, at that moment (`ctx.now`), everything of the clock due by then, with the
same functions the worker uses for wall-clock objects, so a clock sees exactly what time
would have brought. The clock's `frozen_time` moves to each step's moment as it goes, so a
walk cut short (a crash) is taken up where it stopped by any worker; when nothing more is
due before the target, the clock stands at its target, `ready`.

A moment may bill thousands of subscriptions: their periods are billed, and their invoices
charged, in groups of `TOGETHER` sharing transactions (`bill_claimed`, `charge_claimed`; a
group that fails is worked one by one). One worker walks a clock at a time (a lease on the
clock, renewed at every step), and the others help: the clock shows the moment being
worked (`frozen_time` moves to it before its work starts), and any worker claims groups of
what is due by then — each group's rows locked in its transaction, rows another worker
holds skipped (`FOR UPDATE SKIP LOCKED`), so a group is worked by one worker, and a worker
that dies mid-group leaves its rows to the others. The walker then waits for every row still
held (a last pass that does not skip them) before it goes on, so a moment is finished
before the next begins. On PostgreSQL a worker works `SIDE_BY_SIDE` groups at once; on
SQLite, whose writers take turns anyway, one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import InstrumentedAttribute

from remit.billing.run import TRIAL_WARNING_DAYS
from remit.clocks import service as clocks
from remit.clocks.models import TestClock
from remit.collection.flow import Claim
from remit.context import Context
from remit.invoices.models import Invoice
from remit.observability import tracing
from remit.runtime import Runtime
from remit.settlements.models import Settlement
from remit.subscriptions.models import Subscription
from remit.subscriptions.service import BILLED
from remit.webhooks.fanout import schedule_work
from remit.worker.billing import TRIAL_NOT_WARNED, bill_claimed, bill_together, warn
from remit.worker.payments import charge_claimed, charge_together, finish
from remit.worker.timers import TIMERS, fire
from remit.worker.transactions import Clock, Tenant, opener

SIDE_BY_SIDE = 8  # jobs of one moment run at once on PostgreSQL
TOGETHER = 50  # subscriptions billed, or invoices charged, in one transaction
_COLLECTED = ("open", "past_due")


async def run_clocks(runtime: Runtime, owner: str) -> int:
    """Walk every advancing clock no other worker holds, and help with the moment of those
    that one does; returns how many jobs it ran."""
    done = 0
    async with runtime.db.read() as session:
        rows = (
            await session.execute(
                select(TestClock.account_id, TestClock.id).where(TestClock.status == "advancing")
            )
        ).all()
    for account_id, clock_id in rows:
        if await _lease(runtime, account_id, clock_id, owner):
            walked = walk(runtime, account_id, clock_id, owner)
            done += await tracing.counted("test_clock_walk", walked, account_id, False, clock_id)
        else:
            helped = help_walk(runtime, account_id, clock_id)
            done += await tracing.counted("test_clock_help", helped, account_id, False, clock_id)
    return done


async def help_walk(runtime: Runtime, account_id: str, clock_id: str) -> int:
    """Bill and charge, in claimed groups, what is due by the moment another worker's walk
    of the clock is working; returns how many jobs did something."""
    clock = await _read(runtime, account_id, clock_id)
    if clock is None or clock.status != "advancing":
        return 0
    tenant = Tenant(account_id, False, Clock(clock_id, clock.frozen_time))
    return await _bill_claims(runtime, tenant) + await _charge_claims(runtime, tenant)


async def walk(runtime: Runtime, account_id: str, clock_id: str, owner: str) -> int:
    done = 0
    clock = await _read(runtime, account_id, clock_id)
    if clock is not None and clock.status == "advancing":  # first, the clock's time itself:
        # what is due by then, and charges a processor left pending, asked again
        done += await _step(runtime, Tenant(account_id, False, Clock(clock_id, clock.frozen_time)))
    while clock is not None and clock.status == "advancing" and clock.target_time is not None:
        target, at = clock.target_time, clock.frozen_time
        moment = await _next_due(runtime, account_id, clock_id, at)
        if moment is None or moment > target:
            await _ready(runtime, account_id, clock_id, target)
            break
        # The clock shows the moment before its work starts: other workers help with it.
        if not await _moved(runtime, account_id, clock_id, owner, moment):
            break  # the lease was lost to another worker: it carries on
        ran = await _step(runtime, Tenant(account_id, False, Clock(clock_id, moment)))
        done += ran
        if not ran:  # what is due cannot move (a timer with nothing to do): go past it
            moment = await _next_due(runtime, account_id, clock_id, moment, after=True) or target
            if not await _moved(runtime, account_id, clock_id, owner, min(moment, target)):
                break
        clock = await _read(runtime, account_id, clock_id)
    return done


async def _step(runtime: Runtime, tenant: Tenant) -> int:
    """Run everything of the clock due at its moment; returns how many jobs did something."""
    assert tenant.clock is not None
    clock_id, now = tenant.clock.id, tenant.clock.now
    open_transaction = opener(runtime, tenant)
    jobs: list[Callable[[], Awaitable[int]]] = []
    done = await _bill_claims(runtime, tenant)  # with any other worker that helps
    async with runtime.db.read() as session:  # and what those still hold: waited for
        on_clock = _on_clock(Subscription, tenant.account_id, clock_id)
        billed = await session.scalars(_due_subscriptions(tenant))
        jobs += [
            partial(bill_together, open_transaction, runtime.processors, ids)
            for ids in _groups(billed)
        ]
        warned = await session.scalars(
            select(Subscription.id).where(
                on_clock,
                *TRIAL_NOT_WARNED,
                Subscription.next_bill_at <= now + timedelta(days=TRIAL_WARNING_DAYS),
            )
        )
        jobs += [partial(warn, open_transaction, sid) for sid in warned]
    done += await _run(runtime, jobs)  # invoices first: what they make is due at once
    jobs = []
    async with runtime.db.read() as session:
        on_clock = _on_clock(Invoice, tenant.account_id, clock_id)
        for timer in TIMERS:
            due = await session.scalars(
                select(Invoice.id).where(
                    on_clock, Invoice.status.in_(timer.statuses), timer.when <= now
                )
            )
            jobs += [partial(fire, open_transaction, timer, invoice_id) for invoice_id in due]
    done += await _run(runtime, jobs)
    done += await _charge_claims(runtime, tenant)
    async with runtime.db.read() as session:
        charges = list(await session.scalars(_due_charges(tenant)))
    done += await _run(
        runtime, [partial(charge_together, runtime, tenant, ids) for ids in _groups(charges)]
    )
    async with runtime.db.read() as session:  # charges the processor left pending: ask again
        pending = list(
            await session.scalars(
                select(Settlement.id)
                .join(
                    Invoice,
                    and_(
                        Invoice.account_id == Settlement.account_id,
                        Invoice.id == Settlement.invoice_id,
                    ),
                )
                .where(
                    _on_clock(Invoice, tenant.account_id, clock_id),
                    Settlement.status == "pending",
                    Settlement.processor != "manual",
                )
            )
        )
    done += await _run(runtime, [partial(finish, runtime, tenant, s) for s in pending])
    return done


async def _bill_claims(runtime: Runtime, tenant: Tenant) -> int:
    """Bill the subscriptions due at the clock's moment in claimed groups, until none is
    left to claim; returns how many it billed."""
    work = partial(bill_claimed, opener(runtime, tenant), runtime.processors)
    return await _claiming(runtime, _due_subscriptions(tenant), work)


async def _charge_claims(runtime: Runtime, tenant: Tenant) -> int:
    """Charge the invoices whose payment attempt is due at the clock's moment in claimed
    groups, until none is left to claim; returns how many did something."""
    work = partial(charge_claimed, runtime, tenant)
    return await _claiming(runtime, _due_charges(tenant), work)


def _due_subscriptions(tenant: Tenant) -> Select[str]:
    """The clock's subscriptions whose next period is due at its moment, in billing order."""
    return _due(tenant, Subscription, BILLED, Subscription.next_bill_at)


def _due_charges(tenant: Tenant) -> Select[str]:
    """The clock's invoices whose payment attempt is due at its moment, oldest first."""
    return _due(tenant, Invoice, _COLLECTED, Invoice.next_payment_attempt_at)


def _due(
    tenant: Tenant,
    model: type[Subscription] | type[Invoice],
    statuses: Iterable[str],
    when: InstrumentedAttribute[datetime | None],
) -> Select[str]:
    assert tenant.clock is not None
    return (
        select(model.id)
        .where(
            _on_clock(model, tenant.account_id, tenant.clock.id),
            model.status.in_(statuses),
            when <= tenant.clock.now,
        )
        .order_by(when, model.id)
    )


async def _claiming(
    runtime: Runtime, due: Select[str], work: Callable[[Claim], Awaitable[tuple[int, int]]]
) -> int:
    """Work the `due` rows in groups: each `work` claims up to `TOGETHER` of them, locked,
    skipping those another transaction holds (SQLite has no row locks: its writers take
    turns), and works them. Lanes run side by side, as many as the rows due make groups (up
    to `SIDE_BY_SIDE`); each claims again after a full group, and stops after one that was
    not full or did nothing (what it took cannot move now: the walker's last pass sees to
    it). Returns how many rows' work did something."""
    async with runtime.db.read() as session:
        count = await session.scalar(select(func.count()).select_from(due.subquery()))
    groups = -(-(count or 0) // TOGETHER)
    statement = due.limit(TOGETHER).with_for_update(skip_locked=True)

    async def claim(ctx: Context) -> Sequence[str]:
        return list(await ctx.session.scalars(statement))

    async def lane() -> int:
        done = 0
        while True:
            taken, did = await work(claim)
            done += did
            if taken < TOGETHER or not did:
                return done

    lanes = min(groups, 1 if runtime.db.is_sqlite else SIDE_BY_SIDE)
    return sum(await asyncio.gather(*(lane() for _ in range(lanes))))


async def _run(runtime: Runtime, jobs: Sequence[Callable[[], Awaitable[int]]]) -> int:
    if runtime.db.is_sqlite:
        return sum([await job() for job in jobs])
    gate = asyncio.Semaphore(SIDE_BY_SIDE)

    async def gated(job: Callable[[], Awaitable[int]]) -> int:
        async with gate:
            return await job()

    return sum(await asyncio.gather(*(gated(job) for job in jobs)))


def _groups(ids: Iterable[str]) -> list[list[str]]:
    """The moment's objects in groups of `TOGETHER`, each worked in shared transactions."""
    listed = list(ids)
    return [listed[n : n + TOGETHER] for n in range(0, len(listed), TOGETHER)]


def _on_clock(
    model: type[Subscription] | type[Invoice], account_id: str, clock_id: str
) -> ColumnElement[bool]:
    return (
        (model.account_id == account_id)
        & (model.livemode.is_(False))
        & (model.test_clock_id == clock_id)
    )


async def _next_due(
    runtime: Runtime, account_id: str, clock_id: str, at: datetime, *, after: bool = False
) -> datetime | None:
    """The earliest moment something of the clock is due: at `at` if something is due by
    then (`after`: the earliest moment strictly after it)."""

    def beyond(column: InstrumentedAttribute[datetime | None]) -> ColumnElement[bool]:
        return column > at if after else column.is_not(None)

    subscriptions = _on_clock(Subscription, account_id, clock_id)
    invoices = _on_clock(Invoice, account_id, clock_id)
    warning = timedelta(days=TRIAL_WARNING_DAYS)
    moments: list[datetime | None] = []
    async with runtime.db.read() as session:
        moments.append(
            await session.scalar(
                select(func.min(Subscription.next_bill_at)).where(
                    subscriptions,
                    Subscription.status.in_(BILLED),
                    beyond(Subscription.next_bill_at),
                )
            )
        )
        trial = await session.scalar(
            select(func.min(Subscription.next_bill_at)).where(
                subscriptions,
                *TRIAL_NOT_WARNED,
                Subscription.next_bill_at > at + warning
                if after
                else Subscription.next_bill_at.is_not(None),
            )
        )
        moments.append(trial - warning if trial is not None else None)
        for timer in TIMERS:
            moments.append(
                await session.scalar(
                    select(func.min(timer.when)).where(
                        invoices, Invoice.status.in_(timer.statuses), beyond(timer.when)
                    )
                )
            )
        moments.append(
            await session.scalar(
                select(func.min(Invoice.next_payment_attempt_at)).where(
                    invoices,
                    Invoice.status.in_(_COLLECTED),
                    beyond(Invoice.next_payment_attempt_at),
                )
            )
        )
    found = [moment for moment in moments if moment is not None and (not after or moment > at)]
    if not found:
        return None
    return max(min(found), at)  # what fell due before the clock's time runs at its time


async def _lease(runtime: Runtime, account_id: str, clock_id: str, owner: str) -> bool:
    async with opener(runtime, Tenant(account_id, False))() as ctx:
        return await clocks.take_walk(ctx, clock_id, owner)


async def _moved(
    runtime: Runtime, account_id: str, clock_id: str, owner: str, moment: datetime
) -> bool:
    async with opener(runtime, Tenant(account_id, False))() as ctx:
        moved = await clocks.stand_at(ctx, clock_id, owner, moment)
        if moved:  # the other workers, woken at commit, help with the moment
            await schedule_work(ctx.session)
        return moved


async def _ready(runtime: Runtime, account_id: str, clock_id: str, target: datetime) -> None:
    async with opener(runtime, Tenant(account_id, False))() as ctx:
        await clocks.arrive(ctx, clock_id, target)


async def _read(runtime: Runtime, account_id: str, clock_id: str) -> TestClock | None:
    async with runtime.db.read() as session:
        return await session.scalar(
            select(TestClock).where(TestClock.account_id == account_id, TestClock.id == clock_id)
        )
