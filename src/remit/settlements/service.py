"""Record payments against invoices (SPEC §2, §6). Only confirmed settlements count.

Every path locks the invoice first (then the settlement), so concurrent settlements on one
invoice queue up and none can over-collect: the room left is checked under the lock.
"""

from __future__ import annotations

from decimal import Decimal

from remit.context import Context
from remit.events import service as events
from remit.invoices import changes, lifecycle
from remit.invoices.lifecycle import Action
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.kernel.ids import id_time, new_id
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


async def record_settlement(ctx: Context, invoice_id: str, data: SettlementCreate) -> Settlement:
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    lifecycle.ensure(Action.SETTLE, invoice.status, invoice.id)
    if data.currency is not None and data.currency != invoice.currency:
        raise CurrencyMismatch(
            f"The invoice is in {invoice.currency}.",
            errors=[FieldError("currency", f"must be {invoice.currency}", "currency_mismatch")],
        )
    pending = await SettlementRepository(ctx).pending_total(invoice.id)
    room = subtract(_left_to_pay(invoice), pending)
    amount = data.amount if data.amount is not None else room
    _check_amount(amount, invoice.currency)
    if not data.allow_overpayment:
        _check_room(amount, room, "including pending settlements")
    settlement = _new_settlement(ctx, invoice, data, amount)
    SettlementRepository(ctx).add(settlement)
    if data.status == "confirmed":  # the event shows the settlement as it is from the start
        settlement.confirmed_at = ctx.now
    events.record(ctx, "settlement.created", SettlementOut.of(settlement))
    if data.status == "confirmed":
        confirm_in_place(ctx, invoice, settlement)
    return settlement


async def confirm_settlement(ctx: Context, settlement_id: str) -> Settlement:
    invoice, settlement = await _lock_pending(ctx, settlement_id)
    lifecycle.ensure(Action.SETTLE, invoice.status, invoice.id)
    if not settlement.allow_overpayment:
        _check_room(settlement.amount, _left_to_pay(invoice), "already paid")
    confirm_in_place(ctx, invoice, settlement)
    return settlement


async def fail_settlement(ctx: Context, settlement_id: str) -> Settlement:
    _, settlement = await _lock_pending(ctx, settlement_id)
    settlement.status, settlement.failed_at, settlement.updated_at = "failed", ctx.now, ctx.now
    events.record(ctx, "settlement.failed", SettlementOut.of(settlement))
    return settlement


async def _lock_pending(ctx: Context, settlement_id: str) -> tuple[Invoice, Settlement]:
    """Lock the invoice, then the settlement (one fixed order), and check it is pending."""
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


def confirm_in_place(ctx: Context, invoice: Invoice, settlement: Settlement) -> None:
    """Confirm a settlement of a locked invoice and count it toward what is paid."""
    settlement.status, settlement.confirmed_at, settlement.updated_at = (
        "confirmed",
        ctx.now,
        ctx.now,
    )
    events.record(ctx, "settlement.confirmed", SettlementOut.of(settlement))
    changes.record_payment(ctx, invoice, settlement.amount, settlement.recorded_at)


def _left_to_pay(invoice: Invoice) -> Decimal:
    return subtract(invoice.amount_due, invoice.amount_paid)


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


def _new_settlement(
    ctx: Context, invoice: Invoice, data: SettlementCreate, amount: Decimal
) -> Settlement:
    settlement_id = new_id("stl", ctx.now)
    created_at = id_time(settlement_id)
    return Settlement(
        account_id=ctx.account_id,
        id=settlement_id,
        invoice_id=invoice.id,
        amount=amount,
        currency=invoice.currency,
        method=data.method,
        reference=data.reference,
        status=data.status,
        allow_overpayment=data.allow_overpayment,
        recorded_at=data.recorded_at or ctx.now,
        metadata_=cleaned(data.metadata),
        created_at=created_at,
        updated_at=created_at,
    )
