"""The `customer_balance_transactions` table: the ledger of customers' balances.

The balance in a currency is the sum of the customer's transactions in it, never a stored
figure that could drift from them. `ending_balance` is what that sum was right after the
transaction was written (under the customer's lock): a historical figure for statements.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Index, String, Text
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


class CustomerBalanceTransaction(Base):
    __tablename__ = "customer_balance_transactions"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    customer_id: Mapped[str] = mapped_column(Id())
    currency: Mapped[str] = mapped_column(String(8))
    amount: Mapped[Decimal] = mapped_column(Money())  # signed: negative credits the customer
    ending_balance: Mapped[Decimal] = mapped_column(Money())
    # adjustment | applied_to_invoice | unapplied_from_invoice | credit_note | invoice_overpaid
    type: Mapped[str] = mapped_column(String(32))
    # Where the movement came from. Plain ids, no foreign keys: invoices and credit notes
    # live in layers above this one, and the ledger only says where money came from.
    invoice_id: Mapped[str | None] = mapped_column(Id())
    credit_note_id: Mapped[str | None] = mapped_column(Id())
    settlement_id: Mapped[str | None] = mapped_column(Id())
    description: Mapped[str | None] = mapped_column(Text)
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        tenant_reference("customer_id", "customers"),
        # The balance (a sum per customer and currency) and the customer's list, by id.
        Index(
            "ix_customer_balance_transactions_customer",
            "account_id",
            "customer_id",
            "currency",
            "id",
        ),
    )
