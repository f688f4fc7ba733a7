"""Issue, check and revoke API keys.

A key's secret is `rk_test_<key id body>_<random>` (or `rk_live_…`: the mode of everything the
key sees and makes; keys issued before modes existed are `rk_<…>`): the id part finds the row,
the SHA-256 of the whole secret is compared in constant time, and the secret itself is never
stored. (SHA-256 suits high-entropy random secrets; slow password hashes are for low-entropy
passwords.)
Looking a key up is the one query not scoped to an account: it is how the account is found.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from remit.api_keys.models import ApiKey
from remit.context import Context
from remit.kernel.crypto import SecretBox, Unsealable
from remit.kernel.ids import is_id
from remit.kernel.problems import NotFound
from remit.kernel.secrets import Secrets

SECRET_PREFIX = "rk_"
MODE_PREFIXES = {False: "rk_test_", True: "rk_live_"}  # by livemode
REMIT_KIND = "remit"
SEALED_PURPOSE = "provider-key"  # SecretBox purpose of the HMAC secrets dialects recover
_ID_BODY = 26


@dataclass(frozen=True)
class Principal:
    """Who is calling: an account, through one of its keys, with these scopes."""

    account_id: str
    key_id: str
    scopes: tuple[str, ...]
    livemode: bool  # the key's mode: it sees and touches only objects of this mode


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    secret: str  # shown once, to whoever asked for the key


@dataclass(frozen=True)
class IssuedHmacKey:
    key: ApiKey
    public_id: str  # names the key in requests (Rapyd's access_key)
    secret: str  # signs requests; shown once, kept sealed for the server to check signatures


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def key_id_of(secret: str, prefix: str = SECRET_PREFIX) -> str | None:
    """The key id a secret names, or None if the secret is not shaped like ours."""
    if not secret.startswith(prefix) or len(secret) > 200:
        return None
    if prefix == SECRET_PREFIX:  # rk_test_…, rk_live_… (or rk_… from before modes)
        prefix = next((p for p in MODE_PREFIXES.values() if secret.startswith(p)), prefix)
    body = secret[len(prefix) : len(prefix) + _ID_BODY]
    key_id = f"key_{body}"
    return key_id if is_id(key_id, "key") and secret[len(prefix) + _ID_BODY :][:1] == "_" else None


async def issue_key(
    ctx: Context,
    scopes: list[str],
    name: str | None = None,
    *,
    kind: str = REMIT_KIND,
    prefix: str = SECRET_PREFIX,
) -> IssuedKey:
    """A key of the context's mode, checked against its hash; a dialect whose clients send the
    key itself (Reepay's private key) issues one of its own `kind`, with its provider's
    `prefix`."""
    key_id = ctx.new_id("key")
    if prefix == SECRET_PREFIX:
        prefix = MODE_PREFIXES[ctx.livemode]
    secret = f"{prefix}{key_id.removeprefix('key_')}_{secrets.token_urlsafe(32)}"
    key = await _store(ctx, key_id, secret, name=name, kind=kind, scopes=scopes)
    return IssuedKey(key, secret)


async def _store(
    ctx: Context,
    key_id: str,
    secret: str,
    *,
    name: str | None,
    kind: str,
    scopes: list[str],
    sealed: str | None = None,
) -> ApiKey:
    """The key's row: the secret's hash and last four characters (and, for an HMAC key, the
    secret sealed under the server secret), never the secret itself."""
    key = ApiKey(
        id=key_id, account_id=ctx.account_id, livemode=ctx.livemode, name=name, scopes=scopes,
        kind=kind,
        secret_hash=_digest(secret), secret_sealed=sealed, hint=secret[-4:], created_at=ctx.now,
    )  # fmt: skip
    ctx.session.add(key)
    await ctx.session.flush()
    return key


async def issue_hmac_key(
    ctx: Context, kind: str, public_prefix: str, secret_prefix: str, scopes: list[str]
) -> IssuedHmacKey:
    """A key for a dialect that signs requests with HMAC: `public_prefix` + the key id's body
    names it; the secret is kept sealed (an HMAC cannot be checked against a hash)."""
    key_id = ctx.new_id("key")
    secret = f"{secret_prefix}{secrets.token_hex(24)}"
    sealed = SecretBox(ctx.secrets, SEALED_PURPOSE).seal(secret)
    key = await _store(ctx, key_id, secret, name=kind, kind=kind, scopes=scopes, sealed=sealed)
    return IssuedHmacKey(key, f"{public_prefix}{key_id.removeprefix('key_')}", secret)


async def hmac_key(
    session: AsyncSession, box_secrets: Secrets, kind: str, public_prefix: str, public_id: str
) -> tuple[Principal, str] | None:
    """The principal and the secret of an active `kind` key named by `public_id`."""
    key_id = "key_" + public_id.removeprefix(public_prefix)
    if not public_id.startswith(public_prefix) or not is_id(key_id, "key"):
        return None
    key = await session.scalar(select(ApiKey).where(ApiKey.id == key_id))
    if key is None or key.revoked_at is not None or key.kind != kind or not key.secret_sealed:
        return None
    try:
        secret = SecretBox(box_secrets, SEALED_PURPOSE).open(key.secret_sealed)
    except Unsealable:
        return None
    return _principal(key), secret


async def newest_hmac_key(
    session: AsyncSession,
    box_secrets: Secrets,
    account_id: str,
    livemode: bool,
    kind: str,
    public_prefix: str,
) -> tuple[str, str] | None:
    """(public id, secret) of the account's newest active `kind` key of a mode: what signs
    the dialect's webhooks of that mode."""
    key = await session.scalar(
        select(ApiKey)
        .where(ApiKey.account_id == account_id, ApiKey.livemode == livemode)
        .where(ApiKey.kind == kind, ApiKey.revoked_at.is_(None))
        .order_by(ApiKey.id.desc())
        .limit(1)
    )
    if key is None or not key.secret_sealed:
        return None
    secret = SecretBox(box_secrets, SEALED_PURPOSE).open(key.secret_sealed)
    return f"{public_prefix}{key.id.removeprefix('key_')}", secret


# Built once (runs before every authenticated request): building a statement and its cache
# key took about as much CPU as executing it.
_KEY_BY_ID = select(ApiKey).where(ApiKey.id == bindparam("key_id"))


async def authenticate(
    session: AsyncSession, secret: str, *, kind: str = REMIT_KIND, prefix: str = SECRET_PREFIX
) -> Principal | None:
    key_id = key_id_of(secret, prefix)
    if key_id is None:
        return None
    key = await session.scalar(_KEY_BY_ID, {"key_id": key_id})
    if key is None or key.revoked_at is not None or key.kind != kind:
        return None
    if not hmac.compare_digest(key.secret_hash, _digest(secret)):
        return None
    return _principal(key)


def _principal(key: ApiKey) -> Principal:
    return Principal(key.account_id, key.id, tuple(key.scopes), key.livemode)


async def revoke_key(ctx: Context, key_id: str) -> ApiKey:
    """Revoke a key (an operator's action: found by id whatever its account)."""
    key = await ctx.session.scalar(select(ApiKey).where(ApiKey.id == key_id).with_for_update())
    if key is None:
        raise NotFound("API key", key_id)
    if key.revoked_at is None:
        key.revoked_at = ctx.now
    return key
