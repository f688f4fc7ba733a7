"""Charging an invoice through a processor, in two transactions around the processor call
(SPEC §6), so that money and records can never disagree:

1. `begin` — under the invoice's lock: check it can be charged and nothing else is in
   flight, pick the payment method, write a *pending* settlement (its id is the idempotency
   key given to the processor). Commit.
2. The processor call (no transaction open).
3. `complete` — under the invoice's lock: record the outcome — the settlement confirmed and
   the invoice paid together, or the settlement failed and the failure counted for dunning.

A crash between 1 and 3 leaves a pending settlement and an unpaid invoice — consistent — and
the worker finishes it by asking the processor again with the same key (`recover`), which
answers with the first charge instead of making a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.context import Context
from remit.customers.repository import CustomerRepository
from remit.events import service as events
from remit.invoices import changes, lifecycle
from remit.invoices.lifecycle import Action, Status
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.kernel.ids import id_time, new_id
from remit.kernel.money import subtract
from remit.payments import dunning
from remit.payments.errors import (
    PaymentInProgress,
    PaymentMethodMissing,
    ProcessorNotAllowedInLiveMode,
    UnknownProcessor,
)
from remit.payments.models import PaymentMethod
from remit.payments.processors.base import ChargeRequest, ChargeResult, Processor
from remit.payments.repository import PaymentMethodRepository
from remit.payments.service import processor_for
from remit.settlements.models import Settlement
from remit.settlements.repository import SettlementRepository
from remit.settlements.schemas import SettlementOut
from remit.settlements.service import confirm_in_place

SETTLEMENT_METHOD = {"card": "card", "bank_account": "bank_transfer", "crypto_wallet": "crypto"}


class Skipped(Enum):
    """Why an automatic charge did not start."""

    NOT_DUE = "not due, or already taken"  # nothing changed
    FAILURE_RECORDED = "failed before the processor"  # no method, processor refused: counted


@dataclass(frozen=True)
class Charge:
    """A pending charge, as the processor call needs it."""

    account_id: str
    settlement_id: str
    processor: str
    request: ChargeRequest


async def begin(
    ctx: Context,
    processors: dict[str, Processor],
    invoice_id: str,
    *,
    payment_method_id: str | None = None,
    automatic: bool = False,
) -> Charge | Skipped:
    """Start a charge. Automatic ones (the worker's) say why they did not start; requests
    through the API raise the reason instead (and so always return a Charge)."""
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    if automatic and not _automatic_charge_due(invoice, ctx.now):
        return Skipped.NOT_DUE
    lifecycle.ensure(Action.SETTLE, invoice.status, invoice.id)
    if await SettlementRepository(ctx).has_unresolved_charge(invoice.id):
        if automatic:
            return Skipped.NOT_DUE
        raise PaymentInProgress(f"A charge for invoice {invoice.id} is still awaiting its outcome.")
    invoice.next_payment_attempt_at = None  # this attempt is the one that was due
    account = await get_account(ctx)
    method = await _method(ctx, invoice, payment_method_id)
    if method is None:
        if not automatic:
            raise PaymentMethodMissing(
                "The invoice, and its customer, have no payment method; pass payment_method."
            )
        record_failure(ctx, invoice, account, "payment_method_missing",
                       "The customer has no payment method to charge.")  # fmt: skip
        return Skipped.FAILURE_RECORDED
    try:
        processor = processor_for(processors, method.processor, livemode=account.livemode)
    except (UnknownProcessor, ProcessorNotAllowedInLiveMode) as exc:
        if not automatic:
            raise
        record_failure(ctx, invoice, account, exc.code, exc.detail)
        return Skipped.FAILURE_RECORDED
    settlement = _pending_settlement(ctx, invoice, method)
    SettlementRepository(ctx).add(settlement)
    events.record(ctx, "settlement.created", SettlementOut.of(settlement))
    return Charge(
        ctx.account_id,
        settlement.id,
        processor.name,
        request_for(settlement, method, account, invoice),
    )


def _automatic_charge_due(invoice: Invoice, now: datetime) -> bool:
    when = invoice.next_payment_attempt_at
    return (
        invoice.collection_method == "charge_automatically"
        and lifecycle.can(Action.SETTLE, invoice.status)
        and when is not None
        and when <= now
    )


async def _method(ctx: Context, invoice: Invoice, chosen: str | None) -> PaymentMethod | None:
    """The method passed, else the invoice's, else the customer's default."""
    methods = PaymentMethodRepository(ctx)
    if chosen is not None:
        return await methods.of_customer(invoice.customer_id, chosen, param="payment_method")
    for candidate in (invoice.payment_method, await _default_of(ctx, invoice.customer_id)):
        if candidate is not None:
            found = await methods.find(candidate)
            if found is not None and found.customer_id == invoice.customer_id:
                return found
    return None


async def _default_of(ctx: Context, customer_id: str) -> str | None:
    customer = await CustomerRepository(ctx).get_including_deleted(customer_id)
    return customer.default_payment_method


def _pending_settlement(ctx: Context, invoice: Invoice, method: PaymentMethod) -> Settlement:
    settlement_id = new_id("stl", ctx.now)
    created_at = id_time(settlement_id)
    return Settlement(
        account_id=ctx.account_id,
        id=settlement_id,
        invoice_id=invoice.id,
        amount=subtract(invoice.amount_due, invoice.amount_paid),
        currency=invoice.currency,
        method=SETTLEMENT_METHOD[method.type],
        status="pending",
        allow_overpayment=False,
        processor=method.processor,
        payment_method_id=method.id,
        recorded_at=created_at,
        metadata_={},
        created_at=created_at,
        updated_at=created_at,
    )


def request_for(
    settlement: Settlement, method: PaymentMethod, account: Account, invoice: Invoice
) -> ChargeRequest:
    return ChargeRequest(
        idempotency_key=settlement.id,
        amount=settlement.amount,
        currency=settlement.currency,
        token=method.token,
        method_type=method.type,
        account_id=account.id,
        livemode=account.livemode,
        description=f"Invoice {invoice.number or invoice.id}",
    )


async def complete(ctx: Context, settlement_id: str, result: ChargeResult) -> Invoice:
    """Record the processor's answer. Completing twice (a worker and a request racing after a
    crash) changes nothing the second time."""
    found = await SettlementRepository(ctx).get(settlement_id)
    invoice = await InvoiceRepository(ctx).get_for_update(found.invoice_id)
    settlement = await SettlementRepository(ctx).get(settlement_id, lock=True)
    if settlement.status != "pending":
        return invoice
    settlement.processor_reference = result.reference or settlement.processor_reference
    settlement.updated_at = ctx.now
    if result.status == "pending":
        return invoice
    if result.status == "succeeded":
        invoice.last_payment_error = invoice.dunning_started_at = None
        confirm_in_place(ctx, invoice, settlement)
        return invoice
    settlement.status, settlement.failed_at = "failed", ctx.now
    settlement.failure_code, settlement.failure_message = (
        result.failure_code,
        result.failure_message,
    )
    events.record(ctx, "settlement.failed", SettlementOut.of(settlement))
    record_failure(
        ctx,
        invoice,
        await get_account(ctx),
        result.failure_code or "payment_failed",
        result.failure_message or "The payment failed.",
        settlement,
    )
    return invoice


def record_failure(
    ctx: Context,
    invoice: Invoice,
    account: Account,
    code: str,
    message: str,
    settlement: Settlement | None = None,
) -> None:
    """Count a failed attempt and plan the next one (dunning), or give up for good."""
    invoice.attempt_count += 1
    invoice.last_payment_error = {
        "code": code,
        "message": message,
        "payment_method": settlement.payment_method_id if settlement else None,
        "settlement": settlement.id if settlement else None,
    }
    automatic = invoice.collection_method == "charge_automatically"
    next_at = None
    if automatic:
        invoice.dunning_started_at = invoice.dunning_started_at or ctx.now
        schedule = tuple(account.dunning_schedule_days or dunning.DEFAULT_SCHEDULE)
        next_at = dunning.next_attempt(invoice.dunning_started_at, invoice.attempt_count, schedule)
    invoice.next_payment_attempt_at = next_at
    final = automatic and next_at is None
    changes.touch(ctx, invoice)
    changes.emit(
        ctx, "invoice.payment_failed", invoice,
        {"final": final, "attempt": invoice.attempt_count, "error": invoice.last_payment_error},
    )  # fmt: skip
    if final and account.dunning_final_action == "mark_uncollectible":
        invoice.status, invoice.marked_uncollectible_at = Status.UNCOLLECTIBLE, ctx.now
        changes.touch(ctx, invoice)
        changes.emit(ctx, "invoice.marked_uncollectible", invoice)


async def unresolved(ctx: Context, settlement_id: str) -> tuple[Charge, str | None] | None:
    """A pending processor charge to finish: its charge, and the processor's reference for it
    if the processor has answered (pending) before."""
    settlement = await SettlementRepository(ctx).find(settlement_id)
    if settlement is None or settlement.status != "pending" or settlement.processor == "manual":
        return None
    invoice = await InvoiceRepository(ctx).get(settlement.invoice_id)
    method = await PaymentMethodRepository(ctx).get_any(settlement.payment_method_id or "")
    account = await get_account(ctx)
    charge = Charge(ctx.account_id, settlement.id, settlement.processor,
                    request_for(settlement, method, account, invoice))  # fmt: skip
    return charge, settlement.processor_reference
