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

An event may also be recorded as billed already by an invoice of its customer (`billed_by`):
a provider's usage linked to an invoice whose amount its client priced itself (Retempo's
`invoiceId`). The billing run bills only events no invoice billed, so it never bills that
one again; an invoice that will never be paid (void, uncollectible, expired) cannot take it,
or the usage would be lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from remit.clocks import service as clocks
from remit.clocks.errors import TestClockInvalid
from remit.context import Context, flushed
from remit.customers.models import Customer
from remit.customers.repository import CustomerRepository
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.kernel import money
from remit.kernel.ids import id_time
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import FieldError, NotFound, validation_problem
from remit.plans.models import Meter
from remit.plans.repository import MeterRepository
from remit.usage.errors import UsageEventDuplicate, UsageEventInvoiceClosed
from remit.usage.meters import NUMERIC, metered_number
from remit.usage.models import UsageEvent
from remit.usage.repository import UsageEventRepository
from remit.usage.schemas import UsageEventBatch, UsageEventCreate

# How far ahead of the server's clock an event may be (clocks drift; usage is not foretold).
FUTURE_TOLERANCE = timedelta(minutes=5)
# Invoices that will never be paid: usage they billed would be lost.
UNPAYABLE = frozenset({"void", "uncollectible", "expired"})

# Where a request's fields are: "" for one event, "events[3]." for the fourth of a batch.
Where = Callable[[int], str]


@dataclass(frozen=True)
class Recorded:
    event: UsageEvent
    created: bool  # False: a replay of the event recorded before with this identifier


async def record_event(
    ctx: Context, data: UsageEventCreate, *, billed_by: str | None = None
) -> Recorded:
    """The event; with `billed_by`, recorded as billed by that invoice of the customer (404
    for an invoice the mode lacks, 400 for another customer's, 409 for one that will never
    be paid), which the billing run then leaves it to."""
    if billed_by is not None:
        await _billing_invoice(ctx, billed_by, data.customer)
    [recorded] = await _record(ctx, [data], lambda _: "", billed_by)
    return recorded


async def _billing_invoice(ctx: Context, invoice_id: str, customer_id: str) -> Invoice:
    """The invoice an event is recorded as billed by, locked so that it is not voided
    meanwhile."""
    invoice = await InvoiceRepository(ctx).get(invoice_id, lock=True, param="invoice")
    if invoice.customer_id != customer_id:
        raise validation_problem([FieldError("invoice", "is another customer's invoice")])
    if invoice.status in UNPAYABLE:
        raise UsageEventInvoiceClosed(
            f"Invoice {invoice.id} is {invoice.status}: it cannot bill usage."
        )
    return invoice


async def record_batch(ctx: Context, data: UsageEventBatch) -> list[Recorded]:
    """Every event of the batch, in the order sent; all recorded, or none."""
    return await _record(ctx, data.events, lambda n: f"events[{n}].")


@flushed
async def _record(
    ctx: Context, sent: Sequence[UsageEventCreate], where: Where, billed_by: str | None = None
) -> list[Recorded]:
    await _check(ctx, sent, where)
    first = _first_of_each_identifier(sent)
    repository = UsageEventRepository(ctx)
    # In the order of identifiers: two batches at once wait for each other's rows in one
    # order, and never deadlock (PostgreSQL).
    rows = [_row(ctx, first[identifier], billed_by) for identifier in sorted(first)]
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
    """400 naming every bad field of every event, then 404 for a customer the mode lacks.
    Events of customers on a test clock happen at the clock's time (all of one clock)."""
    customers = await CustomerRepository(ctx).by_ids({event.customer for event in sent})
    await clocks.enter(ctx, _clock_of(customers.values()))
    meters = await MeterRepository(ctx).by_event_names({event.event_name for event in sent})
    errors = [
        error
        for n, event in enumerate(sent)
        for error in _errors(ctx, event, meters.get(event.event_name), where(n))
    ]
    if errors:
        raise validation_problem(errors)
    for n, event in enumerate(sent):
        customer = customers.get(event.customer)
        if customer is None or customer.deleted_at is not None:
            raise NotFound("customer", event.customer, param=f"{where(n)}customer")


def _clock_of(customers: Iterable[Customer]) -> str | None:
    """The test clock of a batch's customers: one clock, or none at all."""
    found = {customer.test_clock_id for customer in customers}
    if len(found) > 1:
        raise TestClockInvalid(
            "A batch's usage events belong to customers of one test clock, or of none.",
            errors=[FieldError("events", "mixes customers of several test clocks", "invalid")],
        )
    return found.pop() if found else None


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


def _row(ctx: Context, event: UsageEventCreate, billed_by: str | None) -> dict[str, Any]:
    event_id = ctx.new_id("uev")
    return {
        "account_id": ctx.account_id, "livemode": ctx.livemode, "id": event_id,
        "event_name": event.event_name, "customer_id": event.customer,
        "identifier": event.identifier, "occurred_at": event.timestamp or ctx.now,
        "payload": event.payload, "invoice_id": billed_by, "created_at": id_time(event_id),
    }  # fmt: skip


# — reads —


@flushed
async def get_event(ctx: Context, event_id: str) -> UsageEvent:
    return await UsageEventRepository(ctx).get(event_id)


async def list_events(
    ctx: Context, page: PageRequest, *, customer: str | None, event_name: str | None
) -> Page[UsageEvent]:
    return await UsageEventRepository(ctx).list(page, customer=customer, event_name=event_name)


@flushed
async def billed_on(ctx: Context, invoice: Invoice) -> list[UsageEvent]:
    """The events the invoice billed, oldest first."""
    return await UsageEventRepository(ctx).billed_on(invoice.customer_id, invoice.id)
