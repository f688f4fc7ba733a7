"""Soak: mixed traffic against a live `remit serve` (with its worker and a webhook receiver)
for a while, sampling the server's memory and every request's latency, then a plot.

    make soak                                   # 10 minutes on SQLite
    .venv/bin/python soak/run.py --minutes 2 --database-url postgresql://…/remit_soak

Writes `soak/out/soak.png` (memory and latency over time) and `soak/out/summary.json`, and
exits non-zero when memory or latency grew between the first and the last third of the run
(after a warm-up), when a request failed with a 5xx, or when a webhook was lost: an event
with no delivery, or a delivery given up on. Deliveries still queued when the run ends (the
worker sends one at a time per endpoint, in order) are reported as the backlog, not failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parent
REMIT = [sys.executable, "-m", "remit.cli"]
SAMPLE_SECONDS = 2.0
WINDOW_SECONDS = 10.0
# Growth allowed between the first and last third (after warm-up) before the run fails.
MEMORY_GROWTH = 1.25
LATENCY_GROWTH = 2.0


@dataclass
class Record:
    samples: list[tuple[float, float]] = field(default_factory=list)  # (t, RSS MiB)
    latencies: list[tuple[float, float, str]] = field(default_factory=list)  # (t, ms, operation)
    errors: list[str] = field(default_factory=list)
    received: set[str] = field(default_factory=set)  # event ids the receiver got
    expected: set[str] = field(default_factory=set)  # event ids the API listed
    queued: set[str] = field(default_factory=set)  # event ids with a delivery still pending
    lost: set[str] = field(default_factory=set)  # event ids without a live delivery
    arrivals: list[float] = field(default_factory=list)  # when each webhook arrived
    started: float = field(default_factory=time.monotonic)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextlib.asynccontextmanager
async def webhook_receiver(record: Record) -> AsyncIterator[str]:
    async def app(scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body, more = b"", True
        while more:
            message = await receive()
            body, more = body + message.get("body", b""), message.get("more_body", False)
        record.received.add(json.loads(body)["id"])
        record.arrivals.append(time.monotonic())
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, port=port, log_level="warning", lifespan="off", access_log=False)
    )
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event to wait on
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/hooks"
    finally:
        server.should_exit = True
        await task


def start_server(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [*REMIT, "serve", "--port", str(port), "--no-access-log"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise SystemExit(f"remit serve did not start; see {log}")


LINES = [
    {"description": "Consulting", "quantity": "3", "unit_amount": "19.99", "tax_rate": "8.25"},
    {"description": "Licence", "quantity": "1", "unit_amount": "120.00"},
]


async def timed(client: httpx.AsyncClient, record: Record, name: str, method: str, path: str,
                started: float, **kwargs: Any) -> dict[str, Any] | None:  # fmt: skip
    begin = time.monotonic()
    try:
        response = await client.request(method, path, **kwargs)
    except httpx.HTTPError as exc:
        record.errors.append(f"{name}: {exc.__class__.__name__}")
        return None
    record.latencies.append((begin - started, (time.monotonic() - begin) * 1000, name))
    if response.status_code >= 500:
        record.errors.append(f"{name}: {response.status_code} {response.text[:200]}")
    if response.status_code >= 300 or not response.content:
        return None
    return response.json() if "json" in response.headers.get("content-type", "") else {}


async def one_invoice(client: httpx.AsyncClient, record: Record, started: float) -> None:
    """Create a customer and invoice, finalize it, pay it (or not), read and list."""
    call = lambda name, method, path, **kw: timed(client, record, name, method, path, started, **kw)  # noqa: E731
    customer = await call("create customer", "POST", "/v1/customers",
                          json={"name": "Soak", "email": "soak@example.com"})  # fmt: skip
    if customer is None:
        return
    invoice = await call("create invoice", "POST", "/v1/invoices",
                         json={"customer": customer["id"], "lines": LINES},
                         headers={"Idempotency-Key": os.urandom(8).hex()})  # fmt: skip
    if invoice is None:
        return
    finalized = await call("finalize", "POST", f"/v1/invoices/{invoice['id']}/finalize", json={})
    if finalized and random.random() < 0.7:
        await call("settle", "POST", f"/v1/invoices/{invoice['id']}/settlements",
                   json={"method": "bank_transfer"})  # fmt: skip
    await call("read invoice", "GET", f"/v1/invoices/{invoice['id']}")
    await call("list invoices", "GET", "/v1/invoices", params={"limit": 20})
    if finalized and random.random() < 0.1:
        await call("public page", "GET", f"/i/{finalized['public_token']}")


async def traffic(url: str, key: str, record: Record, seconds: float, clients: int) -> None:
    started = time.monotonic()
    headers = {"Authorization": f"Bearer {key}"}

    async def client_loop() -> None:
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
            while time.monotonic() - started < seconds:
                await one_invoice(client, record, started)

    await asyncio.gather(*(client_loop() for _ in range(clients)))


async def sample_memory(pid: int, record: Record, started: float, stop: asyncio.Event) -> None:
    while not stop.is_set():
        record.samples.append((time.monotonic() - started, rss_mib(pid)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), SAMPLE_SECONDS)


async def all_event_ids(url: str, key: str) -> set[str]:
    found: set[str] = set()
    params: dict[str, Any] = {"limit": 100}
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {key}"}) as c:
        while True:
            page = (await c.get("/v1/events", params=params)).json()
            found |= {e["id"] for e in page["data"] if not e["type"].startswith("webhook_")}
            if not page["has_more"]:
                return found
            params["starting_after"] = page["next_cursor"]


async def account_for_deliveries(url: str, key: str, endpoint: str, record: Record) -> None:
    """Every event not received must still have a pending delivery; else it is lost."""
    states: dict[str, str] = {}
    params: dict[str, Any] = {"limit": 100}
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {key}"}) as c:
        while True:
            page = await c.get(f"/v1/webhook_endpoints/{endpoint}/deliveries", params=params)
            listed = page.json()
            states |= {d["event"]: d["status"] for d in listed["data"]}
            if not listed["has_more"]:
                break
            params["starting_after"] = listed["next_cursor"]
    missing = record.expected - record.received
    record.queued = {event for event in missing if states.get(event) == "pending"}
    record.lost = missing - record.queued


def thirds(values: list[tuple[float, float]], warmup: float) -> tuple[list[float], list[float]]:
    kept = [(t, v) for t, v in values if t >= warmup]
    if len(kept) < 3:
        return [v for _, v in kept], [v for _, v in kept]
    end, begin = kept[-1][0], kept[0][0]
    third = (end - begin) / 3
    return ([v for t, v in kept if t <= begin + third], [v for t, v in kept if t >= end - third])


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) >= 2 else (values or [0])[0]


def summarize(record: Record, seconds: float) -> dict[str, Any]:
    warmup = min(60.0, seconds / 5)
    memory_first, memory_last = thirds(record.samples, warmup)
    timing = [(t, ms) for t, ms, _ in record.latencies]
    latency_first, latency_last = thirds(timing, warmup)
    summary = {
        "seconds": seconds,
        "requests": len(record.latencies),
        "errors": record.errors[:20],
        "error_count": len(record.errors),
        "webhooks_received": len(record.received),
        "webhooks_backlog": len(record.queued),
        "webhooks_lost": len(record.lost),
        "memory_mib_first_third": max(memory_first or [0]),
        "memory_mib_last_third": max(memory_last or [0]),
        "p99_ms_first_third": round(p99(latency_first), 1),
        "p99_ms_last_third": round(p99(latency_last), 1),
    }
    summary["memory_flat"] = (
        summary["memory_mib_last_third"] <= summary["memory_mib_first_third"] * MEMORY_GROWTH
    )
    summary["latency_flat"] = summary["p99_ms_last_third"] <= max(
        summary["p99_ms_first_third"] * LATENCY_GROWTH, 50.0
    )
    summary["ok"] = bool(
        summary["memory_flat"] and summary["latency_flat"] and not record.errors
        and not record.lost and summary["requests"]
    )  # fmt: skip
    return summary


def plot(record: Record, summary: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (memory, latency, hooks) = plt.subplots(3, 1, figsize=(10, 9), sharex=True)
    memory.plot([t for t, _ in record.samples], [m for _, m in record.samples], color="tab:blue")
    memory.set_ylabel("server RSS (MiB)")
    memory.set_ylim(bottom=0)
    memory.set_title(
        f"remit soak: {summary['requests']} requests in {summary['seconds']:.0f} s, "
        f"{summary['webhooks_received']} webhooks"
    )
    windows: dict[int, list[float]] = {}
    for t, ms, _ in record.latencies:
        windows.setdefault(int(t // WINDOW_SECONDS), []).append(ms)
    starts = sorted(windows)
    at = [(w + 0.5) * WINDOW_SECONDS for w in starts]
    latency.plot(at, [statistics.median(windows[w]) for w in starts], label="p50")
    latency.plot(at, [p99(windows[w]) for w in starts], label="p99")
    latency.set_ylabel(f"latency per {WINDOW_SECONDS:.0f} s (ms)")
    latency.set_ylim(bottom=0)
    latency.legend()
    delivered: dict[int, int] = {}
    for when in record.arrivals:
        window = int((when - record.started) // WINDOW_SECONDS)
        delivered[window] = delivered.get(window, 0) + 1
    hooks.bar([(w + 0.5) * WINDOW_SECONDS for w in sorted(delivered)],
              [delivered[w] for w in sorted(delivered)], width=WINDOW_SECONDS * 0.8)  # fmt: skip
    hooks.set_ylabel(f"webhooks per {WINDOW_SECONDS:.0f} s")
    hooks.set_xlabel("seconds")
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def prepare(args: argparse.Namespace) -> tuple[dict[str, str], str]:
    """A migrated database with one account: the server's environment and the API key."""
    workdir = Path(tempfile.mkdtemp(prefix="remit-soak-"))
    database = args.database_url or f"sqlite:///{workdir}/soak.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMIT_")}
    env |= {"REMIT_DATABASE_URL": database, "REMIT_SECRET_KEY": "soak-" + "s" * 40,
            "REMIT_WEBHOOK_ALLOW_PRIVATE": "1", "REMIT_API_RATE_LIMIT": "1000000",
            "REMIT_PUBLIC_RATE_LIMIT": "1000000"}  # fmt: skip
    subprocess.run([*REMIT, "migrate"], env=env, check=True, capture_output=True)
    created = subprocess.run([*REMIT, "accounts", "create", "--name", "Soak", "--json"],
                             env=env, check=True, capture_output=True, text=True)  # fmt: skip
    return env, json.loads(created.stdout)["api_key"]


async def soak(url: str, pid: int, key: str, args: argparse.Namespace) -> Record:
    record = Record()
    async with webhook_receiver(record) as hooks:
        auth = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(base_url=url, headers=auth) as client:
            made = await client.post("/v1/webhook_endpoints", json={"url": hooks})
            made.raise_for_status()
        stop, started = asyncio.Event(), time.monotonic()
        record.started = started
        sampler = asyncio.create_task(sample_memory(pid, record, started, stop))
        await traffic(url, key, record, args.minutes * 60, args.clients)
        record.expected = await all_event_ids(url, key)
        for _ in range(300):  # let the worker catch up a little
            if record.expected <= record.received:
                break
            await asyncio.sleep(0.1)
        await account_for_deliveries(url, key, made.json()["id"], record)
        stop.set()
        await sampler
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--database-url", default=os.environ.get("SOAK_DATABASE_URL"))
    parser.add_argument("--out", default=str(ROOT / "out"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    env, key = prepare(args)
    process, url = start_server(env, out / "server.log")
    try:
        record = asyncio.run(soak(url, process.pid, key, args))
    finally:
        process.terminate()
        process.wait(timeout=30)
    summary = summarize(record, args.minutes * 60)
    plot(record, summary, out / "soak.png")
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
