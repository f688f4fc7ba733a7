"""`/v1/subscriptions`: create, read, pause and resume (changes and cancels, which bill:
remit.billing.endpoints)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.context import Context
from remit.kernel.pagination import PageRequest
from remit.subscriptions import service
from remit.subscriptions.models import Subscription
from remit.subscriptions.repository import SubscriptionRepository
from remit.subscriptions.schemas import SubscriptionCreate, SubscriptionOut

router = APIRouter(prefix="/v1/subscriptions", tags=["subscriptions"], route_class=RemitRoute)


def _present(subscription: Subscription, _ctx: Context) -> SubscriptionOut:
    return SubscriptionOut.of(subscription)


@router.post("", status_code=201, response_model=SubscriptionOut)
async def create_subscription(
    body: SubscriptionCreate,
    request: Request,
    principal: Principal = require("subscriptions:write"),
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.create_subscription(ctx, body),
        _present,
        status_code=201,
    )


@router.get("", response_model=ListOut[SubscriptionOut])
async def list_subscriptions(
    request: Request,
    principal: Principal = require("subscriptions:read"),
    page: PageRequest = Depends(page_params("sub")),
    customer: str | None = Query(None, max_length=64),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: SubscriptionRepository(ctx, items=True).list(page, customer=customer),
        lambda found, _: ListOut[SubscriptionOut].of(found, SubscriptionOut.of),
    )


@router.post("/{subscription_id}/pause", response_model=SubscriptionOut)
async def pause_subscription(
    subscription_id: str, request: Request, principal: Principal = require("subscriptions:write")
) -> Response:
    """No period is billed while paused."""
    return await operations.write(
        request, principal, lambda ctx: service.pause_subscription(ctx, subscription_id), _present
    )


@router.post("/{subscription_id}/resume", response_model=SubscriptionOut)
async def resume_subscription(
    subscription_id: str, request: Request, principal: Principal = require("subscriptions:write")
) -> Response:
    """Billing starts again with the next period (the periods paused through are not billed)."""
    return await operations.write(
        request, principal, lambda ctx: service.resume_subscription(ctx, subscription_id), _present
    )


@router.get("/{subscription_id}", response_model=SubscriptionOut)
async def get_subscription(
    subscription_id: str, request: Request, principal: Principal = require("subscriptions:read")
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: SubscriptionRepository(ctx, items=True).get(subscription_id),
        _present,
    )
