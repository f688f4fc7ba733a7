"""The billing run as real `remit worker` processes (docs/billing.md, "Subscriptions and the
billing run"): two workers on one database bill each period of each subscription once; a
worker killed with SIGKILL mid-run leaves no period missing, none billed twice and no invoice
half-written; a worker back after three periods bills each missed one once, oldest first.
And what the racing workers make is stamped in the order of the periods it bills.

Subscriptions are made through the API, then moved into the past (`_backdate`, as the billing
run's own tests do), never the clock. What was billed is read from the database afterwards.
"""

from __future__ import annotations

import asyncio
import itertools
import signal
import subprocess
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import bindparam, func, select, update

from remit.events.models import Event
from remit.invoices.models import Invoice, InvoiceLine
from remit.kernel import calendar
from remit.runtime import Runtime
from remit.subscriptions.models import Subscription
from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import remit_env, start_worker, stop
from tests.support import TenantApi, create_tenant, expect

pytestmark = [pytest.mark.processes, pytest.mark.slow]

UNIT = Decimal("12.50")  # every plan's price; a subscription's quantity sets its total


@pytest.fixture
def env(database: MigratedDatabase) -> dict[str, str]:
    return remit_env(database.url, TEST_SECRET, REMIT_WORKER_POLL_SECONDS="0.2")


@dataclass(frozen=True)
class Owed:
    """A subscription started at `anchor`: the run owes it one invoice of `total` for each
    monthly period begun since."""

    account_id: str
    id: str
    anchor: datetime
    total: Decimal

    def periods(self, now: datetime) -> list[tuple[datetime, datetime]]:
        bounds = []
        n = 0
        while (start := calendar.boundary(self.anchor, "month", 1, n)) <= now:
            bounds.append((start, calendar.boundary(self.anchor, "month", 1, n + 1)))
            n += 1
        return bounds


async def _tenants(
    api: TenantApi, http: httpx.AsyncClient, runtime: Runtime, count: int
) -> list[TenantApi]:
    others = [await create_tenant(runtime, http, name=f"Billed {n}") for n in range(1, count)]
    return [api, *others]


async def _subscriptions(
    tenants: Sequence[TenantApi], count: int, ago: Sequence[timedelta]
) -> list[Owed]:
    """`count` monthly subscriptions sent as invoices, dealt round the tenants, the n-th
    started `ago[n % len(ago)]` before now."""
    plans = [await _plan(tenant) for tenant in tenants]
    now = datetime.now(UTC).replace(microsecond=0)
    owed = []
    for n in range(count):
        tenant, plan = tenants[n % len(tenants)], plans[n % len(tenants)]
        quantity = 1 + n % 5
        customer = await tenant.customer(email=f"billed{n}@example.com")
        body = {
            "customer": customer["id"],
            "items": [{"plan": plan, "quantity": quantity}],
            "collection_method": "send_invoice",
        }
        made = expect(await tenant.post("/v1/subscriptions", body), 201)
        anchor = now - ago[n % len(ago)]
        owed.append(Owed(tenant.account_id, made["id"], anchor, UNIT * quantity))
    return owed


async def _plan(tenant: TenantApi) -> str:
    product = expect(await tenant.post("/v1/products", {"name": "Seats"}), 201)
    body = {"product": product["id"], "amount": str(UNIT), "interval": "month"}
    plan: str = expect(await tenant.post("/v1/plans", body), 201)["id"]
    return plan


async def _backdate(runtime: Runtime, owed: Sequence[Owed]) -> None:
    """As if each subscription had started at its anchor, and no worker had run since."""
    table = Subscription.__table__
    anchor = bindparam("anchor", type_=table.c.next_bill_at.type)
    statement = (
        update(table)
        .where(table.c.account_id == bindparam("account"), table.c.id == bindparam("sid"))
        .values(billing_cycle_anchor=anchor, next_bill_at=anchor, current_period_start=anchor)
    )
    rows = [{"account": sub.account_id, "sid": sub.id, "anchor": sub.anchor} for sub in owed]
    async with runtime.db.write() as session:
        await session.execute(statement, rows)


async def _hold(runtime: Runtime, owed: Sequence[Owed]) -> None:
    """Nothing due (as for subscriptions made before billing runs), until `_backdate`."""
    table = Subscription.__table__
    statement = update(table).where(table.c.id.in_([sub.id for sub in owed]))
    async with runtime.db.write() as session:
        await session.execute(statement.values(next_bill_at=None))


def _expected(owed: Sequence[Owed]) -> int:
    now = datetime.now(UTC)
    return sum(len(sub.periods(now)) for sub in owed)


