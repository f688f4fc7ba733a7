"""Invoice use cases on drafts: create, update, delete (SPEC §3).

Finalization and the later transitions live in `finalize.py` and `transitions.py`.
"""

from __future__ import annotations

from decimal import Decimal

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.clocks import service as clocks
from remit.context import Context, flushed
from remit.customers import service as customers
from remit.customers.models import Customer
from remit.customers.repository import CustomerRepository
from remit.customers.schemas import CustomerCreate
from remit.db import bulk
from remit.invoices import allowances as adjustments
from remit.invoices import changes, items, lifecycle, lines
from remit.invoices.errors import DuplicateInvoiceHandle, InvalidInvoice
from remit.invoices.filters import InvoiceFilters
from remit.invoices.finalize import issue_new
from remit.invoices.lifecycle import Action, Status
from remit.invoices.models import Invoice
from remit.invoices.plan_lines import plan_lines
from remit.invoices.repository import InvoiceRepository
from remit.invoices.rules import refuse
from remit.invoices.schemas import (
    DocumentAdjustmentIn,
    InlineCustomer,
    InvoiceCreate,
    InvoiceFields,
    InvoiceUpdate,
    LineIn,
)
from remit.kernel.ids import id_time
from remit.kernel.metadata import cleaned, merged
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import FieldError, NotFound
from remit.payments.repository import PaymentMethodRepository
from remit.plans.models import Plan
from remit.plans.repository import PlanRepository, ProductRepository
from remit.subscriptions.repository import SubscriptionRepository

# Fields copied as given; `null` in a PATCH clears them.
_PLAIN = (
    "payment_method", "due_at", "days_until_due", "description", "statement_descriptor",
    "cost_center", "po_number", "auto_finalize_at", "charge_at", "expires_at",
    "period_start", "period_end", "buyer_reference", "note", "payment_terms", "delivery_date",
)  # fmt: skip
_ZERO = Decimal(0)


@flushed
async def create_invoice(
    ctx: Context, data: InvoiceCreate, *, billing_reason: str = "manual"
) -> Invoice:
    """`billing_reason` says who made it: `manual` (a request), or a subscription's billing
    run (`subscription_create`, `subscription_cycle`), which the database lets bill a
    subscription's period once."""
    account, customer = await _account_and_customer(ctx, data.customer)
    await clocks.enter(ctx, customer.test_clock_id)  # made at its customer's time
    if data.handle is not None and await InvoiceRepository(ctx).handle_taken(data.handle):
        raise DuplicateInvoiceHandle(
            f"An invoice with handle '{data.handle}' already exists.",
            errors=[FieldError("handle", "is already in use", "duplicate_handle")],
        )
    invoice = _new_draft(ctx, account, customer, data)
    invoice.billing_reason = billing_reason
    await _apply(ctx, invoice, data, data.model_fields_set | {"lines"}, account)
    if data.pending_items == "include":
        await items.take_pending(ctx, invoice)
        changes.recompute(invoice, account)
    if _issued_at_creation(ctx, invoice, data):
        await issue_new(ctx, invoice, account, customer)
    else:
        await changes.insert(ctx, invoice)
        changes.emit(ctx, "invoice.created", invoice)
    return invoice


def _issued_at_creation(ctx: Context, invoice: Invoice, data: InvoiceCreate) -> bool:
    """`status: open` issues the invoice now, unless its `auto_finalize_at` is still to come
    (it stays a draft, which the worker issues then); a time that has passed is dropped, as
    the invoice is issued now."""
    when = invoice.auto_finalize_at
    if when is not None and when > ctx.now:
        return False
    if data.status == Status.OPEN:
        invoice.auto_finalize_at = None
        return True
    return False


@flushed
async def update_invoice(ctx: Context, invoice_id: str, data: InvoiceUpdate) -> Invoice:
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    fields = data.model_fields_set - {"metadata"}
    if fields:
        lifecycle.ensure(Action.UPDATE, invoice.status, invoice.id)
        await _apply(ctx, invoice, data, fields, await get_account(ctx))
    if data.metadata is not None:
        invoice.metadata_ = merged(invoice.metadata_, data.metadata)
    changes.touch(ctx, invoice)
    await changes.flush(ctx)
    changes.emit(ctx, "invoice.updated", invoice)
    return invoice


