"""Record usage events, one or a batch, each once.

An event's `identifier` is unique per account and mode in the database. The same event sent
again — the same identifier and body, a client's retry — is a replay: it answers the event
recorded first and changes nothing; the identifier with another body is a 409
`usage_event_duplicate`. Both hold for requests at once (INSERT … ON CONFLICT DO NOTHING,
then the event is read back).

An event of an event name no meter reads yet is recorded as it is (Stripe accepts it too);
one a meter reads must carry the value the meter aggregates (`payload[value_key]`): a decimal
for sum, max and last, any value for unique_count. A batch is checked whole before anything
is written: one bad event, and none is recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from remit.context import Context, flushed
from remit.customers.repository import CustomerRepository
from remit.kernel import money
from remit.kernel.ids import id_time, new_id
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import FieldError, NotFound, validation_problem
from remit.plans.models import Meter
from remit.plans.repository import MeterRepository
from remit.usage.errors import UsageEventDuplicate
from remit.usage.meters import NUMERIC, metered_number
from remit.usage.models import UsageEvent
from remit.usage.repository import UsageEventRepository
from remit.usage.schemas import UsageEventBatch, UsageEventCreate

# How far ahead of the server's clock an event may be (clocks drift; usage is not foretold).
FUTURE_TOLERANCE = timedelta(minutes=5)

# Where a request's fields are: "" for one event, "events[3]." for the fourth of a batch.
Where = Callable[[int], str]


@dataclass(frozen=True)
class Recorded:
    event: UsageEvent
    created: bool  # False: a replay of the event recorded before with this identifier


async def record_event(ctx: Context, data: UsageEventCreate) -> Recorded:
    [recorded] = await _record(ctx, [data], lambda _: "")
    return recorded


async def record_batch(ctx: Context, data: UsageEventBatch) -> list[Recorded]:
    """Every event of the batch, in the order sent; all recorded, or none."""
    return await _record(ctx, data.events, lambda n: f"events[{n}].")


@flushed
async def _record(ctx: Context, sent: Sequence[UsageEventCreate], where: Where) -> list[Recorded]:
    await _check(ctx, sent, where)
    first = _first_of_each_identifier(sent)
    repository = UsageEventRepository(ctx)
    # In the order of identifiers: two batches at once wait for each other's rows in one
    # order, and never deadlock (PostgreSQL).
    rows = [_row(ctx, first[identifier]) for identifier in sorted(first)]
    inserted = await repository.insert_new(rows)
    earlier = await repository.by_identifiers(first.keys() - inserted.keys())
    for identifier, event in earlier.items():
        if not _same(event, first[identifier]):
            raise UsageEventDuplicate(
                f"Usage event {event.id} has the identifier '{identifier}', with another body."
            )
    return [
        Recorded(inserted[e.identifier], True)
        if e.identifier in inserted
        else Recorded(earlier[e.identifier], False)
        for e in sent
    ]


async def _check(ctx: Context, sent: Sequence[UsageEventCreate], where: Where) -> None:
    """400 naming every bad field of every event, then 404 for a customer the mode lacks."""
    meters = await MeterRepository(ctx).by_event_names({event.event_name for event in sent})
    errors = [
        error
        for n, event in enumerate(sent)
        for error in _errors(ctx, event, meters.get(event.event_name), where(n))
    ]
    if errors:
        raise validation_problem(errors)
    customers = await CustomerRepository(ctx).by_ids({event.customer for event in sent})
    for n, event in enumerate(sent):
        customer = customers.get(event.customer)
        if customer is None or customer.deleted_at is not None:
            raise NotFound("customer", event.customer, param=f"{where(n)}customer")


def _errors(
    ctx: Context, event: UsageEventCreate, meter: Meter | None, where: str
) -> list[FieldError]:
    errors = []
    if event.timestamp is not None and event.timestamp > ctx.now + FUTURE_TOLERANCE:
        errors.append(
            FieldError(f"{where}timestamp", "must not be more than 5 minutes ahead", "out_of_range")
        )
    if meter is not None and meter.value_key is not None:
        errors += _value_errors(event.payload, meter, f"{where}payload.{meter.value_key}")
    return errors


def _value_errors(payload: dict[str, Any], meter: Meter, param: str) -> list[FieldError]:
    """What the meter of the event's name needs of its payload."""
    key = meter.value_key
    if key not in payload:
        return [FieldError(param, f"is required: meter {meter.id} reads it", "missing")]
    if meter.aggregation not in NUMERIC:
        return []
    try:
        metered_number(payload[key])
    except money.MoneyError as exc:
        return [FieldError(param, f"{exc} (meter {meter.id} reads it as a decimal)", exc.code)]
    return []


def _first_of_each_identifier(sent: Sequence[UsageEventCreate]) -> dict[str, UsageEventCreate]:
    """The events to insert: a batch may repeat an event, never an identifier with another
    body (409)."""
    first: dict[str, UsageEventCreate] = {}
    for event in sent:
        seen = first.setdefault(event.identifier, event)
        if seen.model_dump() != event.model_dump():
            raise UsageEventDuplicate(
                f"The identifier '{event.identifier}' is sent twice, with two bodies."
            )
    return first


def _same(recorded: UsageEvent, sent: UsageEventCreate) -> bool:
    """Whether `sent` repeats the recorded event. Without a timestamp, it meant "now", which
    has moved on since: any time matches."""
    return (
        recorded.event_name == sent.event_name
        and recorded.customer_id == sent.customer
        and recorded.payload == sent.payload
        and (sent.timestamp is None or recorded.occurred_at == sent.timestamp)
    )


def _row(ctx: Context, event: UsageEventCreate) -> dict[str, Any]:
    event_id = new_id("uev", ctx.now)
    return {
        "account_id": ctx.account_id, "livemode": ctx.livemode, "id": event_id,
        "event_name": event.event_name, "customer_id": event.customer,
        "identifier": event.identifier, "occurred_at": event.timestamp or ctx.now,
        "payload": event.payload, "invoice_id": None, "created_at": id_time(event_id),
    }  # fmt: skip


# — reads —


@flushed
async def get_event(ctx: Context, event_id: str) -> UsageEvent:
    return await UsageEventRepository(ctx).get(event_id)


async def list_events(
    ctx: Context, page: PageRequest, *, customer: str | None, event_name: str | None
) -> Page[UsageEvent]:
    return await UsageEventRepository(ctx).list(page, customer=customer, event_name=event_name)
