"""Rapyd's invoicing API at `/rapyd/v1/…` (docs/dialects/rapyd.md).

Mapping of objects: a Rapyd customer is a remit customer (`cus_` ids alike); an invoice is a
remit invoice (`invoice_X` ↔ `inv_X`); an invoice item is an invoice line, or a pending
invoice item until the customer's next invoice (`ii_X` ↔ `il_X`); a product, plan and
subscription are remit's (`product_X` ↔ `prod_X`; `plan_`, `sub_` alike); a card is a
payment method (`card_X` ↔ `pm_X`). `billing` is remit's `collection_method`, `tax_percent`
the invoice's `default_tax_rate`.
"""

from __future__ import annotations

from typing import Any

from remit.api_keys.service import issue_hmac_key
from remit.context import Context
from remit.dialects.base import Dialect
from remit.dialects.rapyd.auth import ACCESS_PREFIX, KIND, SECRET_PREFIX
from remit.dialects.rapyd.endpoints import router
from remit.dialects.rapyd.webhooks import RapydWebhooks


async def _issue_credentials(ctx: Context, scopes: list[str]) -> dict[str, Any]:
    issued = await issue_hmac_key(ctx, KIND, ACCESS_PREFIX, SECRET_PREFIX, scopes)
    return {"access_key": issued.public_id, "secret_key": issued.secret, "key_id": issued.key.id}


DIALECT = Dialect(
    name="rapyd",
    router=router,
    issue_credentials=_issue_credentials,
    webhook_format=RapydWebhooks(),
)
