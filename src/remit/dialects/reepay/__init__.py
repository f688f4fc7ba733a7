"""Reepay's (Frisbii Billing's) invoice API at `/reepay/v1/…` (docs/dialects/reepay.md).

Mapping of objects: a Reepay customer is a remit customer, named by its `handle` (or, for
customers made without one, its `cus_` id); a one-off (`co`) invoice is a remit invoice
collected by `send_invoice`, its `handle` remit's invoice handle and its id remit's `inv_`
id; an order line is an invoice line (`amount` in minor units per unit, `vat` a fraction:
remit's `unit_amount` in major units and `tax_rate` in percent); a card `ca_X` is a payment
method `pm_X`; a transaction is a settlement. States: pending = open or past due, settled =
paid, failed = uncollectible, cancelled = void or expired.
"""

from __future__ import annotations

from typing import Any

from remit.api_keys.service import issue_key
from remit.context import Context
from remit.dialects.base import Dialect
from remit.dialects.reepay.auth import KEY_PREFIX, KIND
from remit.dialects.reepay.endpoints import router
from remit.dialects.reepay.webhooks import ReepayWebhooks


async def _issue_credentials(ctx: Context, scopes: list[str]) -> dict[str, Any]:
    issued = await issue_key(ctx, scopes, name=KIND, kind=KIND, prefix=KEY_PREFIX)
    return {"private_key": issued.secret, "key_id": issued.key.id}


DIALECT = Dialect(
    name="reepay",
    router=router,
    issue_credentials=_issue_credentials,
    webhook_format=ReepayWebhooks(),
)
