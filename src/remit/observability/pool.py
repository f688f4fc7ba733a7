"""The database pool's metrics: connections in use (checkout and checkin events) and the
checkouts that had to wait because every connection was taken.

SQLAlchemy has no event before a checkout, so the waits are measured around the pool's
own `_do_get`: a checkout that starts with the pool at capacity waits for a checkin."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import QueuePool

from remit.observability.metrics import POOL_CAPACITY, POOL_IN_USE, POOL_WAIT_SECONDS, POOL_WAITS


def instrument(engine: AsyncEngine) -> Callable[[], None]:
    """Count `engine`'s pool into the metrics; the answer takes its capacity out again
    (when the engine is disposed of)."""
    pool = engine.sync_engine.pool
    event.listen(pool, "checkout", _checked_out)
    event.listen(pool, "checkin", _checked_in)
    if not isinstance(pool, QueuePool):
        return lambda: None
    capacity = pool.size() + max(pool._max_overflow, 0)
    POOL_CAPACITY.inc(capacity)
    setattr(pool, "_do_get", _timed(pool, pool._do_get, capacity))  # noqa: B010 (a method)
    return lambda: POOL_CAPACITY.dec(capacity)


def _checked_out(*_: Any) -> None:
    POOL_IN_USE.inc()


def _checked_in(*_: Any) -> None:
    POOL_IN_USE.dec()


def _timed(pool: QueuePool, get: Callable[[], Any], capacity: int) -> Callable[[], Any]:
    def timed_get() -> Any:
        if pool.checkedout() < capacity:
            return get()
        started = time.monotonic()
        try:
            return get()
        finally:
            POOL_WAITS.inc()
            POOL_WAIT_SECONDS.observe(time.monotonic() - started)

    return timed_get
