"""Meters, and what they read: a customer's usage events of one event name, added up.

A meter aggregates its events' `payload[value_key]`: the `sum`, the `max`, the `last` (by
time, then id) or the `unique_count` of distinct values; a `count` meter counts the events.
Numbers are exact decimals, never floats: SQLite would sum JSON numbers as doubles, so the
values are read back as their text and added up here, in Python.

The billing run bills a metered plan with two calls in its transaction: `unbilled` reads
what the customer's events add up to that no invoice has billed yet (late events of earlier
periods included: they are billed by the next invoice, never lost), and `mark_billed` sets
the invoice on exactly those events, so none is billed twice.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from remit.context import Context, flushed
from remit.customers.repository import CustomerRepository
from remit.events import service as events
from remit.kernel import money
from remit.kernel.ids import id_time
from remit.kernel.metadata import cleaned
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import FieldError, validation_problem
from remit.plans.models import Meter
from remit.plans.repository import MeterRepository
from remit.usage.errors import MeterEventNameTaken
from remit.usage.repository import UsageEventRepository
from remit.usage.schemas import MeterCreate, MeterOut

# Aggregations of a number in each event's payload (`unique_count` takes any value).
NUMERIC = frozenset({"sum", "max", "last"})


@dataclass(frozen=True)
class Reading:
    """What a meter read for one customer: the quantity to bill, and the events it counts
    (to mark billed by the invoice that bills the quantity)."""

    quantity: Decimal
    event_ids: tuple[str, ...]


# — meters —


async def create_meter(ctx: Context, data: MeterCreate) -> Meter:
    """A new meter; 409 `meter_event_name_taken` if the mode has one of this event name."""
    _check_value_key(data)
    meter_id = ctx.new_id("mtr")
    values = {
        "account_id": ctx.account_id, "livemode": ctx.livemode, "id": meter_id,
        "event_name": data.event_name, "aggregation": data.aggregation,
        "value_key": data.value_key, "display_name": data.display_name,
        "metadata_": cleaned(data.metadata),
        "created_at": id_time(meter_id), "updated_at": id_time(meter_id),
    }  # fmt: skip
    meter = await MeterRepository(ctx).insert_new(values)
    if meter is None:
        taken = await MeterRepository(ctx).by_event_names({data.event_name})
        raise MeterEventNameTaken(
            f"Meter {taken[data.event_name].id} has the event name '{data.event_name}'.",
            errors=[FieldError("event_name", "is taken", MeterEventNameTaken.code)],
        )
    events.record(ctx, "meter.created", MeterOut.of(meter))
    return meter


def _check_value_key(data: MeterCreate) -> None:
    if data.aggregation == "count" and data.value_key is not None:
        error = FieldError("value_key", "a count meter counts events: it has no value_key")
    elif data.aggregation != "count" and data.value_key is None:
        error = FieldError("value_key", f"is required by a {data.aggregation} meter", "missing")
    else:
        return
    raise validation_problem([error])


@flushed
async def get_meter(ctx: Context, meter_id: str, *, param: str | None = None) -> Meter:
    return await MeterRepository(ctx).get(meter_id, param=param)


async def list_meters(ctx: Context, page: PageRequest) -> Page[Meter]:
    return await MeterRepository(ctx).list(page)


# — what a meter reads —


@flushed
async def unbilled(ctx: Context, meter: Meter, customer_id: str, until: datetime) -> Reading:
    """The aggregate of the customer's events of the meter's event name that happened
    before `until` and that no invoice has billed yet, whenever they happened (one query;
    the events are locked until the transaction ends, for `mark_billed`)."""
    rows = await UsageEventRepository(ctx).readings(
        customer_id, meter.event_name, end=until, unbilled=True
    )
    quantity = aggregate(meter.aggregation, meter.value_key, [row.payload for row in rows])
    return Reading(quantity, tuple(row.id for row in rows))


async def mark_billed(ctx: Context, event_ids: Sequence[str], invoice_id: str) -> None:
    """Record that `invoice_id` bills these events (those no invoice billed already; one
    UPDATE, or one per 10 000 events)."""
    await UsageEventRepository(ctx).mark_billed(event_ids, invoice_id)


@flushed
async def summary(
    ctx: Context, meter: Meter, customer_id: str, start: datetime, end: datetime
) -> Decimal:
    """The aggregate of the customer's events of the meter in [start, end), billed or not."""
    rows = await UsageEventRepository(ctx).readings(
        customer_id, meter.event_name, start=start, end=end
    )
    return aggregate(meter.aggregation, meter.value_key, [row.payload for row in rows])


