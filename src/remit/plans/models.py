"""The catalog's tables: `products`, their `plans` (prices) and the `meters` metered plans
bill."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

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


class Product(Base):
    __tablename__ = "products"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean)
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()

    __table_args__ = (mode_key(),)


class Plan(Base):
    __tablename__ = "plans"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    product_id: Mapped[str] = mapped_column(Id())
    nickname: Mapped[str | None] = mapped_column(String(255))
    amount: Mapped[Decimal] = mapped_column(Money())  # the unit amount of a per_unit plan
    currency: Mapped[str] = mapped_column(String(8))
    # How a quantity is priced (Stripe's names; kernel.pricing): per_unit or tiered.
    billing_scheme: Mapped[str] = mapped_column(String(16), server_default="per_unit")
    tiers_mode: Mapped[str | None] = mapped_column(String(16))  # graduated | volume
    # [{up_to, unit_amount, flat_amount}], amounts as exact decimal strings.
    tiers: Mapped[list[dict[str, Any]] | None] = json_column()
    transform_quantity: Mapped[dict[str, Any] | None] = json_column()  # {divide_by, round}
    usage_type: Mapped[str] = mapped_column(String(16), server_default="licensed")
    meter_id: Mapped[str | None] = mapped_column(Id())  # what a metered plan bills
    interval: Mapped[str] = mapped_column(String(8))  # day | week | month | year | none
    interval_count: Mapped[int] = mapped_column(Integer)
    trial_days: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean)
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        mode_key(),
        tenant_reference("product_id", "products"),
        tenant_reference("meter_id", "meters"),
    )


class Meter(Base):
    """What usage events of one `event_name` add up to per period: the `sum`, `max` or `last`
    of `payload[value_key]`, the `count` of events, or the `unique_count` of its values."""

    __tablename__ = "meters"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    event_name: Mapped[str] = mapped_column(String(100))
    aggregation: Mapped[str] = mapped_column(String(16))
    value_key: Mapped[str | None] = mapped_column(String(100))
    display_name: Mapped[str | None] = mapped_column(String(255))
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        mode_key(),
        UniqueConstraint("account_id", "livemode", "event_name"),
    )
