"""Queries on usage records and usage events."""

from __future__ import annotations

import builtins  # in the class below, `list` names the repository's method
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select, update

from remit.db.engine import insert_for
from remit.db.repository import TenantRepository
from remit.kernel.pagination import Page, PageRequest
from remit.usage.models import UsageEvent, UsageRecord

# Ids per UPDATE that marks events billed: far below either backend's limit of bound
# parameters (32 766 on SQLite, 32 767 on PostgreSQL).
MARK_CHUNK = 10_000


class UsageRecordRepository(TenantRepository[UsageRecord]):
    model = UsageRecord
    kind = "usage record"

    async def for_subscription(self, subscription_id: str, page: PageRequest) -> Page[UsageRecord]:
        statement = self.select().where(UsageRecord.subscription_id == subscription_id)
        return await self.page(statement, page)


class UsageEventRepository(TenantRepository[UsageEvent]):
    model = UsageEvent
    kind = "usage event"

    async def list(
        self, request: PageRequest, *, customer: str | None, event_name: str | None
    ) -> Page[UsageEvent]:
        statement = self.select()
        if customer is not None:
            statement = statement.where(UsageEvent.customer_id == customer)
        if event_name is not None:
            statement = statement.where(UsageEvent.event_name == event_name)
        return await self.page(statement, request)

    async def insert_new(self, rows: Sequence[dict[str, Any]]) -> dict[str, UsageEvent]:
        """Insert the rows whose identifier is new (INSERT … ON CONFLICT DO NOTHING: a
        concurrent request with the same identifier waits, then inserts nothing, and the
        transaction goes on); the events inserted, by identifier."""
        statement = (
            insert_for(self.session, UsageEvent)
            .values(list(rows))
            .on_conflict_do_nothing(index_elements=["account_id", "livemode", "identifier"])
            .returning(UsageEvent)
        )
        inserted = await self.session.scalars(statement)
        return {event.identifier: event for event in inserted}

    async def by_identifiers(self, identifiers: Collection[str]) -> dict[str, UsageEvent]:
        if not identifiers:
            return {}
        statement = self.select().where(UsageEvent.identifier.in_(identifiers))
        return {event.identifier: event for event in await self.session.scalars(statement)}

    async def readings(
        self,
        customer_id: str,
        event_name: str,
        *,
        end: datetime,
        start: datetime | None = None,
        unbilled: bool = False,
    ) -> builtins.list[Row[str, datetime, dict[str, Any]]]:
        """(id, occurred_at, payload) of the customer's events of `event_name` in
        [start, end), oldest first (ties by id); only those no invoice billed yet if
        `unbilled`, and then locked: the caller bills them (mark_billed)."""
        statement = (
            select(UsageEvent.id, UsageEvent.occurred_at, UsageEvent.payload)
            .where(
                self.scoped(),
                UsageEvent.customer_id == customer_id,
                UsageEvent.event_name == event_name,
                UsageEvent.occurred_at < end,
            )
            .order_by(UsageEvent.occurred_at, UsageEvent.id)
        )
        if start is not None:
            statement = statement.where(UsageEvent.occurred_at >= start)
        if unbilled:
            statement = statement.where(UsageEvent.invoice_id.is_(None)).with_for_update()
        return list((await self.session.execute(statement)).all())

    async def billed_on(self, customer_id: str, invoice_id: str) -> builtins.list[UsageEvent]:
        """The customer's events that `invoice_id` billed, oldest first (through the
        customer's index: an invoice bills its own customer's events)."""
        statement = (
            self.select()
            .where(UsageEvent.customer_id == customer_id, UsageEvent.invoice_id == invoice_id)
            .order_by(UsageEvent.occurred_at, UsageEvent.id)
        )
        return list(await self.session.scalars(statement))

    async def mark_billed(self, event_ids: Sequence[str], invoice_id: str) -> None:
        """Set `invoice_id` on these events where no invoice billed them yet."""
        for start in range(0, len(event_ids), MARK_CHUNK):
            chunk = list(event_ids[start : start + MARK_CHUNK])
            await self.session.execute(
                update(UsageEvent)
                .where(self.scoped(), UsageEvent.id.in_(chunk), UsageEvent.invoice_id.is_(None))
                .values(invoice_id=invoice_id)
                .execution_options(synchronize_session=False)
            )
