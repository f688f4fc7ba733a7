"""Run one API operation in one transaction, and answer with its bytes.

`write()` is how every state-changing endpoint runs: open the write transaction, honour the
Idempotency-Key (replay, refuse, or hold it), call the service, serialise the response, store
it with the key, commit — all or nothing. `read()` is the same without the key and commit.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.context import Context
from remit.idempotency import service as idempotency
from remit.kernel import jsonio
from remit.observability.metrics import IDEMPOTENCY_REPLAYS

T = TypeVar("T")
JSON = "application/json"

# A presenter returns a model to serialise, ready JSON bytes (dialects), or None (no body);
# one that reads more (a dialect's includes) returns them awaitable, in the same transaction.
Rendered = BaseModel | bytes | None
Present = Callable[[T, Context], Rendered | Awaitable[Rendered]]


@dataclass(frozen=True)
class IdempotencyStyle:
    """Where a request carries its idempotency key and what a replay must match: remit's
    `Idempotency-Key` compares the whole request; a dialect may differ (Rapyd's
    `idempotency` header is compared alone). `prefix` keeps each style's keys apart."""

    header: str = "idempotency-key"
    prefix: str = ""
    compare_body: bool = True

    async def key_of(self, request: Request) -> tuple[str, str] | None:
        """(key, request fingerprint), or None when the request carries no key."""
        key = request.headers.get(self.header)
        if key is None:
            return None
        key = idempotency.check_key(self.prefix + key)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        body = await request.body() if self.compare_body else b""
        return key, idempotency.fingerprint(request.method, target, body)


NATIVE = IdempotencyStyle()


def _context(request: Request, principal: Principal, session: AsyncSession) -> Context:
    return runtime_of(request).context(
        session,
        principal.account_id,
        principal.key_id,
        livemode=principal.livemode,
        request_id=getattr(request.state, "request_id", None),
        scopes=principal.scopes,
    )


def _retention(request: Request) -> timedelta:
    """How long a key replays (`REMIT_IDEMPOTENCY_RETENTION_HOURS`)."""
    return timedelta(hours=runtime_of(request).settings.idempotency_retention_hours)


async def _render(
    presented: Rendered | Awaitable[Rendered], status_code: int
) -> idempotency.StoredResponse:
    model = await presented if inspect.isawaitable(presented) else presented
    if model is None or isinstance(model, bytes):
        return idempotency.StoredResponse(status_code, model or b"")
    return idempotency.StoredResponse(status_code, jsonio.model_bytes(model))


def _respond(stored: idempotency.StoredResponse, *, replayed: bool = False) -> Response:
    headers = {"Idempotent-Replayed": "true"} if replayed else None
    if replayed:
        IDEMPOTENCY_REPLAYS.inc()
    if not stored.body:
        return Response(status_code=stored.status_code, headers=headers)
    return Response(stored.body, stored.status_code, headers=headers, media_type=JSON)


async def write(
    request: Request,
    principal: Principal,
    operation: Callable[[Context], Awaitable[T]],
    present: Present[T],
    *,
    status_code: int | Callable[[T], int] = 200,
    style: IdempotencyStyle = NATIVE,
) -> Response:
    """`status_code` may depend on the result (a replayed settlement is 200, a new one 201)."""
    keyed = await style.key_of(request)
    async with runtime_of(request).db.write() as session:
        ctx = _context(request, principal, session)
        if keyed is not None:
            stored = await idempotency.claim(ctx, *keyed, _retention(request))
            if stored is not None:
                return _respond(stored, replayed=True)
        result = await operation(ctx)
        status = status_code(result) if callable(status_code) else status_code
        response = await _render(present(result, ctx), status)
        if keyed is not None:
            idempotency.remember(ctx, *keyed, response)
    return _respond(response)


async def stored_response(
    request: Request, principal: Principal, style: IdempotencyStyle = NATIVE
) -> Response | None:
    """For operations in several transactions: the replay of an earlier request with this
    Idempotency-Key, checked before the first step (the last step stores the response)."""
    keyed = await style.key_of(request)
    if keyed is None:
        return None
    async with runtime_of(request).db.write() as session:
        ctx = _context(request, principal, session)
        stored = await idempotency.claim(ctx, *keyed, _retention(request))
    return None if stored is None else _respond(stored, replayed=True)


@asynccontextmanager
async def transaction(request: Request, principal: Principal) -> AsyncIterator[Context]:
    """One write transaction for a step of a multi-step operation (no Idempotency-Key)."""
    async with runtime_of(request).db.write() as session:
        yield _context(request, principal, session)


async def read(
    request: Request,
    principal: Principal,
    query: Callable[[Context], Awaitable[T]],
    present: Present[T],
) -> Response:
    async with runtime_of(request).db.read() as session:
        ctx = _context(request, principal, session)
        response = await _render(present(await query(ctx), ctx), 200)
    return _respond(response)
