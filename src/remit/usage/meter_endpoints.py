"""`/v1/meters` (with their summaries) and `/v1/usage_events`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import check_scope, require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.context import Context
from remit.kernel.fields import Timestamp
from remit.kernel.money import format_decimal
from remit.kernel.pagination import PageRequest
from remit.kernel.problems import FieldError, validation_problem
from remit.usage import events, meters
from remit.usage.events import Recorded
from remit.usage.schemas import (
    MeterCreate,
    MeterOut,
    MeterSummaryOut,
    UsageEventBatch,
    UsageEventCreate,
    UsageEventOut,
)

router = APIRouter(route_class=RemitRoute)
MAX_SUMMARY_DAYS = 366  # days a grouped summary may span


@router.post("/v1/meters", status_code=201, response_model=MeterOut, tags=["catalog"])
async def create_meter(
    body: MeterCreate, request: Request, principal: Principal = require("plans:write")
) -> Response:
    """A meter of an event name (one per mode: another is a 409 `meter_event_name_taken`)."""
    return await operations.write(
        request,
        principal,
        lambda ctx: meters.create_meter(ctx, body),
        lambda meter, _: MeterOut.of(meter),
        status_code=201,
    )


@router.get("/v1/meters", response_model=ListOut[MeterOut], tags=["catalog"])
async def list_meters(
    request: Request,
    principal: Principal = require("plans:read"),
    page: PageRequest = Depends(page_params("mtr")),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: meters.list_meters(ctx, page),
        lambda found, _: ListOut[MeterOut].of(found, MeterOut.of),
    )


@router.get("/v1/meters/{meter_id}", response_model=MeterOut, tags=["catalog"])
async def get_meter(
    meter_id: str, request: Request, principal: Principal = require("plans:read")
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: meters.get_meter(ctx, meter_id),
        lambda meter, _: MeterOut.of(meter),
    )


async def _summary_reader(principal: Principal = require("plans:read")) -> Principal:
    """A summary adds up a customer's usage events: it takes their scope besides the meter's."""
    return check_scope(principal, "subscriptions:read")


@router.get(
    "/v1/meters/{meter_id}/summaries",
    response_model=MeterSummaryOut | ListOut[MeterSummaryOut],
    tags=["catalog"],
)
async def summarize_meter(
    meter_id: str,
    request: Request,
    # Annotated, so that FastAPI keeps the validators of a required Timestamp (UTC, ms).
    start: Annotated[Timestamp, Query()],
    end: Annotated[Timestamp, Query()],
    principal: Principal = Depends(_summary_reader),
    customer: str = Query(..., min_length=1, max_length=64),
    value_grouping_window: Literal["day"] | None = Query(None),
) -> Response:
    """What the customer's events add up to in [start, end), billed or not: one summary, or
    one per UTC day with `value_grouping_window=day`."""
    _check_window(start, end, value_grouping_window)
    by_day = value_grouping_window == "day"

    def present(found: meters.Summaries, _: Context) -> MeterSummaryOut | ListOut[MeterSummaryOut]:
        summaries = [
            MeterSummaryOut(meter=meter_id, customer=customer, start=window_start,
                            end=window_end, aggregated_value=format_decimal(value))
            for window_start, window_end, value in found
        ]  # fmt: skip
        if not by_day:
            return summaries[0]
        return ListOut[MeterSummaryOut](data=summaries, has_more=False, next_cursor=None)

    return await operations.read(
        request,
        principal,
        lambda ctx: meters.summaries(ctx, meter_id, customer, start, end, by_day=by_day),
        present,
    )


def _check_window(start: datetime, end: datetime, grouping: str | None) -> None:
    if end <= start:
        raise validation_problem([FieldError("end", "must be after start", "out_of_range")])
    if grouping == "day" and end - start > timedelta(days=MAX_SUMMARY_DAYS):
        message = f"may be at most {MAX_SUMMARY_DAYS} days after start, grouped by day"
        raise validation_problem([FieldError("end", message, "out_of_range")])


def _status(recorded: list[Recorded] | Recorded) -> int:
    """201 when anything was recorded; 200 when every event replays one recorded before."""
    found = recorded if isinstance(recorded, list) else [recorded]
    return 201 if any(item.created for item in found) else 200


@router.post(
    "/v1/usage_events",
    status_code=201,
    response_model=UsageEventOut,
    responses={200: {"model": UsageEventOut, "description": "A replay"}},
    tags=["subscriptions"],
)
async def record_usage_event(
    body: UsageEventCreate, request: Request, principal: Principal = require("subscriptions:write")
) -> Response:
    """Record what a customer did, for the meter of its event name. The same `identifier`
    and body again answer the event recorded first (200); another body is a 409."""
    return await operations.write(
        request,
        principal,
        lambda ctx: events.record_event(ctx, body),
        lambda recorded, _: UsageEventOut.of(recorded.event),
        status_code=_status,
    )


@router.post(
    "/v1/usage_events/batch",
    status_code=201,
    response_model=ListOut[UsageEventOut],
    responses={200: {"model": ListOut[UsageEventOut], "description": "All replays"}},
    tags=["subscriptions"],
)
async def record_usage_events(
    body: UsageEventBatch, request: Request, principal: Principal = require("subscriptions:write")
) -> Response:
    """Up to 1 000 events, all recorded or none (one bad event refuses the batch); each
    replays or conflicts as it would alone. The events, in the order sent."""
    return await operations.write(
        request,
        principal,
        lambda ctx: events.record_batch(ctx, body),
        lambda recorded, _: ListOut[UsageEventOut](
            data=[UsageEventOut.of(item.event) for item in recorded],
            has_more=False,
            next_cursor=None,
        ),
        status_code=_status,
    )


@router.get("/v1/usage_events", response_model=ListOut[UsageEventOut], tags=["subscriptions"])
async def list_usage_events(
    request: Request,
    principal: Principal = require("subscriptions:read"),
    page: PageRequest = Depends(page_params("uev")),
    customer: str | None = Query(None, max_length=64),
    event_name: str | None = Query(None, max_length=100),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: events.list_events(ctx, page, customer=customer, event_name=event_name),
        lambda found, _: ListOut[UsageEventOut].of(found, UsageEventOut.of),
    )


@router.get("/v1/usage_events/{event_id}", response_model=UsageEventOut, tags=["subscriptions"])
async def get_usage_event(
    event_id: str, request: Request, principal: Principal = require("subscriptions:read")
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: events.get_event(ctx, event_id),
        lambda event, _: UsageEventOut.of(event),
    )
