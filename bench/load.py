"""The load generator: a separate process that drives a live `remit serve` over loopback HTTP.

    python -m bench.load SPEC_JSON

SPEC_JSON says what to send: `{"urls": [...], "clients": 8, "seconds": 10, "requests": [...]}`
where each request template is `{"method", "path", "body", "key", "idempotent", "then"}`;
`then` (optional) is a path template run after it with `{id}` from its response (create then
finalize). Clients take templates round-robin. Prints one JSON line: counts and latencies.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import time
import uuid
from typing import Any

import httpx

from bench.stats import summary

WARMUP_SECONDS = 1.0


async def _one(client: httpx.AsyncClient, template: dict[str, Any]) -> None:
    headers = {"Authorization": f"Bearer {template['key']}"}
    if template.get("idempotent"):
        headers["Idempotency-Key"] = uuid.uuid4().hex
    response = await client.request(
        template.get("method", "GET"), template["path"], json=template.get("body"), headers=headers
    )
    if response.status_code >= 300:
        raise RuntimeError(f"{template['path']}: {response.status_code} {response.text[:300]}")
    then = template.get("then")
    if then:
        created = response.json()["id"]
        response = await client.post(
            then.format(id=created), headers=headers | {"Idempotency-Key": uuid.uuid4().hex}
        )
        if response.status_code >= 300:
            raise RuntimeError(f"{then}: {response.status_code} {response.text[:300]}")


async def _client(
    url: str, templates: Any, start: float, stop: float, stop_after: int | None
) -> tuple[list[float], int]:
    latencies: list[float] = []
    sent = 0
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
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
    measured = time.perf_counter()
    results = await asyncio.gather(*tasks)
    latencies = [value for values, _ in results for value in values]
    elapsed = (
        time.perf_counter() - max(measured, start) if per_client is not None else spec["seconds"]
    )
    return summary(latencies, elapsed) | {"sent": sum(sent for _, sent in results)}


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
