"""Queries on credit notes and their lines, scoped to one account and mode."""

from __future__ import annotations

import builtins  # in the class below, `list` names the repository's method
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, subqueryload
from sqlalchemy.orm.interfaces import LoaderOption

from remit.credit_notes.models import CreditNote
from remit.db.engine import dialect_of
from remit.db.repository import TenantRepository
from remit.invoices.filters import Range
from remit.kernel.ids import id_floor
from remit.kernel.pagination import Page, PageRequest

ISSUED = "issued"
VOID = "void"
_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class CreditNoteFilters:
    invoice: str | None = None
    customer: str | None = None
    created: Range = field(default_factory=Range)


class CreditNoteRepository(TenantRepository[CreditNote]):
    model = CreditNote
    kind = "credit note"

    def shape(self, statement: Select[CreditNote]) -> Select[CreditNote]:
        return statement.options(_lines(dialect_of(self.session)))

    def variant(self) -> Hashable:
        return dialect_of(self.session)

    async def list(self, request: PageRequest, filters: CreditNoteFilters) -> Page[CreditNote]:
        statement = self.select()
        if filters.invoice is not None:
            statement = statement.where(CreditNote.invoice_id == filters.invoice)
        if filters.customer is not None:
            statement = statement.where(CreditNote.customer_id == filters.customer)
        return await self.page(_created_within(statement, filters.created), request)

    async def of_invoice(
        self, invoice_id: str, *, issued_only: bool = False
    ) -> builtins.list[CreditNote]:
        """The invoice's notes, oldest first (void ones too, unless `issued_only`)."""
        statement = self.select().where(CreditNote.invoice_id == invoice_id)
        if issued_only:
            statement = statement.where(CreditNote.status == ISSUED)
        return list((await self.session.scalars(statement.order_by(CreditNote.id))).all())

    async def issued_of_invoices(
        self, invoice_ids: builtins.list[str]
    ) -> dict[str, builtins.list[CreditNote]]:
        """The notes of these invoices that are not void, oldest first, *without their
        lines* (reading `lines` raises): for objects that show the notes' figures only."""
        found: dict[str, builtins.list[CreditNote]] = {invoice_id: [] for invoice_id in invoice_ids}
        if invoice_ids:
            statement = self.unshaped().where(
                CreditNote.invoice_id.in_(invoice_ids), CreditNote.status == ISSUED
            )
            for note in await self.session.scalars(statement.order_by(CreditNote.id)):
                found[note.invoice_id].append(note)
        return found


async def find_by_token(
    session: AsyncSession, account_id: str, credit_note_id: str
) -> CreditNote | None:
    """The note a signed public token names, in whichever mode it is, with its lines: as
    `invoices.repository.find_by_token`, the one read not scoped to a mode (the token is the
    key)."""
    statement = select(CreditNote).options(_lines(dialect_of(session)))
    return await session.scalar(
        statement.where(CreditNote.account_id == account_id, CreditNote.id == credit_note_id)
    )


def _lines(dialect: str) -> LoaderOption:
    """As invoices load theirs (invoices.repository): SQLite finds the lines by index only
    through a subquery load."""
    return subqueryload(CreditNote.lines) if dialect == "sqlite" else selectinload(CreditNote.lines)


def _created_within(statement: Select[CreditNote], bounds: Range) -> Select[CreditNote]:
    """Creation ranges as id ranges: an id's time part is its creation time (kernel.ids)."""
    if bounds.gte is not None:
        statement = statement.where(CreditNote.id >= id_floor("cn", bounds.gte))
    if bounds.gt is not None:
        statement = statement.where(CreditNote.id >= id_floor("cn", _next_ms(bounds.gt)))
    if bounds.lt is not None:
        statement = statement.where(CreditNote.id < id_floor("cn", bounds.lt))
    if bounds.lte is not None:
        statement = statement.where(CreditNote.id < id_floor("cn", _next_ms(bounds.lte)))
    return statement


def _next_ms(moment: datetime) -> datetime:
    """The first millisecond strictly after `moment`."""
    return moment.replace(microsecond=moment.microsecond - moment.microsecond % 1000) + _MS
