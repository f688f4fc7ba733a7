"""`make bench`: every scenario on SQLite and (with REMIT_BENCH_POSTGRES_URL) PostgreSQL,
each throughput beside the ceiling measured in the same run; JSON to bench/results/.

    python -m bench [--quick] [--backends sqlite,postgresql] [--out DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench import processes, report, seed
from bench.tenants import Tenant, make_tenants, runtime_for, statements_per_request

POSTGRES_ENV = "REMIT_BENCH_POSTGRES_URL"
WALKERS = 2  # worker processes in scenario 7: one walks the clock, the other helps
SCENARIOS = (
    "statements", "create", "numbering", "lines", "lists", "webhooks", "scale_out", "billing"
)  # fmt: skip
THREE_LINES = [
    {"description": f"Line {n}", "quantity": "2", "unit_amount": "19.99", "tax_rate": "20"}
    for n in range(3)
]


@dataclass(frozen=True)
class Mode:
    seconds: float  # per throughput measurement
    line_counts: dict[int, int]  # lines per invoice -> invoices created
    list_sizes: tuple[int, ...]
    list_requests: int  # per list query and size
    webhook_invoices: int
    webhook_endpoints: int
    clock_subscriptions: int  # billed monthly for a year through one test clock


FULL = Mode(8, {1: 60, 10: 60, 100: 20, 1000: 6}, (10_000, 100_000, 1_000_000), 150, 48, 64, 1000)
QUICK = Mode(2, {1: 10, 10: 10, 100: 5, 1000: 2}, (1_000, 10_000), 30, 12, 32, 40)


@dataclass
class Backend:
    name: str
    url: str  # for remit
    dsn: str  # for the driver


@contextmanager
def backend(name: str, workdir: Path) -> Iterator[Backend]:
    if name == "sqlite":
        path = workdir / "bench.db"
        yield Backend(name, f"sqlite+aiosqlite:///{path}", str(path))
        return
    server = os.environ[POSTGRES_ENV].replace("+asyncpg", "")
    database = f"remit_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(server, f'CREATE DATABASE "{database}"'))
    dsn = server.rsplit("/", 1)[0] + "/" + database
    try:
        yield Backend(name, dsn, dsn)
    finally:
        asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))


async def _admin(dsn: str, sql: str) -> Any:
    import asyncpg

    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetchval(sql)
    finally:
        await connection.close()


class Run:
    """One backend's scenarios against live servers."""

    def __init__(self, db: Backend, mode: Mode, logs: Path, only: set[str]) -> None:
        self.db, self.mode, self.logs, self.only = db, mode, logs, only
        self.secret = secrets.token_urlsafe(32)
        self.env = processes.remit_env(db.url, self.secret)
        self.results: dict[str, Any] = {"backend": db.name}
        self.server_pids: list[int] = []  # the API processes a load's CPU time is read from

    def load(self, urls: list[str], clients: int, requests: list[dict], **more: Any) -> dict:
        spec = {
            "urls": urls,
            "clients": clients,
            "seconds": self.mode.seconds,
            "requests": requests,
        }
        return self._measured(lambda: processes.run_json("load", spec | more), api=True)

    def ceiling(
        self, tenant: Tenant, template: tuple[str, str], clients: int, numbered: bool
    ) -> dict:
        spec = {
            "backend": self.db.name, "dsn": self.db.dsn, "clients": clients,
            "seconds": self.mode.seconds, "account_id": tenant.account_id,
            "invoice_id": template[0], "idempotency_key": template[1], "numbered": numbered,
        }  # fmt: skip
        return self._measured(lambda: processes.run_json("ceiling", spec), api=False)

    def _measured(self, run: Callable[[], dict], *, api: bool) -> dict:
        """`run`'s result, with the CPU per request of the API processes (`api`) and of
        PostgreSQL, and how busy the whole machine was: 100 % is every core."""
        pids = self.server_pids if api else []
        server, machine = processes.cpu_seconds(pids), processes.machine_ticks()
        database = processes.postgres_cpu_seconds() if self.db.name == "postgresql" else None
        result = run()
        sent = max(result.get("sent") or result.get("count") or 0, 1)
        (busy_now, total_now), (busy, total) = processes.machine_ticks(), machine
        share = (busy_now - busy) / max(total_now - total, 1)
        figures: dict[str, Any] = {"machine_busy_pct": round(100 * share, 1)}
        if api:
            used = processes.cpu_seconds(pids) - server
            figures["server_cpu_ms"] = round(used * 1000 / sent, 2)
        if database is not None:
            spent = processes.postgres_cpu_seconds() - database
            figures["db_cpu_ms"] = round(spent * 1000 / sent, 2)
        return result | figures

    def execute(self) -> dict[str, Any]:
        processes.remit("migrate", env=self.env)
        tenants = asyncio.run(self._tenants())
        with processes.serve(self.env, self.logs) as server:
            self.server_pids = [server.process.pid]
            template = _template_invoice(server.url, tenants[0])
            scenarios = {
                "statements": lambda: self.statements(tenants[0]),
                "create": lambda: self.create(server.url, tenants[0], template),
                "numbering": lambda: self.numbering(server.url, tenants, template),
                "lines": lambda: self.lines(server.url, tenants[0]),
                "lists": lambda: self.lists(server.url, tenants[1]),
                "webhooks": lambda: self.webhooks(server.url, tenants[2]),
                "scale_out": lambda: self.scale_out(server.url, tenants[0]),
                "billing": lambda: self.billing(server.url, tenants[3]),
            }
            for name, scenario in scenarios.items():
                if name in self.only and (name != "scale_out" or self.db.name == "postgresql"):
                    print(f"bench: {self.db.name}: {name}", flush=True)
                    self._settle()
                    self.results[name] = scenario()
            self.results["peak_rss_mb"] = server.rss.stop()
        return self.results

    def _settle(self) -> None:
        """On PostgreSQL, vacuum and analyze before each scenario: the rows the previous one
        wrote would otherwise draw autovacuum into the next one's figures (one full run put
        571 ms of database CPU into each 1 000-line create that way; 48 ms when settled)."""
        if self.db.name == "postgresql":
            asyncio.run(_admin(self.db.dsn, "VACUUM (ANALYZE)"))

    async def _tenants(self) -> list[Tenant]:
        runtime = runtime_for(self.db.url, self.secret)
        try:
            return await make_tenants(runtime, 50)
        finally:
            await runtime.db.dispose()

    def statements(self, tenant: Tenant) -> dict[str, Any]:
        runtime = runtime_for(self.db.url, self.secret)
        body = {"customer": tenant.customer_id, "lines": THREE_LINES}
        key = {"Idempotency-Key": uuid.uuid4().hex}

        async def count() -> dict[str, Any]:
            try:
                create, create_sql = await statements_per_request(
                    runtime, tenant, "POST", "/v1/invoices", body, key
                )
                opened = body | {"status": "open", "collection_method": "send_invoice"}
                finalize, _ = await statements_per_request(
                    runtime,
                    tenant,
                    "POST",
                    "/v1/invoices",
                    opened,
                    {"Idempotency-Key": uuid.uuid4().hex},
                )
                return {
                    "create_3_lines": create,
                    "create_and_finalize": finalize,
                    "create_sql": create_sql,
                }
            finally:
                await runtime.db.dispose()

        return asyncio.run(count())

    def create(self, url: str, tenant: Tenant, template: tuple[str, str]) -> list[dict]:
        """Scenario 1: create an invoice with 3 lines, Idempotency-Key on each."""
        request = _create_request(tenant, THREE_LINES)
        rows = []
        for clients in (1, 8):
            api = self.load([url], clients, [request])
            draft = self.ceiling(tenant, template, clients, numbered=False)
            numbered = self.ceiling(tenant, template, clients, numbered=True)
            rows.append(
                {"clients": clients, "api": api, "ceiling": numbered, "ceiling_draft_rows": draft}
            )
        return rows

    def numbering(self, url: str, tenants: list[Tenant], template: tuple[str, str]) -> dict:
        """Scenario 2: create + finalize, on one account (one counter) or over 50."""

        def requests(group: list[Tenant]) -> list[dict]:
            return [
                _create_request(t, THREE_LINES) | {"then": "/v1/invoices/{id}/finalize"}
                for t in group
            ]

        body_ceiling = self.ceiling(tenants[0], template, 8, numbered=True)
        return {
            "clients": 8,
            "one_account": self.load([url], 8, requests(tenants[:1])),
            "fifty_accounts": self.load([url], 8, requests(tenants[:50])),
            "ceiling": body_ceiling,
        }

    def lines(self, url: str, tenant: Tenant) -> list[dict]:
        """Scenario 3: how the cost of a create grows with its lines (1 client)."""
        rows = []
        for count, invoices in self.mode.line_counts.items():
            lines = [
                {
                    "description": f"Item {n}",
                    "quantity": "1",
                    "unit_amount": "3.50",
                    "tax_rate": "10",
                }
                for n in range(count)
            ]
            result = self.load([url], 1, [_create_request(tenant, lines)], count=invoices, warmup=0)
            rows.append({"lines": count, "api": result})
        return rows

    def lists(self, url: str, tenant: Tenant) -> list[dict]:
        """Scenario 4: list latency as the account grows to 1 M invoices (seeded in bulk)."""
        customers = _customers(url, tenant, 10)
        template = _post(
            url, tenant, "/v1/invoices", {"customer": customers[0], "lines": THREE_LINES[:1]}
        )
        rows, seeded = [], 0
        for size in self.mode.list_sizes:
            began = time.perf_counter()
            self._seed(template["id"], customers, seeded, size - seeded)
            seed_seconds = round(time.perf_counter() - began, 1)
            seeded = size
            deep = self._nth_newest(tenant, min(10_000, size - 20))
            queries = {
                "first_page": "/v1/invoices?limit=10",
                "deep_page": f"/v1/invoices?limit=10&starting_after={deep}",
                "filtered": f"/v1/invoices?limit=10&status=paid&customer={customers[2]}",
            }
            row: dict[str, Any] = {"invoices": size, "seed_seconds": seed_seconds}
            for name, path in queries.items():
                request = {"method": "GET", "path": path, "key": tenant.key}
                row[name] = self.load([url], 1, [request], count=self.mode.list_requests, warmup=0)
            rows.append(row)
        return rows

    def _seed(self, invoice_id: str, customers: list[str], first: int, count: int) -> None:
        if self.db.name == "sqlite":
            seed.seed_sqlite(self.db.dsn, invoice_id, customers, first, count)
        else:
            asyncio.run(seed.seed_postgres(self.db.dsn, invoice_id, customers, first, count))

    def _nth_newest(self, tenant: Tenant, n: int) -> str:
        sql = "SELECT id FROM invoices WHERE account_id = {} ORDER BY id DESC LIMIT 1 OFFSET {}"
        if self.db.name == "sqlite":
            with sqlite3.connect(self.db.dsn) as connection:
                return connection.execute(sql.format("?", n), (tenant.account_id,)).fetchone()[0]
        return asyncio.run(_fetch(self.db.dsn, sql.format("$1", n), tenant.account_id))

    def webhooks(self, url: str, tenant: Tenant) -> dict:
        """Scenario 5: a worker drains a backlog of deliveries to a local receiver. An endpoint
        gets its deliveries one at a time, in order (worker/deliveries.py), so the backlog is
        spread over more endpoints than the worker's concurrency (32) to let it fill its slots."""
        port = processes.free_port()
        for _ in range(self.mode.webhook_endpoints):
            _post(
                url,
                tenant,
                "/v1/webhook_endpoints",
                {"url": f"http://127.0.0.1:{port}/hook", "events": ["invoice.created"]},
            )
        request = _create_request(tenant, THREE_LINES[:1])
        self.load([url], 4, [request], count=self.mode.webhook_invoices // 4, warmup=0)
        expected = (self.mode.webhook_invoices // 4) * 4 * self.mode.webhook_endpoints
        with (
            processes.receiver(port, expected, timeout=180) as receiver,
            processes.worker(self.env, self.logs),
        ):
            out, _ = receiver.communicate(timeout=200)
        result = json.loads(out.strip().splitlines()[-1])
        return result | {"expected": expected, "endpoints": self.mode.webhook_endpoints}

    def scale_out(self, url: str, tenant: Tenant) -> dict:
        """Scenario 6: the same load on one API process and on two."""
        request = _create_request(tenant, THREE_LINES)
        with processes.serve(self.env, self.logs) as second:
            one = self.load([url], 8, [request])
            self.server_pids.append(second.process.pid)
            two = self.load([url, second.url], 8, [request])
            self.server_pids.pop()
        return {"clients": 8, "one_process": one, "two_processes": two}

    def billing(self, url: str, tenant: Tenant) -> dict:
        """Scenario 7: a year of monthly billing for many subscriptions through one test clock
        advance, walked by `WALKERS` worker processes (one walks, the others help; bench/clock.py);
        every invoice checked paid."""
        spec = {"url": url, "key": tenant.key, "subscriptions": self.mode.clock_subscriptions}
        with contextlib.ExitStack() as workers:
            for _ in range(WALKERS):
                workers.enter_context(processes.worker(self.env, self.logs))
            result = self._measured(lambda: processes.run_json("clock", spec), api=False)
        sql = (
            "SELECT count(*) FROM invoices WHERE account_id = {0} AND test_clock_id = {1} "
            "AND status = 'paid' AND billing_reason IN ('subscription_create', "
            "'subscription_cycle')"
        )
        if self.db.name == "sqlite":
            with sqlite3.connect(self.db.dsn) as connection:
                paid = connection.execute(
                    sql.format("?", "?"), (tenant.account_id, result["clock"])
                ).fetchone()[0]
        else:
            paid = asyncio.run(
                _fetch(self.db.dsn, sql.format("$1", "$2"), tenant.account_id, result["clock"])
            )
        invoices = result["subscriptions"] * result["periods"]
        if paid != invoices:
            raise RuntimeError(f"billing: {paid} invoices paid, {invoices} expected")
        per_second = round(invoices / result["seconds"], 1)
        return result | {
            "invoices_paid": paid, "per_second": per_second, "target_seconds": 60,
            "worker_processes": WALKERS,
        }  # fmt: skip


async def _fetch(dsn: str, sql: str, *args: Any) -> Any:
    import asyncpg

    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetchval(sql, *args)
    finally:
        await connection.close()


def _create_request(tenant: Tenant, lines: list[dict]) -> dict:
    return {
        "method": "POST",
        "path": "/v1/invoices",
        "body": {"customer": tenant.customer_id, "lines": lines},
        "key": tenant.key,
        "idempotent": True,
    }


def _post(url: str, tenant: Tenant, path: str, body: dict, key: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {tenant.key}"}
    if key:
        headers["Idempotency-Key"] = key
    response = httpx.post(url + path, json=body, headers=headers, timeout=60)
    response.raise_for_status()
    return response.json()


def _template_invoice(url: str, tenant: Tenant) -> tuple[str, str]:
    """An invoice created through the API, whose rows the ceiling copies."""
    key = f"ceiling-{uuid.uuid4().hex}"
    invoice = _post(
        url, tenant, "/v1/invoices", {"customer": tenant.customer_id, "lines": THREE_LINES}, key
    )
    return invoice["id"], key


def _customers(url: str, tenant: Tenant, count: int) -> list[str]:
    return [
        _post(url, tenant, "/v1/customers", {"email": f"list{n}@example.com"})["id"]
        for n in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs, small data (development)")
    parser.add_argument("--backends", default=None, help="comma-separated: sqlite,postgresql")
    parser.add_argument(
        "--scenarios", default=",".join(SCENARIOS), help=f"a subset of {','.join(SCENARIOS)}"
    )
    parser.add_argument("--out", default=str(Path(__file__).parent / "results"))
    args = parser.parse_args()
    names = (
        args.backends.split(",")
        if args.backends
        else (["sqlite", "postgresql"] if os.environ.get(POSTGRES_ENV) else ["sqlite"])
    )
    if "postgresql" in names and not os.environ.get(POSTGRES_ENV):
        parser.error(f"PostgreSQL needs {POSTGRES_ENV}")
    mode = QUICK if args.quick else FULL
    began = time.monotonic()
    machine = report.machine()
    results = []
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="remit-bench-")))
        for name in names:
            db = stack.enter_context(backend(name, workdir))
            results.append(Run(db, mode, workdir, set(args.scenarios.split(","))).execute())
    partial = set(args.scenarios.split(",")) != set(SCENARIOS)
    seconds = time.monotonic() - began
    document = report.document(machine, results, quick=args.quick, seconds=seconds, partial=partial)
    path = report.save(document, Path(args.out))
    print(report.table(document))
    print(f"\nbench: wrote {path}")
