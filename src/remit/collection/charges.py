"""The steps of charging an invoice through a processor (SPEC §6), each under the invoice's
lock, so that money and records can never disagree. `collection.flow` runs them, the same
way for every caller:

1. `begin` — check the invoice can be charged and nothing else is in flight (a draft is
   issued first), pick the payment method, write a *pending* settlement (its id is the
   idempotency key given to the processor). Commit.
2. The processor call (no transaction open; `flow.ask`).
3. `complete` — record the outcome: the settlement confirmed and the invoice paid together,
   or the settlement failed and the failure counted for dunning.

A crash between 1 and 3 leaves a pending settlement and an unpaid invoice — consistent — and
the worker finishes it by asking the processor again with the same key (`unresolved`), which
answers with the first charge instead of making a second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Literal

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.collection import dunning, subscription_status
from remit.collection.settle import confirm_in_place, new_settlement, payable
from remit.context import Context
from remit.customers.models import Customer
from remit.customers.repository import CustomerRepository
from remit.events import service as events
from remit.invoices import changes, lifecycle, transitions
from remit.invoices.lifecycle import COLLECTIBLE, Action
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
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
from remit.subscriptions.repository import SubscriptionRepository

SETTLEMENT_METHOD = {"card": "card", "bank_account": "bank_transfer", "crypto_wallet": "crypto"}
NEWEST = "auto"  # the payment method named so: the customer's most recently attached one
FailureAction = Literal["leave_open", "mark_uncollectible"]


class Skipped(Enum):
    """Why a charge did not start."""

    NOT_DUE = "not due, or already taken"  # nothing changed
    FAILURE_RECORDED = "failed before the processor"  # no method, processor refused: counted
    NOTHING_DUE = "nothing left to pay"  # a zero-total draft, paid as it was issued


@dataclass(frozen=True)
class Charge:
    """A pending charge, as the processor call needs it."""

    account_id: str
    invoice_id: str
    settlement_id: str
    processor: str
    request: ChargeRequest


@dataclass(frozen=True)
class Options:
    """How to charge: `payment_method` is an id, `auto` (the newest), or None (the
    invoice's, else the customer's default); `failure_action` what a decline does to an
    invoice nobody will retry; `automatic` for the worker's due charges, which say why they
    did not start instead of raising."""

    payment_method: str | None = None
    failure_action: FailureAction = "leave_open"
    automatic: bool = False


async def begin(
    ctx: Context, processors: Mapping[str, Processor], invoice_id: str, options: Options
) -> Charge | Skipped:
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    if options.automatic:
        if not _automatic_charge_due(invoice, ctx.now):
            return Skipped.NOT_DUE
    else:
        if await payable(ctx, invoice):
            return Skipped.NOTHING_DUE
    lifecycle.ensure(Action.SETTLE, invoice.status, invoice.id)
    if await SettlementRepository(ctx).has_unresolved_charge(invoice.id):
        if options.automatic:
            return Skipped.NOT_DUE
        raise PaymentInProgress(f"A charge for invoice {invoice.id} is still awaiting its outcome.")
    invoice.next_payment_attempt_at = None  # this attempt is the one that was due
    account = await get_account(ctx)
    method = await _method(ctx, invoice, options.payment_method)
    if method is None:
        if not options.automatic:
            raise _missing(options.payment_method)
        record_failure(ctx, invoice, account, "payment_method_missing",
                       "The customer has no payment method to charge.")  # fmt: skip
        await subscription_status.follow(ctx, invoice)
        return Skipped.FAILURE_RECORDED
    try:
        processor = processor_for(processors, method.processor, livemode=invoice.livemode)
    except (UnknownProcessor, ProcessorNotAllowedInLiveMode) as exc:
        if not options.automatic:
            raise
        record_failure(ctx, invoice, account, exc.code, exc.detail)
        await subscription_status.follow(ctx, invoice)
        return Skipped.FAILURE_RECORDED
    settlement = new_settlement(
        ctx, invoice, invoice.amount_remaining, SETTLEMENT_METHOD[method.type], "pending",
        processor=method.processor, payment_method_id=method.id,
    )  # fmt: skip
    SettlementRepository(ctx).add(settlement)
    events.record(ctx, "settlement.created", SettlementOut.of(settlement))
    request = request_for(settlement, method, account, invoice)
    return Charge(ctx.account_id, invoice.id, settlement.id, processor.name, request)


async def read_ahead(ctx: Context, invoice_ids: Sequence[str]) -> None:
    """Before `begin` starts these invoices' charges one after another in this transaction:
    lock them (with their lines), read their customers and the payment methods they may
    use, and which have no charge awaiting its outcome, a statement each for all, instead
    of a few per invoice."""
    invoices = await InvoiceRepository(ctx).read_ahead(invoice_ids, lock=True)
    customers = await CustomerRepository(ctx).read_ahead({i.customer_id for i in invoices})
    await _read_charging_ahead(ctx, invoices, customers)


async def read_ahead_made(ctx: Context, invoices: Sequence[Invoice]) -> None:
    """`read_ahead` for invoices this transaction made (and so holds, with their
    customers read ahead too): no statement for them; one for the payment methods they may
    use, one for charges awaiting an outcome (a new invoice has none, but the check is
    the same). A billing run does it before the invoices are numbered, and begins their
    charges before they are written (`invoices.finalize.issued_last`)."""
    InvoiceRepository(ctx).hold_made(invoices)
    repository = CustomerRepository(ctx)
    customers = [await repository.get_including_deleted(i.customer_id) for i in invoices]
    await _read_charging_ahead(ctx, invoices, customers)


async def _read_charging_ahead(
    ctx: Context, invoices: Sequence[Invoice], customers: Sequence[Customer]
) -> None:
    """The payment methods the invoices may be charged with, and which of them have no
    charge awaiting its outcome."""
    methods = {i.payment_method for i in invoices} | {c.default_payment_method for c in customers}
    await PaymentMethodRepository(ctx).read_ahead({m for m in methods if m is not None})
    await SettlementRepository(ctx).read_unresolved_ahead([invoice.id for invoice in invoices])


async def read_ahead_answers(ctx: Context, charges: Sequence[Charge]) -> None:
    """Before `complete` records these charges' answers one after another in this
    transaction: lock their invoices, settlements and subscriptions, in the order one
    completion locks them, a statement (or two) each."""
    invoices = await InvoiceRepository(ctx).read_ahead([c.invoice_id for c in charges], lock=True)
    await SettlementRepository(ctx).read_ahead([c.settlement_id for c in charges], lock=True)
    subscriptions = {i.subscription_id for i in invoices if i.subscription_id is not None}
    await SubscriptionRepository(ctx, items=True).read_ahead(subscriptions, lock=True)


def _automatic_charge_due(invoice: Invoice, now: datetime) -> bool:
    when = invoice.next_payment_attempt_at
    return (
        invoice.collection_method == "charge_automatically"
        and lifecycle.can(Action.SETTLE, invoice.status)
        and when is not None
        and when <= now
    )


def _missing(chosen: str | None) -> PaymentMethodMissing:
    if chosen == NEWEST:
        return PaymentMethodMissing("The customer has no active payment method for auto.")
    return PaymentMethodMissing(
        "The invoice, and its customer, have no payment method; pass payment_method."
    )


async def _method(ctx: Context, invoice: Invoice, chosen: str | None) -> PaymentMethod | None:
    """The method passed (`auto`: the customer's newest), else the invoice's, else the
    customer's default."""
    methods = PaymentMethodRepository(ctx)
    if chosen == NEWEST:
        return await methods.newest(invoice.customer_id)
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
        livemode=invoice.livemode,
        description=f"Invoice {invoice.number or invoice.id}",
    )


