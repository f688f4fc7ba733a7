"""The worker's transactions: each job works in one account's mode as `worker`, at the wall
clock's time — or, when it walks a test clock (worker.clocks), at the clock's time, on the
clock's objects only."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text

from remit.collection.flow import Claim, Open
from remit.context import Context
from remit.runtime import Runtime

_WITHOUT_FLUSH_WAIT = text("SET LOCAL synchronous_commit = off")


@dataclass(frozen=True)
class Clock:
    """A test clock at one moment of its walk."""

    id: str
    now: datetime


@dataclass(frozen=True)
class Tenant:
    """Whose books a job works in: an account's mode, and the test clock it walks, if any."""

    account_id: str
    livemode: bool
    clock: Clock | None = None


def opener(runtime: Runtime, tenant: Tenant) -> Open:
    """A write transaction as the worker, for `tenant`."""

    @asynccontextmanager
    async def opened() -> AsyncIterator[Context]:
        async with runtime.db.write() as session:
            ctx = runtime.context(session, tenant.account_id, "worker", livemode=tenant.livemode)
            if tenant.clock is not None:
                ctx.now, ctx.clock = tenant.clock.now, tenant.clock.id
                if not runtime.db.is_sqlite:
                    # Simulated time, test data: its walk does not wait for each commit to
                    # reach the disk. A crash may lose its last moments (never half of one),
                    # and the walk runs them again from the clock's committed time.
                    await session.execute(_WITHOUT_FLUSH_WAIT)
            yield ctx

    return opened


def given(object_ids: Sequence[str]) -> Claim:
    """A claim of objects already chosen (their rows are locked as they are read)."""

    async def claim(_ctx: Context) -> Sequence[str]:
        return object_ids

    return claim
