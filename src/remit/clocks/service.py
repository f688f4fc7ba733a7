"""Test clocks: simulated time for test-mode objects (docs/billing.md, "Test clocks").

A clock is made at a `frozen_time`; customers made with it live on it, and so do their
subscriptions and invoices. Their time is the clock's: a transaction that changes one runs
`enter`, which sets `ctx.now` to the clock's time (and `ctx.clock`, so new ids come from the
clock's own sequence). `advance` only records where the clock is going (`advancing`); a
worker walks it there (remit.worker.clocks), running everything due on the way at the time it
falls due. While a clock advances, the API refuses to change its objects (409
`test_clock_advancing`), as the worker is changing them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from remit.clocks.errors import TestClockAdvancing, TestClockInvalid, TestClockLiveMode
from remit.clocks.models import TestClock
from remit.clocks.repository import TestClockRepository
from remit.clocks.schemas import TestClockAdvance, TestClockCreate, TestClockOut
from remit.context import Context, flushed, utc_now
from remit.events import service as events
from remit.kernel.ids import id_time
from remit.kernel.problems import FieldError

# How far one advance may go: a year of monthly billing and then some (Stripe allows two
# intervals of the clock's shortest subscription; a plain bound is easier to reason about).
MAX_ADVANCE = timedelta(days=3 * 366)


def test_mode(ctx: Context, param: str | None = None) -> None:
    if ctx.livemode:
        errors = (
            [FieldError(param, "test clocks exist in test mode only", "livemode")] if param else []
        )
        raise TestClockLiveMode(
            "Test clocks exist in test mode only; this is live mode.", errors=errors
        )


async def create_clock(ctx: Context, data: TestClockCreate) -> TestClock:
    test_mode(ctx)
    clock_id = ctx.new_id("clock")
    clock = TestClock(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=clock_id,
        name=data.name,
        frozen_time=data.frozen_time,
        status="ready",
        created_at=id_time(clock_id),
        updated_at=id_time(clock_id),
    )
    TestClockRepository(ctx).add(clock)
    events.record(ctx, "test_helpers.test_clock.created", TestClockOut.of(clock))
    return clock


@flushed
async def get_clock(ctx: Context, clock_id: str, *, param: str | None = None) -> TestClock:
    test_mode(ctx, param)
    return await TestClockRepository(ctx).get(clock_id, param=param)


async def advance(ctx: Context, clock_id: str, data: TestClockAdvance) -> TestClock:
    """Send the clock to `frozen_time`: it is `advancing` until a worker has run everything
    due up to then (its objects' billing runs, trials, invoice timers, payment retries)."""
    test_mode(ctx)
    clock = await TestClockRepository(ctx).get_for_update(clock_id)
    if clock.status == "advancing":
        raise TestClockAdvancing(f"Test clock {clock.id} is already advancing.")
    to = data.frozen_time
    if to <= clock.frozen_time or to - clock.frozen_time > MAX_ADVANCE:
        raise TestClockInvalid(
            "A test clock moves forward, by at most three years at a time.",
            errors=[FieldError("frozen_time", "must be after the clock's time, and within "
                               "three years of it", "invalid")],
        )  # fmt: skip
    clock.status, clock.target_time, clock.updated_at = "advancing", to, ctx.now
    events.record(ctx, "test_helpers.test_clock.advancing", TestClockOut.of(clock))
    return clock


async def enter(ctx: Context, clock_id: str | None) -> None:
    """The transaction works on objects of this clock: its time becomes the clock's. The
    worker walking the clock has entered it already; anyone else is refused while the clock
    advances. A transaction lives on one clock at most."""
    if clock_id is None or ctx.clock == clock_id:
        return
    if ctx.clock is not None:
        raise TestClockInvalid("One request changes the objects of one test clock at most.")
    clock = await TestClockRepository(ctx).get(clock_id)
    if clock.status == "advancing":
        raise TestClockAdvancing(
            f"Test clock {clock.id} is advancing; its objects change when it is ready."
        )
    ctx.now, ctx.clock = clock.frozen_time, clock.id


# — the walk (remit.worker.clocks) —

LEASE = timedelta(minutes=2)  # a walker that stops renewing it leaves the walk to another


async def take_walk(ctx: Context, clock_id: str, owner: str) -> bool:
    """`owner` walks the advancing clock, unless another walker holds it."""
    until = utc_now() + LEASE
    return await TestClockRepository(ctx).lease(clock_id, owner, until, utc_now())


async def stand_at(ctx: Context, clock_id: str, owner: str, moment: datetime) -> bool:
    """The walk works at `moment` now, all that was due before it done: the clock stands
    there (a walk cut short resumes from it, running what is due by then first). False if
    `owner` lost the walk."""
    return await TestClockRepository(ctx).move(clock_id, owner, moment, utc_now() + LEASE)


async def arrive(ctx: Context, clock_id: str, target: datetime) -> None:
    """Nothing more is due before the target: the clock stands there, ready."""
    clock = await TestClockRepository(ctx).find(clock_id, lock=True)
    if clock is None or clock.status != "advancing" or clock.target_time != target:
        return
    clock.frozen_time, clock.status, clock.target_time = target, "ready", None
    clock.leased_until = clock.lease_owner = None
    clock.updated_at = utc_now()
    events.record(ctx, "test_helpers.test_clock.ready", TestClockOut.of(clock))
