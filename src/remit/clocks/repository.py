"""Queries on test clocks."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Select, update

from remit.clocks.models import TestClock
from remit.db.repository import TenantRepository
from remit.kernel.pagination import Page, PageRequest


class TestClockRepository(TenantRepository[TestClock]):
    __test__ = False  # not a pytest class
    model = TestClock
    kind = "test_clock"

    async def list(self, request: PageRequest) -> Page[TestClock]:
        statement: Select[TestClock] = self.select()
        return await self.page(statement, request)

    async def lease(self, clock_id: str, owner: str, until: datetime, now: datetime) -> bool:
        """Hold the clock's walk until `until`, unless another walker holds it still."""
        free = (
            TestClock.leased_until.is_(None)
            | (TestClock.leased_until < now)
            | (TestClock.lease_owner == owner)
        )
        return await self._update(clock_id, free, {"leased_until": until, "lease_owner": owner})

    async def move(self, clock_id: str, owner: str, to: datetime, until: datetime) -> bool:
        """The walk held by `owner` stands at `to`, its lease renewed; False if not held."""
        held = TestClock.lease_owner == owner
        return await self._update(clock_id, held, {"frozen_time": to, "leased_until": until})

    async def _update(
        self, clock_id: str, condition: ColumnElement[bool], values: dict[str, Any]
    ) -> bool:
        statement = (
            update(TestClock)
            .where(self.scoped(), TestClock.id == clock_id, TestClock.status == "advancing")
            .where(condition)
            .values(values)
        )
        # A DML statement's result is a CursorResult; the session types every result `Result`.
        result = cast(CursorResult[Any], await self.session.execute(statement))
        return bool(result.rowcount)
