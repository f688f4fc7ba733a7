"""The `invoices`, `invoice_lines` and `invoice_number_counters` tables.

Totals are computed by `totals.compute_totals` whenever lines change and stored, so that
lists and events never recompute them and a finalized invoice's figures cannot drift.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Index,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from remit.db.base import Base
from remit.db.columns import (
    json_column,
    metadata_column,
    mode_column,
    mode_key,
    object_id,
    on_clock_index,
    tenant_key,
    tenant_reference,
    timestamp,
)
from remit.db.types import Id, JSONDoc, Money
from remit.invoices.tax_categories import default_category
from remit.invoices.totals import amount_remaining

_NOT_NULL = {
    column: text(f"{column} IS NOT NULL")
    for column in ("number", "handle", "subscription_id", "due_at")
}


_TIMER_INDEXES = (
    ("ix_invoices_timer_past_due", "due_at", "status = 'open' AND due_at IS NOT NULL"),
    (
        "ix_invoices_timer_auto_finalize",
        "auto_finalize_at",
        "status = 'draft' AND auto_finalize_at IS NOT NULL",
    ),
    (
        "ix_invoices_timer_expire",
        "expires_at",
        "status IN ('open', 'past_due') AND expires_at IS NOT NULL",
    ),
    (
        "ix_invoices_timer_charge",
        "next_payment_attempt_at",
        "status IN ('open', 'past_due') AND next_payment_attempt_at IS NOT NULL",
    ),
)


# The invoices a subscription's billing run makes, one per period.
_SUBSCRIPTION_PERIOD = (
    "subscription_id IS NOT NULL AND billing_reason IN ('subscription_create', "
    "'subscription_cycle')"
)


def _adjustments_column() -> Mapped[list[dict[str, Any]]]:
    return mapped_column(JSONDoc, nullable=False, default=list, server_default="[]")


def _partial_index(name: str, *columns: str, where: str, unique: bool = False) -> Index:
    return Index(
        name,
        *columns,
        unique=unique,
        sqlite_where=_NOT_NULL[where],
        postgresql_where=_NOT_NULL[where],
    )


class Invoice(Base):
    __tablename__ = "invoices"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    number: Mapped[str | None] = mapped_column(String(100))
    handle: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[str] = mapped_column(Id())
    subscription_id: Mapped[str | None] = mapped_column(Id())
    test_clock_id: Mapped[str | None] = mapped_column(Id())  # its customer's
    plan_id: Mapped[str | None] = mapped_column(Id())
    currency: Mapped[str] = mapped_column(String(8))
    collection_method: Mapped[str] = mapped_column(String(24))
    payment_method: Mapped[str | None] = mapped_column(Id())
    description: Mapped[str | None] = mapped_column(Text)
    statement_descriptor: Mapped[str | None] = mapped_column(String(22))

    subtotal: Mapped[Decimal] = mapped_column(Money())
    discount_amount: Mapped[Decimal] = mapped_column(Money())
    tax_amount: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())
    # The invoice's own allowances and charges (EN 16931 BG-20/BG-21), in `discount_amount`
    # and `subtotal` respectively: `[{amount, percent, base_amount, tax_category, tax_rate,
    # reason, reason_code}]` (`invoices.allowances`; kept with `base_amount_given`, whether a
    # percentage's base was given or follows the lines), and their sums (BT-107, BT-108).
    allowances: Mapped[list[dict[str, Any]]] = _adjustments_column()
    charges: Mapped[list[dict[str, Any]]] = _adjustments_column()
    allowance_amount: Mapped[Decimal] = mapped_column(Money(), server_default="0")
    charge_amount: Mapped[Decimal] = mapped_column(Money(), server_default="0")
    buyer_fee: Mapped[Decimal] = mapped_column(Money())
    amount_due: Mapped[Decimal] = mapped_column(Money())
    amount_paid: Mapped[Decimal] = mapped_column(Money())
    # The customer's balance in the invoice's currency when it was finalized (negative: credit
    # in the customer's favour, Stripe's sign), and the part of it applied to `amount_due`.
    starting_balance: Mapped[Decimal] = mapped_column(Money(), server_default="0")
    applied_balance: Mapped[Decimal] = mapped_column(Money(), server_default="0")
    # What credit notes took off: before payment (lowering `amount_due`) and after it
    # (refunded, credited to the balance, or settled outside remit).
    pre_payment_credit_notes_amount: Mapped[Decimal] = mapped_column(Money(), server_default="0")
    post_payment_credit_notes_amount: Mapped[Decimal] = mapped_column(Money(), server_default="0")
    credit_note_ids: Mapped[list[str] | None] = json_column()
    tax_breakdown: Mapped[list[dict[str, Any]]] = json_column(nullable=False)
    charge_buyer_fee: Mapped[bool] = mapped_column(Boolean)
    # The tax rate of lines that name none (`tax_from_invoice`); Rapyd's `tax_percent`.
    default_tax_rate: Mapped[Decimal | None] = mapped_column(Money())
    # How tax is rounded: once per rate (EN 16931, the default) or per line (totals.py).
    tax_rounding: Mapped[str] = mapped_column(String(16), server_default="per_rate")

    due_at: Mapped[datetime | None] = timestamp(nullable=True)
    days_until_due: Mapped[int | None] = mapped_column(Integer)
    auto_finalize_at: Mapped[datetime | None] = timestamp(nullable=True)
    charge_at: Mapped[datetime | None] = timestamp(nullable=True)
    expires_at: Mapped[datetime | None] = timestamp(nullable=True)
    attempt_count: Mapped[int] = mapped_column(Integer)
    next_payment_attempt_at: Mapped[datetime | None] = timestamp(nullable=True)
    # When automatic collection first failed: dunning retries count their days from here.
    dunning_started_at: Mapped[datetime | None] = timestamp(nullable=True)
    last_payment_error: Mapped[dict[str, Any] | None] = json_column()
    billing_reason: Mapped[str] = mapped_column(String(32))
    period_start: Mapped[datetime | None] = timestamp(nullable=True)
    period_end: Mapped[datetime | None] = timestamp(nullable=True)

    billing_address: Mapped[dict[str, Any] | None] = json_column()
    shipping_address: Mapped[dict[str, Any] | None] = json_column()
    customer_snapshot: Mapped[dict[str, Any] | None] = json_column()
    cost_center: Mapped[str | None] = mapped_column(String(255))
    po_number: Mapped[str | None] = mapped_column(String(255))  # EN 16931 BT-13
    # EN 16931 terms of an e-invoice (docs/einvoicing.md): BT-10, BT-22, BT-20 and BT-72.
    buyer_reference: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(Text)
    payment_terms: Mapped[str | None] = mapped_column(Text)
    delivery_date: Mapped[date | None] = mapped_column(Date)
    # The customer's `tax_exempt` as the draft was made (or given its customer): what taxes
    # its lines that name no category (`tax_categories`). Stripe's `customer_tax_exempt`.
    customer_tax_exempt: Mapped[str] = mapped_column(String(16), server_default="none")
    metadata_: Mapped[dict[str, Any]] = metadata_column()

    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()
    finalized_at: Mapped[datetime | None] = timestamp(nullable=True)
    paid_at: Mapped[datetime | None] = timestamp(nullable=True)
    voided_at: Mapped[datetime | None] = timestamp(nullable=True)
    marked_uncollectible_at: Mapped[datetime | None] = timestamp(nullable=True)
    # Bumped on every change: a cheap version for caches (PDF) and optimistic readers.
    version: Mapped[int] = mapped_column(Integer)

    @property
    def amount_remaining(self) -> Decimal:
        """What is left to pay (computed here only: SPEC §3.2)."""
        return amount_remaining(self.amount_due, self.amount_paid)

    @property
    def amount_overpaid(self) -> Decimal:
        """What was paid beyond the amount due (it went to the customer's balance)."""
        return amount_remaining(self.amount_paid, self.amount_due)

    @property
    def credited_amount(self) -> Decimal:
        return self.pre_payment_credit_notes_amount + self.post_payment_credit_notes_amount

    lines: Mapped[list[InvoiceLine]] = relationship(
        order_by="InvoiceLine.position",
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __table_args__ = (
        mode_key(),
        tenant_reference("customer_id", "customers"),
        tenant_reference("subscription_id", "subscriptions"),
        tenant_reference("plan_id", "plans"),
        tenant_reference("test_clock_id", "test_clocks"),
        on_clock_index("invoices"),
        # Every list filter has an index that ends in `id`, the keyset order.
        Index("ix_invoices_account_status", "account_id", "status", "id"),
        Index("ix_invoices_account_customer", "account_id", "customer_id", "id"),
        Index("ix_invoices_account_currency", "account_id", "currency", "id"),
        _partial_index(
            "ix_invoices_account_subscription",
            "account_id",
            "subscription_id",
            "id",
            where="subscription_id",
        ),
        _partial_index("ix_invoices_account_due", "account_id", "due_at", where="due_at"),
        _partial_index(
            "uq_invoices_account_number",
            "account_id",
            "livemode",
            "number",
            where="number",
            unique=True,
        ),
        _partial_index(
            "uq_invoices_account_handle",
            "account_id",
            "livemode",
            "handle",
            where="handle",
            unique=True,
        ),
        # One invoice per subscription and period: the billing run's guarantee, kept by the
        # database however many workers run it.
        Index(
            "uq_invoices_subscription_period",
            "account_id",
            "livemode",
            "subscription_id",
            "period_start",
            unique=True,
            sqlite_where=text(_SUBSCRIPTION_PERIOD),
            postgresql_where=text(_SUBSCRIPTION_PERIOD),
        ),
        # The worker's timers scan across accounts: each index holds only what waits for it.
        *(
            Index(name, column, sqlite_where=text(where), postgresql_where=text(where))
            for name, column, where in _TIMER_INDEXES
        ),
    )


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    invoice_id: Mapped[str] = mapped_column(Id())
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[Decimal] = mapped_column(Money())
    unit_amount: Mapped[Decimal] = mapped_column(Money())
    amount: Mapped[Decimal] = mapped_column(Money())
    discount_percent: Mapped[Decimal | None] = mapped_column(Money())
    discount_amount: Mapped[Decimal] = mapped_column(Money())
    # The line's allowances and charges (EN 16931 BG-27/BG-28), `[{amount, percent,
    # base_amount, reason, reason_code}]`, and its net: amount − discount − allowances +
    # charges (BT-131).
    allowances: Mapped[list[dict[str, Any]]] = _adjustments_column()
    charges: Mapped[list[dict[str, Any]]] = _adjustments_column()
    net_amount: Mapped[Decimal] = mapped_column(Money(), server_default="0")
    tax_rate: Mapped[Decimal] = mapped_column(Money())
    tax_inclusive: Mapped[bool] = mapped_column(Boolean)
    tax_from_invoice: Mapped[bool] = mapped_column(Boolean, server_default=false())
    # The line's own tax, rounded once (None on lines written before it was kept).
    tax_amount: Mapped[Decimal | None] = mapped_column(Money())
    # The VAT category (EN 16931 BT-151) the line was given, or its customer's `tax_exempt`
    # gave it; None: by its rate, as on lines written before categories (`tax_category`).
    given_tax_category: Mapped[str | None] = mapped_column("tax_category", String(2))
    tax_exemption_reason: Mapped[str | None] = mapped_column(String(255))  # BT-120
    tax_exemption_reason_code: Mapped[str | None] = mapped_column(String(32))  # BT-121, VATEX
    unit_code: Mapped[str] = mapped_column(String(3), server_default="C62")  # BT-130, Rec. 20
    # The product the line bills, when it bills one of the catalog's.
    product_id: Mapped[str | None] = mapped_column(Id())
    period_start: Mapped[datetime | None] = timestamp(nullable=True)
    period_end: Mapped[datetime | None] = timestamp(nullable=True)
    metadata_: Mapped[dict[str, Any]] = metadata_column()

    @property
    def tax_category(self) -> str:
        return self.given_tax_category or default_category(self.tax_rate)

    @property
    def allowance_amount(self) -> Decimal:
        """The sum of its allowances (besides its discount)."""
        return sum((Decimal(entry["amount"]) for entry in self.allowances or []), Decimal(0))

    @property
    def charge_amount(self) -> Decimal:
        return sum((Decimal(entry["amount"]) for entry in self.charges or []), Decimal(0))

    __table_args__ = (
        tenant_reference("invoice_id", "invoices", ondelete="CASCADE"),
        tenant_reference("product_id", "products"),
        Index("ix_invoice_lines_invoice", "account_id", "invoice_id", "position"),
    )


class PendingInvoiceItem(Base):
    """An item waiting for its customer's next invoice in its currency (Stripe's and Rapyd's
    pending invoice items). It becomes a line of that invoice, keeping its id."""

    __tablename__ = "pending_invoice_items"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    customer_id: Mapped[str] = mapped_column(Id())
    currency: Mapped[str] = mapped_column(String(8))
    description: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[Decimal] = mapped_column(Money())
    unit_amount: Mapped[Decimal] = mapped_column(Money())
    tax_rate: Mapped[Decimal | None] = mapped_column(Money())
    allowances: Mapped[list[dict[str, Any]]] = _adjustments_column()  # as its line will have
    charges: Mapped[list[dict[str, Any]]] = _adjustments_column()
    period_start: Mapped[datetime | None] = timestamp(nullable=True)
    period_end: Mapped[datetime | None] = timestamp(nullable=True)
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        tenant_reference("customer_id", "customers"),
        Index("ix_pending_invoice_items_customer", "account_id", "customer_id", "currency", "id"),
    )
