"""Which accounts and keys exist: the operator's view across tenants (the API shows an
account only itself). Keys are listed by what identifies them — id, kind, mode, scopes, the
last characters of the secret — and never with a secret: only its hash is stored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from remit.accounts.models import Account
from remit.api_keys.models import ApiKey
from remit.api_keys.schemas import ApiKeyOut
from remit.kernel.fields import render_timestamp
from remit.kernel.problems import NotFound


@dataclass(frozen=True)
class AccountSummary:
    account: Account
    test_keys: int  # active (unrevoked) keys of each mode
    live_keys: int

    def as_json(self) -> dict[str, Any]:
        return {
            "object": "account",
            "id": self.account.id,
            "name": self.account.name,
            "default_currency": self.account.default_currency,
            "created_at": render_timestamp(self.account.created_at),
            "test_keys": self.test_keys,
            "live_keys": self.live_keys,
        }


async def account_summaries(session: AsyncSession) -> list[AccountSummary]:
    """Every account, oldest first, with its active keys counted (two queries in all)."""
    accounts = (await session.scalars(select(Account).order_by(Account.id))).all()
    counted = await session.execute(
        select(ApiKey.account_id, ApiKey.livemode, func.count())
        .where(ApiKey.revoked_at.is_(None))
        .group_by(ApiKey.account_id, ApiKey.livemode)
    )
    counts = Counter({(account_id, livemode): n for account_id, livemode, n in counted.tuples()})
    return [
        AccountSummary(account, counts[account.id, False], counts[account.id, True])
        for account in accounts
    ]


async def has_accounts(session: AsyncSession) -> bool:
    return bool(await session.scalar(select(exists().select_from(Account))))


async def keys_of(session: AsyncSession, account_id: str) -> list[ApiKey]:
    """An account's keys, revoked ones too, oldest first."""
    if await session.get(Account, account_id) is None:
        raise NotFound("account", account_id)
    return list(
        (
            await session.scalars(
                select(ApiKey).where(ApiKey.account_id == account_id).order_by(ApiKey.id)
            )
        ).all()
    )


def key_json(key: ApiKey, secret: str | None = None) -> dict[str, Any]:
    """A key as `keys list` and `keys create` print it; the secret only when just issued."""
    shown = ApiKeyOut.of(key).model_dump(mode="json")
    shown |= {"kind": key.kind, "mode": "live" if key.livemode else "test"}
    return shown | ({"secret": secret} if secret is not None else {})
