"""What a dialect declares: its name, its routes, how it issues credentials, its webhooks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter

from remit.context import Context
from remit.webhooks.formats import WebhookFormat


@dataclass(frozen=True)
class Dialect:
    name: str
    router: APIRouter
    # `remit keys create --kind <name>`: issue the provider's credentials for an account.
    issue_credentials: Callable[[Context, list[str]], Awaitable[dict[str, Any]]]
    webhook_format: WebhookFormat | None = None
