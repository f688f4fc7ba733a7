"""The `customers` table. Deleting a customer keeps the row (invoices refer to it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import (
    json_column,
    metadata_column,
    mode_column,
    mode_key,
    object_id,
    on_clock_index,
    tenant_key,
    tenant_reference,
    timestamp,
)
from remit.db.types import Id, JSONDoc
from remit.kernel.tax_ids import untyped


class Customer(Base):
    __tablename__ = "customers"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    handle: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(320))
    name: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(64))
    billing_address: Mapped[dict[str, Any] | None] = json_column()
    shipping_address: Mapped[dict[str, Any] | None] = json_column()
    # An id of no known type, as given (shown as type `unknown` among `tax_ids`).
    tax_id: Mapped[str | None] = mapped_column(String(64))
    # [{type, value}], checked and compact (kernel.tax_ids); EN 16931 BT-48 and kin.
    tax_ids: Mapped[list[dict[str, str]]] = mapped_column(
        JSONDoc, nullable=False, default=list, server_default="[]"
    )
    # How the customer is taxed: "none" (normally), "exempt" or "reverse" (reverse charge).
    tax_exempt: Mapped[str] = mapped_column(String(16), server_default="none")
    locale: Mapped[str | None] = mapped_column(String(35))
    invoice_prefix: Mapped[str] = mapped_column(String(12))
    default_payment_method: Mapped[str | None] = mapped_column(Id())
    # The test clock whose time the customer and its objects live on (test mode only).
    test_clock_id: Mapped[str | None] = mapped_column(Id())
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()
    deleted_at: Mapped[datetime | None] = timestamp(nullable=True)

    __table_args__ = (
        mode_key(),
        # Handles are unique per mode: a test customer may share a live customer's handle.
        Index(
            "uq_customers_account_handle",
            "account_id",
            "livemode",
            "handle",
            unique=True,
            sqlite_where=text("handle IS NOT NULL AND deleted_at IS NULL"),
            postgresql_where=text("handle IS NOT NULL AND deleted_at IS NULL"),
        ),
        # Numbers made with a prefix stay unique only if prefixes do, deleted customers included.
        Index("uq_customers_account_invoice_prefix", "account_id", "invoice_prefix", unique=True),
        Index("ix_customers_account_email", "account_id", "email"),
        tenant_reference("test_clock_id", "test_clocks"),
        on_clock_index("customers"),
    )

    @property
    def all_tax_ids(self) -> list[dict[str, str]]:
        """The typed ids, then the untyped `tax_id` as type `unknown` (kernel.tax_ids)."""
        return untyped(self.tax_id, self.tax_ids)
