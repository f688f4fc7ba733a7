"""The `payment_methods` table, and `simulator_charges`: the simulator processor's own books.

A payment method never holds a card number: only the processor's token for it and what is
safe to show (brand, last four digits, wallet address).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Index, Integer, String
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
from remit.payments.processors.base import ChargeStatus


class PaymentMethod(Base):
    __tablename__ = "payment_methods"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    customer_id: Mapped[str] = mapped_column(Id())
    type: Mapped[str] = mapped_column(String(16))  # card | bank_account | crypto_wallet
    processor: Mapped[str] = mapped_column(String(32))
    token: Mapped[str] = mapped_column(String(255))
    brand: Mapped[str | None] = mapped_column(String(32))
    last4: Mapped[str | None] = mapped_column(String(4))
    wallet_address: Mapped[str | None] = mapped_column(String(128))
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    detached_at: Mapped[datetime | None] = timestamp(nullable=True)

    __table_args__ = (
        tenant_reference("customer_id", "customers"),
        Index("ix_payment_methods_customer", "account_id", "customer_id", "id"),
    )


class SimulatorCharge(Base):
    """A charge as the simulator processor knows it, keyed by remit's idempotency key."""

    __tablename__ = "simulator_charges"

    idempotency_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    token: Mapped[str] = mapped_column(String(255))
    amount: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(8))
    status: Mapped[ChargeStatus] = mapped_column(String(16))
    failure_code: Mapped[str | None] = mapped_column(String(64))
    retrievals: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = timestamp()
