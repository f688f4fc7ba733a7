"""The gapless counters behind invoice numbers (SPEC §3.3).

`take_next` increments the scope's row in the caller's transaction with one upsert, so the
row stays locked until the finalization commits: concurrent finalizations queue on it and
each gets the next value, and a rolled-back finalization gives its value back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select

from remit.context import Context
from remit.db.engine import dialect_of, insert_for, insert_on
from remit.kernel.caching import typed_cache
from remit.numbering.models import Counter

ACCOUNT_SCOPE = "account"
FIRST_VALUE = 1


async def take_next(ctx: Context, scope: str, count: int = 1) -> int:
    """The scope's next value, or the first of its next `count` values, taken."""
    params = {"account_id": ctx.account_id, "livemode": ctx.livemode, "scope": scope, "n": count}
    taking = _taking(dialect_of(ctx.session))
    return int((await ctx.session.execute(taking, params)).scalar_one())


@typed_cache
def _taking(backend: str) -> Any:
    """INSERT the counter past the values taken, or add their count to it; RETURNING the
    first value taken. Built once per backend: every number asks it."""
    taken = bindparam("n", type_=Counter.next_value.type)
    return (
        insert_on(backend, Counter)
        .values(
            account_id=bindparam("account_id"),
            livemode=bindparam("livemode"),
            scope=bindparam("scope"),
            next_value=FIRST_VALUE + taken,
        )
        .on_conflict_do_update(
            index_elements=[Counter.account_id, Counter.livemode, Counter.scope],
            set_={"next_value": Counter.next_value + taken},
        )
        .returning(Counter.next_value - taken)
    )


async def exists(ctx: Context, scope: str) -> bool:
    statement = select(Counter.scope).where(
        Counter.account_id == ctx.account_id,
        Counter.livemode == ctx.livemode,
        Counter.scope == scope,
    )
    return await ctx.session.scalar(statement) is not None


async def peek_next(ctx: Context, scope: str = ACCOUNT_SCOPE) -> int:
    value = await ctx.session.scalar(
        select(Counter.next_value).where(
            Counter.account_id == ctx.account_id,
            Counter.livemode == ctx.livemode,
            Counter.scope == scope,
        )
    )
    return FIRST_VALUE if value is None else int(value)


async def set_next(ctx: Context, value: int, scope: str = ACCOUNT_SCOPE) -> int:
    """Move the counter forward to `value`; returns the current next value if that is higher."""
    statement = (
        insert_for(ctx.session, Counter)
        .values(account_id=ctx.account_id, livemode=ctx.livemode, scope=scope, next_value=value)
        .on_conflict_do_update(
            index_elements=[Counter.account_id, Counter.livemode, Counter.scope],
            set_={"next_value": value},
            where=Counter.next_value <= value,
        )
    )
    await ctx.session.execute(statement)
    return await peek_next(ctx, scope)
