"""The `provider_attributes` table: one row of attributes per (provider, object)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import json_column, mode_column, tenant_key, timestamp
from remit.db.types import Id


class ProviderAttributes(Base):
    __tablename__ = "provider_attributes"

    account_id: Mapped[str] = tenant_key()
    livemode: Mapped[bool] = mode_column()
    provider: Mapped[str] = mapped_column(String(16), primary_key=True)
    object_id: Mapped[str] = mapped_column(Id(), primary_key=True)
    values: Mapped[dict[str, Any]] = json_column(nullable=False)
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()
