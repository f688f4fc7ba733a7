"""Webhook endpoint use cases: create, change, delete, rotate the secret, redeliver."""

from __future__ import annotations

from datetime import timedelta

from remit.context import Context
from remit.events import service as events
from remit.kernel.crypto import SecretBox
from remit.kernel.ids import id_time
from remit.kernel.metadata import cleaned, merged
from remit.kernel.problems import FieldError
from remit.webhooks import signing, ssrf
from remit.webhooks.errors import WebhookUrlNotAllowed
from remit.webhooks.fanout import schedule_work
from remit.webhooks.models import WebhookDelivery, WebhookEndpoint
from remit.webhooks.repository import WebhookDeliveryRepository, WebhookEndpointRepository
from remit.webhooks.schemas import WebhookEndpointCreate, WebhookEndpointOut, WebhookEndpointUpdate

ROTATION_OVERLAP = timedelta(hours=24)  # the old secret keeps signing this long
SECRET_PURPOSE = signing.SECRET_PURPOSE


async def check_url(url: str, *, allow_private: bool) -> None:
    """Refuse URLs that resolve to non-public addresses (run before the transaction: DNS)."""
    try:
        await ssrf.check(url, allow_private=allow_private)
    except ssrf.UrlNotAllowed as exc:
        raise WebhookUrlNotAllowed(
            f"The URL {exc}.", errors=[FieldError("url", str(exc), "webhook_url_not_allowed")]
        ) from None


def secret_box(ctx: Context) -> SecretBox:
    return SecretBox(ctx.secrets, SECRET_PURPOSE)


async def create_endpoint(ctx: Context, data: WebhookEndpointCreate) -> tuple[WebhookEndpoint, str]:
    secret = signing.new_secret()
    endpoint_id = ctx.new_id("we")
    endpoint = WebhookEndpoint(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=endpoint_id,
        url=data.url,
        description=data.description,
        events=sorted(set(data.events)),
        format=data.format,
        enabled=True,
        secret_sealed=secret_box(ctx).seal(secret),
        metadata_=cleaned(data.metadata),
        created_at=id_time(endpoint_id),
        updated_at=id_time(endpoint_id),
    )
    WebhookEndpointRepository(ctx).add(endpoint)
    events.record(ctx, "webhook_endpoint.created", WebhookEndpointOut.of(endpoint))
    return endpoint, secret


async def update_endpoint(
    ctx: Context, endpoint_id: str, data: WebhookEndpointUpdate
) -> WebhookEndpoint:
    endpoint = await WebhookEndpointRepository(ctx).get_for_update(endpoint_id)
    if data.url is not None:
        endpoint.url = data.url
    if data.events is not None:
        endpoint.events = sorted(set(data.events))
    if "description" in data.model_fields_set:
        endpoint.description = data.description
    if data.enabled is not None:
        endpoint.enabled = data.enabled
        if data.enabled:  # a fresh start: the failure streak and its reason are forgotten
            endpoint.disabled_reason, endpoint.failing_since = None, None
        else:
            endpoint.disabled_reason = "disabled through the API"
    if data.metadata is not None:
        endpoint.metadata_ = merged(endpoint.metadata_, data.metadata)
    endpoint.updated_at = ctx.now
    await ctx.session.flush()  # its event goes by the new settings (fan-out reads the table)
    events.record(ctx, "webhook_endpoint.updated", WebhookEndpointOut.of(endpoint))
    if endpoint.enabled:
        await schedule_work(ctx.session)  # deliveries held while disabled may now go
    return endpoint


async def delete_endpoint(ctx: Context, endpoint_id: str) -> None:
    endpoint = await WebhookEndpointRepository(ctx).get_for_update(endpoint_id)
    endpoint.enabled, endpoint.deleted_at, endpoint.updated_at = False, ctx.now, ctx.now
    endpoint.disabled_reason = "deleted"
    await ctx.session.flush()  # a deleted endpoint is not told of its own deletion
    events.record(ctx, "webhook_endpoint.deleted", WebhookEndpointOut.of(endpoint))


async def rotate_secret(ctx: Context, endpoint_id: str) -> tuple[WebhookEndpoint, str]:
    """A new secret now; the old one keeps signing too for 24 hours (receivers accept either)."""
    endpoint = await WebhookEndpointRepository(ctx).get_for_update(endpoint_id)
    secret = signing.new_secret()
    endpoint.previous_secret_sealed = endpoint.secret_sealed
    endpoint.previous_secret_expires_at = ctx.now + ROTATION_OVERLAP
    endpoint.secret_sealed = secret_box(ctx).seal(secret)
    endpoint.updated_at = ctx.now
    return endpoint, secret


async def retry_delivery(ctx: Context, delivery_id: str) -> WebhookDelivery:
    """Send a delivery again as soon as a worker can, whatever its state; history is kept."""
    delivery = await WebhookDeliveryRepository(ctx).get_for_update(delivery_id)
    delivery.status, delivery.next_attempt_at = "pending", ctx.now
    delivery.leased_until = delivery.lease_owner = None
    delivery.updated_at = ctx.now
    await schedule_work(ctx.session)
    return delivery
