"""Refunding settlements (SPEC §6), in the steps `refunds.flow` runs, each under the invoice's
lock and then the settlement's (the fixed order of every payment path):

1. `begin` — check the settlement can give the amount back (confirmed; no more than is left,
   counting pending refunds), write the refund and count it in the settlement's
   `amount_refunded`. Through a processor the refund is *pending*, its id the idempotency key
   the processor gets; a settlement recorded by hand was paid outside remit and is refunded
   outside it too, so its refund is recorded `succeeded` at once. Commit.
2. The processor call (no transaction open; `flow`).
3. `complete` — record the answer: succeeded; or failed, and the amount is given back to the
   settlement's room.

A crash between 1 and 3 leaves a pending refund that already counts against the settlement
(nothing more can be taken meanwhile); the worker finishes it by asking the processor again
with the same key (`outstanding`), which answers with the first refund.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from remit.context import Context, flushed
from remit.events import service as events
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.kernel.ids import id_time
from remit.kernel.metadata import cleaned
from remit.kernel.money import MoneyError, add, check_amount, format_amount, subtract
from remit.kernel.problems import FieldError, validation_problem
from remit.payments.processors.base import Processor, Refunding, RefundRequest, RefundResult
from remit.payments.repository import PaymentMethodRepository
from remit.refunds.errors import (
    RefundExceedsSettlement,
    RefundNotSupported,
    SettlementNotConfirmed,
)
from remit.refunds.models import Refund
from remit.refunds.repository import RefundedSettlements, RefundRepository
from remit.refunds.schemas import RefundOut
from remit.settlements.models import Settlement
from remit.settlements.repository import SettlementRepository

MANUAL = "manual"  # settlements recorded by hand: refunded outside remit


@dataclass(frozen=True)
class Details:
    """What a refund says besides its amount."""

    reason: str | None = None
    description: str | None = None
    metadata: dict[str, Any] | None = None
    credit_note_id: str | None = None


@dataclass(frozen=True)
class Outstanding:
    """A refund awaiting its processor's answer, as the processor call needs it;
    `reference` once the processor has answered (pending) before."""

    refund_id: str
    processor: str
    request: RefundRequest
    reference: str | None


async def begin(
    ctx: Context,
    processors: Mapping[str, Processor],
    settlement_id: str,
    amount: Decimal | None,
    *,
    reason: str | None = None,
    description: str | None = None,
    metadata: dict[str, Any] | None = None,
    credit_note_id: str | None = None,
) -> Refund:
    """Refund `amount` of a confirmed settlement (default: what is left to refund)."""
    found = await SettlementRepository(ctx).get(settlement_id, param="settlement")
    await InvoiceRepository(ctx).get_for_update(found.invoice_id)
    settlement = await SettlementRepository(ctx).get(settlement_id, lock=True)
    if settlement.status != "confirmed":
        raise SettlementNotConfirmed(
            f"Settlement {settlement.id} is {settlement.status}; only confirmed money can be "
            "given back.",
            settlement_status=settlement.status,
        )
    wanted = room_of(settlement) if amount is None else amount
    _check(wanted, room_of(settlement), settlement.currency)
    details = Details(reason, description, cleaned(metadata or {}), credit_note_id)
    return _write(ctx, processors, settlement, wanted, details)


async def refund_invoice(
    ctx: Context,
    processors: Mapping[str, Processor],
    invoice: Invoice,
    amount: Decimal,
    *,
    reason: str | None,
    credit_note_id: str | None,
) -> list[Refund]:
    """Refund `amount` of an invoice whose lock the caller holds (a credit note): taken from
    its confirmed settlements with something left to refund, newest first. Send the refunds
    with `flow.send` once the transaction has committed."""
    if amount == 0:
        return []
    settlements = [s for s in await RefundedSettlements(ctx).confirmed_of(invoice.id)
                   if room_of(s) > 0]  # fmt: skip
    _check(amount, add(*(room_of(s) for s in settlements)), invoice.currency)
    details = Details(reason, credit_note_id=credit_note_id)
    refunds, left = [], amount
    for settlement in settlements:
        part = min(left, room_of(settlement))
        refunds.append(_write(ctx, processors, settlement, part, details))
        left = subtract(left, part)
        if left == 0:
            break
    return refunds


def room_of(settlement: Settlement) -> Decimal:
    """What is left to refund of a settlement, counting pending refunds."""
    return subtract(settlement.amount, settlement.amount_refunded)


def _check(amount: Decimal, room: Decimal, currency: str) -> None:
    try:
        check_amount(amount, currency)
    except MoneyError as exc:
        raise validation_problem([FieldError("amount", str(exc), exc.code)]) from None
    if 0 < amount <= room:
        return
    left = format_amount(room, currency)
    raise RefundExceedsSettlement(
        f"The refund exceeds what is left to refund ({left}, counting pending refunds).",
        errors=[
            FieldError("amount", f"exceeds {left} left to refund", "refund_exceeds_settlement")
        ],
    )


def _write(
    ctx: Context,
    processors: Mapping[str, Processor],
    settlement: Settlement,
    amount: Decimal,
    details: Details,
) -> Refund:
    """The refund, written and counted against the locked settlement."""
    manual = settlement.processor == MANUAL
    if not manual:
        _refunder(processors, settlement)  # refused before anything is written
    refund = _new_refund(ctx, settlement, amount, details, "succeeded" if manual else "pending")
    RefundRepository(ctx).add(refund)
    settlement.amount_refunded = add(settlement.amount_refunded, amount)
    settlement.updated_at = ctx.now
    events.record(ctx, "refund.created", RefundOut.of(refund))
    if manual:
        events.record(ctx, "refund.succeeded", RefundOut.of(refund))
    return refund


def _refunder(processors: Mapping[str, Processor], settlement: Settlement) -> Refunding:
    """The settlement's processor, if it can refund (a plug-in may not)."""
    processor = processors.get(settlement.processor)
    if not isinstance(processor, Refunding):
        missing = "" if processor is not None else " (it is not installed)"
        raise RefundNotSupported(
            f"Settlement {settlement.id} was charged through '{settlement.processor}', which "
            f"cannot refund{missing}; give the money back outside remit.",
            errors=[
                FieldError("settlement", "its processor cannot refund", "refund_not_supported")
            ],
        )
    return processor


