"""The customer balance (Stripe's): movements written to a ledger, the balance read as their
sum, applied to invoices at finalization and given back when they are voided or expire.

Sign: negative is credit in the customer's favour, positive is owed by the customer.

Every write locks the customer's row, then sums the ledger, then writes: two writers never
see the same balance, so no credit is spent twice. Where an invoice is involved it is locked
first, by the caller (invoice, then customer, on every path). The new row is inserted at
once, so a second movement in the same transaction sums it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol, get_args

from remit.balances.models import CustomerBalanceTransaction
from remit.balances.repository import BalanceTransactionRepository
from remit.balances.schemas import (
    BalanceTransactionCreate,
    BalanceTransactionOut,
    TransactionType,
)
from remit.context import Context, flushed
from remit.customers.repository import CustomerRepository
from remit.db import bulk
from remit.events import service as events
from remit.kernel.currencies import exponent
from remit.kernel.ids import id_time
from remit.kernel.metadata import cleaned
from remit.kernel.money import MAX_AMOUNT, MoneyError, add, check_amount, places, subtract
from remit.kernel.problems import FieldError, validation_problem

TYPES = frozenset(get_args(TransactionType))
CREATED = "customer.balance_transaction.created"  # the event of every transaction
_ZERO = Decimal(0)


class Billed(Protocol):
    """What applying a balance reads and writes on an invoice (`invoices` sits above this
    layer, so it is named by its shape)."""

    id: str
    customer_id: str
    currency: str
    total: Decimal
    buyer_fee: Decimal
    pre_payment_credit_notes_amount: Decimal
    starting_balance: Decimal
    applied_balance: Decimal


async def record(
    ctx: Context,
    customer_id: str,
    currency: str,
    amount: Decimal,
    type: str,
    *,
    invoice_id: str | None = None,
    credit_note_id: str | None = None,
    settlement_id: str | None = None,
    description: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> CustomerBalanceTransaction:
    """Move the customer's balance in `currency` by `amount` (negative: credit), under the
    customer's lock, and say so (`customer.balance_transaction.created`)."""
    before = await _locked_balance(ctx, customer_id, currency)
    return await _write(
        ctx, customer_id, currency, amount, type, before,
        invoice_id=invoice_id, credit_note_id=credit_note_id, settlement_id=settlement_id,
        description=description, metadata=metadata,
    )  # fmt: skip


@flushed
async def balance_of(ctx: Context, customer_id: str, currency: str) -> Decimal:
    """The customer's balance in `currency`: the sum of its ledger (0 without one)."""
    return await BalanceTransactionRepository(ctx).balance(customer_id, currency)


@flushed
async def balances_of(ctx: Context, customer_id: str) -> dict[str, Decimal]:
    """The customer's balance in every currency it has transactions in (zero ones too)."""
    return await BalanceTransactionRepository(ctx).balances(customer_id)


async def read_ahead(ctx: Context, customer_ids: Iterable[str]) -> None:
    """Before `apply_to_invoice` runs for invoices of these customers in this transaction:
    which have no balance to apply, in one statement."""
    await BalanceTransactionRepository(ctx).read_balances_ahead(customer_ids)


async def apply_to_invoice(ctx: Context, invoice: Billed) -> None:
    """At finalization, the customer's balance in the invoice's currency counts toward it, as
    in Stripe: a credit as far as the invoice goes (the rest stays for the next one), a debit
    whole. Sets `starting_balance` and `applied_balance`; the caller, which holds the
    invoice's lock, refreshes the amount due."""
    ledger = BalanceTransactionRepository(ctx)
    if (await ledger.balance(invoice.customer_id, invoice.currency)).is_zero():
        return  # nothing to apply (a writer racing this one is ordered after it): no lock
    starting = await _locked_balance(ctx, invoice.customer_id, invoice.currency)
    payable = add(invoice.total, invoice.buyer_fee)
    applied = applicable(starting, subtract(payable, invoice.pre_payment_credit_notes_amount))
    invoice.starting_balance, invoice.applied_balance = starting, applied
    if not applied.is_zero():
        await _write(ctx, invoice.customer_id, invoice.currency, applied.copy_negate(),
                     "applied_to_invoice", starting, invoice_id=invoice.id)  # fmt: skip


