"""The worker's payment duties (SPEC §3.4, §6):

- charge invoices whose automatic collection is due (just finalized, `charge_at`, or a
  dunning retry): `next_payment_attempt_at` has passed;
- finish charges that await their outcome: ask the processor about pending ones on every
  pass, and, after a grace period, re-send those it never answered (a crash between the
  charge and its recording) with the same idempotency key, so nothing is charged twice.

Each charge runs `payments.charges`: begin (locked, re-checked), processor, complete. Racing
workers find the invoice's attempt already taken, or the settlement already settled.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from remit.api.runtime import Runtime
from remit.context import utc_now
from remit.invoices.models import Invoice
from remit.payments import charges
from remit.payments.runner import call_processor
from remit.settlements.models import Settlement

BATCH = 100


async def run_payments(runtime: Runtime) -> int:
    """One pass; returns how many charges it started or finished."""
    done = 0
    for account_id, invoice_id in await _due_charges(runtime):
        done += await _charge(runtime, account_id, invoice_id)
    for account_id, settlement_id in await _unresolved(runtime):
        done += await _finish(runtime, account_id, settlement_id)
    return done


async def _due_charges(runtime: Runtime) -> list[tuple[str, str]]:
    async with runtime.db.read() as session:
        rows = await session.execute(
            select(Invoice.account_id, Invoice.id)
            .where(
                Invoice.status.in_(("open", "past_due")),
                Invoice.next_payment_attempt_at <= utc_now(),
            )
            .order_by(Invoice.next_payment_attempt_at)
            .limit(BATCH)
        )
        return [(row.account_id, row.id) for row in rows]


async def _unresolved(runtime: Runtime) -> list[tuple[str, str]]:
    grace = utc_now() - timedelta(seconds=runtime.settings.charge_recovery_seconds)
    async with runtime.db.read() as session:
        rows = await session.execute(
            select(Settlement.account_id, Settlement.id)
            .where(
                Settlement.status == "pending",
                Settlement.processor != "manual",
                # answered "pending" before: ask again now; never answered: after the grace
                (Settlement.processor_reference.is_not(None)) | (Settlement.created_at < grace),
            )
            .order_by(Settlement.created_at)
            .limit(BATCH)
        )
        return [(row.account_id, row.id) for row in rows]


async def _charge(runtime: Runtime, account_id: str, invoice_id: str) -> int:
    async with runtime.db.write() as session:
        ctx = runtime.context(session, account_id, "worker")
        charge = await charges.begin(ctx, runtime.processors, invoice_id, automatic=True)
    if isinstance(charge, charges.Skipped):  # a recorded failure is work done
        return int(charge is charges.Skipped.FAILURE_RECORDED)
    return await _record(runtime, charge, await call_processor(runtime, charge))


async def _finish(runtime: Runtime, account_id: str, settlement_id: str) -> int:
    async with runtime.db.read() as session:
        ctx = runtime.context(session, account_id, "worker")
        found = await charges.unresolved(ctx, settlement_id)
    if found is None:
        return 0
    charge, reference = found
    return await _record(
        runtime, charge, await call_processor(runtime, charge, reference=reference)
    )


async def _record(runtime: Runtime, charge: charges.Charge, result) -> int:  # type: ignore[no-untyped-def]
    """Record an answer; 1 if it settled the charge (a backlog is then worked at once)."""
    if result is None:
        return 0
    async with runtime.db.write() as session:
        ctx = runtime.context(session, charge.account_id, "worker")
        await charges.complete(ctx, charge.settlement_id, result)
    return int(result.status != "pending")
