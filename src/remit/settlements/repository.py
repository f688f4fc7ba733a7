"""Queries on settlements."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import bindparam, select

from remit.db.repository import TenantRepository, known_none, read_none_ahead, tenant_bound
from remit.kernel.money import add
from remit.kernel.pagination import Page, PageRequest
from remit.settlements.models import Settlement


class SettlementRepository(TenantRepository[Settlement]):
    model = Settlement
    kind = "settlement"

    async def for_invoice(self, invoice_id: str, request: PageRequest) -> Page[Settlement]:
        return await self.page(self.select().where(Settlement.invoice_id == invoice_id), request)

    async def of_invoices(self, invoice_ids: list[str]) -> dict[str, list[Settlement]]:
        """Every settlement of these invoices, oldest first (for lists that show them)."""
        found: dict[str, list[Settlement]] = {invoice_id: [] for invoice_id in invoice_ids}
        if invoice_ids:
            statement = self.select().where(Settlement.invoice_id.in_(invoice_ids))
            for settlement in await self.session.scalars(statement.order_by(Settlement.id)):
                found[settlement.invoice_id].append(settlement)
        return found

    async def same_reference(
        self, invoice_id: str, method: str, reference: str
    ) -> Settlement | None:
        """The first settlement of the invoice by `method` with this `reference` that has not
        failed: the payment a repeated reference names (read under the invoice's lock)."""
        statement = self.select().where(
            Settlement.invoice_id == invoice_id,
            Settlement.method == method,
            Settlement.reference == reference,
            Settlement.status != "failed",
        )
        return await self.session.scalar(statement.order_by(Settlement.id).limit(1))

    async def read_unresolved_ahead(self, invoice_ids: Iterable[str]) -> None:
        """Before `has_unresolved_charge` is asked about each of these invoices in this
        transaction: which have none, in one statement."""
        await read_none_ahead(self.ctx, _KIND, Settlement.invoice_id, invoice_ids, *_AWAITING)

    async def has_unresolved_charge(self, invoice_id: str) -> bool:
        """Whether a processor charge for the invoice still awaits its outcome."""
        if known_none(self.ctx, _KIND, invoice_id):
            return False
        params = {"account_id": self.account_id, "invoice": invoice_id}
        return await self.session.scalar(_UNRESOLVED[self.livemode], params) is not None

    async def pending_total(self, invoice_id: str) -> Decimal:
        # Summed here, not in SQL: SQLite would add the amounts as floats.
        amounts = await self.session.scalars(
            select(Settlement.amount).where(
                self.scoped(),
                Settlement.invoice_id == invoice_id,
                Settlement.status == "pending",
            )
        )
        return add(*amounts)


_KIND = "unresolved_charge"
_AWAITING = (Settlement.status == "pending", Settlement.processor != "manual")
# Built once per mode: every charge asks it (docs/performance.md).
_UNRESOLVED = {
    livemode: select(Settlement.id)
    .where(
        tenant_bound(Settlement, livemode),
        Settlement.invoice_id == bindparam("invoice"),
        *_AWAITING,
    )
    .limit(1)
    for livemode in (False, True)
}
