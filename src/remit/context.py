"""What a service call needs besides its arguments: the transaction and who acts for whom.

A `Context` lives for one transaction. Services read and write through `ctx.session`,
scope every query to `ctx.account_id` and `ctx.livemode` (the mode of the calling key: test
and live data never meet), stamp changes with `ctx.now`, and record `ctx.actor`
on the events they write. They never commit: `Database.write()` does, in one place.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from remit.kernel.ids import new_id
from remit.kernel.links import DEFAULT_PUBLIC_URL, PublicLinks
from remit.kernel.scopes import ALL, ensure
from remit.kernel.secrets import Secrets


def utc_now() -> datetime:
    """Now, in UTC, at millisecond precision (the precision of ids and of the API)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond - now.microsecond % 1000)


@dataclass
class Context:
    session: AsyncSession
    account_id: str
    secrets: Secrets
    livemode: bool
    actor: str = "system"  # an API key id, "cli", "worker" or "public"
    request_id: str | None = None
    now: datetime = field(default_factory=utc_now)
    public_url: str = DEFAULT_PUBLIC_URL
    # What the caller may do: an API key's scopes. The worker, the CLI and public pages act
    # for the account itself, with every scope.
    scopes: tuple[str, ...] = (ALL,)
    # The test clock whose time `now` is, when the transaction works on a clock's objects
    # (clocks.service.enter); None: `now` is the wall clock's.
    clock: str | None = None

    def new_id(self, prefix: str) -> str:
        """A fresh id for an object made now: its time part (and so its `created_at`) is
        `now` — the clock's time for a test clock's objects, made by that clock's own sequence
        so the process's wall-clock ids never jump to a simulated time."""
        return new_id(prefix, self.now, sequence=self.clock)

    def log_id(self, prefix: str) -> str:
        """A fresh id for a record of what happened (an event): always wall-clock time, so
        the log stays in the order things happened, test clocks or not."""
        return new_id(prefix, self.now if self.clock is None else utc_now())

    def require_scope(self, scope: str) -> None:
        """Refuse a caller without `scope` whatever route reached the rule: an invoice that
        makes its customer inline still makes a customer (403 `insufficient_scope`)."""
        ensure(self.scopes, scope)

    @property
    def links(self) -> PublicLinks:
        """Signed public links of invoices (their tokens, hosted page and PDF)."""
        return PublicLinks(self.secrets, self.public_url)


P = ParamSpec("P")
R = TypeVar("R")


def flushed(
    function: Callable[Concatenate[Context, P], Awaitable[R]],
) -> Callable[Concatenate[Context, P], Awaitable[R]]:
    """A use case that callers may run in the middle of a transaction that wrote already (a
    dialect makes a product, then a plan of it, then an invoice for the plan): what the
    transaction wrote before is flushed first, so its queries see it (sessions don't
    autoflush: the hot paths write when they choose)."""

    @functools.wraps(function)
    async def read(ctx: Context, /, *args: P.args, **kwargs: P.kwargs) -> R:
        await ctx.session.flush()
        return await function(ctx, *args, **kwargs)

    return read
