"""`GET /v1/events` and `GET /v1/events/{id}`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.events.repository import EventRepository
from remit.events.schemas import EventOut
from remit.kernel.pagination import PageRequest

router = APIRouter(prefix="/v1/events", tags=["events"], route_class=RemitRoute)


@router.get("", response_model=ListOut[EventOut])
async def list_events(
    request: Request,
    principal: Principal = require("events:read"),
    page: PageRequest = Depends(page_params("evt")),
    type: str | None = Query(None, max_length=64),
    related_object: str | None = Query(None, max_length=64),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: EventRepository(ctx).list(page, event_type=type, related_object=related_object),
        lambda found, _: ListOut[EventOut].of(found, EventOut.of),
    )


@router.get("/{event_id}", response_model=EventOut)
async def get_event(
    event_id: str, request: Request, principal: Principal = require("events:read")
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: EventRepository(ctx).get(event_id),
        lambda event, _: EventOut.of(event),
    )
