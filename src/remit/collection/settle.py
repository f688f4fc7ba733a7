"""Record payments against invoices (SPEC §2, §6). Only confirmed settlements count.

Every path locks the invoice first (then the settlement), so concurrent settlements on one
invoice queue up and none can over-collect: the room left is checked under the lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from remit.balances import service as balances
from remit.collection import subscription_status
from remit.context import Context, flushed
from remit.events import service as events
from remit.invoices import changes, lifecycle
from remit.invoices.finalize import finalize_draft
from remit.invoices.lifecycle import Action, Status
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.invoices.totals import amount_remaining
from remit.kernel.ids import id_time
from remit.kernel.metadata import cleaned
from remit.kernel.money import MoneyError, check_amount, subtract
from remit.kernel.problems import FieldError, validation_problem
from remit.settlements.errors import (
    CurrencyMismatch,
    Overpayment,
    SettlementManagedByProcessor,
    SettlementNotPending,
)
from remit.settlements.models import Settlement
from remit.settlements.repository import SettlementRepository
from remit.settlements.schemas import SettlementCreate, SettlementOut

OUT_OF_BAND = "Paid out of band"


@dataclass(frozen=True)
class Recorded:
    """A settlement as recorded; `replayed` when the request named the reference of one
    already recorded against the invoice by the same method, which is answered instead."""

    settlement: Settlement
    replayed: bool = False


async def record_settlement(
    ctx: Context,
    invoice_id: str,
    data: SettlementCreate,
    *,
    finalize_draft: bool = False,
    processor_reference: str | None = None,
) -> Recorded:
    """Record a payment. A `reference` already recorded against this invoice by this method
    (and not failed) is the same payment: the first is answered, nothing is recorded twice.
    With `finalize_draft`, a draft is issued first (paying a draft issues it, as Stripe's
    `pay` does)."""
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    return await record_on(ctx, invoice, data, finalize_draft=finalize_draft,
                           processor_reference=processor_reference)  # fmt: skip


async def record_on(
    ctx: Context,
    invoice: Invoice,
    data: SettlementCreate,
    *,
    finalize_draft: bool = False,
    processor_reference: str | None = None,
) -> Recorded:
    """`record_settlement` on an invoice already locked by the caller."""
    repository = SettlementRepository(ctx)
    if data.reference is not None:
        earlier = await repository.same_reference(invoice.id, data.method, data.reference)
        if earlier is not None:
            return Recorded(earlier, replayed=True)
    if finalize_draft:
        await payable(ctx, invoice)
    lifecycle.ensure(Action.SETTLE, invoice.status, invoice.id)
    if data.currency is not None and data.currency != invoice.currency:
        raise CurrencyMismatch(
            f"The invoice is in {invoice.currency}.",
            errors=[FieldError("currency", f"must be {invoice.currency}", "currency_mismatch")],
        )
    room = subtract(invoice.amount_remaining, await repository.pending_total(invoice.id))
    amount = data.amount if data.amount is not None else room
    _check_amount(amount, invoice.currency)
    if not data.allow_overpayment:
        _check_room(amount, room, "including pending settlements")
    settlement = new_settlement(
        ctx, invoice, amount, data.method, data.status, recorded_at=data.recorded_at or ctx.now,
        reference=data.reference, description=data.description,
        allow_overpayment=data.allow_overpayment, metadata=cleaned(data.metadata),
        processor_reference=processor_reference,
    )  # fmt: skip
    repository.add(settlement)
    if data.status == "confirmed":  # the event shows the settlement as it is from the start
        settlement.confirmed_at = ctx.now
    events.record(ctx, "settlement.created", SettlementOut.of(settlement))
    if data.status == "confirmed":
        await confirm_in_place(ctx, invoice, settlement)
        await subscription_status.follow(ctx, invoice)
    return Recorded(settlement)


@flushed
async def lock_for_payment(ctx: Context, invoice_id: str) -> Invoice:
    """The invoice, locked (404 if the account has none): what the transaction does next —
    look for an earlier payment, ask a chain or a bank about this one, record it — runs one
    payment of the invoice at a time. Record on it with `record_on`."""
    return await InvoiceRepository(ctx).get_for_update(invoice_id)


async def earlier_payment(
    ctx: Context, invoice: Invoice, method: str, reference: str
) -> Settlement | None:
    """The settlement a repeated `reference` names on a locked invoice (`record_settlement`)."""
    return await SettlementRepository(ctx).same_reference(invoice.id, method, reference)


async def payable(ctx: Context, invoice: Invoice) -> bool:
    """A locked invoice ready to be paid: a draft is finalized first (its number taken).
    True when that left nothing to pay: a zero-total draft is paid as it is issued."""
    if invoice.status != Status.DRAFT:
        return False
    await finalize_draft(ctx, invoice)
    return invoice.status == Status.PAID


async def pay_out_of_band(ctx: Context, invoice_id: str) -> Invoice:
    """Paid outside remit (Stripe's `paid_out_of_band`): a draft is issued, then what is left
    is recorded as a confirmed settlement (method `other`)."""
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    if await payable(ctx, invoice):
        return invoice
    data = SettlementCreate(method="other", description=OUT_OF_BAND)
    await record_on(ctx, invoice, data)
    return invoice


async def confirm_settlement(
    ctx: Context, settlement_id: str, *, processor_reference: str | None = None
) -> Settlement:
    invoice, settlement = await _lock_pending(ctx, settlement_id)
    lifecycle.ensure(Action.SETTLE, invoice.status, invoice.id)
    if not settlement.allow_overpayment:
        _check_room(settlement.amount, invoice.amount_remaining, "already paid")
    settlement.processor_reference = processor_reference or settlement.processor_reference
    await confirm_in_place(ctx, invoice, settlement)
    return settlement


async def fail_settlement(ctx: Context, settlement_id: str) -> Settlement:
    _, settlement = await _lock_pending(ctx, settlement_id)
    settlement.status, settlement.failed_at, settlement.updated_at = "failed", ctx.now, ctx.now
    events.record(ctx, "settlement.failed", SettlementOut.of(settlement))
    return settlement


async def _lock_pending(ctx: Context, settlement_id: str) -> tuple[Invoice, Settlement]:
    """Lock the invoice, then the settlement (one fixed order), and check it is pending."""
    await ctx.session.flush()  # a settlement recorded earlier in this transaction too
    repository = SettlementRepository(ctx)
    found = await repository.get(settlement_id)
    invoice = await InvoiceRepository(ctx).get_for_update(found.invoice_id)
    settlement = await repository.get(settlement_id, lock=True)
    if settlement.status != "pending":
        raise SettlementNotPending(
            f"Settlement {settlement.id} is {settlement.status}.",
            settlement_status=settlement.status,
        )
    if settlement.processor != "manual":
        raise SettlementManagedByProcessor(
            f"Settlement {settlement.id} is a {settlement.processor} charge; its outcome comes "
            "from the processor."
        )
    return invoice, settlement


async def confirm_in_place(ctx: Context, invoice: Invoice, settlement: Settlement) -> None:
    """Confirm a settlement of a locked invoice and count it toward what is paid; what it
    pays beyond the amount due is credited to the customer's balance."""
    settlement.status, settlement.confirmed_at, settlement.updated_at = (
        "confirmed",
        ctx.now,
        ctx.now,
    )
    events.record(ctx, "settlement.confirmed", SettlementOut.of(settlement))
    paid_before = invoice.amount_paid
    changes.record_payment(ctx, invoice, settlement.amount, settlement.recorded_at)
    await _credit_overpayment(ctx, invoice, settlement, paid_before)


async def _credit_overpayment(
    ctx: Context, invoice: Invoice, settlement: Settlement, paid_before: Decimal
) -> None:
    """The part of this settlement beyond what was due (and beyond what earlier ones already
    overpaid) becomes credit in the customer's favour, traced to the invoice and the
    settlement, instead of vanishing. `amount_paid` keeps the money actually received."""
    excess = amount_remaining(invoice.amount_paid, max(invoice.amount_due, paid_before))
    if excess > 0:
        await balances.record(
            ctx, invoice.customer_id, invoice.currency, excess.copy_negate(), "invoice_overpaid",
            invoice_id=invoice.id, settlement_id=settlement.id,
        )  # fmt: skip


def _check_amount(amount: Decimal, currency: str) -> None:
    try:
        check_amount(amount, currency)
    except MoneyError as exc:
        raise validation_problem([FieldError("amount", str(exc), exc.code)]) from None
    if amount <= 0:
        raise Overpayment(
            "Nothing is left to pay on this invoice.",
            errors=[FieldError("amount", "nothing is left to pay", "overpayment")],
        )


def _check_room(amount: Decimal, room: Decimal, counting: str) -> None:
    if amount > room:
        raise Overpayment(
            f"The settlement exceeds what is left to pay ({room}, {counting}); "
            "set allow_overpayment to accept more.",
            errors=[FieldError("amount", f"exceeds {room} left to pay", "overpayment")],
        )


def new_settlement(
    ctx: Context,
    invoice: Invoice,
    amount: Decimal,
    method: str,
    status: str,
    *,
    recorded_at: datetime | None = None,
    reference: str | None = None,
    description: str | None = None,
    allow_overpayment: bool = False,
    metadata: dict[str, Any] | None = None,
    processor: str = "manual",
    payment_method_id: str | None = None,
    processor_reference: str | None = None,
) -> Settlement:
    """A settlement of the invoice, in its currency, made now (its times come from its id);
    `recorded_at` is when the money moved (default: now). Recorded through the API, or a
    processor's charge of a payment method."""
    settlement_id = ctx.new_id("stl")
    created_at = id_time(settlement_id)
    return Settlement(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=settlement_id,
        invoice_id=invoice.id,
        amount=amount,
        amount_refunded=Decimal(0),  # its events show it before it is written
        currency=invoice.currency,
        method=method,
        reference=reference,
        description=description,
        status=status,
        allow_overpayment=allow_overpayment,
        processor=processor,
        payment_method_id=payment_method_id,
        processor_reference=processor_reference,
        recorded_at=recorded_at or created_at,
        metadata_=metadata or {},
        created_at=created_at,
        updated_at=created_at,
    )
