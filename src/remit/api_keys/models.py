"""The `api_keys` table. Keys are looked up by id (embedded in the secret), not by hash."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import json_column, mode_column, timestamp
from remit.db.types import Id


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(Id(), primary_key=True)
    account_id: Mapped[str] = mapped_column(Id(), ForeignKey("accounts.id"), index=True)
    # The mode of everything the key sees and makes: `rk_test_…` or `rk_live_…`.
    livemode: Mapped[bool] = mode_column()
    name: Mapped[str | None] = mapped_column(String(255))
    scopes: Mapped[list[str]] = json_column(nullable=False)
    secret_hash: Mapped[str] = mapped_column(String(64))  # hex SHA-256 of the secret
    hint: Mapped[str] = mapped_column(String(8))  # last characters, to recognise a key
    # `remit` for bearer keys; a provider's name for a dialect's credentials (see dialects/).
    kind: Mapped[str] = mapped_column(String(16), server_default="remit")
    # An HMAC secret a dialect must recover to check signatures, sealed with the server secret.
    secret_sealed: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = timestamp()
    revoked_at: Mapped[datetime | None] = timestamp(nullable=True)
