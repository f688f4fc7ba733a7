"""Invoice items: a line on a draft invoice, or a pending item that waits for the customer's
next invoice in its currency (as in Stripe and Rapyd).

An item keeps one id (`il_…`) for its whole life: a pending item moves onto an invoice as a
line with the same id. Lines of issued invoices are read-only, like the invoice itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVarTuple

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Select, bindparam, delete, select
from sqlalchemy.orm import InstrumentedAttribute

from remit.accounts.service import get_account
from remit.api.errors import field_errors
from remit.clocks import service as clocks
from remit.context import Context, flushed
from remit.customers.repository import CustomerRepository
from remit.db.repository import in_tenant, known_none, read_none_ahead, tenant_bound
from remit.invoices import allowances as adjustments
from remit.invoices import changes, lifecycle
from remit.invoices.errors import InvoiceItemAmountMissing, InvoiceItemMismatch
from remit.invoices.lifecycle import Action
from remit.invoices.lines import kept, line_row
from remit.invoices.models import Invoice, InvoiceLine, PendingInvoiceItem
from remit.invoices.repository import InvoiceRepository
from remit.invoices.rules import refuse
from remit.invoices.schemas import AdjustmentIn, LineIn
from remit.invoices.totals import LineInput, LineTotals, line_totals
from remit.kernel.currencies import exponent
from remit.kernel.fields import Metadata
from remit.kernel.metadata import cleaned, merged
from remit.kernel.money import (
    MAX_AMOUNT,
    MAX_INPUT_PLACES,
    AmountOutOfRange,
    TooManyDecimals,
    check_bounds,
    mul,
    round_amount,
)
from remit.kernel.problems import FieldError, NotFound, validation_problem

_ZERO = Decimal(0)
Rows = TypeVarTuple("Rows")  # the columns a statement selects


@dataclass(frozen=True)
class ItemIn:
    """An item's price is `unit_amount` × `quantity` (default 1), or its whole `amount` (as
    Stripe's and Rapyd's invoice items take it), which cannot go with a quantity above 1."""

    customer: str
    unit_amount: Decimal | None = None
    quantity: Decimal | None = None
    amount: Decimal | None = None
    currency: str | None = None
    invoice: str | None = None
    description: str | None = None
    tax_rate: Decimal | None = None
    period_start: datetime | None = None
    period_end: datetime | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    allowances: list[AdjustmentIn] = field(default_factory=list)  # as its line's (BG-27)
    charges: list[AdjustmentIn] = field(default_factory=list)


@dataclass(frozen=True)
class ItemChange:
    """The fields to change; `None` leaves one as it is (metadata merges; allowances and
    charges are replaced)."""

    description: str | None = None
    quantity: Decimal | None = None
    unit_amount: Decimal | None = None
    metadata: dict[str, Any] | None = None
    allowances: list[AdjustmentIn] | None = None
    charges: list[AdjustmentIn] | None = None


@dataclass(frozen=True)
class Item:
    """An item as callers see it, wherever it lives."""

    id: str
    customer_id: str
    currency: str
    invoice_id: str | None
    description: str | None
    quantity: Decimal
    unit_amount: Decimal
    amount: Decimal
    tax_rate: Decimal | None
    period_start: datetime | None
    period_end: datetime | None
    metadata: dict[str, Any]
    created_at: datetime | None
    allowances: list[dict[str, Any]] = field(default_factory=list)  # as a line keeps them
    charges: list[dict[str, Any]] = field(default_factory=list)
    net_amount: Decimal = _ZERO  # BT-131


def _of_line(line: InvoiceLine, invoice: Invoice) -> Item:
    return Item(
        line.id, invoice.customer_id, invoice.currency, invoice.id, line.description,
        line.quantity, line.unit_amount, line.amount, line.tax_rate, line.period_start,
        line.period_end, line.metadata_, invoice.created_at, line.allowances, line.charges,
        line.net_amount,
    )  # fmt: skip


def _of_pending(item: PendingInvoiceItem) -> Item:
    line = _pending_input(item)
    figures = line_totals(line, item.currency)
    return Item(
        item.id, item.customer_id, item.currency, None, item.description, item.quantity,
        item.unit_amount, figures.amount, item.tax_rate, item.period_start, item.period_end,
        item.metadata_, item.created_at,
        adjustments.stored_lines(line.allowances, figures.allowances, item.currency),
        adjustments.stored_lines(line.charges, figures.charges, item.currency), figures.net_amount,
    )  # fmt: skip


def _pending_input(item: PendingInvoiceItem) -> LineInput:
    return LineInput(
        item.quantity, item.unit_amount, allowances=adjustments.line_adjustments(item.allowances),
        charges=adjustments.line_adjustments(item.charges),
    )  # fmt: skip


def check_adjustments(
    quantity: Decimal,
    unit_amount: Decimal,
    allowances: list[AdjustmentIn],
    charges: list[AdjustmentIn],
    currency: str,
) -> None:
    """An item's allowances and charges keep their rules (`invoices.allowances`), named as
    the item's request names them (`allowances[0].reason`), or the 422."""
    given = ([each.adjustment() for each in allowances], [each.adjustment() for each in charges])
    refuse([error for kind, listed in zip(adjustments.KINDS, given, strict=True)
            for error in adjustments.given_errors(listed, kind)])  # fmt: skip
    line = LineInput(quantity, unit_amount, allowances=tuple(given[0]), charges=tuple(given[1]))
    errors = adjustments.amount_errors([line], (), (), currency)
    if errors:
        raise validation_problem([_unprefixed(error) for error in errors])
    figures: LineTotals = line_totals(line, currency)
    refuse(adjustments.line_figure_errors(line, figures, ""))


