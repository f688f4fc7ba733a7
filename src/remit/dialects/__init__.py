"""Provider dialects: other providers' invoice APIs, spoken over remit's services (SPEC §8).

Each dialect is a package (`remit.dialects.<provider>`) holding only translation:

- `auth`: the provider's credentials → a remit `Principal` (an account and its scopes);
- `mapping`: the provider's request bodies → remit's inputs, and remit's objects (as the native
  API renders them) → the provider's shapes, ids, money and timestamps;
- `errors`: remit's problems → the provider's codes, messages and envelopes;
- `endpoints`: routes mounted under the provider's prefix, each calling the same service
  function, in the same transaction and idempotency store, as remit's own route;
- `webhooks` (optional): a webhook format — body and signature — for endpoints registered
  with `format: <provider>`;
- `__init__`: the `Dialect` it declares (`base.Dialect`), which `remit.wiring` mounts.

No business rule lives in a dialect: whatever one needs (pending invoice items, an
invoice-level tax rate) is a remit feature first.
"""

from __future__ import annotations

from fastapi import FastAPI

from remit.dialects import rapyd, reepay, retempo, whop
from remit.dialects.base import Dialect

DIALECTS: dict[str, Dialect] = {
    dialect.name: dialect
    for dialect in (rapyd.DIALECT, reepay.DIALECT, retempo.DIALECT, whop.DIALECT)
}


def dialects() -> dict[str, Dialect]:
    return DIALECTS


def mount(app: FastAPI) -> None:
    for dialect in DIALECTS.values():
        app.include_router(dialect.router)
