"""Finalization: a draft becomes an issued invoice with the next gapless number (SPEC §3.3).

The number is taken from the counter row in this same transaction (see `counters`), so a
finalization that fails or rolls back gives its number back and no gap is ever left.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from decimal import Decimal

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.balances import service as balances
from remit.context import Context
from remit.customers.models import Customer
from remit.customers.repository import CustomerRepository
from remit.invoices import changes, lifecycle, transitions
from remit.invoices.errors import InvalidInvoice
from remit.invoices.lifecycle import Action
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.kernel.problems import FieldError
from remit.numbering import counters
from remit.numbering import templates as numbering
from remit.webhooks.fanout import schedule_work

DEFAULT_DAYS_UNTIL_DUE = 30  # send_invoice without a due date, as Rapyd and Stripe do
_ISSUED_LAST = "remit_issued_last"  # session.info: the invoices `issued_last` will issue


# What a caller of `issued_last` does with the block's invoices at one of its steps.
Step = Callable[[list[Invoice]], Awaitable[None]]


@asynccontextmanager
async def issued_last(
    ctx: Context, before_numbered: Step | None = None, before_written: Step | None = None
) -> AsyncIterator[None]:
    """Invoices made in the block to be issued at once (`issue_new`) are issued when it
    ends, in the order they were made (if it raises, none is), with their numbers taken
    together: one counter statement per number series, after all else is ready. The
    counter's row stays locked from then until the transaction commits, so a batch that
    bills many periods in one transaction (a billing run's) holds it only for the little
    left to do, and the account's other batches, in other transactions and processes, do
    their work meanwhile. Until then the invoices exist only in memory (their
    `invoice.created` events are recorded as they are made): they are written issued,
    with their numbers, one executemany for all, and never updated for it (an UPDATE of a
    row the transaction inserted costs as much again, index entries and reference checks
    included). Nothing refers to an invoice by a foreign key in the meantime: lines,
    settlements and credit notes do, and come after. What the block changed is written
    before the numbers are taken, and `before_numbered` is given the invoices then, ready
    but not numbered (what it reads for them is read outside the counter's hold).
    `before_written` is given them issued, before they are written, with nothing flushed
    meanwhile: what it changes of them goes into the same INSERT (a billing run begins
    their charges there), and what it adds is written after them."""
    batch: list[tuple[Invoice, Account, Customer]] = []
    ctx.session.info[_ISSUED_LAST] = batch
    try:
        yield
    finally:
        ctx.session.info.pop(_ISSUED_LAST, None)
    await balances.read_ahead(ctx, {invoice.customer_id for invoice, _, _ in batch})
    for invoice, account, customer in batch:
        await _ready_to_number(ctx, invoice, account, customer)
    made = [invoice for invoice, _, _ in batch]
    await changes.flush(ctx)  # what the block wrote (what the invoices refer to), unheld
    if before_numbered is not None:
        await before_numbered(made)
    series: dict[str, list[tuple[Invoice, Account, Customer]]] = {}
    for each in batch:
        series.setdefault(_scope(each[1], each[2]), []).append(each)
    for scope, invoices in series.items():
        first = await counters.take_next(ctx, scope, len(invoices))
        for sequence, (invoice, account, customer) in enumerate(invoices, start=first):
            number = _format(ctx, account, customer, sequence)
            await _issue(ctx, invoice, account, customer, number, flush=False)
    if before_written is not None:
        with ctx.session.no_autoflush:
            await before_written(made)
    await changes.insert_all(ctx, made, flush_first=False)


async def issue_new(ctx: Context, invoice: Invoice, account: Account, customer: Customer) -> None:
    """Write and issue an invoice just made and not yet written (`invoice.created`, then
    `finalize_draft`), or, within `issued_last`, record its `invoice.created` now and write
    it issued when the block ends."""
    batch: list[tuple[Invoice, Account, Customer]] | None = ctx.session.info.get(_ISSUED_LAST)
    if batch is None:
        await changes.insert(ctx, invoice)
        changes.emit(ctx, "invoice.created", invoice)
        await finalize_draft(ctx, invoice, account=account, customer=customer)
    else:
        changes.emit(ctx, "invoice.created", invoice)
        batch.append((invoice, account, customer))


async def finalize_invoice(ctx: Context, invoice_id: str) -> Invoice:
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    lifecycle.ensure(Action.FINALIZE, invoice.status, invoice.id)
    await finalize_draft(ctx, invoice)
    return invoice


async def finalize_draft(
    ctx: Context,
    invoice: Invoice,
    *,
    account: Account | None = None,
    customer: Customer | None = None,
) -> None:
    """Issue a locked draft: totals checked, customer balance applied, number taken, due
    date set, customer frozen."""
    account = account or await get_account(ctx)
    customer = customer or await CustomerRepository(ctx).get_including_deleted(invoice.customer_id)
    await _ready_to_number(ctx, invoice, account, customer)
    sequence = await counters.take_next(ctx, _scope(account, customer))
    await _issue(ctx, invoice, account, customer, _format(ctx, account, customer, sequence))


async def _ready_to_number(
    ctx: Context, invoice: Invoice, account: Account, customer: Customer
) -> None:
    """What issuing does before the number: totals checked, customer balance applied."""
    changes.refresh_amount_due(invoice, account)  # the fee rate in force when issued
    if invoice.total < 0:
        raise InvalidInvoice(
            "An invoice's total cannot be negative.",
            errors=[FieldError("lines", "credits exceed charges", "negative_total")],
        )
    # Before collection is planned: an invoice the customer's credit covers is paid below,
    # never charged (the customer is locked after the invoice, as on every path).
    await balances.apply_to_invoice(ctx, invoice)
    changes.refresh_amount_due(invoice, account)


async def _issue(
    ctx: Context,
    invoice: Invoice,
    account: Account,
    customer: Customer,
    number: str,
    *,
    flush: bool = True,
) -> None:
    """What issuing does from the number on: open, due date, customer frozen, collection
    planned, `invoice.finalized`. `flush`: write it now, so that a number already taken
    (the numbering settings changed) is a 409 before anything else happens."""
    invoice.number = number
    changes.transition(ctx, invoice, Action.FINALIZE)
    invoice.due_at = _due_at(invoice)
    invoice.customer_snapshot = _snapshot(customer)
    if invoice.collection_method == "charge_automatically" and invoice.amount_due > 0:
        # The worker charges it at once (woken at commit), or at charge_at (SPEC §6).
        invoice.next_payment_attempt_at = max(invoice.charge_at or ctx.now, ctx.now)
        await schedule_work(ctx.session)
    if flush:
        await changes.flush(ctx)
    changes.emit(ctx, "invoice.finalized", invoice)
    if invoice.amount_due == Decimal(0):  # SPEC §3.1: a zero-total invoice is paid at once
        changes.mark_paid(ctx, invoice, ctx.now)
    elif invoice.expires_at is not None and invoice.expires_at <= ctx.now:
        await transitions.close_and_release(ctx, invoice, Action.EXPIRE)  # lapsed before issued


def _scope(account: Account, customer: Customer) -> str:
    """The number series an invoice of `customer` takes its number from."""
    per_customer = account.invoice_number_scope == "customer"
    return customer.id if per_customer else counters.ACCOUNT_SCOPE


def _format(ctx: Context, account: Account, customer: Customer, sequence: int) -> str:
    return numbering.format_number(
        account.invoice_number_template, sequence, ctx.now, customer.invoice_prefix
    )


def _due_at(invoice: Invoice) -> datetime | None:
    if invoice.due_at is not None:
        return invoice.due_at
    days = invoice.days_until_due
    if days is None and invoice.collection_method == "send_invoice":
        days = invoice.days_until_due = DEFAULT_DAYS_UNTIL_DUE
    if days is None or invoice.finalized_at is None:
        return None
    return invoice.finalized_at + timedelta(days=days)


def _snapshot(customer: Customer) -> dict[str, object]:
    return {
        "handle": customer.handle,
        "name": customer.name,
        "email": customer.email,
        "phone": customer.phone,
        "address": customer.billing_address,
        "shipping_address": customer.shipping_address,
        "tax_id": customer.tax_id,
        "tax_ids": customer.all_tax_ids,  # as the customer shows them (docs/einvoicing.md)
        "tax_exempt": customer.tax_exempt,
        "locale": customer.locale,
    }