async def _invoice_count(runtime: Runtime, owed: Sequence[Owed]) -> int:
    accounts = {sub.account_id for sub in owed}
    statement = select(func.count()).where(
        Invoice.account_id.in_(accounts), Invoice.subscription_id.is_not(None)
    )
    async with runtime.db.read() as session:
        return int((await session.execute(statement)).scalar_one())


async def _invoice_count_at_least(runtime: Runtime, owed: Sequence[Owed], count: int) -> bool:
    return await _invoice_count(runtime, owed) >= count


async def _due_count(runtime: Runtime, owed: Sequence[Owed]) -> int:
    statement = select(func.count()).where(
        Subscription.account_id.in_({sub.account_id for sub in owed}),
        Subscription.next_bill_at <= datetime.now(UTC),
    )
    async with runtime.db.read() as session:
        return int((await session.execute(statement)).scalar_one())


async def _until(
    condition: Callable[[], Awaitable[bool]],
    workers: Sequence[subprocess.Popen[str]],
    tmp_path: Path,
    seconds: float,
) -> None:
    """Until `condition()` holds, the workers staying up all along."""
    deadline = time.monotonic() + seconds
    while not await condition():
        for worker in workers:
            assert worker.poll() is None, f"a worker exited early:\n{_logs(tmp_path)}"
        assert time.monotonic() < deadline, f"not done in {seconds} s:\n{_logs(tmp_path)}"
        await asyncio.sleep(0.1)


async def _settle(
    runtime: Runtime, owed: Sequence[Owed], workers: Sequence[subprocess.Popen[str]], tmp_path: Path
) -> None:
    """Until nothing is due and every period owed has an invoice; then a moment more, for
    any second invoice to show, and the workers stopped."""

    async def done() -> bool:
        if await _due_count(runtime, owed):
            return False
        return await _invoice_count(runtime, owed) >= _expected(owed)

    try:
        await _until(done, workers, tmp_path, 50)
        await asyncio.sleep(1.0)
    finally:
        for worker in workers:
            stop(worker)


async def _idle_workers(
    env: dict[str, str], tmp_path: Path, count: int
) -> list[subprocess.Popen[str]]:
    """`count` workers, started and polling (their logs say so), so that work made due at
    one moment finds them all waiting for it."""
    workers = [start_worker(env, tmp_path) for _ in range(count)]

    async def started() -> bool:
        return _logs(tmp_path).count(" started") >= count

    try:
        await _until(started, workers, tmp_path, 30)
    except BaseException:
        for worker in workers:
            stop(worker)
        raise
    return workers


def _assert_quiet(tmp_path: Path) -> None:
    """No worker round failed: no bug, and no second invoice that only the unique index
    (`uq_invoices_subscription_period`) kept out, rather than the subscription's lock."""
    logs = _logs(tmp_path)
    assert "Traceback" not in logs and "IntegrityError" not in logs, logs


def _logs(tmp_path: Path) -> str:
    return "\n".join(log.read_text(errors="replace") for log in sorted(tmp_path.glob("worker-*")))


def _number(invoice: Any) -> int:
    return int(invoice.number.lstrip("#"))


async def _defects(runtime: Runtime, owed: Sequence[Owed]) -> list[str]:
    """Every way what was billed differs from one whole invoice per period, in order."""
    now = datetime.now(UTC)
    invoices, lines, subscriptions = await _billed(runtime, owed)
    defects = [
        f"{sub} {start}: {n} invoices"
        for (sub, start), n in Counter(
            (invoice.subscription_id, invoice.period_start) for invoice in invoices
        ).items()
        if n > 1
    ]
    per_subscription: dict[str, list[Any]] = defaultdict(list)
    for invoice in invoices:
        per_subscription[invoice.subscription_id].append(invoice)
    for sub in owed:
        billed = sorted(per_subscription[sub.id], key=lambda invoice: invoice.period_start)
        defects += _periods_defects(sub, billed, sub.periods(now))
        defects += _whole_defects(sub, billed, lines)
        defects += _state_defects(sub, billed, subscriptions[sub.id])
    defects += _numbering_defects(invoices)
    return defects


