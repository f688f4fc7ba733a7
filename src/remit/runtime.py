"""What a running remit holds: settings, the database, the server secret, rate limiters and
the payment processors. Built by the composition root (`remit.wiring`), which also fills in
`processors`; everything else receives it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from remit.config import Settings
from remit.context import Context
from remit.db.session import Database
from remit.kernel.links import PublicLinks
from remit.kernel.ratelimit import RateLimiter
from remit.kernel.secrets import Secrets

if TYPE_CHECKING:  # the interface only; processors are plugged in by remit.wiring
    from remit.payments.processors.base import Processor


@dataclass
class Runtime:
    settings: Settings
    db: Database
    secrets: Secrets
    embedded_worker: bool = False  # run a worker inside the API process (`remit serve`)
    # Payment processors by name: the built-ins and installed plug-ins (remit.wiring).
    processors: Mapping[str, Processor] = field(default_factory=dict)

    @cached_property
    def public_limiter(self) -> RateLimiter:
        """Rate limit of the public (token) routes, per client address."""
        return RateLimiter(self.settings.public_rate_limit)

    @cached_property
    def api_limiter(self) -> RateLimiter:
        """Rate limit of the authenticated API, per API key."""
        return RateLimiter(self.settings.api_rate_limit)

    @property
    def links(self) -> PublicLinks:
        return PublicLinks(self.secrets, self.settings.public_url)

    def context(
        self, session: AsyncSession, account_id: str, actor: str, *, livemode: bool, **more: Any
    ) -> Context:
        """A service context for one transaction of this runtime, in one mode (test or live)."""
        return Context(
            session=session,
            account_id=account_id,
            livemode=livemode,
            secrets=self.secrets,
            actor=actor,
            public_url=self.settings.public_url,
            **more,
        )
