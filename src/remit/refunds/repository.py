"""Queries on refunds, and on the settlements they refund."""

from __future__ import annotations

import builtins  # in the class below, `list` names the repository's method

from sqlalchemy import select

from remit.db.repository import TenantRepository
from remit.kernel.pagination import Page, PageRequest
from remit.refunds.models import Refund
from remit.settlements.models import Settlement


class RefundRepository(TenantRepository[Refund]):
    model = Refund
    kind = "refund"

    async def list(
        self, request: PageRequest, *, settlement_id: str | None, invoice_id: str | None
    ) -> Page[Refund]:
        statement = self.select()
        if settlement_id is not None:
            statement = statement.where(Refund.settlement_id == settlement_id)
        if invoice_id is not None:
            statement = statement.where(Refund.invoice_id == invoice_id)
        return await self.page(statement, request)

    async def of_invoices(
        self, invoice_ids: builtins.list[str]
    ) -> dict[str, builtins.list[Refund]]:
        """Every refund of these invoices, oldest first (for objects that show them)."""
        found: dict[str, builtins.list[Refund]] = {invoice_id: [] for invoice_id in invoice_ids}
        if invoice_ids:
            statement = self.select().where(Refund.invoice_id.in_(invoice_ids))
            for refund in await self.session.scalars(statement.order_by(Refund.id)):
                found[refund.invoice_id].append(refund)
        return found


class RefundedSettlements(TenantRepository[Settlement]):
    """Settlements as refunds read them: under the invoice's lock, then their own."""

    model = Settlement
    kind = "settlement"

    async def confirmed_of(self, invoice_id: str) -> list[Settlement]:
        """The invoice's confirmed settlements, newest first, locked (the caller holds the
        invoice's lock: the fixed order)."""
        statement = (
            select(Settlement)
            .where(
                self.scoped(),
                Settlement.invoice_id == invoice_id,
                Settlement.status == "confirmed",
            )
            .order_by(Settlement.id.desc())
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return list(await self.session.scalars(statement))
