"""Queries on subscriptions."""

from __future__ import annotations

from remit.db.repository import TenantRepository
from remit.kernel.pagination import Page, PageRequest
from remit.subscriptions.models import Subscription


class SubscriptionRepository(TenantRepository[Subscription]):
    model = Subscription
    kind = "subscription"

    async def list(self, request: PageRequest, *, customer: str | None) -> Page[Subscription]:
        statement = self.select()
        if customer is not None:
            statement = statement.where(Subscription.customer_id == customer)
        return await self.page(statement, request)
