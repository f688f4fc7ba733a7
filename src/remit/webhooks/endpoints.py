"""`/v1/webhook_endpoints` and `/v1/webhook_deliveries`."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.context import Context
from remit.kernel.pagination import PageRequest
from remit.webhooks import service
from remit.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from remit.webhooks.repository import (
    DeliveryPage,
    WebhookDeliveryRepository,
    WebhookEndpointRepository,
)
from remit.webhooks.schemas import (
    WebhookDeliveryOut,
    WebhookEndpointCreate,
    WebhookEndpointOut,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
)

router = APIRouter(tags=["webhooks"], route_class=RemitRoute)
ENDPOINTS = "/v1/webhook_endpoints"


def _present(endpoint: WebhookEndpoint, _ctx: Context) -> WebhookEndpointOut:
    return WebhookEndpointOut.of(endpoint)


def _present_with_secret(
    created: tuple[WebhookEndpoint, str], _ctx: Context
) -> WebhookEndpointWithSecret:
    endpoint, secret = created
    return WebhookEndpointWithSecret(**WebhookEndpointOut.of(endpoint).model_dump(), secret=secret)


async def _check_url(request: Request, url: str | None) -> None:
    if url is not None:
        allow = runtime_of(request).settings.webhook_allow_private
        await service.check_url(url, allow_private=allow)


@router.post(ENDPOINTS, status_code=201, response_model=WebhookEndpointWithSecret)
async def create_endpoint(
    body: WebhookEndpointCreate, request: Request, principal: Principal = require("webhooks:write")
) -> Response:
    await _check_url(request, body.url)
    return await operations.write(
        request,
        principal,
        lambda ctx: service.create_endpoint(ctx, body),
        _present_with_secret,
        status_code=201,
    )


@router.get(ENDPOINTS, response_model=ListOut[WebhookEndpointOut])
async def list_endpoints(
    request: Request,
    principal: Principal = require("webhooks:read"),
    page: PageRequest = Depends(page_params("we")),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: WebhookEndpointRepository(ctx).list(page),
        lambda found, _: ListOut[WebhookEndpointOut].of(found, WebhookEndpointOut.of),
    )


@router.get(ENDPOINTS + "/{endpoint_id}", response_model=WebhookEndpointOut)
async def get_endpoint(
    endpoint_id: str, request: Request, principal: Principal = require("webhooks:read")
) -> Response:
    return await operations.read(
        request, principal, lambda ctx: WebhookEndpointRepository(ctx).get(endpoint_id), _present
    )


@router.patch(ENDPOINTS + "/{endpoint_id}", response_model=WebhookEndpointOut)
async def update_endpoint(
    endpoint_id: str,
    body: WebhookEndpointUpdate,
    request: Request,
    principal: Principal = require("webhooks:write"),
) -> Response:
    await _check_url(request, body.url)
    return await operations.write(
        request, principal, lambda ctx: service.update_endpoint(ctx, endpoint_id, body), _present
    )


@router.delete(ENDPOINTS + "/{endpoint_id}", status_code=204)
async def delete_endpoint(
    endpoint_id: str, request: Request, principal: Principal = require("webhooks:write")
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.delete_endpoint(ctx, endpoint_id),
        lambda _result, _ctx: None,
        status_code=204,
    )


@router.post(ENDPOINTS + "/{endpoint_id}/rotate_secret", response_model=WebhookEndpointWithSecret)
async def rotate_secret(
    endpoint_id: str, request: Request, principal: Principal = require("webhooks:write")
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: service.rotate_secret(ctx, endpoint_id),
        _present_with_secret,
    )


@router.get(ENDPOINTS + "/{endpoint_id}/deliveries", response_model=ListOut[WebhookDeliveryOut])
async def list_deliveries(
    endpoint_id: str,
    request: Request,
    principal: Principal = require("webhooks:read"),
    page: PageRequest = Depends(page_params("whd")),
) -> Response:
    async def query(ctx: Context) -> DeliveryPage:
        await WebhookEndpointRepository(ctx).ensure_exists(endpoint_id)
        return await WebhookDeliveryRepository(ctx).for_endpoint(endpoint_id, page)

    def present(found: DeliveryPage, _ctx: Context) -> ListOut[WebhookDeliveryOut]:
        return ListOut[WebhookDeliveryOut].of(
            found.page, lambda d: WebhookDeliveryOut.of(d, found.attempts.get(d.id, []))
        )

    return await operations.read(request, principal, query, present)


@router.post("/v1/webhook_deliveries/{delivery_id}/retry", response_model=WebhookDeliveryOut)
async def retry_delivery(
    delivery_id: str, request: Request, principal: Principal = require("webhooks:write")
) -> Response:
    async def retry(ctx: Context) -> tuple[WebhookDelivery, list[WebhookAttempt]]:
        delivery = await service.retry_delivery(ctx, delivery_id)
        attempts = await WebhookDeliveryRepository(ctx).attempts_of([delivery.id])
        return delivery, attempts.get(delivery.id, [])

    return await operations.write(
        request, principal, retry, lambda found, _: WebhookDeliveryOut.of(*found)
    )
