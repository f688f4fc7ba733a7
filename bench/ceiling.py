"""The ceiling: what the database itself does with the rows the API writes for one invoice.

    python -m bench.ceiling SPEC_JSON

Copies of a real invoice the API created — its invoice row, lines, `invoice.created` event
and idempotency record, read back from the database — are written by `clients` concurrent
connections, one transaction each, straight through the driver (asyncpg or sqlite3): no HTTP,
no framework, no ORM. With `numbered`, each transaction also takes the next value from the
account's number counter (the same upsert finalization uses) and stores it as the number.
Prints one JSON line like the load generator's.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from bench.stats import summary
from remit.kernel.ids import new_id

WARMUP_SECONDS = 1.0
COUNTER = (
    "INSERT INTO invoice_number_counters (account_id, livemode, scope, next_value)"
    " VALUES ({0}, false, 'account', 2) ON CONFLICT (account_id, livemode, scope)"
    " DO UPDATE SET next_value = invoice_number_counters.next_value + 1"
    " RETURNING next_value - 1"
)


class Template:
    """The captured rows, and fresh copies of them for one more invoice."""

    def __init__(self, invoice: dict, lines: list[dict], event: dict, record: dict) -> None:
        self.invoice, self.lines, self.event, self.record = invoice, lines, event, record

    def copy(self, number: int | None) -> tuple[list, list[list], list, list]:
        now = datetime.now(UTC)
        invoice_id = new_id("inv", now)
        invoice = self.invoice | {"id": invoice_id}
        if number is not None:
            invoice["number"] = f"CEIL-{number:08d}"
        lines = [line | {"id": new_id("il", now), "invoice_id": invoice_id} for line in self.lines]
        event = self.event | {"id": new_id("evt", now), "object_id": invoice_id}
        record = self.record | {"key": uuid.uuid4().hex}
        return (
            list(invoice.values()),
            [list(line.values()) for line in lines],
            list(event.values()),
            list(record.values()),
        )

    def inserts(self, placeholder) -> list[str]:  # type: ignore[no-untyped-def]
        return [
            _insert(table, list(row), placeholder)
            for table, row in (
                ("invoices", self.invoice),
                ("invoice_lines", self.lines[0]),
                ("events", self.event),
                ("idempotency_records", self.record),
            )
        ]


def _insert(table: str, columns: list[str], placeholder) -> str:  # type: ignore[no-untyped-def]
    marks = ", ".join(placeholder(n + 1) for n in range(len(columns)))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


_CAPTURE = (
    "SELECT * FROM invoices WHERE id = {1}",
    "SELECT * FROM invoice_lines WHERE invoice_id = {1} ORDER BY position",
    "SELECT * FROM events WHERE object_id = {1} AND type = 'invoice.created'",
    "SELECT * FROM idempotency_records WHERE account_id = {0} AND key = {2}",
)


# PostgreSQL ---------------------------------------------------------------------------------


async def _pg_template(connection, spec: dict[str, Any]) -> Template:  # type: ignore[no-untyped-def]
    args = (spec["account_id"], spec["invoice_id"], spec["idempotency_key"])
    rows = []
    for query in _CAPTURE:
        used = [n for n in range(3) if f"{{{n}}}" in query]
        sql = query.format(*[f"${used.index(n) + 1}" if n in used else "" for n in range(3)])
        rows.append([dict(row) for row in await connection.fetch(sql, *[args[n] for n in used])])
    return Template(rows[0][0], rows[1], rows[2][0], rows[3][0])


async def _pg_client(
    dsn: str, template: Template, spec: dict, start: float, stop: float
) -> tuple[list[float], int]:
    """The latencies after the warm-up, and how many transactions ran in all."""
    import asyncpg

    connection = await asyncpg.connect(dsn)
    invoice_sql, line_sql, event_sql, record_sql = template.inserts(lambda n: f"${n}")
    counter_sql = COUNTER.format("$1")
    latencies, sent = [], 0
    try:
        while (began := time.perf_counter()) < stop:
            async with connection.transaction():
                number = None
                if spec.get("numbered"):
                    number = await connection.fetchval(counter_sql, spec["account_id"])
                invoice, lines, event, record = template.copy(number)
                await connection.execute(invoice_sql, *invoice)
                await connection.executemany(line_sql, lines)
                await connection.execute(event_sql, *event)
                await connection.execute(record_sql, *record)
            sent += 1
            if began >= start:
                latencies.append(time.perf_counter() - began)
    finally:
        await connection.close()
    return latencies, sent


async def _postgres(spec: dict[str, Any]) -> dict[str, Any]:
    import asyncpg

    connection = await asyncpg.connect(spec["dsn"])
    try:
        template = await _pg_template(connection, spec)
    finally:
        await connection.close()
    now = time.perf_counter()
    start, stop = now + WARMUP_SECONDS, now + WARMUP_SECONDS + spec["seconds"]
    runs = [_pg_client(spec["dsn"], template, spec, start, stop) for _ in range(spec["clients"])]
    done = await asyncio.gather(*runs)
    latencies = [value for values, _ in done for value in values]
    return summary(latencies, spec["seconds"]) | {"sent": sum(sent for _, sent in done)}


# SQLite -------------------------------------------------------------------------------------


def _sqlite_connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
        connection.execute(f"PRAGMA {pragma}")
    return connection


def _sqlite_template(connection: sqlite3.Connection, spec: dict[str, Any]) -> Template:
    connection.row_factory = sqlite3.Row
    args = {"0": spec["account_id"], "1": spec["invoice_id"], "2": spec["idempotency_key"]}
    rows = []
    for query in _CAPTURE:
        sql = query.format(":0", ":1", ":2")
        rows.append([dict(row) for row in connection.execute(sql, args).fetchall()])
    connection.row_factory = None
    return Template(rows[0][0], rows[1], rows[2][0], rows[3][0])


def _sqlite_client(
    path: str, template: Template, spec: dict, start: float, stop: float, out: list
) -> None:
    connection = _sqlite_connect(path)
    try:
        _sqlite_loop(connection, template, spec, start, stop, out)
    except Exception as exc:  # a thread's failure must fail the run, not read as zero
        out.append(exc)
    finally:
        connection.close()


def _sqlite_loop(  # type: ignore[no-untyped-def]
    connection, template: Template, spec: dict, start: float, stop: float, out: list
) -> None:
    invoice_sql, line_sql, event_sql, record_sql = template.inserts(lambda _n: "?")
    counter_sql = COUNTER.format("?")
    while (began := time.perf_counter()) < stop:
        connection.execute("BEGIN IMMEDIATE")
        number = None
        if spec.get("numbered"):
            number = connection.execute(counter_sql, (spec["account_id"],)).fetchone()[0]
        invoice, lines, event, record = template.copy(number)
        connection.execute(invoice_sql, invoice)
        connection.executemany(line_sql, lines)
        connection.execute(event_sql, event)
        connection.execute(record_sql, record)
        connection.execute("COMMIT")
        if began >= start:
            out.append(time.perf_counter() - began)


def _sqlite(spec: dict[str, Any]) -> dict[str, Any]:
    path = spec["dsn"]
    connection = _sqlite_connect(path)
    template = _sqlite_template(connection, spec)
    connection.close()
    now = time.perf_counter()
    start, stop = now + WARMUP_SECONDS, now + WARMUP_SECONDS + spec["seconds"]
    latencies: list[float] = []
    threads = [
        threading.Thread(target=_sqlite_client, args=(path, template, spec, start, stop, latencies))
        for _ in range(spec["clients"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failures = [value for value in latencies if isinstance(value, Exception)]
    if failures:
        raise failures[0]
    return summary(latencies, spec["seconds"])


def main() -> None:
    spec = json.loads(sys.argv[1])
    if spec["backend"] == "sqlite":
        result = _sqlite(spec)
    else:
        import uvloop

        uvloop.install()
        result = asyncio.run(_postgres(spec))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
