"""Cross-process locks that live in the database, released when the transaction ends."""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from remit.db.engine import dialect_of

# Built once, like the key lookup (api_keys.service): one runs for every POST with a key.
_TRY_LOCK = text("SELECT pg_try_advisory_xact_lock(:key)")
_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


def lock_key(*parts: str) -> int:
    """A signed 64-bit key for PostgreSQL advisory locks, stable across processes."""
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


async def try_transaction_lock(session: AsyncSession, *parts: str) -> bool:
    """Take an advisory lock until commit/rollback, or return False at once if it is held.

    On SQLite the write transaction (BEGIN IMMEDIATE) already excludes every other writer,
    so there is nothing to take.
    """
    if dialect_of(session) != "postgresql":
        return True
    result = await session.execute(_TRY_LOCK, {"key": lock_key(*parts)})
    return bool(result.scalar_one())


async def transaction_lock(session: AsyncSession, *parts: str) -> None:
    """Wait for an advisory lock held until commit/rollback (no-op on SQLite, see above)."""
    if dialect_of(session) == "postgresql":
        await session.execute(_LOCK, {"key": lock_key(*parts)})
