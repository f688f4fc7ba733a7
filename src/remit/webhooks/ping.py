"""`ping`: a test event for one endpoint (`remit webhooks test`), never fanned out, and sent
once (`worker.deliveries`): a failed ping is not retried, so it holds back no real event.

The command that records a ping sends it itself, at once, and reports how the endpoint
answered; so the ping is not due for the workers until `hold` has passed. Were it due at
once, a running worker could take it first, and the command would have nothing to report.
If the command never sends it (it died), a worker sends it when the hold ends."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from remit.events import service as events
from remit.kernel.problems import NotFound
from remit.runtime import Runtime
from remit.webhooks.fanout import PING, new_delivery
from remit.webhooks.models import WebhookEndpoint
from remit.webhooks.schemas import WebhookEndpointOut


async def ping(runtime: Runtime, endpoint_id: str, hold: timedelta) -> str:
    """Record a `ping` event about the endpoint and its delivery, due for the workers only
    after `hold` (its sender's lease length); returns the delivery id."""
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
        delivery.next_attempt_at = delivery.created_at + hold
        session.add(delivery)
        return delivery.id