def applicable(balance: Decimal, payable: Decimal) -> Decimal:
    """The part of `balance` an invoice asking `payable` takes: a credit (negative) down to
    what it asks, never below; a debit (positive) whole."""
    if balance >= 0:
        return balance
    return max(balance, max(payable, _ZERO).copy_negate())  # `-x` would round to 28 digits


async def unapply_from_invoice(ctx: Context, invoice: Billed) -> None:
    """An invoice that will never be paid (voided, expired) gives back the balance applied
    to it, as Stripe does on void. The invoice keeps its figures, as history."""
    if invoice.applied_balance.is_zero():
        return
    await record(ctx, invoice.customer_id, invoice.currency, invoice.applied_balance,
                 "unapplied_from_invoice", invoice_id=invoice.id)  # fmt: skip


async def create_adjustment(
    ctx: Context, customer_id: str, data: BalanceTransactionCreate
) -> CustomerBalanceTransaction:
    """A manual movement of the customer's balance (`POST …/balance_transactions`)."""
    await CustomerRepository(ctx).ensure_exists(customer_id)
    _check_places(data.amount, data.currency)
    return await record(
        ctx, customer_id, data.currency, data.amount, "adjustment",
        description=data.description, metadata=cleaned(data.metadata),
    )  # fmt: skip


async def _locked_balance(ctx: Context, customer_id: str, currency: str) -> Decimal:
    """Lock the customer (no other writer of its ledger until commit), then sum the ledger."""
    await CustomerRepository(ctx).lock_row(customer_id)
    return await BalanceTransactionRepository(ctx).balance(customer_id, currency)


async def _write(
    ctx: Context,
    customer_id: str,
    currency: str,
    amount: Decimal,
    type: str,
    before: Decimal,
    **sources: Any,
) -> CustomerBalanceTransaction:
    """Insert the movement now (a later sum in this transaction sees it) with its event;
    `before` is the balance read under the customer's lock."""
    if type not in TYPES or places(amount) > exponent(currency):  # a caller's bug, not input
        raise ValueError(f"not a balance transaction: {type!r} of {amount} {currency}")
    ending = add(before, amount)
    if ending.copy_abs() > MAX_AMOUNT:
        raise validation_problem([FieldError(
            "amount", f"would take the balance beyond {MAX_AMOUNT}", "amount_out_of_range"
        )])  # fmt: skip
    transaction = _new_transaction(ctx, customer_id, currency, amount, type, ending, **sources)
    await bulk.insert_all(ctx.session, [transaction])
    events.record(ctx, CREATED, BalanceTransactionOut.of(transaction))
    return transaction


def _new_transaction(
    ctx: Context,
    customer_id: str,
    currency: str,
    amount: Decimal,
    type: str,
    ending: Decimal,
    *,
    invoice_id: str | None = None,
    credit_note_id: str | None = None,
    settlement_id: str | None = None,
    description: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> CustomerBalanceTransaction:
    transaction_id = ctx.new_id("cbtxn")
    return bulk.loaded(
        CustomerBalanceTransaction,
        {
            "account_id": ctx.account_id, "livemode": ctx.livemode, "id": transaction_id,
            "customer_id": customer_id, "currency": currency, "amount": amount,
            "ending_balance": ending, "type": type, "invoice_id": invoice_id,
            "credit_note_id": credit_note_id, "settlement_id": settlement_id,
            "description": description, "metadata_": metadata or {},
            "created_at": id_time(transaction_id),
        },
    )  # fmt: skip


def _check_places(amount: Decimal, currency: str) -> None:
    """An amount given in `currency` has at most its places (`"1.005"` USD is refused)."""
    try:
        check_amount(amount, currency)
    except MoneyError as exc:
        raise validation_problem([FieldError("amount", str(exc), exc.code)]) from None