def _new_refund(
    ctx: Context, settlement: Settlement, amount: Decimal, details: Details, status: str
) -> Refund:
    refund_id = ctx.new_id("re")
    created_at = id_time(refund_id)
    return Refund(
        account_id=ctx.account_id,
        id=refund_id,
        livemode=ctx.livemode,
        settlement_id=settlement.id,
        invoice_id=settlement.invoice_id,
        credit_note_id=details.credit_note_id,
        amount=amount,
        currency=settlement.currency,
        reason=details.reason,
        status=status,
        processor=settlement.processor,
        description=details.description,
        metadata_=details.metadata or {},
        created_at=created_at,
        updated_at=created_at,
    )


async def complete(ctx: Context, refund_id: str, result: RefundResult) -> Refund:
    """Record the processor's answer. Completing twice (a worker and a request racing after a
    crash) changes nothing the second time; a pending answer keeps its reference."""
    found = await RefundRepository(ctx).get(refund_id)
    await InvoiceRepository(ctx).get_for_update(found.invoice_id)
    settlement = await SettlementRepository(ctx).get(found.settlement_id, lock=True)
    refund = await RefundRepository(ctx).get(refund_id, lock=True)
    if refund.status != "pending":
        return refund
    refund.processor_reference = result.reference or refund.processor_reference
    refund.updated_at = ctx.now
    if result.status == "succeeded":
        refund.status = "succeeded"
        events.record(ctx, "refund.succeeded", RefundOut.of(refund))
    elif result.status == "failed":
        _fail(ctx, refund, settlement, result)
    return refund


def _fail(ctx: Context, refund: Refund, settlement: Settlement, result: RefundResult) -> None:
    """A failed refund took nothing: the settlement may give its amount back again."""
    refund.status = "failed"
    refund.failure_code = result.failure_code or "refund_failed"
    refund.failure_message = result.failure_message or "The refund failed."
    settlement.amount_refunded = subtract(settlement.amount_refunded, refund.amount)
    settlement.updated_at = ctx.now
    events.record(ctx, "refund.failed", RefundOut.of(refund))


@flushed
async def get_refund(ctx: Context, refund_id: str) -> Refund:
    return await RefundRepository(ctx).get(refund_id)


@flushed
async def of_invoices(ctx: Context, invoice_ids: Sequence[str]) -> dict[str, list[Refund]]:
    """Every refund of these invoices, pending and failed ones too, oldest first."""
    return await RefundRepository(ctx).of_invoices(list(invoice_ids))


@flushed
async def outstanding(ctx: Context, refund_ids: Sequence[str]) -> list[Outstanding]:
    """Those of the refunds still awaiting their processor's answer (begun in this
    transaction too), as the processor call needs them."""
    found = []
    for refund_id in refund_ids:
        refund = await RefundRepository(ctx).find(refund_id)
        if refund is not None and refund.status == "pending" and refund.processor != MANUAL:
            found.append(await _outstanding(ctx, refund))
    return found


async def _outstanding(ctx: Context, refund: Refund) -> Outstanding:
    settlement = await SettlementRepository(ctx).get(refund.settlement_id)
    method_id = settlement.payment_method_id
    method = await PaymentMethodRepository(ctx).get_any(method_id) if method_id else None
    request = RefundRequest(
        idempotency_key=refund.id,
        amount=refund.amount,
        currency=refund.currency,
        charge_reference=settlement.processor_reference,
        token=method.token if method is not None else "",
        account_id=ctx.account_id,
        livemode=refund.livemode,
        reason=refund.reason,
    )
    return Outstanding(refund.id, refund.processor, request, refund.processor_reference)
