"""What an invoice list may be filtered by (SPEC §4), as values: the API's and the dialects'
list parameters become these, and the repository turns them into one indexed query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
    collection_methods: tuple[str, ...] = ()
    products: tuple[str, ...] = ()  # invoices for a plan of one of these products
    handle: str | None = None
