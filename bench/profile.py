"""Where a request's time goes: N invoice creates in-process under pyinstrument.

    python -m bench.profile [--lines 3] [--requests 300] [--postgres URL] [--html FILE]

The app runs behind httpx's ASGI transport (no sockets), so the profile shows the server's
own work: routing, validation, the service, the ORM, the driver and serialisation.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from pyinstrument import Profiler

from bench import processes
from bench.run import backend
from bench.tenants import make_tenants, runtime_for
from remit.app import create_app

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


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--lines", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--html", help="write an HTML profile here too")
    parser.add_argument(
        "--cpu-only", action="store_true", help="no profile: CPU ms per create, to compare changes"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir, backend(args.backend, Path(workdir)) as db:
        processes.remit("migrate", env=processes.remit_env(db.url, SECRET))
        profiler = None if args.cpu_only else Profiler(async_mode="enabled")
        cpu_ms = asyncio.run(_profile(db.url, args.lines, args.requests, profiler))
    print(f"CPU per create ({args.lines} lines, client included): {cpu_ms:.2f} ms")
    if profiler is None:
        return
    print(profiler.output_text(unicode=True, show_all=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
