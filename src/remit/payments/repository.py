"""Queries on payment methods."""

from __future__ import annotations

import builtins  # in the classes below, `list` names the repository's method

from sqlalchemy import Select

from remit.db.repository import TenantRepository
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import NotFound
from remit.payments.models import PaymentMethod


class PaymentMethodRepository(TenantRepository[PaymentMethod]):
    model = PaymentMethod
    kind = "payment method"

    def shape(self, statement: Select[PaymentMethod]) -> Select[PaymentMethod]:
        return statement.where(PaymentMethod.detached_at.is_(None))

    async def of_customer(self, customer_id: str, method_id: str, *, param: str) -> PaymentMethod:
        """The customer's own method, or 404 (a method of another customer is not theirs)."""
        method = await self.find(method_id)
        if method is None or method.customer_id != customer_id:
            raise NotFound("payment method for this customer", method_id, param=param)
        return method

    async def newest(self, customer_id: str) -> PaymentMethod | None:
        """The customer's most recently attached method still attached."""
        statement = self.select().where(PaymentMethod.customer_id == customer_id)
        return await self.session.scalar(statement.order_by(PaymentMethod.id.desc()).limit(1))

    async def get_any(self, method_id: str) -> PaymentMethod:
        """A method even if detached since (its pending charges must still resolve)."""
        found = await self.session.scalar(self.unshaped().where(PaymentMethod.id == method_id))
        if found is None:
            raise NotFound(self.kind, method_id)
        return found

    async def list(self, customer_id: str, request: PageRequest) -> Page[PaymentMethod]:
        return await self.page(
            self.select().where(PaymentMethod.customer_id == customer_id), request
        )

    async def of(self, customer_id: str) -> builtins.list[PaymentMethod]:
        statement = self.select().where(PaymentMethod.customer_id == customer_id)
        return list(await self.session.scalars(statement.order_by(PaymentMethod.id.desc())))
