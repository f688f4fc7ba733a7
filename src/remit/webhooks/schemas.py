"""Webhook endpoint and delivery bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool

from remit.kernel.fields import InputModel, LongText, Metadata, OutTimestamp
from remit.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

EventPattern = Annotated[str, Field(pattern=r"^(\*|[a-z_]+(\.[a-z_]+)+)$", max_length=64)]
Url = Annotated[str, Field(min_length=1, max_length=2048)]
Format = Literal["standard", "rapyd", "reepay", "whop"]


class WebhookEndpointCreate(InputModel):
    url: Url
    events: Annotated[list[EventPattern], Field(min_length=1, max_length=100)] = Field(
        default_factory=lambda: ["*"]
    )
    format: Format = "standard"
    description: LongText | None = None
    metadata: Metadata = Field(default_factory=dict)


class WebhookEndpointUpdate(InputModel):
    url: Url | None = None
    events: Annotated[list[EventPattern], Field(min_length=1, max_length=100)] | None = None
    enabled: StrictBool | None = None
    description: LongText | None = None
    metadata: Metadata | None = None


class WebhookEndpointOut(BaseModel):
    object: Literal["webhook_endpoint"] = "webhook_endpoint"
    id: str
    livemode: bool
    url: str
    events: list[str]
    format: str
    description: str | None
    enabled: bool
    disabled_reason: str | None
    metadata: dict[str, Any]
    created_at: OutTimestamp
    updated_at: OutTimestamp

    @classmethod
    def of(cls, endpoint: WebhookEndpoint) -> WebhookEndpointOut:
        return cls(
            id=endpoint.id,
            livemode=endpoint.livemode,
            url=endpoint.url,
            events=endpoint.events,
            format=endpoint.format,
            description=endpoint.description,
            enabled=endpoint.enabled,
            disabled_reason=endpoint.disabled_reason,
            metadata=endpoint.metadata_,
            created_at=endpoint.created_at,
            updated_at=endpoint.updated_at,
        )


class WebhookEndpointWithSecret(WebhookEndpointOut):
    """The endpoint as created or rotated: the only time its signing secret is shown."""

    secret: str


class WebhookAttemptOut(BaseModel):
    attempted_at: OutTimestamp
    status_code: int | None
    latency_ms: int
    error: str | None
    next_attempt_at: OutTimestamp | None

    @classmethod
    def of(cls, attempt: WebhookAttempt) -> WebhookAttemptOut:
        return cls(
            attempted_at=attempt.attempted_at,
            status_code=attempt.status_code,
            latency_ms=attempt.latency_ms,
            error=attempt.error,
            next_attempt_at=attempt.next_attempt_at,
        )


class WebhookDeliveryOut(BaseModel):
    object: Literal["webhook_delivery"] = "webhook_delivery"
    id: str
    livemode: bool
    endpoint: str
    event: str
    event_type: str
    status: str
    attempt_count: int
    next_attempt_at: OutTimestamp | None
    created_at: OutTimestamp
    delivered_at: OutTimestamp | None
    attempts: list[WebhookAttemptOut]

    @classmethod
    def of(cls, delivery: WebhookDelivery, attempts: list[WebhookAttempt]) -> WebhookDeliveryOut:
        return cls(
            id=delivery.id,
            livemode=delivery.livemode,
            endpoint=delivery.endpoint_id,
            event=delivery.event_id,
            event_type=delivery.event_type,
            status=delivery.status,
            attempt_count=delivery.attempt_count,
            next_attempt_at=delivery.next_attempt_at if delivery.status == "pending" else None,
            created_at=delivery.created_at,
            delivered_at=delivery.delivered_at,
            attempts=[WebhookAttemptOut.of(attempt) for attempt in attempts],
        )
