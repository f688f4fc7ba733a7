"""Retempo's API at `/retempo/api/v1/…` (docs/dialects/retempo.md): USDC invoices and the
settlements that pay them, over remit's customers, products, plans, invoices and settlements.

Retempo's server has no credentials of its own: a client sends a remit API key as a Bearer
token, so `remit keys create --kind retempo` issues a remit key.
"""

from __future__ import annotations

from typing import Any

from remit.api_keys.service import issue_key
from remit.context import Context
from remit.dialects.base import Dialect
from remit.dialects.retempo.endpoints import router


async def _issue_credentials(ctx: Context, scopes: list[str]) -> dict[str, Any]:
    issued = await issue_key(ctx, scopes)
    return {"api_key": issued.secret, "key_id": issued.key.id}


DIALECT = Dialect(name="retempo", router=router, issue_credentials=_issue_credentials)
