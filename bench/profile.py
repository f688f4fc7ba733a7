"""Where the time goes, under pyinstrument: N invoice creates in-process, or a worker
draining a webhook backlog.

    python -m bench.profile [--backend sqlite|postgresql] [--lines 3] [--requests 300] [--html FILE]
    python -m bench.profile --worker [--backend …] [--requests 48] [--endpoints 64]
    python -m bench.profile --clock 40 [--backend …]

The app runs behind httpx's ASGI transport (no sockets), so the profile shows the server's
own work: routing, validation, the service, the ORM, the driver and serialisation. With
`--worker`, `--requests` invoices each owe one delivery to each of `--endpoints` endpoints;
a `remit` worker runs in-process and sends them to `bench.receiver` in its own process.
With `--clock N`, scenario 7 in small: N monthly subscriptions on a test clock, one advance
of a year, the walk run in-process; it prints CPU and statements per invoice, the
statements by kind, and (unless `--cpu-only`) the profile of the walk.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
from pyinstrument import Profiler
from sqlalchemy import event

from bench import clock, processes
from bench.run import backend
from bench.tenants import make_tenants, runtime_for
from remit.app import create_app
from remit.config import Settings
from remit.kernel import collector
from remit.wiring import build_runtime
from remit.worker.clocks import run_clocks
from remit.worker.runner import Worker

SECRET = "bench-profile-" + "x" * 32


async def _profile(url: str, lines: int, requests: int, profiler: Profiler | None) -> float:
    """Create `requests` invoices; the CPU milliseconds each took (with the profiler's own)."""
    runtime = runtime_for(url, SECRET)
    tenant = (await make_tenants(runtime, 1))[0]
    body = {
        "customer": tenant.customer_id,
        "lines": [
            {"description": f"Line {n}", "quantity": "2", "unit_amount": "19.99", "tax_rate": "20"}
            for n in range(lines)
        ],
    }
    headers = {"Authorization": f"Bearer {tenant.key}"}
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.bench") as client:
        for n in range(requests + 20):  # the first 20 warm caches up, unprofiled
            if n == 20:
                began = time.process_time()
                if profiler:
                    profiler.start()
            key = {"Idempotency-Key": uuid.uuid4().hex}
            response = await client.post("/v1/invoices", json=body, headers=headers | key)
            response.raise_for_status()
    used = time.process_time() - began
    if profiler:
        profiler.stop()
    await runtime.db.dispose()
    return used * 1000 / requests


async def _profile_worker(
    url: str, invoices: int, endpoints: int, concurrency: int, profiler: Profiler | None
) -> tuple[float, float]:
    """Drain `invoices × endpoints` deliveries; CPU ms per delivery, and deliveries a second."""
    settings = Settings(database_url=url, secret_key=SECRET, webhook_allow_private=True)
    runtime = build_runtime(replace(settings, worker_concurrency=concurrency))
    tenant = (await make_tenants(runtime, 1))[0]
    headers = {"Authorization": f"Bearer {tenant.key}"}
    port, expected = processes.free_port(), invoices * endpoints
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.bench") as client:
        for _ in range(endpoints):
            hook = {"url": f"http://127.0.0.1:{port}/hook", "events": ["invoice.created"]}
            made = await client.post("/v1/webhook_endpoints", json=hook, headers=headers)
            made.raise_for_status()
        line = {"description": "Line", "quantity": "1", "unit_amount": "10.00"}
        body = {"customer": tenant.customer_id, "lines": [line]}
        for _ in range(invoices):
            (await client.post("/v1/invoices", json=body, headers=headers)).raise_for_status()
    with processes.receiver(port, expected, timeout=300) as receiver:
        stop = asyncio.Event()
        began, started = time.process_time(), time.perf_counter()
        if profiler:
            profiler.start()
        running = asyncio.create_task(Worker(runtime).run(stop))
        await asyncio.get_running_loop().run_in_executor(None, receiver.wait)
        stop.set()
        await running
        if profiler:
            profiler.stop()
        used, took = time.process_time() - began, time.perf_counter() - started
        out = receiver.stdout.read() if receiver.stdout else ""
    await runtime.db.dispose()
    print(f"receiver: {out.strip()}")
    return used * 1000 / expected, expected / took


async def _profile_clock(url: str, subscriptions: int, profiler: Profiler | None) -> None:
    """Walk a year of monthly billing for `subscriptions` in-process (bench.clock's setup)."""
    runtime = runtime_for(url, SECRET)
    tenant = (await make_tenants(runtime, 1))[0]
    headers = {"Authorization": f"Bearer {tenant.key}"}
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://remit.bench", headers=headers
    ) as client:
        product = await clock._post(client, "/v1/products", {"name": "Seats"})
        plan_body = {"product": product["id"], "amount": "10.00", "interval": "month"}
        plan = await clock._post(client, "/v1/plans", plan_body | {"currency": "USD"})
        start = {"frozen_time": clock._stamp(clock.START)}
        made = await clock._post(client, "/v1/test_clocks", start)
        for n in range(subscriptions):
            await clock._subscriber(client, made["id"], plan["id"], n)
        target = {"frozen_time": clock._stamp(clock.END)}
        await clock._post(client, f"/v1/test_clocks/{made['id']}/advance", target)
    kinds: Counter[str] = Counter()

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        kinds[" ".join(statement.split()[:3])[:72]] += 1

    event.listen(runtime.db.engine.sync_engine, "before_cursor_execute", record)
    database = processes.postgres_cpu_seconds() if "postgresql" in url else None
    began, started = time.process_time(), time.perf_counter()
    if profiler:
        profiler.start()
    await run_clocks(runtime, "bench-profile")
    if profiler:
        profiler.stop()
    took = time.perf_counter() - started
    invoices = subscriptions * clock.PERIODS
    used = (time.process_time() - began) * 1000 / invoices
    statements = sum(kinds.values()) / invoices
    print(f"walk: {invoices} invoices in {took:.1f} s; CPU per invoice (in-process): "
          f"{used:.2f} ms; statements per invoice: {statements:.1f}")  # fmt: skip
    if database is not None:
        spent = (processes.postgres_cpu_seconds() - database) * 1000 / invoices
        print(f"PostgreSQL CPU per invoice: {spent:.2f} ms")
    for kind, count in kinds.most_common(25):
        print(f"{count / invoices:7.2f}  {kind}")
    await runtime.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--lines", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--html", help="write an HTML profile here too")
    parser.add_argument("--worker", action="store_true", help="profile webhook deliveries")
    parser.add_argument("--clock", type=int, metavar="N", help="profile a year of billing N")
    parser.add_argument("--endpoints", type=int, default=64)
    parser.add_argument("--concurrency", type=int, default=Settings().worker_concurrency)
    parser.add_argument("--all", action="store_true", help="show every frame in the profile")
    parser.add_argument(
        "--cpu-only", action="store_true", help="no profile: CPU ms per create, to compare changes"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir, backend(args.backend, Path(workdir)) as db:
        processes.remit("migrate", env=processes.remit_env(db.url, SECRET))
        profiler = None if args.cpu_only else Profiler(async_mode="enabled")
        collector.tune()  # as `remit serve` and `remit worker` do
        if args.clock:
            asyncio.run(_profile_clock(db.url, args.clock, profiler))
        elif args.worker:
            run = _profile_worker(db.url, args.requests, args.endpoints, args.concurrency, profiler)
            cpu_ms, rate = asyncio.run(run)
            print(f"CPU per delivery (worker): {cpu_ms:.2f} ms; {rate:.0f} deliveries/s")
        else:
            cpu_ms = asyncio.run(_profile(db.url, args.lines, args.requests, profiler))
            print(f"CPU per create ({args.lines} lines, client included): {cpu_ms:.2f} ms")
    if profiler is None:
        return
    print(profiler.output_text(unicode=True, show_all=args.all))
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
