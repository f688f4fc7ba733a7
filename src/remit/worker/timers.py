"""Invoice timers: find invoices whose time has come, then let `invoices.timers` act on each
in its own transaction (which re-checks under a lock, so racing workers act once).

The scans read across accounts — they are how the worker finds its work — and each uses a
partial index that holds only the invoices waiting for that timer.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute

from remit.context import Context, utc_now
from remit.invoices import timers
from remit.invoices.models import Invoice
from remit.kernel.problems import Problem
from remit.observability import tracing
from remit.runtime import Runtime
from remit.worker.transactions import Open, Tenant, opener

log = logging.getLogger("remit.worker")
BATCH = 100


@dataclass(frozen=True)
class Timer:
    name: str
    when: InstrumentedAttribute[datetime | None]
    statuses: tuple[str, ...]
    act: Callable[[Context, str], Awaitable[bool]]


TIMERS = (
    Timer("auto_finalize", Invoice.auto_finalize_at, ("draft",), timers.auto_finalize),
    Timer("expire", Invoice.expires_at, ("open", "past_due"), timers.expire),
    Timer("past_due", Invoice.due_at, ("open",), timers.mark_past_due),
)


async def run_timers(runtime: Runtime) -> int:
    """Fire every due timer once; returns how many invoices changed."""
    changed = 0
    for timer in TIMERS:
        for account_id, livemode, invoice_id in await _due(runtime, timer):
            fired = fire(opener(runtime, Tenant(account_id, livemode)), timer, invoice_id)
            changed += await tracing.counted(
                f"timer.{timer.name}",
                fired,
                account_id,
                livemode,
                invoice_id,
                outcomes=("unchanged", "changed"),
            )
    return changed


async def _due(runtime: Runtime, timer: Timer) -> list[tuple[str, bool, str]]:
    """(account, mode, invoice) of invoices whose timer is due."""
    async with runtime.db.read() as session:
        rows = await session.execute(
            select(Invoice.account_id, Invoice.livemode, Invoice.id)
            .where(
                Invoice.status.in_(timer.statuses),
                timer.when <= utc_now(),
                Invoice.test_clock_id.is_(None),  # a test clock's invoices wait for their clock
            )
            .order_by(timer.when)
            .limit(BATCH)
        )
        return [(row.account_id, row.livemode, row.id) for row in rows]


async def fire(open_transaction: Open, timer: Timer, invoice_id: str) -> int:
    """Act on one invoice whose timer is due; 1 if it changed."""
    try:
        async with open_transaction() as ctx:
            return int(await timer.act(ctx, invoice_id))
    except Problem as problem:
        if timer.name != "auto_finalize":
            raise
        log.warning("invoice %s could not be finalized automatically: %s", invoice_id, problem)
        async with open_transaction() as ctx:
            return int(await timers.abandon_auto_finalize(ctx, invoice_id))
