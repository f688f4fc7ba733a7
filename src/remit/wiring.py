"""The composition root: what the app, the CLI and the worker put together before they run.

- every table is imported (`remit.models`), so mappers and foreign keys resolve;
- the outbox hooks go on remit's sessions (`webhooks.fanout.install`);
- each dialect's webhook format is registered (`webhooks.formats.register`);
- the payment processors, built-in and plug-ins, are loaded into the runtime.

Nothing below this module knows the dialects or the plug-ins; they are wired in here.
"""

from __future__ import annotations

from remit import models
from remit.config import Settings
from remit.db.session import Database
from remit.dialects import dialects
from remit.kernel.secrets import Secrets
from remit.payments.processors import registry
from remit.runtime import Runtime
from remit.webhooks import fanout, formats

TABLES = models.metadata  # imported for its mappers; named so that the import is used


def install() -> None:
    """Hooks and registries, once per process (idempotent)."""
    fanout.install()
    for dialect in dialects().values():
        if dialect.webhook_format is not None:
            formats.register(dialect.webhook_format)


def database(url: str, *, pool_size: int = 10) -> Database:
    install()
    return Database(url, pool_size=pool_size)


def build_runtime(settings: Settings, *, embedded_worker: bool = False) -> Runtime:
    runtime = Runtime(
        settings=settings,
        db=database(settings.database_url, pool_size=settings.pool_size),
        secrets=Secrets.from_text(settings.resolve_secret()),
        embedded_worker=embedded_worker,
    )
    runtime.processors = registry.load(runtime)
    return runtime
