"""Queries on invoices and their lines, scoped to one account."""

from __future__ import annotations

import builtins  # in the classes below, `list` names the repository's method
from collections.abc import Hashable
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, subqueryload
from sqlalchemy.orm.interfaces import LoaderOption

from remit.clocks.clocked import OnClock
from remit.db.engine import dialect_of
from remit.invoices.filters import InvoiceFilters, Range
from remit.invoices.models import Invoice
from remit.kernel.ids import id_floor
from remit.kernel.pagination import Page, PageRequest
from remit.plans.models import Plan

_MS = timedelta(milliseconds=1)


class InvoiceRepository(OnClock[Invoice]):
    model = Invoice
    kind = "invoice"

    def shape(self, statement: Select[Invoice]) -> Select[Invoice]:
        return statement.options(_lines(dialect_of(self.session)))

    def shape_many(self, statement: Select[Invoice]) -> Select[Invoice]:
        return statement

    def collections(self) -> tuple[str, ...]:
        return ("lines",)

    def variant(self) -> Hashable:
        return dialect_of(self.session)

    async def handle_taken(self, handle: str) -> bool:
        statement = select(Invoice.id).where(self.scoped(), Invoice.handle == handle)
        return await self.session.scalar(statement.limit(1)) is not None

    async def find_by_handle(self, handle: str) -> Invoice | None:
        return await self.session.scalar(self.select().where(Invoice.handle == handle))

    async def list(self, request: PageRequest, filters: InvoiceFilters) -> Page[Invoice]:
        return await self.page(self.filtered(filters), request)

    async def numbered_page(
        self, filters: InvoiceFilters, number: int, size: int
    ) -> tuple[builtins.list[Invoice], int]:
        """Page `number` (from 1) of `size`, newest first, and how many match: for APIs that
        page by number (Reepay's legacy list). Deep pages cost an offset scan."""
        statement = self.filtered(filters)
        count = select(func.count()).select_from(statement.subquery())
        total = await self.session.scalar(count) or 0
        rows = await self.session.scalars(
            statement.order_by(Invoice.id.desc()).offset((number - 1) * size).limit(size)
        )
        return list(rows.all()), total

    def filtered(self, filters: InvoiceFilters) -> Select[Invoice]:
        statement = self.select()
        if filters.status:
            statement = statement.where(Invoice.status.in_(filters.status))
        if filters.collection_methods:
            statement = statement.where(Invoice.collection_method.in_(filters.collection_methods))
        if filters.products:
            plans = select(Plan.id).where(
                Plan.account_id == self.account_id,
                Plan.livemode == self.livemode,
                Plan.product_id.in_(filters.products),
            )
            statement = statement.where(Invoice.plan_id.in_(plans))
        for column, value in (
            (Invoice.customer_id, filters.customer),
            (Invoice.subscription_id, filters.subscription),
            (Invoice.currency, filters.currency),
            (Invoice.number, filters.number),
            (Invoice.handle, filters.handle),
        ):
            if value is not None:
                statement = statement.where(column == value)
        statement = _created_within(statement, filters.created)
        return _due_within(statement, filters.due_at)


async def find_by_token(session: AsyncSession, account_id: str, invoice_id: str) -> Invoice | None:
    """The invoice a signed public token names, in whichever mode it is: the one read not
    scoped to a mode (the token is the key; the page then acts in the invoice's mode)."""
    statement = select(Invoice).options(_lines(dialect_of(session)))
    return await session.scalar(
        statement.where(Invoice.account_id == account_id, Invoice.id == invoice_id)
    )


def _lines(dialect: str) -> LoaderOption:
    """How an invoice's lines load. SQLite searches no index for selectinload's
    `(account_id, invoice_id) IN (VALUES …)`: every read of an invoice scanned all the lines
    in the database. Its subquery load joins on the same key, through ix_invoice_lines_invoice
    (docs/performance.md); PostgreSQL uses the index for either."""
    return subqueryload(Invoice.lines) if dialect == "sqlite" else selectinload(Invoice.lines)


def _created_within(statement: Select[Invoice], bounds: Range) -> Select[Invoice]:
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


def _due_within(statement: Select[Invoice], bounds: Range) -> Select[Invoice]:
    for value, condition in (
        (bounds.gte, lambda v: Invoice.due_at >= v),
        (bounds.gt, lambda v: Invoice.due_at > v),
        (bounds.lte, lambda v: Invoice.due_at <= v),
        (bounds.lt, lambda v: Invoice.due_at < v),
    ):
        if value is not None:
            statement = statement.where(condition(value))
    return statement
