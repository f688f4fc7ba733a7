"""Bulk-load invoices for the list scenario, straight through the driver (not the API):
COPY on PostgreSQL, `executemany` in large transactions on SQLite.

Each seeded invoice is a copy of a real one the API created (its row and first line), with
a fresh id whose time part places it in the past, so seeded invoices sort behind the live
ones exactly as older invoices would. Statuses and customers rotate, so filters select a
known fraction: one in `len(STATUSES)` by status, one in `len(customers)` by customer.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

from remit.kernel.ids import format_id, id_time, to_millis

STATUSES = ("draft", "open", "paid", "void")
BATCH = 50_000
_VARYING = ("id", "status", "number", "customer_id", "created_at", "updated_at")


def _rows(
    template: dict[str, Any],
    line: dict[str, Any],
    customers: list[str],
    first: int,
    count: int,
    text_times: bool = False,
) -> tuple[list[list], list[list]]:
    """`count` invoices (and their line) from number `first` on, as value lists in the
    templates' column order. Built by position: a million rows must not cost a dict each."""
    base = to_millis(datetime.now(UTC) - timedelta(days=60))
    columns, line_columns = list(template), list(line)
    at = {name: columns.index(name) for name in _VARYING}
    line_id, line_invoice = line_columns.index("id"), line_columns.index("invoice_id")
    row, line_row = list(template.values()), list(line.values())
    invoices, lines = [], []
    for n in range(first, first + count):
        invoice_id = format_id("inv", base + n, int.from_bytes(os.urandom(10), "big") >> 1)
        created: Any = id_time(invoice_id)
        if text_times:  # SQLAlchemy's SQLite DATETIME storage format
            created = created.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        status = STATUSES[n % len(STATUSES)]
        row[at["id"]], row[at["status"]] = invoice_id, status
        row[at["number"]] = None if status == "draft" else f"SEED-{n:08d}"
        row[at["customer_id"]] = customers[n % len(customers)]
        row[at["created_at"]] = row[at["updated_at"]] = created
        invoices.append(row.copy())
        line_row[line_id], line_row[line_invoice] = "il_" + invoice_id[4:], invoice_id
        lines.append(line_row.copy())
    return invoices, lines


async def seed_postgres(
    dsn: str, invoice_id: str, customers: list[str], first: int, count: int
) -> None:
    import asyncpg

    connection = await asyncpg.connect(dsn)
    try:
        template = dict(
            await connection.fetchrow("SELECT * FROM invoices WHERE id = $1", invoice_id)
        )
        line = dict(
            await connection.fetchrow(
                "SELECT * FROM invoice_lines WHERE invoice_id = $1 ORDER BY position", invoice_id
            )
        )
        for start in range(first, first + count, BATCH):
            size = min(BATCH, first + count - start)
            invoices, lines = _rows(template, line, customers, start, size)
            async with connection.transaction():
                await connection.copy_records_to_table(
                    "invoices", records=invoices, columns=list(template)
                )
                await connection.copy_records_to_table(
                    "invoice_lines", records=lines, columns=list(line)
                )
        await connection.execute("ANALYZE invoices")
        await connection.execute("ANALYZE invoice_lines")
    finally:
        await connection.close()


def seed_sqlite(path: str, invoice_id: str, customers: list[str], first: int, count: int) -> None:
    connection = sqlite3.connect(path, isolation_level=None, timeout=60)
    connection.row_factory = sqlite3.Row
    template = dict(
        connection.execute("SELECT * FROM invoices WHERE id = ?", (invoice_id,)).fetchone()
    )
    line = dict(
        connection.execute(
            "SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position", (invoice_id,)
        ).fetchone()
    )
    connection.row_factory = None
    insert_invoice = _insert("invoices", list(template))
    insert_line = _insert("invoice_lines", list(line))
    try:
        for start in range(first, first + count, BATCH):
            size = min(BATCH, first + count - start)
            invoices, lines = _rows(template, line, customers, start, size, True)
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(insert_invoice, invoices)
            connection.executemany(insert_line, lines)
            connection.execute("COMMIT")
        connection.execute("ANALYZE")
    finally:
        connection.close()


def _insert(table: str, columns: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