async def delete_invoice(ctx: Context, invoice_id: str) -> None:
    invoice = await InvoiceRepository(ctx).get_for_update(invoice_id)
    lifecycle.ensure(Action.DELETE, invoice.status, invoice.id)
    changes.emit(ctx, "invoice.deleted", invoice)
    await ctx.session.delete(invoice)


def _new_draft(ctx: Context, account: Account, customer: Customer, data: InvoiceCreate) -> Invoice:
    invoice_id = ctx.new_id("inv")
    created_at = id_time(invoice_id)
    invoice = bulk.loaded(
        Invoice,
        {
            "account_id": ctx.account_id,
            "livemode": ctx.livemode,
            "id": invoice_id,
            "handle": data.handle,
            "status": Status.DRAFT,
            "customer_id": customer.id,
            "customer_tax_exempt": customer.tax_exempt,
            "test_clock_id": customer.test_clock_id,
            "currency": account.default_currency,
            "collection_method": "charge_automatically",
            "charge_buyer_fee": False,
            "amount_paid": _ZERO,
            "starting_balance": _ZERO,
            "applied_balance": _ZERO,
            "pre_payment_credit_notes_amount": _ZERO,
            "post_payment_credit_notes_amount": _ZERO,
            "attempt_count": 0,
            "billing_reason": "manual",
            "tax_breakdown": [],
            "allowances": [],
            "charges": [],
            "tax_rounding": account.tax_rounding,
            "metadata_": cleaned(data.metadata),
            "created_at": created_at,
            "updated_at": created_at,
            "version": 1,
        },
    )
    invoice.lines = []
    return invoice


async def _apply(
    ctx: Context, invoice: Invoice, data: InvoiceFields, sent: set[str], account: Account
) -> None:
    """Set the draft's fields that were sent, check them together, recompute the totals."""
    for field in sent & set(_PLAIN):
        setattr(invoice, field, getattr(data, field))
    if "tax_rounding" in sent and data.tax_rounding is not None:
        invoice.tax_rounding = data.tax_rounding
    if "default_tax_rate" in sent:
        invoice.default_tax_rate = data.default_tax_rate
        for line in invoice.lines:
            if line.tax_from_invoice:
                line.tax_rate = data.default_tax_rate or _ZERO
    for field in ("collection_method", "charge_buyer_fee"):
        if field in sent and getattr(data, field) is not None:
            setattr(invoice, field, getattr(data, field))
    for field in ("billing_address", "shipping_address"):
        if field in sent:
            address = getattr(data, field)
            setattr(invoice, field, address.model_dump(exclude_none=True) if address else None)
    if "customer" in sent and isinstance(data, InvoiceUpdate) and data.customer is not None:
        customer = await _customer(ctx, data.customer)
        # Lines sent from now on are taxed by its status; the draft's lines stay as they are.
        invoice.customer_id, invoice.customer_tax_exempt = customer.id, customer.tax_exempt
    plan = await _plan(ctx, data.plan if "plan" in sent else invoice.plan_id)
    invoice.plan_id = plan.id if plan else None
    if "subscription" in sent:
        invoice.subscription_id = data.subscription
    await _check_subscription(ctx, invoice)
    if invoice.payment_method is not None:
        await PaymentMethodRepository(ctx).of_customer(
            invoice.customer_id, invoice.payment_method, param="payment_method"
        )
    invoice.currency = _currency(data, sent, invoice, plan)
    if "lines" in sent:
        specs = data.lines or (
            await _plan_lines(ctx, plan) if isinstance(data, InvoiceCreate) else []
        )
        await _check_products(ctx, specs)
        lines.check_given(specs)
        invoice.lines = [
            lines.line_row(ctx, invoice, index, spec) for index, spec in enumerate(specs)
        ]
    for kind in adjustments.KINDS:
        if kind in sent:
            _set_adjustments(invoice, kind, getattr(data, kind) or [])
    _check_timing(invoice)
    changes.recompute(invoice, account)


def _set_adjustments(invoice: Invoice, kind: str, given: list[DocumentAdjustmentIn]) -> None:
    """The draft's allowances or charges (`kind`), replaced, each put in its tax group as
    the draft's lines are now (`allowances.resolved`); their amounts are computed next."""
    wanted = [each.adjustment() for each in given]
    refuse(adjustments.given_errors(wanted, kind))
    inputs = [changes.line_input(line) for line in invoice.lines]
    found, errors = adjustments.resolved(wanted, inputs, kind)
    refuse(errors)
    kept = [adjustments.stored_document(each, None, invoice.currency) for each in found]
    setattr(invoice, kind, kept)


