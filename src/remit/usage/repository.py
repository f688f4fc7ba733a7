"""Queries on usage records."""

from __future__ import annotations

from remit.db.repository import TenantRepository
from remit.kernel.pagination import Page, PageRequest
from remit.usage.models import UsageRecord


class UsageRecordRepository(TenantRepository[UsageRecord]):
    model = UsageRecord
    kind = "usage record"

    async def for_subscription(self, subscription_id: str, page: PageRequest) -> Page[UsageRecord]:
        statement = self.select().where(UsageRecord.subscription_id == subscription_id)
        return await self.page(statement, page)
