"""What the running app holds: settings, the database and the server secret."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from starlette.requests import Request

from remit.config import Settings
from remit.db.session import Database
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
