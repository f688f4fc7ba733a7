"""Queries on refunds, and on the settlements they refund."""

from __future__ import annotations

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
