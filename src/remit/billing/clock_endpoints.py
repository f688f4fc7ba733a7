"""`/v1/test_clocks`: simulated time for test mode (docs/billing.md, "Test clocks"). Keys
with the `subscriptions` scopes manage them; live keys are refused (400)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.billing import clocks as deletion
from remit.clocks import service
from remit.clocks.models import TestClock
from remit.clocks.repository import TestClockRepository
from remit.clocks.schemas import TestClockAdvance, TestClockCreate, TestClockOut
from remit.context import Context
from remit.kernel.pagination import Page, PageRequest

router = APIRouter(prefix="/v1/test_clocks", tags=["test clocks"], route_class=RemitRoute)


def _present(clock: TestClock, _ctx: Context) -> TestClockOut:
    return TestClockOut.of(clock)


@router.post("", status_code=201, response_model=TestClockOut)
async def create_test_clock(
    body: TestClockCreate, request: Request, principal: Principal = require("subscriptions:write")
) -> Response:
    """A clock standing at `frozen_time`; customers made with `test_clock` live on it."""
    return await operations.write(
        request, principal, lambda ctx: service.create_clock(ctx, body), _present, status_code=201
    )


@router.get("", response_model=ListOut[TestClockOut])
async def list_test_clocks(
    request: Request,
    principal: Principal = require("subscriptions:read"),
    page: PageRequest = Depends(page_params("clock")),
) -> Response:
    async def listed(ctx: Context) -> Page[TestClock]:
        service.test_mode(ctx)
        return await TestClockRepository(ctx).list(page)

    return await operations.read(
        request,
        principal,
        listed,
        lambda found, _: ListOut[TestClockOut].of(found, TestClockOut.of),
    )


@router.get("/{clock_id}", response_model=TestClockOut)
async def get_test_clock(
    clock_id: str, request: Request, principal: Principal = require("subscriptions:read")
) -> Response:
    return await operations.read(
        request, principal, lambda ctx: service.get_clock(ctx, clock_id), _present
    )


@router.post("/{clock_id}/advance", response_model=TestClockOut)
async def advance_test_clock(
    clock_id: str,
    body: TestClockAdvance,
    request: Request,
    principal: Principal = require("subscriptions:write"),
) -> Response:
    """Move the clock to `frozen_time`. It answers at once, `advancing`; a worker runs
    everything due up to then and sets the clock `ready`."""
    return await operations.write(
        request, principal, lambda ctx: service.advance(ctx, clock_id, body), _present
    )


@router.delete("/{clock_id}", response_model=TestClockOut)
async def delete_test_clock(
    clock_id: str, request: Request, principal: Principal = require("subscriptions:write")
) -> Response:
    """Delete the clock and everything that lives on it."""
    return await operations.write(
        request, principal, lambda ctx: deletion.delete_clock(ctx, clock_id), _present
    )
