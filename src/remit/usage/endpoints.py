"""`POST/GET /v1/subscriptions/{id}/usage_records`."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.kernel.pagination import PageRequest
from remit.usage import service
from remit.usage.schemas import UsageRecordCreate, UsageRecordOut

router = APIRouter(tags=["subscriptions"], route_class=RemitRoute)
RECORDS = "/v1/subscriptions/{subscription_id}/usage_records"


@router.post(RECORDS, status_code=201, response_model=UsageRecordOut)
async def record_usage(
    subscription_id: str,
    body: UsageRecordCreate,
    request: Request,
    principal: Principal = require("subscriptions:write"),
) -> Response:
    """Record usage, billed at the plan's price on the customer's next invoice (or on the
    draft named by `invoice`). An `identifier` already recorded is a 409."""
    return await operations.write(
        request,
        principal,
        lambda ctx: service.record_usage(ctx, subscription_id, body),
        lambda found, _ctx: UsageRecordOut.of(*found),
        status_code=201,
    )


@router.get(RECORDS, response_model=ListOut[UsageRecordOut])
async def list_usage(
    subscription_id: str,
    request: Request,
    principal: Principal = require("subscriptions:read"),
    page: PageRequest = Depends(page_params("ur")),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: service.list_usage(ctx, subscription_id, page),
        lambda found, _ctx: ListOut[UsageRecordOut].of(
            found[0], lambda r: UsageRecordOut.of(r, found[1].get(r.item_id))
        ),
    )
