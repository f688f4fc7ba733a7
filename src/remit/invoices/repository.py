"""Queries on invoices and their lines, scoped to one account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload, subqueryload

from remit.db.repository import TenantRepository
from remit.invoices.models import Invoice
from remit.kernel.ids import id_floor
from remit.kernel.pagination import Page, PageRequest

_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class Range:
    gte: datetime | None = None
    gt: datetime | None = None
    lte: datetime | None = None
    lt: datetime | None = None


@dataclass(frozen=True)
class InvoiceFilters:
    status: tuple[str, ...] = ()
    customer: str | None = None
    subscription: str | None = None
    currency: str | None = None
    number: str | None = None
    created: Range = Range()
    due_at: Range = Range()


class InvoiceRepository(TenantRepository[Invoice]):
    model = Invoice
    kind = "invoice"

    def select(self) -> Select[tuple[Invoice]]:
        return super().select().options(_lines(self.session.bind.dialect.name))

    async def handle_taken(self, handle: str) -> bool:
        statement = select(Invoice.id).where(
            Invoice.account_id == self.account_id, Invoice.handle == handle
        )
        return await self.session.scalar(statement.limit(1)) is not None

    async def list(self, request: PageRequest, filters: InvoiceFilters) -> Page[Invoice]:
        statement = self.select()
        if filters.status:
            statement = statement.where(Invoice.status.in_(filters.status))
        for column, value in (
            (Invoice.customer_id, filters.customer),
            (Invoice.subscription_id, filters.subscription),
            (Invoice.currency, filters.currency),
            (Invoice.number, filters.number),
        ):
            if value is not None:
                statement = statement.where(column == value)
        statement = _created_within(statement, filters.created)
        statement = _due_within(statement, filters.due_at)
        return await self.page(statement, request)


def _lines(dialect: str):  # type: ignore[no-untyped-def]
    """How an invoice's lines load. SQLite searches no index for selectinload's
    `(account_id, invoice_id) IN (VALUES …)`: every read of an invoice scanned all the lines
    in the database. Its subquery load joins on the same key, through ix_invoice_lines_invoice
    (docs/performance.md); PostgreSQL uses the index for either."""
    return subqueryload(Invoice.lines) if dialect == "sqlite" else selectinload(Invoice.lines)


def _created_within(statement: Select[tuple[Invoice]], bounds: Range) -> Select[tuple[Invoice]]:
    """Creation ranges as id ranges: an id's time part is its creation time (kernel.ids),
    so the filter rides the primary key instead of needing an index of its own."""
    if bounds.gte is not None:
        statement = statement.where(Invoice.id >= id_floor("inv", bounds.gte))
    if bounds.gt is not None:
        statement = statement.where(Invoice.id >= id_floor("inv", _next_ms(bounds.gt)))
    if bounds.lt is not None:
        statement = statement.where(Invoice.id < id_floor("inv", bounds.lt))
    if bounds.lte is not None:
        statement = statement.where(Invoice.id < id_floor("inv", _next_ms(bounds.lte)))
    return statement


def _next_ms(moment: datetime) -> datetime:
    """The first millisecond strictly after `moment`."""
    return moment.replace(microsecond=moment.microsecond - moment.microsecond % 1000) + _MS


def _due_within(statement: Select[tuple[Invoice]], bounds: Range) -> Select[tuple[Invoice]]:
    for value, condition in (
        (bounds.gte, lambda v: Invoice.due_at >= v),
        (bounds.gt, lambda v: Invoice.due_at > v),
        (bounds.lte, lambda v: Invoice.due_at <= v),
        (bounds.lt, lambda v: Invoice.due_at < v),
    ):
        if value is not None:
            statement = statement.where(condition(value))
    return statement