async def _account_and_customer(
    ctx: Context, reference: str | InlineCustomer
) -> tuple[Account, Customer]:
    """Both in one statement when the customer is named by id (most creates)."""
    if isinstance(reference, str):
        return await CustomerRepository(ctx).get_with_account(reference, param="customer")
    return await get_account(ctx), await _customer(ctx, reference)


async def _customer(ctx: Context, reference: str | InlineCustomer) -> Customer:
    if isinstance(reference, str):
        return await CustomerRepository(ctx).get(reference, param="customer")
    data = CustomerCreate(email=reference.email, name=reference.name)
    found, _ = await customers.find_or_create_by_email(ctx, data)
    return found


async def _check_products(ctx: Context, specs: list[LineIn]) -> None:
    """Each product a line names is one of the account's (404 naming the line otherwise)."""
    named = {spec.product for spec in specs if spec.product is not None}
    found = await ProductRepository(ctx).existing(named)
    for index, spec in enumerate(specs):
        if spec.product is not None and spec.product not in found:
            raise NotFound("product", spec.product, param=f"lines[{index}].product")


async def _plan(ctx: Context, plan_id: str | None) -> Plan | None:
    return None if plan_id is None else await PlanRepository(ctx).get(plan_id, param="plan")


async def _check_subscription(ctx: Context, invoice: Invoice) -> None:
    """The subscription must be the invoice customer's own (404 otherwise, like Retempo)."""
    if invoice.subscription_id is None:
        return
    subscription = await SubscriptionRepository(ctx).find(invoice.subscription_id)
    if subscription is None or subscription.customer_id != invoice.customer_id:
        raise NotFound(
            "subscription for this customer", invoice.subscription_id, param="subscription"
        )


def _currency(data: InvoiceFields, sent: set[str], invoice: Invoice, plan: Plan | None) -> str:
    currency = data.currency if "currency" in sent and data.currency else None
    if currency is None:
        currency = plan.currency if plan and "plan" in sent else invoice.currency
    if plan is not None and plan.currency != currency:
        raise InvalidInvoice(
            f"The plan is priced in {plan.currency}, the invoice in {currency}.",
            errors=[
                FieldError(
                    "currency", f"must be the plan's currency, {plan.currency}", "currency_mismatch"
                )
            ],
        )
    return currency


async def _plan_lines(ctx: Context, plan: Plan | None) -> list[LineIn]:
    """Without lines, an invoice for a plan bills one unit of it, at its price (a tiered
    plan's: a line per tier used and per flat fee)."""
    return [] if plan is None else await plan_lines(ctx, plan, Decimal(1))


def _check_timing(invoice: Invoice) -> None:
    if invoice.charge_at is not None and invoice.collection_method != "charge_automatically":
        raise InvalidInvoice(
            "charge_at applies only to invoices collected automatically.",
            errors=[
                FieldError("charge_at", "needs collection_method charge_automatically", "invalid")
            ],
        )


# — reads, for callers that present invoices their own way (the dialects) —


@flushed
async def get_invoice(ctx: Context, invoice_id: str, *, param: str | None = None) -> Invoice:
    return await InvoiceRepository(ctx).get(invoice_id, param=param)


@flushed
async def ensure_invoice(ctx: Context, invoice_id: str) -> None:
    """404 unless the account has this invoice (reads its id only)."""
    await InvoiceRepository(ctx).ensure_exists(invoice_id)


@flushed
async def find_invoice(ctx: Context, invoice_id: str) -> Invoice | None:
    return await InvoiceRepository(ctx).find(invoice_id)


@flushed
async def find_by_handle(ctx: Context, handle: str) -> Invoice | None:
    return await InvoiceRepository(ctx).find_by_handle(handle)


@flushed
async def list_invoices(ctx: Context, page: PageRequest, filters: InvoiceFilters) -> Page[Invoice]:
    return await InvoiceRepository(ctx).list(page, filters)


@flushed
async def numbered_page(
    ctx: Context, filters: InvoiceFilters, number: int, size: int
) -> tuple[list[Invoice], int]:
    """Page `number` (from 1) of `size`, newest first, and how many match."""
    return await InvoiceRepository(ctx).numbered_page(filters, number, size)
