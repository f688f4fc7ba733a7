"""`GET /invoices`: Whop's filters and cursor pages over remit's invoice list.

Whop pages forward with `after` + `first` and backward with `before` + `last`, and answers
`page_info {start_cursor, end_cursor, has_next_page, has_previous_page}`; cursors are
invoice ids (remit's keyset order: newest first, or oldest first with `direction=asc`).
`end_cursor` is null on the last page, so the SDKs' auto-pagination stops there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from remit.context import Context
from remit.customers import service as customers
from remit.dialects.whop import mapping
from remit.invoices import service
from remit.invoices.filters import InvoiceFilters, Range
from remit.invoices.schemas import InvoiceOut
from remit.kernel.pagination import DEFAULT_LIMIT, Page, PageRequest

# Whop's `void` is remit's void and expired (an invoice that can no longer be paid).
_REMIT_STATUSES = {"void": ("void", "expired")}


@dataclass(frozen=True)
class Query:
    statuses: tuple[str, ...]
    collection_methods: tuple[str, ...]
    products: tuple[str, ...]
    created_after: datetime | None
    created_before: datetime | None
    first: int | None
    last: int | None
    after: str | None
    before: str | None
    ascending: bool = False

    def filters(self) -> InvoiceFilters:
        statuses = [s for status in self.statuses for s in _REMIT_STATUSES.get(status, (status,))]
        return InvoiceFilters(
            status=tuple(statuses),
            created=Range(gt=self.created_after, lt=self.created_before),
            collection_methods=self.collection_methods,
            products=self.products,
        )

    def page(self) -> PageRequest:
        if self.before is not None:
            limit = self.last or self.first or DEFAULT_LIMIT
            return PageRequest(limit, ending_before=self.before, ascending=self.ascending)
        limit = self.first or self.last or DEFAULT_LIMIT
        return PageRequest(limit, starting_after=self.after, ascending=self.ascending)


async def run(ctx: Context, query: Query) -> dict[str, Any]:
    found = await service.list_invoices(ctx, query.page(), query.filters())
    people = await customers.customers_by_ids(ctx, {i.customer_id for i in found.items})
    data = [
        mapping.invoice(
            InvoiceOut.of(i, ctx.links, people.get(i.customer_id)).model_dump(mode="json"),
            ctx.account_id,
        )
        for i in found.items
    ]
    return {"data": data, "page_info": page_info(found, query)}


def page_info(found: Page[Any], query: Query) -> dict[str, Any]:
    first = found.items[0].id if found.items else None
    last = found.items[-1].id if found.items else None
    if query.before is not None:  # paging back: later pages follow, earlier ones may precede
        return {
            "start_cursor": first if found.has_more else None,
            "end_cursor": last,
            "has_previous_page": found.has_more,
            "has_next_page": True,
        }
    return {
        "start_cursor": first,
        "end_cursor": last if found.has_more else None,
        "has_previous_page": query.after is not None,
        "has_next_page": found.has_more,
    }
