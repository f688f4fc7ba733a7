"""The worker's refund duty (SPEC §6): finish refunds that await their processor's outcome.
Those the processor answered pending are asked again, by their reference, on every pass;
those it never answered (a crash between the refund and its recording, a processor that
failed to answer) are sent again after a grace period with the same idempotency key, so
nothing is refunded twice.

Each runs `refunds.flow.send`: ask with no transaction open, then complete under the
invoice's and the settlement's locks, where racing workers find the refund already
resolved.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, or_, select

from remit.clocks.models import TestClock
from remit.context import utc_now
from remit.invoices.models import Invoice
from remit.observability import tracing
from remit.refunds import flow
from remit.refunds.models import Refund
from remit.runtime import Runtime
from remit.worker.transactions import Tenant, opener

BATCH = 100


async def run_refunds(runtime: Runtime) -> int:
    """One pass; returns how many refunds it resolved."""
    done = 0
    for account_id, livemode, refund_id in await _unresolved(runtime):
        finished = finish(runtime, Tenant(account_id, livemode), refund_id)
        done += await tracing.counted(
            "refund_recovery",
            finished,
            account_id,
            livemode,
            refund_id,
            outcomes=("pending", "resolved"),
        )
    return done


async def _unresolved(runtime: Runtime) -> list[tuple[str, bool, str]]:
    grace = utc_now() - timedelta(seconds=runtime.settings.charge_recovery_seconds)
    async with runtime.db.read() as session:
        rows = await session.execute(
            select(Refund.account_id, Refund.livemode, Refund.id)
            .join(
                Invoice,
                and_(Invoice.account_id == Refund.account_id, Invoice.id == Refund.invoice_id),
            )
            .outerjoin(
                TestClock,
                and_(
                    TestClock.account_id == Invoice.account_id,
                    TestClock.id == Invoice.test_clock_id,
                ),
            )
            .where(
                Refund.status == "pending",
                Refund.processor != "manual",
                # a clock's objects change when it is not advancing (clocks.service.enter)
                or_(TestClock.status.is_(None), TestClock.status != "advancing"),
                # answered "pending" before: ask again now; never answered: after the grace
                Refund.processor_reference.is_not(None) | (Refund.created_at < grace),
            )
            .order_by(Refund.created_at)
            .limit(BATCH)
        )
        return [(row.account_id, row.livemode, row.id) for row in rows]


async def finish(runtime: Runtime, tenant: Tenant, refund_id: str) -> int:
    """Ask the processor again about a refund still pending (or never answered); 1 if its
    answer resolved it."""
    [refund] = await flow.send(runtime.processors, opener(runtime, tenant), [refund_id])
    return int(refund.status != "pending")
