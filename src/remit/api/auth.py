"""Bearer authentication and scope checks, as FastAPI dependencies.

They run before the body is validated, so a caller without a valid key learns nothing about
the endpoint's parameters: 401 comes first, then 403, then 400/422.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends
from starlette.requests import Request

from remit.api.runtime import runtime_of
from remit.api_keys import service as api_keys
from remit.api_keys.service import Principal
from remit.kernel.problems import TooManyRequests, Unauthorized
from remit.kernel.scopes import ensure

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="remit"'}


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        raise Unauthorized(
            "Send your API key as `Authorization: Bearer <key>`.", headers=_CHALLENGE
        )
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(
            "Use the Bearer scheme: `Authorization: Bearer <key>`.", headers=_CHALLENGE
        )
    return token.strip()


async def authenticate(request: Request) -> Principal:
    token = bearer_token(request)
    principal = await key_principal(request, token)
    if principal is None:
        raise Unauthorized("The API key is invalid or has been revoked.", headers=_CHALLENGE)
    return admit(request, principal)


def admit(request: Request, principal: Principal) -> Principal:
    """Let a caller whose credentials checked out in: rate-limited per key, and known to the
    request (its log line and the events it makes name the key)."""
    throttle(request, principal.key_id)
    request.state.principal = principal
    return principal


async def key_principal(
    request: Request,
    secret: str,
    *,
    kind: str = api_keys.REMIT_KIND,
    prefix: str = api_keys.SECRET_PREFIX,
) -> Principal | None:
    """Who holds this key secret (a dialect's key has its own kind and prefix), or None."""
    async with runtime_of(request).db.lookup() as session:
        return await api_keys.authenticate(session, secret, kind=kind, prefix=prefix)


async def hmac_principal(
    request: Request, kind: str, public_prefix: str, public_id: str
) -> tuple[Principal, str] | None:
    """Who holds the HMAC key named by `public_id` (Rapyd's access key), with the key's
    secret to check the request's signature with; or None."""
    runtime = runtime_of(request)
    async with runtime.db.lookup() as session:
        return await api_keys.hmac_key(session, runtime.secrets, kind, public_prefix, public_id)


def throttle(request: Request, key_id: str) -> None:
    """Take a token from the key's bucket (`REMIT_API_RATE_LIMIT`), or answer 429."""
    limiter = runtime_of(request).api_limiter
    wait = limiter.acquire(key_id)
    if wait:
        raise TooManyRequests(
            "Too many requests with this API key; slow down.",
            headers={"Retry-After": limiter.retry_after(wait)},
        )


def throttle_public(request: Request) -> None:
    """Take a token from the client address's bucket of the public (token) routes
    (`REMIT_PUBLIC_RATE_LIMIT`), or answer 429."""
    bucket = runtime_of(request).public_limiter
    wait = bucket.acquire(request.client.host if request.client else "unknown")
    if wait:
        raise TooManyRequests(
            "Too many requests for public invoices; slow down.",
            headers={"Retry-After": bucket.retry_after(wait)},
        )


def check_scope(principal: Principal, scope: str) -> Principal:
    ensure(principal.scopes, scope)
    return principal


async def authorize(request: Request, scope: str) -> Principal:
    """`require` for routes that authenticate only on some paths (public invoice tokens)."""
    return check_scope(await authenticate(request), scope)


def require(scope: str) -> Any:
    """A dependency granting access to keys that hold `scope` (or `*`, or the `:write`)."""

    async def dependency(principal: Principal = Depends(authenticate)) -> Principal:
        return check_scope(principal, scope)

    return Depends(dependency)
