"""The `credit_notes` and `credit_note_lines` tables.

A note's figures are computed once, when it is issued (`amounts`), and stored, as an
invoice's are: lists, events, pages and PDFs show them without recomputing, and a void note
keeps the figures it had.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from remit.db.base import Base
from remit.db.columns import (
    json_column,
    metadata_column,
    mode_column,
    mode_key,
    object_id,
    tenant_key,
    tenant_reference,
    timestamp,
)
from remit.db.types import Id, Money


class CreditNote(Base):
    __tablename__ = "credit_notes"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    number: Mapped[str] = mapped_column(String(100))
    invoice_id: Mapped[str] = mapped_column(Id())
    customer_id: Mapped[str] = mapped_column(Id())
    currency: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))  # issued | void
    # duplicate | fraudulent | order_change | product_unsatisfactory | other (Stripe's)
    reason: Mapped[str | None] = mapped_column(String(32))
    memo: Mapped[str | None] = mapped_column(Text)

    subtotal: Mapped[Decimal] = mapped_column(Money())
    discount_amount: Mapped[Decimal] = mapped_column(Money())
    tax_amount: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())
    tax_breakdown: Mapped[list[dict[str, Any]]] = json_column(nullable=False)
    # `total` = what it took off what was left to pay + what it credited beyond that; the
    # latter = refunded + credited to the customer's balance + settled outside remit.
    pre_payment_amount: Mapped[Decimal] = mapped_column(Money())
    post_payment_amount: Mapped[Decimal] = mapped_column(Money())
    refund_amount: Mapped[Decimal] = mapped_column(Money())
    credit_amount: Mapped[Decimal] = mapped_column(Money())
    out_of_band_amount: Mapped[Decimal] = mapped_column(Money())
    refund_ids: Mapped[list[str]] = json_column(nullable=False)
    metadata_: Mapped[dict[str, Any]] = metadata_column()

    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()
    voided_at: Mapped[datetime | None] = timestamp(nullable=True)

    lines: Mapped[list[CreditNoteLine]] = relationship(
        order_by="CreditNoteLine.position",
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __table_args__ = (
        mode_key(),
        tenant_reference("invoice_id", "invoices"),
        tenant_reference("customer_id", "customers"),
        # Each account's series, per mode (SPEC §3.3): the database refuses a repeat.
        UniqueConstraint("account_id", "livemode", "number"),
        # Every list filter has an index that ends in `id`, the keyset order.
        Index("ix_credit_notes_account_invoice", "account_id", "invoice_id", "id"),
        Index("ix_credit_notes_account_customer", "account_id", "customer_id", "id"),
    )


class CreditNoteLine(Base):
    """One credited line: part of an invoice line (`invoice_line_item`, in the line's terms:
    gross of tax when the line is tax-inclusive) or a line of its own (`custom_line_item`)."""

    __tablename__ = "credit_note_lines"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    credit_note_id: Mapped[str] = mapped_column(Id())
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(24))  # invoice_line_item | custom_line_item
    # The invoice line it credits. No reference: invoice lines are keyed without their mode,
    # and an issued invoice's lines never change or go.
    invoice_line_id: Mapped[str | None] = mapped_column(Id())
    description: Mapped[str | None] = mapped_column(Text)
    # None when a line credits an amount rather than a quantity.
    quantity: Mapped[Decimal | None] = mapped_column(Money())
    unit_amount: Mapped[Decimal | None] = mapped_column(Money())
    amount: Mapped[Decimal] = mapped_column(Money())
    discount_amount: Mapped[Decimal] = mapped_column(Money())
    tax_rate: Mapped[Decimal] = mapped_column(Money())
    tax_inclusive: Mapped[bool] = mapped_column(Boolean)
    tax_amount: Mapped[Decimal] = mapped_column(Money())

    __table_args__ = (
        tenant_reference("credit_note_id", "credit_notes", ondelete="CASCADE"),
        Index("ix_credit_note_lines_note", "account_id", "credit_note_id", "position"),
    )
