"""Queries on products and plans."""

from __future__ import annotations

from remit.db.repository import TenantRepository
from remit.kernel.pagination import Page, PageRequest
from remit.plans.models import Plan, Product


class ProductRepository(TenantRepository[Product]):
    model = Product
    kind = "product"

    async def list(self, request: PageRequest) -> Page[Product]:
        return await self.page(self.select(), request)


class PlanRepository(TenantRepository[Plan]):
    model = Plan
    kind = "plan"

    async def list(self, request: PageRequest, *, product: str | None) -> Page[Plan]:
        statement = self.select()
        if product is not None:
            statement = statement.where(Plan.product_id == product)
        return await self.page(statement, request)
