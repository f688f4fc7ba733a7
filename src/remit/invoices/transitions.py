"""Transitions of issued invoices: void, mark uncollectible, reopen (SPEC §3.1)."""

from __future__ import annotations

from remit.context import Context
from remit.invoices import changes, lifecycle
from remit.invoices.lifecycle import Action, Status
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.payments.errors import PaymentInProgress
from remit.settlements.repository import SettlementRepository


async def void_invoice(ctx: Context, invoice_id: str) -> Invoice:
    return await _transition(
        ctx, invoice_id, Action.VOID, Status.VOID, "voided_at", "invoice.voided"
    )


async def mark_uncollectible(ctx: Context, invoice_id: str) -> Invoice:
    return await _transition(
        ctx,
        invoice_id,
        Action.MARK_UNCOLLECTIBLE,
        Status.UNCOLLECTIBLE,
        "marked_uncollectible_at",
        "invoice.marked_uncollectible",
    )


async def reopen_invoice(ctx: Context, invoice_id: str) -> Invoice:
    """An uncollectible invoice is collectible again (Reepay's `reactivate` of a failed one):
    open again (the past-due timer moves it on if its due date has passed). Nothing is
    charged until asked."""
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    lifecycle.ensure(Action.REOPEN, invoice.status, invoice.id)
    invoice.status = Status.OPEN
    invoice.marked_uncollectible_at = None
    changes.touch(ctx, invoice)
    changes.emit(ctx, "invoice.reopened", invoice)
    return invoice


async def _transition(
    ctx: Context, invoice_id: str, action: Action, status: Status, stamp: str, event: str
) -> Invoice:
    """Lock, re-check the status under the lock, move, stamp the time, record the event."""
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    lifecycle.ensure(action, invoice.status, invoice.id)
    if await SettlementRepository(ctx).has_unresolved_charge(invoice.id):
        # Money may be moving: let the charge finish (or fail) before closing the invoice.
        raise PaymentInProgress(f"A charge for invoice {invoice.id} is awaiting its outcome.")
    invoice.status = status
    invoice.next_payment_attempt_at = None
    setattr(invoice, stamp, ctx.now)
    changes.touch(ctx, invoice)
    changes.emit(ctx, event, invoice)
    return invoice
