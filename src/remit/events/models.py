"""The `events` table: the transactional outbox that webhook delivery reads."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import json_column, mode_column, object_id, tenant_key, timestamp
from remit.db.types import Id


class Event(Base):
    __tablename__ = "events"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    type: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(Id())
    data: Mapped[dict[str, Any]] = json_column(nullable=False)  # the object at that moment
    # More about the change than the object says (`final` on invoice.payment_failed, …).
    details: Mapped[dict[str, Any] | None] = json_column()
    actor: Mapped[str] = mapped_column(String(64))  # key_…, cli, worker, public
    request_id: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        Index("ix_events_account_type", "account_id", "type", "id"),
        Index("ix_events_account_object", "account_id", "object_id", "id"),
    )
