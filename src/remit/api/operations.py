"""Run one API operation in one transaction, and answer with its bytes.

`write()` is how every state-changing endpoint runs: open the write transaction, honour the
Idempotency-Key (replay, refuse, or hold it), call the service, serialise the response, store
it with the key, commit — all or nothing. `read()` is the same without the key and commit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.context import Context
from remit.idempotency import service as idempotency

T = TypeVar("T")
JSON = "application/json"

Present = Callable[[T, Context], BaseModel | None]


def _context(request: Request, principal: Principal, session) -> Context:  # type: ignore[no-untyped-def]
    return runtime_of(request).context(
        session,
        principal.account_id,
        principal.key_id,
        request_id=getattr(request.state, "request_id", None),
    )


def _render(model: BaseModel | None, status_code: int) -> idempotency.StoredResponse:
    body = b"" if model is None else model.__pydantic_serializer__.to_json(model)
    return idempotency.StoredResponse(status_code, body)


def _respond(stored: idempotency.StoredResponse, *, replayed: bool = False) -> Response:
    headers = {"Idempotent-Replayed": "true"} if replayed else None
    if not stored.body:
        return Response(status_code=stored.status_code, headers=headers)
    return Response(stored.body, stored.status_code, headers=headers, media_type=JSON)


async def write(
    request: Request,
    principal: Principal,
    operation: Callable[[Context], Awaitable[T]],
    present: Present[T],
    *,
    status_code: int = 200,
) -> Response:
    key = request.headers.get("idempotency-key")
    if key is not None:
        key = idempotency.check_key(key)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        request_fingerprint = idempotency.fingerprint(request.method, target, await request.body())
    async with runtime_of(request).db.write() as session:
        ctx = _context(request, principal, session)
        if key is not None:
            stored = await idempotency.claim(ctx, key, request_fingerprint)
            if stored is not None:
                return _respond(stored, replayed=True)
        result = await operation(ctx)
        response = _render(present(result, ctx), status_code)
        if key is not None:
            idempotency.remember(ctx, key, request_fingerprint, response)
    return _respond(response)


async def stored_response(request: Request, principal: Principal) -> Response | None:
    """For operations in several transactions: the replay of an earlier request with this
    Idempotency-Key, checked before the first step (the last step stores the response)."""
    key = request.headers.get("idempotency-key")
    if key is None:
        return None
    key = idempotency.check_key(key)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    request_fingerprint = idempotency.fingerprint(request.method, target, await request.body())
    async with runtime_of(request).db.write() as session:
        ctx = _context(request, principal, session)
        stored = await idempotency.claim(ctx, key, request_fingerprint)
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
        response = _render(present(await query(ctx), ctx), 200)
    return _respond(response)
