"""Webhook formats: how an event becomes a request body, and how that body is signed.

`standard` (Standard Webhooks) is remit's own. Each provider dialect may add the format its
SDKs verify (`rapyd`, …), registered by the composition root; an endpoint names its format,
and receives only the events that format carries, rendered and signed its way.

A format is pure translation: it gets the event as a value (`EventView`) and the keys to sign
with, and says where those keys come from (`keys`); the worker reads them (`signing_keys`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from remit.api_keys.service import newest_hmac_key
from remit.events.models import Event
from remit.kernel import jsonio
from remit.kernel.crypto import SecretBox
from remit.kernel.fields import render_timestamp
from remit.kernel.secrets import Secrets
from remit.webhooks import signing
from remit.webhooks.models import WebhookEndpoint


class SigningKeysMissing(Exception):
    """The format's signing keys are not there (a dialect's credentials were never issued)."""


@dataclass(frozen=True)
class EventView:
    """An event as a format renders it: its object as the native API showed it then."""

    id: str
    type: str
    account_id: str
    livemode: bool
    created_at: datetime
    data: dict[str, Any]
    details: dict[str, Any] | None = None

    @classmethod
    def of(cls, event: Event) -> EventView:
        return cls(event.id, event.type, event.account_id, event.livemode, event.created_at,
                   event.data, event.details)  # fmt: skip


@dataclass(frozen=True)
class EndpointSecret:
    """Sign with the endpoint's own secret (and its previous one while a rotation overlaps)."""


@dataclass(frozen=True)
class ProviderKey:
    """Sign with the account's newest active dialect key of `kind` (Rapyd's access and secret
    key): `(public id, secret)`. `missing` says how to issue one."""

    kind: str
    public_prefix: str
    missing: str


KeySource = EndpointSecret | ProviderKey


class WebhookFormat(Protocol):
    name: str
    keys: KeySource

    def carries(self, event_type: str) -> bool:
        """Whether endpoints in this format receive events of this type."""
        ...

    def body(self, event: EventView, keys: tuple[str, ...]) -> str:
        """The body to send (a format that signs inside the body uses `keys`)."""
        ...

    def headers(
        self, keys: tuple[str, ...], message_id: str, at: datetime, body: str, url: str
    ) -> dict[str, str]: ...


async def signing_keys(
    session: AsyncSession, secrets: Secrets, endpoint: WebhookEndpoint, source: KeySource,
    now: datetime,
) -> tuple[str, ...]:  # fmt: skip
    """The keys a format signs with (may raise `Unsealable` or `SigningKeysMissing`)."""
    if isinstance(source, ProviderKey):
        found = await newest_hmac_key(
            session,
            secrets,
            endpoint.account_id,
            endpoint.livemode,
            source.kind,
            source.public_prefix,
        )
        if found is None:
            raise SigningKeysMissing(source.missing)
        return found
    sealed = [endpoint.secret_sealed]
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret_sealed and expires and expires > now:
        sealed.append(endpoint.previous_secret_sealed)
    box = SecretBox(secrets, signing.SECRET_PURPOSE)
    return tuple(box.open(item) for item in sealed)


class StandardFormat:
    """`{"id", "type", "created_at", "data": {"object": …}}`, signed per Standard Webhooks
    with the endpoint's secret (and, during a rotation, its previous one)."""

    name = "standard"
    keys: KeySource = EndpointSecret()

    def carries(self, event_type: str) -> bool:
        return True

    def body(self, event: EventView, keys: tuple[str, ...] = ()) -> str:
        payload = {
            "id": event.id,
            "type": event.type,
            "livemode": event.livemode,
            "created_at": render_timestamp(event.created_at),
            "data": {"object": event.data, **(event.details or {})},
        }
        return jsonio.dumps_text(payload)

    def headers(
        self, keys: tuple[str, ...], message_id: str, at: datetime, body: str, url: str
    ) -> dict[str, str]:
        return signing.headers(list(keys), message_id, at, body)


_FORMATS: dict[str, WebhookFormat] = {StandardFormat.name: StandardFormat()}


def register(style: WebhookFormat) -> None:
    """Make a format available to endpoints (the composition root registers the dialects')."""
    _FORMATS[style.name] = style


def format_of(name: str) -> WebhookFormat:
    return _FORMATS[name]


def names() -> list[str]:
    return sorted(_FORMATS)
