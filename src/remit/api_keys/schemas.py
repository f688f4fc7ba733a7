"""How an API key reads (never with its secret, which is shown once at creation)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from remit.api_keys.models import ApiKey
from remit.kernel.fields import OutTimestamp


class ApiKeyOut(BaseModel):
    object: Literal["api_key"] = "api_key"
    id: str
    account: str
    name: str | None
    scopes: list[str]
    livemode: bool
    hint: str
    created_at: OutTimestamp
    revoked_at: OutTimestamp | None

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyOut:
        return cls(
            id=key.id,
            account=key.account_id,
            name=key.name,
            scopes=key.scopes,
            livemode=key.livemode,
            hint=key.hint,
            created_at=key.created_at,
            revoked_at=key.revoked_at,
        )
