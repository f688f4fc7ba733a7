"""Queries on products, plans and meters."""

from __future__ import annotations

import builtins  # in the classes below, `list` names the repository's method
from typing import Any

from remit.db.engine import insert_for
from remit.db.repository import TenantRepository
from remit.kernel.pagination import Page, PageRequest
from remit.plans.models import Meter, Plan, Product


class ProductRepository(TenantRepository[Product]):
    model = Product
    kind = "product"

    async def existing(self, product_ids: set[str]) -> set[str]:
        """Which of these ids are the account's products (one query; none for no ids)."""
        known = {each for each in product_ids if self._ahead(each, lock=False) is not None}
        if known == product_ids:  # none, or all read ahead
            return known
        statement = self.select().where(Product.id.in_(product_ids)).with_only_columns(Product.id)
        return set(await self.session.scalars(statement))

    async def list(self, request: PageRequest) -> Page[Product]:
        return await self.page(self.select(), request)

    async def everything(self) -> builtins.list[Product]:
        return list(await self.session.scalars(self.select().order_by(Product.id.desc())))


class PlanRepository(TenantRepository[Plan]):
    model = Plan
    kind = "plan"

    async def list(self, request: PageRequest, *, product: str | None) -> Page[Plan]:
        statement = self.select()
        if product is not None:
            statement = statement.where(Plan.product_id == product)
        return await self.page(statement, request)

    async def of_products(self, product_ids: builtins.list[str]) -> dict[str, builtins.list[Plan]]:
        found: dict[str, list[Plan]] = {product_id: [] for product_id in product_ids}
        if product_ids:
            statement = self.select().where(Plan.product_id.in_(product_ids))
            for plan in await self.session.scalars(statement.order_by(Plan.id.desc())):
                found[plan.product_id].append(plan)
        return found


class MeterRepository(TenantRepository[Meter]):
    model = Meter
    kind = "meter"

    async def list(self, request: PageRequest) -> Page[Meter]:
        return await self.page(self.select(), request)

    async def insert_new(self, values: dict[str, Any]) -> Meter | None:
        """The new meter, or None when the mode has one of this event name already
        (INSERT … ON CONFLICT DO NOTHING: two requests at once make one meter)."""
        statement = (
            insert_for(self.session, Meter)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["account_id", "livemode", "event_name"])
            .returning(Meter)
        )
        return await self.session.scalar(statement)

    async def by_event_names(self, event_names: set[str]) -> dict[str, Meter]:
        """The meters of these event names, by name (one query; none for no names)."""
        if not event_names:
            return {}
        statement = self.select().where(Meter.event_name.in_(event_names))
        return {meter.event_name: meter for meter in await self.session.scalars(statement)}
