"""Queries on subscriptions; `items=True` loads each one's items with it (the native API's
answers and the billing run need them; the dialects' reads do not)."""

from __future__ import annotations

from collections.abc import Hashable

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from remit.clocks.clocked import OnClock
from remit.context import Context
from remit.kernel.pagination import Page, PageRequest
from remit.subscriptions.models import Subscription


class SubscriptionRepository(OnClock[Subscription]):
    model = Subscription
    kind = "subscription"

    def __init__(self, ctx: Context, *, items: bool = False) -> None:
        super().__init__(ctx)
        self.items = items

    def shape(self, statement: Select[Subscription]) -> Select[Subscription]:
        return statement.options(selectinload(Subscription.items)) if self.items else statement

    def shape_many(self, statement: Select[Subscription]) -> Select[Subscription]:
        return statement

    def collections(self) -> tuple[str, ...]:
        return ("items",) if self.items else ()

    def variant(self) -> Hashable:
        return self.items

    async def list(self, request: PageRequest, *, customer: str | None) -> Page[Subscription]:
        statement = self.select()
        if customer is not None:
            statement = statement.where(Subscription.customer_id == customer)
        return await self.page(statement, request)
