"""Waking a worker as soon as there is work, with polling as the floor.

In the process that made the work, `Database.wakeups` calls `Wakeup.set` after the commit.
Across processes on PostgreSQL, a `LISTEN remit_wakeup` connection hears the `NOTIFY` that
the committing transaction sent. Either way the worker also looks every poll interval, so a
lost notification delays work by at most that much.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from sqlalchemy.engine import make_url

from remit.webhooks.fanout import CHANNEL

log = logging.getLogger("remit.worker")


class Wakeup:
    def __init__(self) -> None:
        self._event = asyncio.Event()

    def set(self) -> None:
        self._event.set()

    async def wait(self, seconds: float) -> None:
        """Until woken or `seconds` pass; then ready to be woken again."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), seconds)
        self._event.clear()


async def listen(database_url: str, wake: Callable[[], None], stop: asyncio.Event) -> None:
    """Hold a LISTEN connection to PostgreSQL, calling `wake` on each NOTIFY; reconnect
    after outages (polling covers the gap)."""
    import asyncpg

    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    while not stop.is_set():
        connection = None
        try:
            connection = await asyncpg.connect(dsn)
            await connection.add_listener(CHANNEL, lambda *_: wake())
            log.info("listening for %s", CHANNEL)
            wake()  # whatever was notified while we were away
            while not stop.is_set() and not connection.is_closed():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 5)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("LISTEN connection lost (%s); polling until it is back", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1)
        finally:
            if connection is not None:
                with contextlib.suppress(Exception):
                    await connection.close()