async def complete(
    ctx: Context, settlement_id: str, result: ChargeResult, options: Options = Options()
) -> Invoice:
    """Record the processor's answer. Completing twice (a worker and a request racing after a
    crash) changes nothing the second time. A decline with `failure_action`
    `mark_uncollectible` closes an invoice that is still collectible."""
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
        await confirm_in_place(ctx, invoice, settlement)
        await subscription_status.follow(ctx, invoice)
        return invoice
    settlement.status, settlement.failed_at = "failed", ctx.now
    settlement.failure_code = result.failure_code
    settlement.failure_message = result.failure_message
    events.record(ctx, "settlement.failed", SettlementOut.of(settlement))
    account = await get_account(ctx)
    code = result.failure_code or "payment_failed"
    record_failure(
        ctx, invoice, account, code, result.failure_message or "The payment failed.", settlement
    )
    if options.failure_action == "mark_uncollectible" and invoice.status in COLLECTIBLE:
        transitions.close(ctx, invoice, Action.MARK_UNCOLLECTIBLE)
    await subscription_status.follow(ctx, invoice)
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
        next_at = dunning.next_attempt(
            invoice.dunning_started_at, invoice.attempt_count, account.dunning_schedule
        )
    invoice.next_payment_attempt_at = next_at
    final = automatic and next_at is None
    changes.touch(ctx, invoice)
    changes.emit(
        ctx, "invoice.payment_failed", invoice,
        {"final": final, "attempt": invoice.attempt_count, "error": invoice.last_payment_error},
    )  # fmt: skip
    if final and account.dunning_final_action == "mark_uncollectible":
        transitions.close(ctx, invoice, Action.MARK_UNCOLLECTIBLE)


async def unresolved(ctx: Context, settlement_id: str) -> tuple[Charge, str | None] | None:
    """A pending processor charge to finish: its charge, and the processor's reference for it
    if the processor has answered (pending) before."""
    settlement = await SettlementRepository(ctx).find(settlement_id)
    if settlement is None or settlement.status != "pending" or settlement.processor == "manual":
        return None
    invoice = await InvoiceRepository(ctx).get(settlement.invoice_id)
    method = await PaymentMethodRepository(ctx).get_any(settlement.payment_method_id or "")
    account = await get_account(ctx)
    charge = Charge(ctx.account_id, invoice.id, settlement.id, settlement.processor,
                    request_for(settlement, method, account, invoice))  # fmt: skip
    return charge, settlement.processor_reference