async def _billed(
    runtime: Runtime, owed: Sequence[Owed]
) -> tuple[list[Any], dict[str, list[Any]], dict[str, Subscription]]:
    accounts = {sub.account_id for sub in owed}
    invoices = select(
        Invoice.account_id,
        Invoice.id,
        Invoice.subscription_id,
        Invoice.period_start,
        Invoice.period_end,
        Invoice.number,
        Invoice.status,
        Invoice.billing_reason,
        Invoice.subtotal,
        Invoice.total,
    ).where(Invoice.account_id.in_(accounts))
    lines = select(InvoiceLine.invoice_id, InvoiceLine.amount, InvoiceLine.period_start).where(
        InvoiceLine.account_id.in_(accounts)
    )
    subscriptions = select(Subscription).where(Subscription.account_id.in_(accounts))
    async with runtime.db.read() as session:
        per_invoice: dict[str, list[Any]] = defaultdict(list)
        for line in await session.execute(lines):
            per_invoice[line.invoice_id].append(line)
        return (
            list(await session.execute(invoices)),
            per_invoice,
            {row.id: row for row in await session.scalars(subscriptions)},
        )


def _periods_defects(
    sub: Owed, billed: list[Any], periods: list[tuple[datetime, datetime]]
) -> list[str]:
    """None missing, none extra, contiguous, the first one `subscription_create`, issued in
    order (the invoice numbers grow with the period)."""
    defects = []
    got = [(invoice.period_start, invoice.period_end) for invoice in billed]
    if got != periods:
        defects.append(f"{sub.id}: billed periods {got}, owed {periods}")
    reasons = [invoice.billing_reason for invoice in billed]
    if reasons != ["subscription_create"] + ["subscription_cycle"] * (len(billed) - 1):
        defects.append(f"{sub.id}: billing reasons {reasons}")
    numbers = [_number(invoice) for invoice in billed]
    if numbers != sorted(numbers):
        defects.append(f"{sub.id}: numbered out of order: {numbers}")
    return defects


def _whole_defects(sub: Owed, billed: list[Any], lines: dict[str, list[Any]]) -> list[str]:
    """Each invoice issued with its line, for the period, and the exact total."""
    defects = []
    for invoice in billed:
        got = [(line.amount, line.period_start) for line in lines.get(invoice.id, [])]
        whole = (
            got == [(sub.total, invoice.period_start)]
            and invoice.subtotal == invoice.total == sub.total
            and invoice.status == "open"
        )
        if not whole:
            defects.append(f"{sub.id}: invoice {invoice.id} partial: {invoice}, lines {got}")
    return defects


def _state_defects(sub: Owed, billed: list[Any], subscription: Subscription) -> list[str]:
    """The subscription moved with its invoices: at its latest period, the next one due
    at that period's end."""
    if not billed:
        return [f"{sub.id}: nothing billed"]
    latest = billed[-1]
    state = (
        subscription.billed_periods,
        subscription.latest_invoice_id,
        subscription.current_period_start,
        subscription.next_bill_at,
    )
    if state != (len(billed), latest.id, latest.period_start, latest.period_end):
        return [f"{sub.id}: state {state} after {len(billed)} invoices, latest {latest}"]
    return []


def _numbering_defects(invoices: list[Any]) -> list[str]:
    """Each account's numbers are 1..N: a killed transaction gives its number back."""
    numbers: dict[str, list[int]] = defaultdict(list)
    for invoice in invoices:
        numbers[invoice.account_id].append(_number(invoice))
    return [
        f"account {account}: numbers {sorted(taken)} are not 1..{len(taken)}"
        for account, taken in numbers.items()
        if sorted(taken) != list(range(1, len(taken) + 1))
    ]


async def _stamp_defects(runtime: Runtime, owed: Sequence[Owed]) -> list[str]:
    """Where a subscription's invoices, or its `subscription.updated` events, are stamped
    (id, `created`, `finalized_at`) out of the order of their periods: lists, newest first
    by id, and anyone ordering events by `created` then see an older period after a newer."""
    accounts = {sub.account_id for sub in owed}
    invoices = select(
        Invoice.subscription_id,
        Invoice.id,
        Invoice.period_start,
        Invoice.number,
        Invoice.finalized_at,
    ).where(Invoice.account_id.in_(accounts))
    events = (
        select(Event.object_id, Event.id, Event.data)
        .where(Event.account_id.in_(accounts), Event.type == "subscription.updated")
        .order_by(Event.id)
    )
    async with runtime.db.read() as session:
        per_subscription: dict[str, list[Any]] = defaultdict(list)
        for invoice in await session.execute(invoices):
            per_subscription[invoice.subscription_id].append(invoice)
        periods: dict[str, list[str]] = defaultdict(list)
        for event in await session.execute(events):
            periods[event.object_id].append(event.data["current_period_start"])
    defects = []
    for sub in owed:
        by_period = sorted(per_subscription[sub.id], key=lambda invoice: invoice.period_start)
        defects += [
            f"{sub.id}: {later.number} (period {later.period_start:%Y-%m-%d}) is stamped "
            f"{later.finalized_at:%H:%M:%S.%f}, {later.id}, before {earlier.number} (period "
            f"{earlier.period_start:%Y-%m-%d}) {earlier.finalized_at:%H:%M:%S.%f}, {earlier.id}"
            for earlier, later in itertools.pairwise(by_period)
            if (later.id, later.finalized_at) < (earlier.id, earlier.finalized_at)
        ]
        if periods[sub.id] != sorted(periods[sub.id]):
            shown = ", ".join(start[:10] for start in periods[sub.id])
            defects.append(f"{sub.id}: subscription.updated in id order: periods {shown}")
    return defects


