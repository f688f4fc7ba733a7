"""The `webhook_endpoints`, `webhook_deliveries` and `webhook_attempts` tables.

A delivery is one event owed to one endpoint; it is written in the transaction of the event
(see `fanout`), so it exists exactly when the change committed. Workers lease due deliveries
(`leased_until`), send them, and record each attempt.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Index, Integer, String, Text, text
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
from remit.db.types import Id

_PENDING = text("status = 'pending'")


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    url: Mapped[str] = mapped_column(String(2048))
    description: Mapped[str | None] = mapped_column(Text)
    events: Mapped[list[str]] = json_column(nullable=False)
    format: Mapped[str] = mapped_column(String(16))
    enabled: Mapped[bool] = mapped_column(Boolean)
    disabled_reason: Mapped[str | None] = mapped_column(String(255))
    secret_sealed: Mapped[str] = mapped_column(Text)
    previous_secret_sealed: Mapped[str | None] = mapped_column(Text)
    previous_secret_expires_at: Mapped[datetime | None] = timestamp(nullable=True)
    failing_since: Mapped[datetime | None] = timestamp(nullable=True)
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()
    deleted_at: Mapped[datetime | None] = timestamp(nullable=True)

    __table_args__ = (mode_key(),)


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    endpoint_id: Mapped[str] = mapped_column(Id())
    event_id: Mapped[str] = mapped_column(Id())
    event_type: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # pending | succeeded | failed
    attempt_count: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime | None] = timestamp(nullable=True)
    leased_until: Mapped[datetime | None] = timestamp(nullable=True)
    lease_owner: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()
    delivered_at: Mapped[datetime | None] = timestamp(nullable=True)

    __table_args__ = (
        mode_key(),
        tenant_reference("endpoint_id", "webhook_endpoints"),
        Index("ix_webhook_deliveries_endpoint", "account_id", "endpoint_id", "id"),
        # The workers' two questions: what is due, and is there an older one for the endpoint.
        Index(
            "ix_webhook_deliveries_due",
            "next_attempt_at",
            sqlite_where=_PENDING,
            postgresql_where=_PENDING,
        ),
        Index(
            "ix_webhook_deliveries_pending_per_endpoint",
            "account_id",
            "endpoint_id",
            "id",
            sqlite_where=_PENDING,
            postgresql_where=_PENDING,
        ),
    )


class WebhookAttempt(Base):
    __tablename__ = "webhook_attempts"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    delivery_id: Mapped[str] = mapped_column(Id())
    attempted_at: Mapped[datetime] = timestamp()
    status_code: Mapped[int | None] = mapped_column(Integer)
    latency_ms: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(500))
    next_attempt_at: Mapped[datetime | None] = timestamp(nullable=True)
    worker: Mapped[str] = mapped_column(String(128))

    __table_args__ = (
        tenant_reference("delivery_id", "webhook_deliveries"),
        Index("ix_webhook_attempts_delivery", "account_id", "delivery_id", "id"),
    )
