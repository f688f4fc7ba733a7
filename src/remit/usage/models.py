"""The `usage_records` table. `(account_id, subscription_id, identifier)` is unique: the
database itself refuses to record one usage twice."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import mode_column, object_id, tenant_key, tenant_reference, timestamp
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
