"""The `usage_records` table (a subscription's usage, billed as invoice items) and
`usage_events` (what customers did, aggregated per period by a meter, plans.models.Meter).
Identifiers are unique in the database itself: one usage is never recorded twice."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import (
    json_column,
    mode_column,
    object_id,
    tenant_key,
    tenant_reference,
    timestamp,
)
from remit.db.types import Id, Money


class UsageRecord(Base):
    __tablename__ = "usage_records"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    subscription_id: Mapped[str] = mapped_column(Id())
    customer_id: Mapped[str] = mapped_column(Id())
    identifier: Mapped[str] = mapped_column(String(255))
    quantity: Mapped[Decimal] = mapped_column(Money())
    occurred_at: Mapped[datetime] = timestamp()  # when the usage happened
    item_id: Mapped[str] = mapped_column(Id())  # the invoice item (il_…) that bills it
    created_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        tenant_reference("subscription_id", "subscriptions"),
        UniqueConstraint("account_id", "subscription_id", "identifier"),
        Index("ix_usage_records_item", "account_id", "item_id"),
    )


class UsageEvent(Base):
    """One thing a customer did that a meter counts. `identifier` is unique per account and
    mode (a repeat is a replay); `invoice_id` is the invoice that billed it, once one has: an
    event that arrives late is billed by the next invoice, never twice."""

    __tablename__ = "usage_events"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    event_name: Mapped[str] = mapped_column(String(100))
    customer_id: Mapped[str] = mapped_column(Id())
    identifier: Mapped[str] = mapped_column(String(255))
    occurred_at: Mapped[datetime] = timestamp()
    payload: Mapped[dict[str, Any]] = json_column(nullable=False)
    invoice_id: Mapped[str | None] = mapped_column(Id())
    created_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        tenant_reference("customer_id", "customers"),
        UniqueConstraint("account_id", "livemode", "identifier"),
        # What a customer's meter has not billed yet, by time: the billing run's question.
        Index(
            "ix_usage_events_unbilled",
            "account_id",
            "livemode",
            "customer_id",
            "event_name",
            "occurred_at",
            sqlite_where=text("invoice_id IS NULL"),
            postgresql_where=text("invoice_id IS NULL"),
        ),
        Index("ix_usage_events_customer", "account_id", "livemode", "customer_id", "occurred_at"),
    )
