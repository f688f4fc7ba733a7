"""Read and write provider attributes, in the caller's transaction, scoped to its account.

A dialect stores what its provider's objects have and remit's do not here, keyed by the
remit object's id; only the dialect's own routes read it back. Values are JSON: text,
numbers without fractions, booleans.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from remit.attributes.models import ProviderAttributes
from remit.context import Context, flushed


async def read(ctx: Context, provider: str, object_id: str) -> dict[str, Any]:
    return (await read_many(ctx, provider, [object_id])).get(object_id, {})


@flushed
async def read_many(
    ctx: Context, provider: str, object_ids: Iterable[str]
) -> dict[str, dict[str, Any]]:
    """The attributes of each object that has any, by id (one query)."""
    wanted = sorted(set(object_ids))
    if not wanted:
        return {}
    rows = await ctx.session.scalars(
        select(ProviderAttributes).where(
            ProviderAttributes.account_id == ctx.account_id,
            ProviderAttributes.livemode == ctx.livemode,
            ProviderAttributes.provider == provider,
            ProviderAttributes.object_id.in_(wanted),
        )
    )
    return {row.object_id: dict(row.values) for row in rows}


def create(ctx: Context, provider: str, object_id: str, values: dict[str, Any]) -> None:
    """The attributes of an object made in this transaction (it has none yet)."""
    clean = {key: value for key, value in values.items() if value is not None}
    ctx.session.add(
        ProviderAttributes(
            account_id=ctx.account_id, livemode=ctx.livemode, provider=provider,
            object_id=object_id, values=clean,
            created_at=ctx.now, updated_at=ctx.now,
        )
    )  # fmt: skip


async def write(ctx: Context, provider: str, object_id: str, values: dict[str, Any]) -> None:
    """Set these attributes of the object (others it has are kept; None removes one)."""
    row = await ctx.session.get(ProviderAttributes, (ctx.account_id, provider, object_id))
    if row is not None and row.livemode != ctx.livemode:  # ids are unique: never the case
        raise ValueError(f"{object_id} belongs to the other mode")
    if row is None:
        row = ProviderAttributes(
            account_id=ctx.account_id, livemode=ctx.livemode, provider=provider,
            object_id=object_id, values={},
            created_at=ctx.now, updated_at=ctx.now,
        )  # fmt: skip
        ctx.session.add(row)
    merged = {**row.values, **values}
    row.values = {key: value for key, value in merged.items() if value is not None}
    row.updated_at = ctx.now
    await ctx.session.flush()