# (start, end, aggregated value) of each window summarised.
Summaries = list[tuple[datetime, datetime, Decimal]]


async def summaries(
    ctx: Context, meter_id: str, customer_id: str, start: datetime, end: datetime, *, by_day: bool
) -> Summaries:
    """The meter's summary of the customer's events in [start, end), or one per UTC day."""
    meter = await MeterRepository(ctx).get(meter_id)
    await CustomerRepository(ctx).get(customer_id, param="customer")
    if by_day:
        return await daily_summaries(ctx, meter, customer_id, start, end)
    return [(start, end, await summary(ctx, meter, customer_id, start, end))]


@flushed
async def daily_summaries(
    ctx: Context, meter: Meter, customer_id: str, start: datetime, end: datetime
) -> Summaries:
    """`summary` of each UTC day in [start, end) (the first and last may be parts of days),
    oldest first, from one query."""
    windows = day_windows(start, end)
    rows = await UsageEventRepository(ctx).readings(
        customer_id, meter.event_name, start=start, end=end
    )
    starts = [window_start for window_start, _ in windows]
    payloads: list[list[Mapping[str, Any]]] = [[] for _ in windows]
    for row in rows:
        payloads[bisect_right(starts, row.occurred_at) - 1].append(row.payload)
    return [
        (window_start, window_end, aggregate(meter.aggregation, meter.value_key, found))
        for (window_start, window_end), found in zip(windows, payloads, strict=True)
    ]


def day_windows(start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """[start, end) cut at each UTC midnight."""
    windows = []
    while start < end:
        midnight = datetime.combine(start.astimezone(UTC).date(), time(), UTC)
        cut = min(midnight + timedelta(days=1), end)
        windows.append((start, cut))
        start = cut
    return windows


# — the aggregation itself: pure —


def metered_number(value: object) -> Decimal:
    """A value a sum, max or last meter reads: a decimal (a JSON number or decimal text),
    0 to 10^15 with at most 12 places, as a plan's quantity. Raises `money.MoneyError`."""
    number = money.parse_decimal(value)
    money.check_bounds(number, money.MAX_INPUT_PLACES)
    if number < 0:
        raise money.AmountOutOfRange("must be at least 0")
    return number


def aggregate(
    aggregation: str, value_key: str | None, payloads: Sequence[Mapping[str, Any]]
) -> Decimal:
    """What these events' payloads (oldest first) add up to under `aggregation`; 0 for no
    events. An event without a readable value counts for `count` only (it can only be one
    stored before its meter existed: events of a meter are checked as they arrive)."""
    if aggregation == "count":
        return Decimal(len(payloads))
    if aggregation == "unique_count":
        values = [p[value_key] for p in payloads if value_key is not None and value_key in p]
        return Decimal(len({_distinct(value) for value in values}))
    numbers = [number for p in payloads if (number := _number(p, value_key)) is not None]
    if not numbers:
        return Decimal(0)
    if aggregation == "sum":
        return money.add(*numbers)
    if aggregation == "max":
        return max(numbers)
    if aggregation == "last":
        return numbers[-1]
    raise ValueError(f"unknown aggregation {aggregation!r}")


def _number(payload: Mapping[str, Any], value_key: str | None) -> Decimal | None:
    if value_key is None or value_key not in payload:
        return None
    try:
        return metered_number(payload[value_key])
    except money.MoneyError:
        return None


def _distinct(value: Any) -> Hashable:
    """Values as unique_count tells them apart: by type and value (`true` is not "true")."""
    return (type(value).__name__, value if isinstance(value, Hashable) else repr(value))
