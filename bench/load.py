"""The load generator: a separate process that drives a live `remit serve` over loopback HTTP.

    python -m bench.load SPEC_JSON

SPEC_JSON says what to send: `{"urls": [...], "clients": 8, "seconds": 10, "requests": [...]}`
where each request template is `{"method", "path", "body", "key", "idempotent", "then"}`;
`then` (optional) is a path template run after it with `{id}` from its response (create then
finalize). Clients take templates round-robin. Prints one JSON line: counts, latencies and
the generator's own CPU per request (aiohttp: about a fifteenth of httpx's, so that the load
generator takes as little as it can of the cores it shares with the server).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import time
import uuid
from typing import Any

import aiohttp

from bench.stats import summary

WARMUP_SECONDS = 1.0


async def _one(client: aiohttp.ClientSession, template: dict[str, Any]) -> None:
    headers = {"Authorization": f"Bearer {template['key']}"}
    if template.get("idempotent"):
        headers["Idempotency-Key"] = uuid.uuid4().hex
    method, path = template.get("method", "GET"), template["path"]
    created = await _send(client, method, path, template.get("body"), headers)
    then = template.get("then")
    if then:
        again = headers | {"Idempotency-Key": uuid.uuid4().hex}
        await _send(client, "POST", then.format(id=created["id"]), None, again)


async def _send(
    client: aiohttp.ClientSession, method: str, path: str, body: Any, headers: dict[str, str]
) -> Any:
    async with client.request(method, path, json=body, headers=headers) as response:
        if response.status >= 300:
            raise RuntimeError(f"{path}: {response.status} {(await response.text())[:300]}")
        return await response.json()


async def _client(
    url: str, templates: Any, start: float, stop: float, stop_after: int | None
) -> tuple[list[float], int]:
    latencies: list[float] = []
    sent = 0
    connector = aiohttp.TCPConnector(limit=1)  # one keep-alive connection per client
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(url, connector=connector, timeout=timeout) as client:
        while True:
            began = time.perf_counter()
            if began >= stop or (stop_after is not None and len(latencies) >= stop_after):
                break
            await _one(client, next(templates))
            sent += 1
            if began >= start:
                latencies.append(time.perf_counter() - began)
    return latencies, sent


async def run(spec: dict[str, Any]) -> dict[str, Any]:
    clients = spec["clients"]
    templates = itertools.cycle(spec["requests"])
    now = time.perf_counter()
    warmup = spec.get("warmup", WARMUP_SECONDS)
    start, stop = now + warmup, now + warmup + spec["seconds"]
    per_client = spec.get("count")  # a fixed number of requests instead of a duration
    if per_client is not None:
        start, stop = now, float("inf")
    urls = spec["urls"]
    tasks = [
        _client(urls[n % len(urls)], templates, start, stop, per_client) for n in range(clients)
    ]
    measured, cpu = time.perf_counter(), time.process_time()
    results = await asyncio.gather(*tasks)
    cpu = time.process_time() - cpu
    latencies = [value for values, _ in results for value in values]
    elapsed = (
        time.perf_counter() - max(measured, start) if per_client is not None else spec["seconds"]
    )
    sent = sum(count for _, count in results)
    return summary(latencies, elapsed) | {
        "sent": sent,
        "client_cpu_ms": round(cpu * 1000 / sent, 2) if sent else None,
    }


def main() -> None:
    spec = json.loads(sys.argv[1])
    try:
        import uvloop

        uvloop.install()
    except ImportError:  # pragma: no cover - Windows
        pass
    print(json.dumps(asyncio.run(run(spec))))


if __name__ == "__main__":
    main()
