"""A webhook receiver for tests: a real HTTP server on loopback (uvicorn), recording every
request, answering per path with a planned sequence of statuses, a delay and a body."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn

from tests.processes import free_port


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)

    @property
    def event_id(self) -> str:
        return self.json["id"]


@dataclass
class Plan:
    statuses: list[int] = field(default_factory=list)  # answered in turn, then 200
    delay: float = 0.0
    body: bytes = b"ok"


class Receiver:
    def __init__(self) -> None:
        self.port = free_port()
        self.received: dict[str, list[Received]] = defaultdict(list)
        self.plans: dict[str, Plan] = defaultdict(Plan)
        self.arrived = asyncio.Event()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def plan(self, path: str, *statuses: int, delay: float = 0.0, body: bytes = b"ok") -> str:
        self.plans[path] = Plan(list(statuses), delay, body)
        return self.url(path)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        path = scope["path"]
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.received[path].append(Received(path, headers, body, time.monotonic()))
        self.arrived.set()
        plan = self.plans[path]
        if plan.delay:
            await asyncio.sleep(plan.delay)
        status = plan.statuses.pop(0) if plan.statuses else 200
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": plan.body})

    def event_ids(self, path: str) -> list[str]:
        return [item.event_id for item in self.received[path]]

    async def wait_for(self, condition, seconds: float = 15.0) -> None:  # type: ignore[no-untyped-def]
        """Until `condition()` holds (checked whenever a request arrives)."""
        deadline = time.monotonic() + seconds
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"receiver never saw the expected requests: {dict(self.received)}"
                )
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), min(remaining, 0.2))


@asynccontextmanager
async def running_receiver() -> AsyncIterator[Receiver]:
    receiver = Receiver()
    config = uvicorn.Config(
        receiver,
        host="127.0.0.1",
        port=receiver.port,
        log_level="warning",
        lifespan="off",
        access_log=False,
        timeout_graceful_shutdown=1,  # hanging requests must not hold up the test
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event to wait on
        await asyncio.sleep(0.01)
    try:
        yield receiver
    finally:
        server.should_exit = True
        await task
