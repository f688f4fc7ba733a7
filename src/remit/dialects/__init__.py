"""Provider dialects: other providers' invoice APIs, spoken over remit's services (SPEC §8).

Each dialect is a package (`remit.dialects.<provider>`) holding only translation:

- `auth`: the provider's credentials → a remit `Principal` (an account and its scopes);
- `mapping`: the provider's request bodies → remit's inputs, and remit's objects (as the native
  API renders them) → the provider's shapes, ids, money and timestamps;
- `errors`: remit's problems → the provider's codes, messages and envelopes;
- `endpoints`: routes mounted under the provider's prefix, each calling the same service
  function, in the same transaction and idempotency store, as remit's own route;
- `webhooks` (optional): a webhook format — body and signature — for endpoints registered
  with `format: <provider>`.

No business rule lives in a dialect: whatever one needs (pending invoice items, an
invoice-level tax rate) is a remit feature first.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import APIRouter, FastAPI

    from remit.context import Context
    from remit.webhooks.formats import WebhookFormat


@dataclass(frozen=True)
class Dialect:
    name: str
    router: Callable[[], APIRouter]
    # `remit keys create --kind <name>`: issue the provider's credentials for an account.
    issue_credentials: Callable[[Context, list[str]], Awaitable[dict[str, Any]]]
    webhook_format: WebhookFormat | None = None


@cache
def dialects() -> dict[str, Dialect]:
    from remit.dialects import rapyd, reepay, retempo, whop

    every = (rapyd.DIALECT, reepay.DIALECT, retempo.DIALECT, whop.DIALECT)
    return {dialect.name: dialect for dialect in every}


def webhook_formats() -> list[WebhookFormat]:
    return [d.webhook_format for d in dialects().values() if d.webhook_format is not None]


def mount(app: FastAPI) -> None:
    for dialect in dialects().values():
        app.include_router(dialect.router())
