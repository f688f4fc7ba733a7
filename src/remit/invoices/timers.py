"""What happens to invoices when their time comes (SPEC §3.4), run by the worker.

Each function locks the invoice, re-checks under the lock that the timer is still due, and
acts — or returns False, changing nothing, when another worker (or a request) was first.
That makes every timer fire once however many workers run, and running one twice harmless.
"""

from __future__ import annotations

from remit.context import Context
from remit.invoices import changes, lifecycle, transitions
from remit.invoices.finalize import finalize_draft
from remit.invoices.lifecycle import Action, Status
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository


async def mark_past_due(ctx: Context, invoice_id: str) -> bool:
    invoice = await _due(ctx, invoice_id, "due_at", Action.MARK_PAST_DUE)
    if invoice is None:
        return False
    changes.transition(ctx, invoice, Action.MARK_PAST_DUE)
    changes.emit(ctx, "invoice.past_due", invoice)
    return True


async def expire(ctx: Context, invoice_id: str) -> bool:
    invoice = await _due(ctx, invoice_id, "expires_at", Action.EXPIRE)
    if invoice is None:
        return False
    await transitions.close_and_release(ctx, invoice, Action.EXPIRE)
    return True


async def _due(ctx: Context, invoice_id: str, moment: str, action: Action) -> Invoice | None:
    """The locked invoice if its `moment` has passed and its status allows `action`."""
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    when = getattr(invoice, moment)
    if when is None or when > ctx.now or not lifecycle.can(action, invoice.status):
        return None
    return invoice


async def auto_finalize(ctx: Context, invoice_id: str) -> bool:
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    due = invoice.auto_finalize_at is not None and invoice.auto_finalize_at <= ctx.now
    if not (due and lifecycle.can(Action.FINALIZE, invoice.status)):
        return False
    await finalize_draft(ctx, invoice)
    return True


async def abandon_auto_finalize(ctx: Context, invoice_id: str) -> bool:
    """The draft could not be finalized (say, its total is negative): stop trying, and say so
    with an `invoice.finalization_failed` event; the draft stays editable."""
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    if invoice.status != Status.DRAFT or invoice.auto_finalize_at is None:
        return False
    invoice.auto_finalize_at = None
    changes.touch(ctx, invoice)
    changes.emit(ctx, "invoice.finalization_failed", invoice)
    return True
