"""What a service call needs besides its arguments: the transaction and who acts for whom.

A `Context` lives for one transaction. Services read and write through `ctx.session`,
scope every query to `ctx.account_id`, stamp changes with `ctx.now`, and record `ctx.actor`
on the events they write. They never commit: `Database.write()` does, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from remit.hosted.links import DEFAULT_PUBLIC_URL, PublicLinks
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
    actor: str = "system"  # an API key id, "cli", "worker" or "public"
    request_id: str | None = None
    now: datetime = field(default_factory=utc_now)
    public_url: str = DEFAULT_PUBLIC_URL

    @property
    def links(self) -> PublicLinks:
        """Signed public links of invoices (their tokens, hosted page and PDF)."""
        return PublicLinks(self.secrets, self.public_url)
