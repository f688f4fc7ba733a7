"""SQL statements per endpoint, with a budget each (STYLE: an N+1 fails a test).

Counted: every statement but BEGIN/COMMIT, the API key lookup included. A budget that is
exceeded means a query was added; raise it only with a reason.
"""

from __future__ import annotations

import pytest

from tests.support import QueryCounter, TenantApi, expect

LINES = [{"description": f"line {n}", "unit_amount": "1.00", "tax_rate": "10"} for n in range(50)]


async def _measure(queries: QueryCounter, request) -> int:  # type: ignore[no-untyped-def]
    queries.reset()
    response = await request
    assert response.status_code < 300, response.text
    return queries.count


class TestBudgets:
    @pytest.mark.parametrize("idempotent", [False, True])
    async def test_create_invoice_with_many_lines(
        self, api: TenantApi, queries: QueryCounter, idempotent: bool
    ) -> None:
        customer = await api.customer()
        headers = {"Idempotency-Key": "budget"} if idempotent else None
        body = {"customer": customer["id"], "lines": LINES}
        count = await _measure(queries, api.post("/v1/invoices", body, headers=headers))
        # key, account with customer, webhook subscribers (the outbox), invoice insert, lines
        # insert (one batch), event (+ advisory lock, record lookup and insert with a key)
        assert count <= (9 if idempotent else 6), queries.statements

    async def test_finalize(self, api: TenantApi, queries: QueryCounter) -> None:
        draft = await api.invoice(lines=LINES)
        count = await _measure(queries, api.post(f"/v1/invoices/{draft['id']}/finalize"))
        # key, invoice (locked), its lines, account, customer, customer balance (its ledger's
        # sum; locked and written only when not zero), counter, subscribers, update, event
        # (+ NOTIFY on PostgreSQL: the worker charges it)
        assert count <= 11, queries.statements

    async def test_get_invoice(self, api: TenantApi, queries: QueryCounter) -> None:
        invoice = await api.invoice(lines=LINES)
        count = await _measure(queries, api.get(f"/v1/invoices/{invoice['id']}"))
        assert count <= 3, queries.statements  # key, invoice, lines

    async def test_list_invoices_does_not_grow_with_the_page(
        self, api: TenantApi, queries: QueryCounter
    ) -> None:
        customer = await api.customer()
        for _ in range(12):
            await api.invoice(customer=customer["id"], lines=LINES[:3])
        small = await _measure(queries, api.get("/v1/invoices", params={"limit": 2}))
        large = await _measure(queries, api.get("/v1/invoices", params={"limit": 12}))
        assert small == large <= 3, queries.statements

    async def test_settlement_that_pays(self, api: TenantApi, queries: QueryCounter) -> None:
        invoice = await api.open_invoice()
        body = {"method": "bank_transfer", "reference": "BANK-1"}
        count = await _measure(queries, api.post(f"/v1/invoices/{invoice['id']}/settlements", body))
        # key, invoice (locked), lines, pending sum, subscribers, settlement insert, invoice
        # update, 3 events
        assert count <= 10, queries.statements
        paid = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert paid["status"] == "paid"

    async def test_expanding_customers_costs_one_statement_per_page(
        self, api: TenantApi, queries: QueryCounter
    ) -> None:
        for n in range(5):
            await api.invoice(customer={"email": f"c{n}@example.com"})
        params = {"expand[]": "customer", "limit": 5}
        count = await _measure(queries, api.get("/v1/invoices", params=params))
        assert count <= 4, queries.statements  # key, page, lines, customers