def _unprefixed(error: FieldError) -> FieldError:
    return FieldError(error.param.removeprefix("lines[0]."), error.message, error.code)


_METADATA: TypeAdapter[dict[str, Any]] = TypeAdapter(Metadata)


def checked_metadata(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """Metadata as every object's must be (kernel.fields.Metadata), or the 400 naming it."""
    if value is None:
        return None
    try:
        return _METADATA.validate_python(value)
    except ValidationError as exc:
        errors = [FieldError("metadata", e.message, e.code) for e in field_errors(exc.errors())]
        raise validation_problem(errors) from None


def priced(data: ItemIn) -> ItemIn:
    """The item with its unit amount and quantity settled (see `ItemIn`), or the 400."""
    checked_metadata(data.metadata)
    if data.unit_amount is not None:
        quantity = Decimal(1) if data.quantity is None else data.quantity
        return replace(data, quantity=quantity, amount=None)
    if data.amount is not None and data.quantity in (None, Decimal(1)):
        return replace(data, unit_amount=data.amount, quantity=Decimal(1), amount=None)
    raise InvoiceItemAmountMissing(
        "Give the item's amount, or its unit_amount and quantity.",
        errors=[FieldError("amount", "or unit_amount is required", "invoice_item_amount_missing")],
    )


def check_price(quantity: Decimal, unit_amount: Decimal, currency: str) -> None:
    """The limits of an invoice's line (`rules.totals_for`), checked when an item is made or
    changed: an item beyond them would be taken, and refused, by the customer's next
    invoice — which no request could then make."""
    errors: list[FieldError] = []
    try:
        check_bounds(unit_amount, max(MAX_INPUT_PLACES, exponent(currency)))
    except (AmountOutOfRange, TooManyDecimals) as exc:
        errors.append(FieldError("unit_amount", str(exc), exc.code))
    if not errors and round_amount(mul(quantity, unit_amount), currency).copy_abs() > MAX_AMOUNT:
        message = f"quantity × unit_amount must be between -{MAX_AMOUNT} and {MAX_AMOUNT}"
        errors.append(FieldError("amount", message, AmountOutOfRange.code))
    if errors:
        raise validation_problem(errors)


def _check_item(data: ItemIn, currency: str) -> None:
    assert data.quantity is not None and data.unit_amount is not None  # `priced` first
    check_price(data.quantity, data.unit_amount, currency)
    check_adjustments(data.quantity, data.unit_amount, data.allowances, data.charges, currency)


@flushed
async def create_item(ctx: Context, data: ItemIn) -> Item:
    data = priced(data)
    customer = await CustomerRepository(ctx).get(data.customer, param="customer")
    await clocks.enter(ctx, customer.test_clock_id)
    if data.invoice is not None:
        invoice = await _draft(ctx, data.invoice)
        if invoice.customer_id != customer.id:
            raise InvoiceItemMismatch(
                f"Invoice {invoice.id} belongs to another customer.",
                errors=[FieldError("invoice", "belongs to another customer", "customer_mismatch")],
            )
        if data.currency is not None and data.currency != invoice.currency:
            raise _currency_mismatch(data.currency, invoice.currency)
        _check_item(data, invoice.currency)
        line = line_row(ctx, invoice, len(invoice.lines), _line_in(data, data.metadata))
        invoice.lines.append(line)
        await _changed(ctx, invoice)
        return _of_line(line, invoice)
    currency = data.currency or (await get_account(ctx)).default_currency
    _check_item(data, currency)
    pending = PendingInvoiceItem(
        account_id=ctx.account_id, livemode=ctx.livemode, id=ctx.new_id("il"),
        customer_id=customer.id,
        currency=currency, description=data.description, quantity=data.quantity,
        unit_amount=data.unit_amount, tax_rate=data.tax_rate, period_start=data.period_start,
        period_end=data.period_end, metadata_=cleaned(data.metadata), created_at=ctx.now,
        allowances=kept(data.allowances, currency), charges=kept(data.charges, currency),
    )  # fmt: skip
    ctx.session.add(pending)
    await ctx.session.flush()
    return _of_pending(pending)


@flushed
async def get_item(ctx: Context, item_id: str) -> Item:
    found = await _find(ctx, item_id, lock=False)
    if isinstance(found, PendingInvoiceItem):
        return _of_pending(found)
    line, invoice = found
    return _of_line(line, invoice)


@flushed
async def update_item(ctx: Context, item_id: str, change: ItemChange) -> Item:
    checked_metadata(change.metadata)
    found = await _find(ctx, item_id, lock=True)
    target = found if isinstance(found, PendingInvoiceItem) else found[0]
    if not isinstance(found, PendingInvoiceItem):
        lifecycle.ensure(Action.UPDATE, found[1].status, found[1].id)
    currency = found.currency if isinstance(found, PendingInvoiceItem) else found[1].currency
    quantity = target.quantity if change.quantity is None else change.quantity
    unit_amount = target.unit_amount if change.unit_amount is None else change.unit_amount
    check_price(quantity, unit_amount, currency)
    _change_adjustments(target, change, quantity, unit_amount, currency)
    for name in ("description", "quantity", "unit_amount"):
        if getattr(change, name) is not None:
            setattr(target, name, getattr(change, name))
    if change.metadata is not None:
        target.metadata_ = merged(target.metadata_, change.metadata)
    if isinstance(found, PendingInvoiceItem):
        await ctx.session.flush()
        return _of_pending(found)
    line, invoice = found
    await _changed(ctx, invoice)
    return _of_line(line, invoice)


def _change_adjustments(
    target: InvoiceLine | PendingInvoiceItem,
    change: ItemChange,
    quantity: Decimal,
    unit_amount: Decimal,
    currency: str,
) -> None:
    """Replace the allowances or charges the change gives, once they keep their rules."""
    if change.allowances is None and change.charges is None:
        return
    allowances = change.allowances
    if allowances is None:
        allowances = _inputs(target.allowances)
    charges = change.charges
    if charges is None:
        charges = _inputs(target.charges)
    check_adjustments(quantity, unit_amount, allowances, charges, currency)
    target.allowances, target.charges = kept(allowances, currency), kept(charges, currency)


def _inputs(stored: list[dict[str, Any]]) -> list[AdjustmentIn]:
    """Kept allowances or charges as input again (already validated)."""
    return [
        AdjustmentIn.model_construct(
            amount=each.amount, percent=each.percent, reason=each.reason,
            reason_code=each.reason_code,
        )
        for each in adjustments.line_adjustments(stored)
    ]  # fmt: skip


@flushed
async def delete_item(ctx: Context, item_id: str) -> Item:
    found = await _find(ctx, item_id, lock=True)
    if isinstance(found, PendingInvoiceItem):
        await ctx.session.delete(found)
        return _of_pending(found)
    line, invoice = found
    lifecycle.ensure(Action.UPDATE, invoice.status, invoice.id)
    gone = _of_line(line, invoice)
    invoice.lines.remove(line)
    for position, remaining in enumerate(invoice.lines):
        remaining.position = position
    await _changed(ctx, invoice)
    return gone


async def list_items(
    ctx: Context,
    *,
    customer: str | None = None,
    invoice: str | None = None,
    after: str | None = None,
    before: str | None = None,
    limit: int = 10,
) -> list[Item]:
    """Items in id order (newest first when paging back with `before`): the lines of one
    invoice, or else pending items and invoice lines of the account (or of one customer)."""
    found: list[Item] = []
    lines = (
        select(InvoiceLine, Invoice)
        .join(Invoice, (Invoice.account_id == InvoiceLine.account_id)
              & (Invoice.id == InvoiceLine.invoice_id))
        .where(in_tenant(ctx, InvoiceLine))
    )  # fmt: skip
    pending = select(PendingInvoiceItem).where(in_tenant(ctx, PendingInvoiceItem))
    if invoice is not None:
        lines = lines.where(InvoiceLine.invoice_id == invoice)
    if customer is not None:
        lines = lines.where(Invoice.customer_id == customer)
        pending = pending.where(PendingInvoiceItem.customer_id == customer)
    lines = _window(lines, InvoiceLine.id, after, before, limit)
    for line, owner in (await ctx.session.execute(lines)).all():
        found.append(_of_line(line, owner))
    if invoice is None:
        pending = _window(pending, PendingInvoiceItem.id, after, before, limit)
        found.extend(_of_pending(item) for item in await ctx.session.scalars(pending))
    found.sort(key=lambda item: item.id, reverse=before is not None and after is None)
    return found[:limit]


def _window(
    statement: Select[*Rows],
    column: InstrumentedAttribute[str],
    after: str | None,
    before: str | None,
    limit: int,
) -> Select[*Rows]:
    if after is not None:
        statement = statement.where(column > after)
    if before is not None:
        statement = statement.where(column < before)
    descending = before is not None and after is None
    return statement.order_by(column.desc() if descending else column).limit(limit)


async def take_pending(ctx: Context, invoice: Invoice) -> None:
    """Move the customer's pending items in the invoice's currency onto the new invoice."""
    params = _pending_params(ctx, invoice.customer_id, invoice.currency)
    taken = list(await ctx.session.scalars(_PENDING_LOCKED[ctx.livemode], params))
    for item in taken:
        spec = _line_in(item, item.metadata_)
        invoice.lines.append(line_row(ctx, invoice, len(invoice.lines), spec, line_id=item.id))
    if taken:
        await ctx.session.execute(
            delete(PendingInvoiceItem).where(
                in_tenant(ctx, PendingInvoiceItem),
                PendingInvoiceItem.id.in_([item.id for item in taken]),
            )
        )


async def read_pending_ahead(ctx: Context, customer_ids: Iterable[str]) -> None:
    """Before `pending_of` is asked about each of these customers in this transaction:
    which have no pending items, in one statement."""
    await read_none_ahead(ctx, _ANY_PENDING, PendingInvoiceItem.customer_id, customer_ids)


async def pending_of(ctx: Context, customer_id: str, currency: str) -> list[PendingInvoiceItem]:
    """The customer's pending items in `currency`, oldest first."""
    if known_none(ctx, _ANY_PENDING, customer_id):
        return []
    params = _pending_params(ctx, customer_id, currency)
    return list(await ctx.session.scalars(_PENDING[ctx.livemode], params))


_ANY_PENDING = "pending_items"
# Built once per mode: every billing run asks it (docs/performance.md).
_PENDING = {
    livemode: select(PendingInvoiceItem)
    .where(
        tenant_bound(PendingInvoiceItem, livemode),
        PendingInvoiceItem.customer_id == bindparam("customer_id"),
        PendingInvoiceItem.currency == bindparam("currency"),
    )
    .order_by(PendingInvoiceItem.id)
    for livemode in (False, True)
}
_PENDING_LOCKED = {livemode: each.with_for_update() for livemode, each in _PENDING.items()}


def _pending_params(ctx: Context, customer_id: str, currency: str) -> dict[str, object]:
    return {
        "account_id": ctx.account_id,
        "customer_id": customer_id,
        "currency": currency,
    }


async def preview(ctx: Context, customer_id: str, currency: str) -> Invoice:
    """The customer's next invoice in `currency` as it would be now, from the pending items:
    a transient draft, never stored."""
    customer = await CustomerRepository(ctx).get(customer_id, param="customer")
    account = await get_account(ctx)
    pending = await pending_of(ctx, customer.id, currency)
    invoice = Invoice(
        account_id=ctx.account_id, livemode=ctx.livemode, id="", status="draft",
        customer_id=customer.id, customer_tax_exempt=customer.tax_exempt,
        currency=currency, collection_method="charge_automatically", charge_buyer_fee=False,
        amount_paid=_ZERO, starting_balance=_ZERO, applied_balance=_ZERO,
        pre_payment_credit_notes_amount=_ZERO, post_payment_credit_notes_amount=_ZERO,
        attempt_count=0, billing_reason="upcoming", tax_breakdown=[],
        tax_rounding=account.tax_rounding,
        metadata_={}, created_at=ctx.now, updated_at=ctx.now, version=0,
    )  # fmt: skip
    invoice.lines = [
        line_row(ctx, invoice, position, _line_in(item, item.metadata_), line_id=item.id)
        for position, item in enumerate(pending)
    ]
    changes.recompute(invoice, account)
    return invoice


async def _draft(ctx: Context, invoice_id: str) -> Invoice:
    invoice = await InvoiceRepository(ctx).get(invoice_id, lock=True, param="invoice")
    lifecycle.ensure(Action.UPDATE, invoice.status, invoice.id)
    return invoice


async def _changed(ctx: Context, invoice: Invoice) -> None:
    changes.recompute(invoice, await get_account(ctx))
    changes.touch(ctx, invoice)
    await changes.flush(ctx)
    changes.emit(ctx, "invoice.updated", invoice)


async def _find(
    ctx: Context, item_id: str, *, lock: bool
) -> PendingInvoiceItem | tuple[InvoiceLine, Invoice]:
    statement = select(PendingInvoiceItem).where(
        in_tenant(ctx, PendingInvoiceItem), PendingInvoiceItem.id == item_id
    )
    pending = await ctx.session.scalar(statement.with_for_update() if lock else statement)
    if pending is not None:
        return pending
    invoice_id = await ctx.session.scalar(
        select(InvoiceLine.invoice_id).where(in_tenant(ctx, InvoiceLine), InvoiceLine.id == item_id)
    )
    if invoice_id is not None:
        repository = InvoiceRepository(ctx)
        invoice = await repository.get(invoice_id, lock=lock)
        for line in invoice.lines:
            if line.id == item_id:
                return line, invoice
    raise NotFound("invoice item", item_id)


def _line_in(data: ItemIn | PendingInvoiceItem, metadata: dict[str, Any]) -> LineIn:
    """The line input of an item (already validated: no second validation pass)."""
    quantity, unit_amount = data.quantity, data.unit_amount
    assert quantity is not None and unit_amount is not None  # an `ItemIn` is `priced` first
    if isinstance(data, PendingInvoiceItem):
        allowances, charges = _inputs(data.allowances), _inputs(data.charges)
    else:
        allowances, charges = data.allowances, data.charges
    return LineIn.model_construct(
        description=data.description, quantity=quantity, unit_amount=unit_amount,
        tax_rate=data.tax_rate, tax_inclusive=False, discount_percent=None, discount_amount=None,
        period_start=data.period_start, period_end=data.period_end, metadata=metadata,
        allowances=allowances, charges=charges,
    )  # fmt: skip


def _currency_mismatch(given: str, expected: str) -> InvoiceItemMismatch:
    return InvoiceItemMismatch(
        f"The item is in {given}, the invoice in {expected}.",
        errors=[FieldError("currency", f"must be the invoice's, {expected}", "currency_mismatch")],
    )
