"""The `subscriptions` table."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
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
from remit.db.types import Id


class Subscription(Base):
    __tablename__ = "subscriptions"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    customer_id: Mapped[str] = mapped_column(Id())
    plan_id: Mapped[str] = mapped_column(Id())
    payment_method_id: Mapped[str | None] = mapped_column(Id())
    status: Mapped[str] = mapped_column(String(16))  # active | canceled
    current_period_start: Mapped[datetime] = timestamp()
    current_period_end: Mapped[datetime | None] = timestamp(nullable=True)
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()
    canceled_at: Mapped[datetime | None] = timestamp(nullable=True)

    __table_args__ = (
        mode_key(),
        tenant_reference("customer_id", "customers"),
        tenant_reference("plan_id", "plans"),
        Index("ix_subscriptions_account_customer", "account_id", "customer_id", "id"),
    )
