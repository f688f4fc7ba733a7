"""The `refunds` table: money given back of a settlement, whole or in part.

A refund through a processor is written *pending* before the processor is asked (its id is
the idempotency key the processor gets) and resolved when it answers; a refund of a
settlement recorded by hand is made outside remit and recorded as `succeeded` at once.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import (
    metadata_column,
    mode_column,
    object_id,
    tenant_key,
    tenant_reference,
    timestamp,
)
from remit.db.types import Id, Money


class Refund(Base):
    __tablename__ = "refunds"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    settlement_id: Mapped[str] = mapped_column(Id())
    invoice_id: Mapped[str] = mapped_column(Id())  # the settlement's, for the invoice's lock
    credit_note_id: Mapped[str | None] = mapped_column(Id())  # the credit note that refunds
    amount: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(8))
    # duplicate | fraudulent | requested_by_customer | other
    reason: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # pending | succeeded | failed
    processor: Mapped[str] = mapped_column(String(32))  # the settlement's; "manual": by hand
    processor_reference: Mapped[str | None] = mapped_column(String(255))
    failure_code: Mapped[str | None] = mapped_column(String(64))
    failure_message: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        tenant_reference("settlement_id", "settlements"),
        Index("ix_refunds_settlement", "account_id", "settlement_id", "id"),
        Index("ix_refunds_invoice", "account_id", "invoice_id", "id"),
        # The worker's question: which processor refunds still await their outcome.
        Index(
            "ix_refunds_unresolved",
            "created_at",
            sqlite_where=text("status = 'pending' AND processor <> 'manual'"),
            postgresql_where=text("status = 'pending' AND processor <> 'manual'"),
        ),
    )
