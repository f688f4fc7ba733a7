"""The `settlements` table. `amount_refunded` is the sum of the settlement's pending and
succeeded refunds (`remit.refunds`), changed under the settlement's lock."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import (
    metadata_column,
    mode_column,
    mode_key,
    object_id,
    tenant_key,
    tenant_reference,
    timestamp,
)
from remit.db.types import Id, Money


class Settlement(Base):
    __tablename__ = "settlements"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    invoice_id: Mapped[str] = mapped_column(Id())
    amount: Mapped[Decimal] = mapped_column(Money())
    amount_refunded: Mapped[Decimal] = mapped_column(Money(), server_default="0")
    currency: Mapped[str] = mapped_column(String(8))
    method: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # pending | confirmed | failed
    allow_overpayment: Mapped[bool] = mapped_column(Boolean)
    # Who settles it: "manual" (recorded through the API) or a processor charging a method.
    processor: Mapped[str] = mapped_column(String(32), server_default="manual")
    payment_method_id: Mapped[str | None] = mapped_column(Id())
    processor_reference: Mapped[str | None] = mapped_column(String(255))
    failure_code: Mapped[str | None] = mapped_column(String(64))
    failure_message: Mapped[str | None] = mapped_column(String(500))
    recorded_at: Mapped[datetime] = timestamp()
    confirmed_at: Mapped[datetime | None] = timestamp(nullable=True)
    failed_at: Mapped[datetime | None] = timestamp(nullable=True)
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        mode_key(),  # refunds refer to settlements
        tenant_reference("invoice_id", "invoices"),
        Index("ix_settlements_invoice", "account_id", "invoice_id", "id"),
        # A repeated reference is found under the invoice's lock (collection.settle).
        Index("ix_settlements_invoice_reference", "account_id", "invoice_id", "reference"),
        # The worker's question: which processor charges still await their outcome.
        Index(
            "ix_settlements_unresolved_charges",
            "created_at",
            sqlite_where=text("status = 'pending' AND processor <> 'manual'"),
            postgresql_where=text("status = 'pending' AND processor <> 'manual'"),
        ),
    )
