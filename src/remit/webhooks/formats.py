"""Webhook formats: how an event becomes a request body, and how that body is signed.

`standard` (Standard Webhooks) is remit's own. Each provider dialect may add the format its
SDKs verify (`rapyd`, …); an endpoint names its format, and receives only the events that
format carries, rendered and signed its way.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from remit.api.fields import render_timestamp
from remit.events.models import Event
from remit.kernel.crypto import SecretBox
from remit.kernel.secrets import Secrets
from remit.webhooks import signing
from remit.webhooks.models import WebhookEndpoint


class SigningKeysMissing(Exception):
    """The format's signing keys are not there (a dialect's credentials were never issued)."""


class WebhookFormat(Protocol):
    name: str

    def carries(self, event_type: str) -> bool:
        """Whether endpoints in this format receive events of this type."""

    def body(self, event: Event) -> str: ...

    async def signing_keys(
        self, session: AsyncSession, secrets: Secrets, endpoint: WebhookEndpoint, now: datetime
    ) -> tuple[str, ...]:
        """The keys `headers` signs with (may raise `Unsealable` or `SigningKeysMissing`)."""

    def headers(
        self, keys: tuple[str, ...], message_id: str, at: datetime, body: str, url: str
    ) -> dict[str, str]: ...


def render_body(style: WebhookFormat, event: Event, keys: tuple[str, ...]) -> str:
    """The body to send. A format that signs inside the body (Reepay's `signature` field)
    offers `signed_body(event, keys)`; the others sign in `headers`."""
    signed_body = getattr(style, "signed_body", None)
    return signed_body(event, keys) if signed_body is not None and keys else style.body(event)


class StandardFormat:
    """`{"id", "type", "created_at", "data": {"object": …}}`, signed per Standard Webhooks
    with the endpoint's secret (and, during a rotation, its previous one)."""

    name = "standard"

    def carries(self, event_type: str) -> bool:
        return True

    def body(self, event: Event) -> str:
        payload = {
            "id": event.id,
            "type": event.type,
            "created_at": render_timestamp(event.created_at),
            "data": {"object": event.data, **(event.details or {})},
        }
        return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)

    async def signing_keys(
        self, session: AsyncSession, secrets: Secrets, endpoint: WebhookEndpoint, now: datetime
    ) -> tuple[str, ...]:
        sealed = [endpoint.secret_sealed]
        expires = endpoint.previous_secret_expires_at
        if endpoint.previous_secret_sealed and expires and expires > now:
            sealed.append(endpoint.previous_secret_sealed)
        box = SecretBox(secrets, signing.SECRET_PURPOSE)
        return tuple(box.open(item) for item in sealed)

    def headers(
        self, keys: tuple[str, ...], message_id: str, at: datetime, body: str, url: str
    ) -> dict[str, str]:
        return signing.headers(list(keys), message_id, at, body)


@cache
def formats() -> dict[str, WebhookFormat]:
    from remit.dialects import webhook_formats

    found: dict[str, WebhookFormat] = {"standard": StandardFormat()}
    for item in webhook_formats():
        found[item.name] = item
    return found


def format_of(name: str) -> WebhookFormat:
    return formats()[name]
