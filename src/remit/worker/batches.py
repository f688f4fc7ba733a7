"""Writing finished webhook attempts in batches, the way a database groups commits.

Each delivery task hands its outcome to the `Batcher` and waits until it is recorded (its
slot stays taken until then, so the endpoint's next delivery cannot overtake it). One writer
task records whatever has finished: while it writes one batch, the next one gathers. Under
a backlog that is one transaction for many attempts instead of one each; with a single
delivery in flight it is the same one transaction as before.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

Item = TypeVar("Item")

MAX_BATCH = 256


class Batcher(Generic[Item]):
    def __init__(self, write: Callable[[list[Item]], Awaitable[None]]) -> None:
        self._write = write
        self._waiting: list[tuple[Item, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def add(self, item: Item) -> None:
        """Return once `item` is written (or raise what writing its batch raised)."""
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((item, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_all())
        await done

    async def _write_all(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
            try:
                await self._write([item for item, _ in batch])
            except Exception as exc:  # each waiting task sees it (and the worker logs it)
                for _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
            else:
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)
