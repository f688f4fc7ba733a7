"""The `idempotency_records` table: key, request fingerprint and the stored response."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import mode_column, timestamp
from remit.db.types import Id


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_records"

    account_id: Mapped[str] = mapped_column(Id(), ForeignKey("accounts.id"), primary_key=True)
    livemode: Mapped[bool] = mode_column(primary_key=True)  # keys are per mode, as objects
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = timestamp()

    __table_args__ = (Index("ix_idempotency_records_created", "created_at"),)
