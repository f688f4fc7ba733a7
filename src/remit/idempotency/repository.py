"""Queries on `idempotency_records`, scoped to one account."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, bindparam, delete, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from remit.context import Context
from remit.idempotency.models import IdempotencyRecord

# Built once, like the key lookup (api_keys.service): it runs for every POST with a key.
_FIND = select(IdempotencyRecord).where(
    IdempotencyRecord.account_id == bindparam("account_id"),
    IdempotencyRecord.livemode == bindparam("livemode"),
    IdempotencyRecord.key == bindparam("key"),
)


class IdempotencyRepository:
    def __init__(self, ctx: Context) -> None:
        self._session = ctx.session
        self._account_id = ctx.account_id
        self._livemode = ctx.livemode  # keys are per mode, as the objects they make

    async def find(self, key: str) -> IdempotencyRecord | None:
        scope = {"account_id": self._account_id, "livemode": self._livemode}
        return await self._session.scalar(_FIND, {**scope, "key": key})

    async def forget(self, key: str) -> None:
        await self._session.execute(
            delete(IdempotencyRecord).where(
                IdempotencyRecord.account_id == self._account_id,
                IdempotencyRecord.livemode == self._livemode,
                IdempotencyRecord.key == key,
            )
        )

    def add(self, record: IdempotencyRecord) -> None:
        self._session.add(record)


async def purge_older_than(session: AsyncSession, cutoff: datetime, limit: int) -> int:
    """Drop up to `limit` records of every account older than `cutoff`, oldest first (a
    maintenance job, not a request: it runs in batches, each a short transaction)."""
    oldest = (
        select(IdempotencyRecord.account_id, IdempotencyRecord.livemode, IdempotencyRecord.key)
        .where(IdempotencyRecord.created_at < cutoff)
        .order_by(IdempotencyRecord.created_at)
        .limit(limit)
    )
    statement = delete(IdempotencyRecord).where(
        tuple_(IdempotencyRecord.account_id, IdempotencyRecord.livemode, IdempotencyRecord.key).in_(
            oldest
        )
    )
    # A DML statement's result is a CursorResult; the session types every result `Result`.
    result = cast(CursorResult[Any], await session.execute(statement))
    return result.rowcount or 0
