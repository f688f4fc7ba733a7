"""Idempotent POSTs: the key, the request's fingerprint and the response are written in the
transaction of the effect itself, so a response exists exactly when the effect committed.

A key whose request has finished is replayed at once, however many retries arrive together.
While a request holds a key, a second one with the same key gets 409 at once (an advisory
lock on PostgreSQL; on SQLite writers are serialised, so the second simply finds the first's
stored response). Only successful responses are kept: a request that failed changed nothing,
so retrying it with the same key runs it again.

Stored responses may carry what is shown once (a webhook endpoint's signing secret), so
every one is sealed like the secrets themselves (`kernel.crypto`). Records older than the
retention (`REMIT_IDEMPOTENCY_RETENTION_HOURS`) are ignored here and purged by the worker.
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
    IdempotencyRecordUnreadable,
    InvalidIdempotencyKey,
)
from remit.idempotency.models import IdempotencyRecord
from remit.idempotency.repository import IdempotencyRepository
from remit.kernel.crypto import SecretBox, Unsealable

DEFAULT_RETENTION = timedelta(hours=24)  # as Stripe's
MAX_KEY_LENGTH = 255
SEALED_PURPOSE = "idempotent-response"
_SEALED = b"sealed:"  # marks a sealed body; records stored before sealing are plain JSON


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


async def claim(
    ctx: Context,
    key: str,
    request_fingerprint: str,
    retention: timedelta = DEFAULT_RETENTION,
) -> StoredResponse | None:
    """The stored response if a request with `key` finished; else hold `key` for this
    transaction and return None (409 while a running request holds it).

    A key held by someone else is read anyway: the holder may be a retry that is replaying a
    finished request, and then this one replays it too, rather than answering 409."""
    mode = "live" if ctx.livemode else "test"  # keys are per mode: so are their locks
    held = await try_transaction_lock(ctx.session, "idempotency", ctx.account_id, mode, key)
    repository = IdempotencyRepository(ctx)
    record = await repository.find(key)
    if record is not None and record.created_at < ctx.now - retention:
        if held:
            await repository.forget(key)
        record = None
    if record is None:
        if not held:
            raise IdempotencyKeyInUse("Another request with this Idempotency-Key is still running.")
        return None
    if record.fingerprint != request_fingerprint:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used with a different request."
        )
    return StoredResponse(record.status_code, _open(ctx, record.body))


def remember(ctx: Context, key: str, request_fingerprint: str, response: StoredResponse) -> None:
    IdempotencyRepository(ctx).add(
        IdempotencyRecord(
            account_id=ctx.account_id,
            livemode=ctx.livemode,
            key=key,
            fingerprint=request_fingerprint,
            status_code=response.status_code,
            body=_seal(ctx, response.body),
            created_at=ctx.now,
        )
    )


# The box seals text: latin-1 maps each byte to one character and back, so any body survives.
def _seal(ctx: Context, body: bytes) -> bytes:
    return _SEALED + SecretBox(ctx.secrets, SEALED_PURPOSE).seal(body.decode("latin-1")).encode()


def _open(ctx: Context, stored: bytes) -> bytes:
    if not stored.startswith(_SEALED):
        return stored
    try:
        opened = SecretBox(ctx.secrets, SEALED_PURPOSE).open(stored[len(_SEALED) :].decode())
    except Unsealable:
        raise IdempotencyRecordUnreadable(
            "The response stored with this Idempotency-Key was sealed under another server "
            "secret; the request ran, and will not run again under this key."
        ) from None
    return opened.encode("latin-1")