def _assert_whole(defects: list[str]) -> None:
    assert not defects, f"{len(defects)} defects:\n" + "\n".join(defects[:30])


class TestTwoWorkers:
    async def test_two_workers_bill_each_period_of_each_subscription_once(
        self,
        api: TenantApi,
        http: httpx.AsyncClient,
        runtime: Runtime,
        env: dict[str, str],
        tmp_path: Path,
    ) -> None:
        tenants = await _tenants(api, http, runtime, 4)
        owed = await _subscriptions(tenants, 40, [timedelta(days=75), timedelta(days=100)])
        assert {len(sub.periods(datetime.now(UTC))) for sub in owed} == {3, 4}
        await _hold(runtime, owed)
        workers = await _idle_workers(env, tmp_path, 2)
        await _backdate(runtime, owed)  # due at once for both, which race through one list
        await _settle(runtime, owed, workers, tmp_path)
        _assert_whole(await _defects(runtime, owed))
        assert await _invoice_count(runtime, owed) == _expected(owed) == 140
        _assert_quiet(tmp_path)

    async def test_two_workers_stamp_invoices_and_events_in_period_order(
        self,
        api: TenantApi,
        http: httpx.AsyncClient,
        runtime: Runtime,
        env: dict[str, str],
        tmp_path: Path,
    ) -> None:
        tenants = await _tenants(api, http, runtime, 2)
        owed = await _subscriptions(tenants, 20, [timedelta(days=745)])
        await _backdate(runtime, owed)
        workers = [start_worker(env, tmp_path) for _ in range(2)]
        await _settle(runtime, owed, workers, tmp_path)
        _assert_whole(await _defects(runtime, owed))
        _assert_whole(await _stamp_defects(runtime, owed))
        _assert_quiet(tmp_path)


class TestKilledWorker:
    async def test_a_worker_killed_mid_run_leaves_every_period_billed_once_and_whole(
        self,
        api: TenantApi,
        http: httpx.AsyncClient,
        runtime: Runtime,
        env: dict[str, str],
        tmp_path: Path,
    ) -> None:
        tenants = await _tenants(api, http, runtime, 4)
        owed = await _subscriptions(tenants, 200, [timedelta(days=100)])
        await _backdate(runtime, owed)
        first = start_worker(env, tmp_path)
        try:
            await _until(lambda: _invoice_count_at_least(runtime, owed, 20), [first], tmp_path, 30)
            first.send_signal(signal.SIGKILL)
            first.wait()
        finally:
            stop(first)
        assert first.returncode == -signal.SIGKILL
        killed_at = await _invoice_count(runtime, owed)
        assert 20 <= killed_at < _expected(owed), "killed in the middle of the run"
        second = start_worker(env, tmp_path)
        await _settle(runtime, owed, [second], tmp_path)
        _assert_whole(await _defects(runtime, owed))
        assert await _invoice_count(runtime, owed) == _expected(owed) == 800
        _assert_quiet(tmp_path)


class TestDowntime:
    async def test_a_worker_back_after_three_periods_bills_each_once_oldest_first(
        self,
        api: TenantApi,
        http: httpx.AsyncClient,
        runtime: Runtime,
        env: dict[str, str],
        tmp_path: Path,
    ) -> None:
        tenants = await _tenants(api, http, runtime, 2)
        owed = await _subscriptions(tenants, 10, [timedelta(days=80)])
        assert {len(sub.periods(datetime.now(UTC))) for sub in owed} == {3}
        await _backdate(runtime, owed)
        worker = start_worker(env, tmp_path)
        await _settle(runtime, owed, [worker], tmp_path)
        _assert_whole(await _defects(runtime, owed))
        assert await _invoice_count(runtime, owed) == 30
        _assert_quiet(tmp_path)
