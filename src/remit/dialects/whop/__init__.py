"""Whop's invoicing API at `/whop/api/v1/…` (docs/dialects/whop.md), for whop-sdk 0.0.x and 2.x.

Mapping of objects: a Whop company is a remit account (`biz_X` ↔ `acct_X`); a member is a
customer (`mber_X` ↔ `cus_X`; its `user` is `user_X`); an invoice, plan and product are
remit's (`inv_`, `plan_`, `prod_` alike); a payment method is remit's (`pmt_X` ↔ `pm_X`).
Whop's inline `plan` and `product` become a remit plan (and product) the invoice bills as
lines; the key is a remit API key, its scopes checked against Whop's permissions.
"""

from __future__ import annotations

from typing import Any

from remit.api_keys.service import issue_key
from remit.context import Context
from remit.dialects.base import Dialect
from remit.dialects.whop.endpoints import router
from remit.dialects.whop.webhooks import WhopWebhooks


async def _issue_credentials(ctx: Context, scopes: list[str]) -> dict[str, Any]:
    """Whop's SDKs send a bearer key: a remit API key serves as it is."""
    issued = await issue_key(ctx, scopes, name="whop")
    return {"api_key": issued.secret, "key_id": issued.key.id}


DIALECT = Dialect(
    name="whop", router=router, issue_credentials=_issue_credentials, webhook_format=WhopWebhooks()
)
