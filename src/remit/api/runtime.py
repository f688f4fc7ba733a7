"""What the running app holds: settings, the database and the server secret."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from remit.api.ratelimit import RateLimiter
from remit.config import Settings
from remit.context import Context
from remit.db.session import Database
from remit.hosted.links import PublicLinks
from remit.kernel.secrets import Secrets

if TYPE_CHECKING:
    from remit.payments.processors.base import Processor


@dataclass
class Runtime:
    settings: Settings
    db: Database
    secrets: Secrets
    embedded_worker: bool = False  # run a worker inside the API process (`remit serve`)

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

    def context(self, session: AsyncSession, account_id: str, actor: str, **more: Any) -> Context:
        """A service context for one transaction of this runtime."""
        return Context(
            session=session,
            account_id=account_id,
            secrets=self.secrets,
            actor=actor,
            public_url=self.settings.public_url,
            **more,
        )

    @cached_property
    def processors(self) -> dict[str, Processor]:
        """Payment processors by name: built-ins and installed plug-ins."""
        from remit.payments.processors import registry

        return registry.load(self)

    @classmethod
    def from_settings(cls, settings: Settings, *, embedded_worker: bool = False) -> Runtime:
        return cls(
            settings=settings,
            db=Database(settings.database_url, pool_size=settings.pool_size),
            secrets=Secrets.from_text(settings.resolve_secret()),
            embedded_worker=embedded_worker,
        )


def runtime_of(request: Request) -> Runtime:
    return request.app.state.runtime
