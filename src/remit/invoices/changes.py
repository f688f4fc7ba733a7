"""Small writes shared by the invoice use cases: touching, totals, events, payments."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from remit.accounts.models import Account
from remit.context import Context
from remit.db import bulk
from remit.events import service as events
from remit.invoices import allowances as adjustments
from remit.invoices import lifecycle
from remit.invoices.errors import AmountOutOfRange, DuplicateInvoiceHandle, InvoiceNumberConflict
from remit.invoices.lifecycle import Action
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.rules import totals_for
from remit.invoices.schemas import InvoiceOut
from remit.invoices.totals import (
    Adjustment,
    LineInput,
    Totals,
    buyer_fee,
    within_range,
)
from remit.kernel.money import (
    MAX_AMOUNT,
    TaxRounding,
    add,
    format_amount,
    format_decimal,
    subtract,
)
from remit.kernel.problems import FieldError


def touch(ctx: Context, invoice: Invoice) -> None:
    invoice.updated_at = ctx.now
    invoice.version += 1


# session.info key: the snapshot each invoice's last event took, with the invoice's version.
_SNAPSHOTS = "remit_invoice_snapshots"


def emit(
    ctx: Context, event_type: str, invoice: Invoice, details: dict[str, Any] | None = None
) -> None:
    snapshot = InvoiceOut.of(invoice, ctx.links)
    ctx.session.info.setdefault(_SNAPSHOTS, {})[invoice.id] = (invoice.version, snapshot)
    events.record(ctx, event_type, snapshot, details)


def present(ctx: Context, invoice: Invoice) -> InvoiceOut:
    """The invoice as the API shows it. A write answers with what its event shows, so the
    snapshot its last event in this transaction took is reused while the invoice has not
    changed since (every change bumps `version`): presenting 1 000 lines costs ~20 ms."""
    snapshots: dict[str, tuple[int, InvoiceOut]] = ctx.session.info.get(_SNAPSHOTS, {})
    version, snapshot = snapshots.get(invoice.id, (None, None))
    if snapshot is None or version != invoice.version:
        return InvoiceOut.of(invoice, ctx.links)
    return snapshot


def line_input(line: InvoiceLine) -> LineInput:
    return LineInput(
        quantity=line.quantity,
        unit_amount=line.unit_amount,
        tax_rate=line.tax_rate,
        tax_inclusive=line.tax_inclusive,
        discount_percent=line.discount_percent,
        discount_amount=None if line.discount_percent is not None else line.discount_amount,
        tax_category=line.tax_category,
        tax_exemption_reason=line.tax_exemption_reason,
        tax_exemption_reason_code=line.tax_exemption_reason_code,
        allowances=adjustments.line_adjustments(line.allowances),
        charges=adjustments.line_adjustments(line.charges),
    )


def recompute(invoice: Invoice, account: Account) -> None:
    """Compute and store the totals of the invoice's lines and its allowances and charges,
    and its amount due."""
    rounding: TaxRounding = "per_line" if invoice.tax_rounding == "per_line" else "per_rate"
    allowances = adjustments.document_adjustments(invoice.allowances)
    charges = adjustments.document_adjustments(invoice.charges)
    inputs = [line_input(line) for line in invoice.lines]
    totals = totals_for(inputs, invoice.currency, rounding, allowances, charges)
    invoice.subtotal, invoice.discount_amount = totals.subtotal, totals.discount_amount
    invoice.tax_amount, invoice.total = totals.tax_amount, totals.total
    invoice.tax_breakdown = [
        {
            "tax_rate": format_decimal(group.rate),
            "tax_inclusive": group.inclusive,
            "taxable_amount": format_amount(group.taxable_amount, invoice.currency),
            "amount": format_amount(group.amount, invoice.currency),
            "tax_category": group.category,
            "tax_exemption_reason": group.exemption_reason,
            "tax_exemption_reason_code": group.exemption_reason_code,
        }
        for group in totals.tax_groups
    ]
    for row, line, figures in zip(invoice.lines, inputs, totals.lines, strict=True):
        row.amount, row.discount_amount = figures.amount, figures.discount_amount
        row.tax_amount, row.net_amount = figures.tax_amount, figures.net_amount
        if line.allowances or line.charges:
            row.allowances = adjustments.stored_lines(
                line.allowances, figures.allowances, invoice.currency
            )
            row.charges = adjustments.stored_lines(line.charges, figures.charges, invoice.currency)
    _keep_document_adjustments(invoice, totals, allowances, charges)
    refresh_amount_due(invoice, account)


def _keep_document_adjustments(
    invoice: Invoice,
    totals: Totals,
    allowances: Sequence[Adjustment],
    charges: Sequence[Adjustment],
) -> None:
    currency = invoice.currency
    invoice.allowances = [
        adjustments.stored_document(each, figures, currency)
        for each, figures in zip(allowances, totals.allowances, strict=True)
    ]
    invoice.charges = [adjustments.stored_document(each, figures, currency)
                       for each, figures in zip(charges, totals.charges, strict=True)]  # fmt: skip
    invoice.allowance_amount, invoice.charge_amount = totals.allowance_amount, totals.charge_amount


def refresh_amount_due(invoice: Invoice, account: Account) -> None:
    fee = Decimal(0)
    if invoice.charge_buyer_fee:
        fee = buyer_fee(invoice.total, account.buyer_fee_percent, invoice.currency)
    invoice.buyer_fee = fee
    recount_amount_due(invoice)


def recount_amount_due(invoice: Invoice) -> None:
    """The amount due from the invoice's own figures, its buyer fee as it was charged (a
    credit note changes what is due after the fee rate may have changed)."""
    # The customer's balance applied and credit notes issued before payment count here.
    invoice.amount_due = subtract(
        add(invoice.total, invoice.buyer_fee, invoice.applied_balance),
        invoice.pre_payment_credit_notes_amount,
    )
    if not within_range(invoice.amount_due):
        raise AmountOutOfRange(
            f"The amount due would exceed {MAX_AMOUNT}.",
            errors=[FieldError("lines", f"totals exceed {MAX_AMOUNT}", "amount_out_of_range")],
        )


# The moment each transition stamps on the invoice.
_STAMPS = {
    Action.FINALIZE: "finalized_at",
    Action.PAY: "paid_at",
    Action.VOID: "voided_at",
    Action.MARK_UNCOLLECTIBLE: "marked_uncollectible_at",
}


def transition(ctx: Context, invoice: Invoice, action: Action, at: datetime | None = None) -> None:
    """Move a locked invoice on by `action` (409 if its status does not allow it): the one
    place an invoice's status is written. Stamps the moment (`at`, default now) where the
    action has one; reopening clears the uncollectible stamp."""
    invoice.status = lifecycle.next_status(action, invoice.status, invoice.id)
    if action in _STAMPS:
        setattr(invoice, _STAMPS[action], at or ctx.now)
    if action == Action.REOPEN:
        invoice.marked_uncollectible_at = None
    touch(ctx, invoice)


def mark_paid(ctx: Context, invoice: Invoice, paid_at: datetime) -> None:
    transition(ctx, invoice, Action.PAY, paid_at)
    emit(ctx, "invoice.paid", invoice)


def record_payment(ctx: Context, invoice: Invoice, amount: Decimal, paid_at: datetime) -> None:
    """Add a confirmed payment; the invoice is paid once payments reach the amount due."""
    invoice.amount_paid = add(invoice.amount_paid, amount)
    if invoice.amount_paid >= invoice.amount_due:
        mark_paid(ctx, invoice, paid_at)
    else:
        touch(ctx, invoice)
        emit(ctx, "invoice.updated", invoice)


def record_credit(
    ctx: Context,
    invoice: Invoice,
    pre_payment: Decimal,
    post_payment: Decimal,
    credit_note_id: str | None = None,
) -> bool:
    """Count a credit note on a locked invoice (negative amounts take a voided one back):
    what it took off what was left to pay lowers the amount due, and an open invoice left
    with nothing to pay is paid (it keeps its number). True when that made it paid."""
    invoice.pre_payment_credit_notes_amount = add(
        invoice.pre_payment_credit_notes_amount, pre_payment
    )
    invoice.post_payment_credit_notes_amount = add(
        invoice.post_payment_credit_notes_amount, post_payment
    )
    if credit_note_id is not None:
        invoice.credit_note_ids = [*(invoice.credit_note_ids or []), credit_note_id]
    recount_amount_due(invoice)
    if lifecycle.can(Action.PAY, invoice.status) and invoice.amount_remaining == 0:
        mark_paid(ctx, invoice, ctx.now)
        return True
    touch(ctx, invoice)
    emit(ctx, "invoice.updated", invoice)
    return False


async def insert(ctx: Context, invoice: Invoice) -> None:
    """Write a new invoice and its lines (`insert_all`)."""
    await insert_all(ctx, [invoice])


async def insert_all(
    ctx: Context, invoices: Sequence[Invoice], *, flush_first: bool = True
) -> None:
    """Write new invoices and their lines around the unit of work (`db.bulk`: its cost per
    object dominated large invoices): one executemany for the invoices, then one for all
    their lines. A number or handle already taken is its 409. `flush_first`: what the
    transaction made before (an inline customer) is written first; without it, the
    caller has flushed what the invoices refer to."""
    if flush_first:
        await flush(ctx)
    lines = [invoice.lines for invoice in invoices]
    for invoice in invoices:
        set_committed_value(invoice, "lines", [])
    with _conflicts():
        await bulk.insert_all(ctx.session, invoices)
    await bulk.insert_all(ctx.session, [line for each in lines for line in each])
    for invoice, each in zip(invoices, lines, strict=True):
        set_committed_value(invoice, "lines", each)


async def flush(ctx: Context) -> None:
    """Write pending rows now, turning a lost uniqueness race into its 409."""
    with _conflicts():
        await ctx.session.flush()


@contextmanager
def _conflicts() -> Iterator[None]:
    try:
        yield
    except IntegrityError as exc:
        message = str(exc.orig)
        if "handle" in message:
            raise DuplicateInvoiceHandle(
                "An invoice with this handle already exists.",
                errors=[FieldError("handle", "is already in use", "duplicate_handle")],
            ) from None
        if "number" in message:
            raise InvoiceNumberConflict(
                "The invoice number is already taken; check the numbering settings."
            ) from None
        raise
