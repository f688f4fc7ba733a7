"""The `subscriptions` and `subscription_items` tables.

A subscription bills its items every period, in advance, from its `billing_cycle_anchor`:
the periods run from one of the anchor's boundaries to the next (kernel.calendar), after a
partial one that ends at the anchor when one was chosen at creation. `next_bill_at` is when
the next period starts and is due (the worker's timer; it runs to the anchor's next boundary),
`billed_periods` counts the periods billed so far; the database allows one invoice per
subscription and period (invoices' index `uq_invoices_subscription_period`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Index, Integer, String, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from remit.db.base import Base
from remit.db.columns import (
    metadata_column,
    mode_column,
    mode_key,
    object_id,
    on_clock_index,
    tenant_key,
    tenant_reference,
    timestamp,
)
from remit.db.types import Id


class Subscription(Base):
    __tablename__ = "subscriptions"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    customer_id: Mapped[str] = mapped_column(Id())
    plan_id: Mapped[str] = mapped_column(Id())
    payment_method_id: Mapped[str | None] = mapped_column(Id())
    # trialing | active | past_due | unpaid | paused | canceled | incomplete
    status: Mapped[str] = mapped_column(String(16))
    current_period_start: Mapped[datetime] = timestamp()
    current_period_end: Mapped[datetime | None] = timestamp(nullable=True)
    billing_cycle_anchor: Mapped[datetime | None] = timestamp(nullable=True)
    trial_start: Mapped[datetime | None] = timestamp(nullable=True)
    trial_end: Mapped[datetime | None] = timestamp(nullable=True)
    trial_end_notified: Mapped[bool] = mapped_column(Boolean, server_default=false())
    collection_method: Mapped[str] = mapped_column(
        String(24), server_default="charge_automatically"
    )
    days_until_due: Mapped[int | None] = mapped_column(Integer)
    cancel_at_period_end: Mapped[bool] = mapped_column(Boolean, server_default=false())
    billed_periods: Mapped[int] = mapped_column(Integer, server_default="0")
    # When the next period is to be billed (None: never again, or not while paused).
    next_bill_at: Mapped[datetime | None] = timestamp(nullable=True)
    latest_invoice_id: Mapped[str | None] = mapped_column(Id())
    test_clock_id: Mapped[str | None] = mapped_column(Id())  # its customer's
    paused_at: Mapped[datetime | None] = timestamp(nullable=True)
    ended_at: Mapped[datetime | None] = timestamp(nullable=True)
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()
    canceled_at: Mapped[datetime | None] = timestamp(nullable=True)

    __table_args__ = (
        mode_key(),
        tenant_reference("customer_id", "customers"),
        tenant_reference("plan_id", "plans"),
        tenant_reference("test_clock_id", "test_clocks"),
        on_clock_index("subscriptions"),
        Index("ix_subscriptions_account_customer", "account_id", "customer_id", "id"),
        # The billing run's question, across accounts: which subscriptions are due.
        Index(
            "ix_subscriptions_next_bill",
            "next_bill_at",
            sqlite_where=text("next_bill_at IS NOT NULL"),
            postgresql_where=text("next_bill_at IS NOT NULL"),
        ),
    )

    items: Mapped[list[SubscriptionItem]] = relationship(
        order_by="SubscriptionItem.id", lazy="raise", cascade="all, delete-orphan"
    )


class SubscriptionItem(Base):
    """One price a subscription bills every period, with its quantity."""

    __tablename__ = "subscription_items"

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()
    subscription_id: Mapped[str] = mapped_column(Id())
    plan_id: Mapped[str] = mapped_column(Id())
    quantity: Mapped[int] = mapped_column(Integer)
    metadata_: Mapped[dict[str, Any]] = metadata_column()
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        tenant_reference("subscription_id", "subscriptions"),
        tenant_reference("plan_id", "plans"),
        Index("ix_subscription_items_subscription", "account_id", "subscription_id", "id"),
    )
