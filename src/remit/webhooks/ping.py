"""`ping`: a test event for one endpoint (`remit webhooks test`), never fanned out, and sent
once (`worker.deliveries`): a failed ping is not retried, so it holds back no real event."""

from __future__ import annotations

from sqlalchemy import select

from remit.events import service as events
from remit.kernel.problems import NotFound
from remit.runtime import Runtime
from remit.webhooks.fanout import PING, new_delivery
from remit.webhooks.models import WebhookEndpoint
from remit.webhooks.schemas import WebhookEndpointOut


async def ping(runtime: Runtime, endpoint_id: str) -> str:
    """Record a `ping` event about the endpoint and its delivery; returns the delivery id."""
    async with runtime.db.write() as session:
        endpoint = await session.scalar(
            select(WebhookEndpoint).where(
                WebhookEndpoint.id == endpoint_id, WebhookEndpoint.deleted_at.is_(None)
            )
        )
        if endpoint is None:
            raise NotFound("webhook endpoint", endpoint_id)
        ctx = runtime.context(session, endpoint.account_id, "cli", livemode=endpoint.livemode)
        event = events.record(ctx, PING, WebhookEndpointOut.of(endpoint))
        delivery = new_delivery(endpoint.account_id, endpoint.livemode, endpoint.id, event.id, PING)
        session.add(delivery)
        return delivery.id
