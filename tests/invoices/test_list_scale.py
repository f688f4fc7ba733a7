"""Lists stay fast with many invoices (SPEC §4): keyset pages over indexes, a fixed handful
of statements whatever the depth, and no scan of the table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert, text

from remit.invoices.models import Invoice
from remit.kernel.ids import format_id, to_millis
from remit.runtime import Runtime
from tests.support import QueryCounter, TenantApi, expect

pytestmark = pytest.mark.slow

INVOICES = 100_000
CHUNK = 500  # rows per INSERT: stays under PostgreSQL's 32 767 bind parameters
# Statements a list request may send: the API key lookup, the page, the page's lines.
LIST_BUDGET = 3


def _rows(account_id: str, customer_id: str, count: int) -> list[dict[str, Any]]:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    rows = []
    for n in range(count):
        moment = start + timedelta(seconds=n)
        amount = Decimal(n % 1000) + Decimal("0.99")
        rows.append(
            {
                "account_id": account_id, "livemode": False,
                "id": format_id("inv", to_millis(moment), n),
                "number": f"#{n + 1:06d}",
                "status": "paid" if n % 10 == 0 else "open", "customer_id": customer_id,
                "currency": "USD", "collection_method": "send_invoice", "subtotal": amount,
                "discount_amount": Decimal(0), "tax_amount": Decimal(0), "total": amount,
                "buyer_fee": Decimal(0), "amount_due": amount, "amount_paid": Decimal(0),
                "tax_breakdown": [], "charge_buyer_fee": False, "attempt_count": 0,
                "billing_reason": "manual", "metadata_": {}, "created_at": moment,
                "updated_at": moment, "finalized_at": moment, "due_at": None,  # no timer work
                "version": 1,
            }
        )  # fmt: skip
    return rows


async def _fill(api: TenantApi, runtime: Runtime) -> list[str]:
    customer = await api.customer()
    rows = _rows(api.account_id, customer["id"], INVOICES)
    async with runtime.db.write() as session:
        for offset in range(0, len(rows), CHUNK):
            await session.execute(insert(Invoice), rows[offset : offset + CHUNK])
    async with runtime.db.write() as session:
        await session.execute(text("ANALYZE"))
    return [row["id"] for row in reversed(rows)]  # newest first, as lists are


async def _plan(runtime: Runtime, statement: str, parameters: Any) -> str:
    async with runtime.db.engine.connect() as connection:
        prefix = "EXPLAIN QUERY PLAN " if runtime.db.is_sqlite else "EXPLAIN "
        result = await connection.exec_driver_sql(prefix + statement, parameters)
        return "\n".join(" ".join(str(part) for part in row) for row in result)


class TestListAtScale:
    async def test_first_deep_and_filtered_pages_cost_the_same_few_statements(
        self, api: TenantApi, runtime: Runtime, queries: QueryCounter, backend: str
    ) -> None:
        ids = await _fill(api, runtime)
        requests = {
            "first": {"limit": 100},
            "deep": {"limit": 100, "starting_after": ids[90_000]},
            "filtered": {"limit": 100, "status": "paid", "starting_after": ids[50_000]},
            "created range": {"limit": 100, "created[lte]": "2025-01-01T12:00:00Z"},
        }
        for name, params in requests.items():
            queries.reset()
            page = expect(await api.get("/v1/invoices", params=params), 200)
            assert len(page["data"]) == 100 and page["has_more"], name
            assert queries.count <= LIST_BUDGET, (name, queries.statements)
            reads = [r for r in queries.selects_from("invoices") if "invoice_lines" not in r[0]]
            assert len(reads) == 1, (name, reads)
            plan = await _plan(runtime, *reads[0])
            _assert_uses_an_index(plan, backend, name)
            if backend == "sqlite":  # PostgreSQL may rightly scan this test's empty lines table
                pairs = zip(queries.statements, queries.parameters, strict=True)
                lines = [(sql, parameters) for sql, parameters in pairs if "invoice_lines" in sql]
                assert len(lines) == 1, (name, lines)
                assert "SCAN invoice_lines" not in await _plan(runtime, *lines[0]), name

        deep = expect(await api.get("/v1/invoices", params=requests["deep"]), 200)
        assert [invoice["id"] for invoice in deep["data"]] == ids[90_001:90_101]
        ranged = expect(await api.get("/v1/invoices", params=requests["created range"]), 200)
        assert ranged["data"][0]["created_at"] == "2025-01-01T12:00:00.000Z"


def _assert_uses_an_index(plan: str, backend: str, name: str) -> None:
    if backend == "postgresql":
        assert "Index" in plan and "Seq Scan on invoices" not in plan, (name, plan)
        assert "Sort" not in plan.split("Index")[0], (name, plan)  # no sort of the whole set
    else:
        scans = [line for line in plan.splitlines() if "invoices" in line]
        assert scans and all("INDEX" in line or "PRIMARY KEY" in line for line in scans), (
            name,
            plan,
        )
        assert "TEMP B-TREE" not in plan, (name, plan)
