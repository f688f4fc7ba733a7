"""Idempotent POSTs: the key, the request's fingerprint and the response are written in the
transaction of the effect itself, so a response exists exactly when the effect committed.

While a request holds a key, a second one with the same key gets 409 at once (an advisory
lock on PostgreSQL; on SQLite writers are serialised, so the second simply finds the first's
stored response). Only successful responses are kept: a request that failed changed nothing,
so retrying it with the same key runs it again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from remit.context import Context
from remit.db.locking import try_transaction_lock
from remit.idempotency.errors import (
    IdempotencyKeyInUse,
    IdempotencyKeyReused,
    InvalidIdempotencyKey,
)
from remit.idempotency.models import IdempotencyRecord
from remit.idempotency.repository import IdempotencyRepository

RETENTION = timedelta(hours=24)
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: bytes


def check_key(key: str) -> str:
    if not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidIdempotencyKey(
            f"Idempotency-Key must be 1–{MAX_KEY_LENGTH} printable characters."
        )
    return key


def fingerprint(method: str, target: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.upper().encode(), target.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


async def claim(ctx: Context, key: str, request_fingerprint: str) -> StoredResponse | None:
    """Hold `key` for this transaction; return the stored response if it already ran."""
    if not await try_transaction_lock(ctx.session, "idempotency", ctx.account_id, key):
        raise IdempotencyKeyInUse("Another request with this Idempotency-Key is still running.")
    repository = IdempotencyRepository(ctx)
    record = await repository.find(key)
    if record is None:
        return None
    if record.created_at < ctx.now - RETENTION:
        await repository.forget(key)
        return None
    if record.fingerprint != request_fingerprint:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used with a different request."
        )
    return StoredResponse(record.status_code, record.body)


def remember(ctx: Context, key: str, request_fingerprint: str, response: StoredResponse) -> None:
    IdempotencyRepository(ctx).add(
        IdempotencyRecord(
            account_id=ctx.account_id,
            key=key,
            fingerprint=request_fingerprint,
            status_code=response.status_code,
            body=response.body,
            created_at=ctx.now,
        )
    )
