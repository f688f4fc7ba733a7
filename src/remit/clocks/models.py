"""The `test_clocks` table: simulated time for test-mode objects (docs/billing.md, "Test
clocks").

A customer made with a clock lives on it, and so do its subscriptions and invoices
(`test_clock_id` on each): their time is the clock's `frozen_time`, not the wall clock's, and
the worker leaves them alone until the clock is advanced. Advancing sets `status` to
`advancing` and `target_time`; a worker then runs everything due up to the target, step by
step, moving `frozen_time` along, and sets `ready` when done (a crashed advance is picked up
where it stopped by any worker)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import mode_column, mode_key, object_id, tenant_key, timestamp


class TestClock(Base):
    __tablename__ = "test_clocks"
    __test__ = False  # not a pytest class

    account_id: Mapped[str] = tenant_key()
    id: Mapped[str] = object_id()
    livemode: Mapped[bool] = mode_column()  # always false: clocks exist in test mode only
    name: Mapped[str | None] = mapped_column(String(300))
    frozen_time: Mapped[datetime] = timestamp()
    status: Mapped[str] = mapped_column(String(16))  # ready | advancing
    target_time: Mapped[datetime | None] = timestamp(nullable=True)
    # The worker advancing it holds it until then (wall-clock time), renewed at every step.
    leased_until: Mapped[datetime | None] = timestamp(nullable=True)
    lease_owner: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()

    __table_args__ = (
        mode_key(),
        Index("ix_test_clocks_account", "account_id", "livemode", "id"),
        # The worker's question: which clocks are advancing.
        Index(
            "ix_test_clocks_advancing",
            "status",
            sqlite_where=text("status = 'advancing'"),
            postgresql_where=text("status = 'advancing'"),
        ),
    )
