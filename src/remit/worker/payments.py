"""The worker's payment duties (SPEC §3.4, §6):

- charge invoices whose automatic collection is due (just finalized, `charge_at`, or a
  dunning retry): `next_payment_attempt_at` has passed;
- finish charges that await their outcome: ask the processor about pending ones on every
  pass, and, after a grace period, re-send those it never answered (a crash between the
  charge and its recording) with the same idempotency key, so nothing is charged twice.

Each charge runs `collection.flow`: begin (locked, re-checked), processor, complete. Racing
workers find the invoice's attempt already taken, or the settlement already settled.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import and_, select

from remit.collection import flow
from remit.collection.charges import Options, Skipped
from remit.collection.flow import Claim
from remit.context import utc_now
from remit.invoices.models import Invoice
from remit.observability import tracing
from remit.payments.processors.base import ChargeResult
from remit.runtime import Runtime
from remit.settlements.models import Settlement
from remit.worker.transactions import Tenant, given, opener

BATCH = 100


async def run_payments(runtime: Runtime) -> int:
    """One pass; returns how many charges it started or finished."""
    done = 0
    for account_id, livemode, invoice_id in await _due_charges(runtime):
        charged = charge(runtime, Tenant(account_id, livemode), invoice_id)
        done += await tracing.counted(
            "charge", charged, account_id, livemode, invoice_id, outcomes=("pending", "done")
        )
    for account_id, livemode, settlement_id in await _unresolved(runtime):
        finished = finish(runtime, Tenant(account_id, livemode), settlement_id)
        done += await tracing.counted(
            "charge_recovery",
            finished,
            account_id,
            livemode,
            settlement_id,
            outcomes=("pending", "resolved"),
        )
    return done


async def _due_charges(runtime: Runtime) -> list[tuple[str, bool, str]]:
    async with runtime.db.read() as session:
        rows = await session.execute(
            select(Invoice.account_id, Invoice.livemode, Invoice.id)
            .where(
                Invoice.status.in_(("open", "past_due")),
                Invoice.next_payment_attempt_at <= utc_now(),
                Invoice.test_clock_id.is_(None),  # a test clock's invoices wait for their clock
            )
            .order_by(Invoice.next_payment_attempt_at)
            .limit(BATCH)
        )
        return [(row.account_id, row.livemode, row.id) for row in rows]


async def _unresolved(runtime: Runtime) -> list[tuple[str, bool, str]]:
    grace = utc_now() - timedelta(seconds=runtime.settings.charge_recovery_seconds)
    async with runtime.db.read() as session:
        rows = await session.execute(
            select(Settlement.account_id, Settlement.livemode, Settlement.id)
            .join(
                Invoice,
                and_(
                    Invoice.account_id == Settlement.account_id, Invoice.id == Settlement.invoice_id
                ),
            )
            .where(
                Settlement.status == "pending",
                Settlement.processor != "manual",
                Invoice.test_clock_id.is_(None),  # a test clock's, when it is walked
                # answered "pending" before: ask again now; never answered: after the grace
                (Settlement.processor_reference.is_not(None)) | (Settlement.created_at < grace),
            )
            .order_by(Settlement.created_at)
            .limit(BATCH)
        )
        return [(row.account_id, row.livemode, row.id) for row in rows]


def _settled(runtime: Runtime, tenant: Tenant) -> flow.Last[int]:
    """The last transaction of a charge: 1 if its answer settled it (a backlog is then
    worked at once), 0 if it is still pending."""

    async def last(step: flow.Step, result: ChargeResult | None) -> int:
        async with opener(runtime, tenant)() as ctx:
            await step(ctx)
        return int(result is not None and result.status != "pending")

    return last


async def charge(runtime: Runtime, tenant: Tenant, invoice_id: str) -> int:
    """Charge an invoice whose automatic collection is due; 1 if that did something."""
    done = await flow.charge(
        runtime.processors, opener(runtime, tenant), _settled(runtime, tenant),
        invoice_id, Options(automatic=True),
    )  # fmt: skip
    if isinstance(done, Skipped):  # a recorded failure is work done
        return int(done is Skipped.FAILURE_RECORDED)
    return done


async def charge_together(runtime: Runtime, tenant: Tenant, invoice_ids: Sequence[str]) -> int:
    """`charge` for several invoices due at one moment, their transactions shared (a test
    clock's walk); how many did something."""
    return (await charge_claimed(runtime, tenant, given(invoice_ids)))[1]


async def charge_claimed(runtime: Runtime, tenant: Tenant, claim: Claim) -> tuple[int, int]:
    """`charge_together` for the invoices `claim` takes in the first transaction; how many
    it took, and how many of them did something."""
    open_transaction = opener(runtime, tenant)
    answers = await flow.charge_together(
        runtime.processors, open_transaction, open_transaction, claim
    )
    return len(answers), sum(
        answer is Skipped.FAILURE_RECORDED
        or (isinstance(answer, ChargeResult) and answer.status != "pending")
        for answer in answers
    )


async def finish(runtime: Runtime, tenant: Tenant, settlement_id: str) -> int:
    """Ask the processor again about a charge still pending (or never answered)."""
    done = await flow.recover(
        runtime.processors, opener(runtime, tenant), _settled(runtime, tenant),
        settlement_id,
    )  # fmt: skip
    return done or 0
