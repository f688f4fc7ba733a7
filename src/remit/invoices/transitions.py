"""Transitions of issued invoices: void, mark uncollectible, expire, reopen (SPEC §3.1)."""

from __future__ import annotations

from remit.balances import service as balances
from remit.context import Context
from remit.invoices import changes, lifecycle
from remit.invoices.lifecycle import Action
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.payments.errors import PaymentInProgress
from remit.settlements.repository import SettlementRepository

# The event each closing action records.
EVENTS = {
    Action.VOID: "invoice.voided",
    Action.MARK_UNCOLLECTIBLE: "invoice.marked_uncollectible",
    Action.EXPIRE: "invoice.expired",
}


async def void_invoice(ctx: Context, invoice_id: str) -> Invoice:
    return await _close(ctx, invoice_id, Action.VOID)


async def mark_uncollectible(ctx: Context, invoice_id: str) -> Invoice:
    return await _close(ctx, invoice_id, Action.MARK_UNCOLLECTIBLE)


async def expire_invoice(ctx: Context, invoice_id: str) -> Invoice:
    """Stop accepting payment now, as if `expires_at` had come: the offer lapsed (a void
    says the invoice was issued in error). `expires_at` becomes now."""
    invoice = await _lock_closable(ctx, invoice_id, Action.EXPIRE)
    invoice.expires_at = ctx.now
    await close_and_release(ctx, invoice, Action.EXPIRE)
    return invoice


async def reopen_invoice(ctx: Context, invoice_id: str) -> Invoice:
    """An uncollectible invoice is collectible again (Reepay's `reactivate` of a failed one):
    open again (the past-due timer moves it on if its due date has passed). Nothing is
    charged until asked."""
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    changes.transition(ctx, invoice, Action.REOPEN)
    changes.emit(ctx, "invoice.reopened", invoice)
    return invoice


def close(ctx: Context, invoice: Invoice, action: Action) -> None:
    """Move a locked invoice that takes no more payments on by `action`, and say so."""
    changes.transition(ctx, invoice, action)
    invoice.next_payment_attempt_at = None
    changes.emit(ctx, EVENTS[action], invoice)


async def close_and_release(ctx: Context, invoice: Invoice, action: Action) -> None:
    """`close`, and when the invoice will never be paid (void, expire) the customer balance
    applied to it at finalization goes back to the customer (Stripe gives it back on void).
    An uncollectible invoice keeps it: it may still be paid, or reopened."""
    close(ctx, invoice, action)
    if action in (Action.VOID, Action.EXPIRE):
        await balances.unapply_from_invoice(ctx, invoice)


async def _close(ctx: Context, invoice_id: str, action: Action) -> Invoice:
    invoice = await _lock_closable(ctx, invoice_id, action)
    await close_and_release(ctx, invoice, action)
    return invoice


async def _lock_closable(ctx: Context, invoice_id: str, action: Action) -> Invoice:
    """Lock, re-check the status under the lock, and make sure no money is moving."""
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    lifecycle.ensure(action, invoice.status, invoice.id)
    if await SettlementRepository(ctx).has_unresolved_charge(invoice.id):
        # Money may be moving: let the charge finish (or fail) before closing the invoice.
        raise PaymentInProgress(f"A charge for invoice {invoice.id} is awaiting its outcome.")
    return invoice
