"""Apply Alembic migrations from code (`remit migrate`, `remit serve`, the tests).

Several processes may start at once (two `remit serve` on one PostgreSQL): the upgrade runs
in one transaction under an advisory lock (BEGIN IMMEDIATE on SQLite), so the second waits,
then finds the schema current and does nothing. On SQLite, which alters a table by rebuilding
it, references are enforced again only after the upgrade, which checks them all first.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from remit.db.engine import WRITE_OPTION, create_engine
from remit.db.locking import lock_key

# `remit.migrations`: the schema of every domain, above the store that applies it.
MIGRATIONS = Path(__file__).parent.parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


class BrokenReferences(RuntimeError):
    """A migration left rows that refer to rows that do not exist (it is rolled back)."""


class UnknownRevision(RuntimeError):
    """The database is at a revision this remit does not have: a newer remit migrated it."""


async def migrate(url: str) -> int:
    """Bring the schema to the newest migration; the number of migrations applied."""
    engine = create_engine(url, pool_size=1, foreign_keys=False)
    try:
        return await upgrade(engine)
    finally:
        await engine.dispose()


async def upgrade(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        connection = await connection.execution_options(**{WRITE_OPTION: True})
        async with connection.begin():
            if connection.dialect.name == "postgresql":
                await connection.exec_driver_sql(
                    f"SELECT pg_advisory_xact_lock({lock_key('remit', 'migrations')})"
                )
            applied = await connection.run_sync(_upgrade_to_head)
            if connection.dialect.name == "sqlite":  # references went unchecked while rebuilding
                broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all()
                if broken:
                    raise BrokenReferences(f"the migration broke references: {broken[:5]}")
    return applied


def _upgrade_to_head(connection: Connection) -> int:
    """Counted under the lock, so that of two processes starting at once only the one that
    applied the migrations says so."""
    applied = _pending(connection)
    command.upgrade(alembic_config(connection), "head")
    return applied


def _pending(connection: Connection) -> int:
    current = MigrationContext.configure(connection).get_current_heads()
    script = ScriptDirectory.from_config(alembic_config())
    try:
        return len(list(script.iterate_revisions("heads", current or "base")))
    except RevisionError:
        raise UnknownRevision(
            f"the database is at revision {', '.join(current)}, which this remit does not "
            "have: a newer remit migrated it"
        ) from None


async def pending_migrations(engine: AsyncEngine) -> int:
    """How many migrations the database has yet to apply (0: its schema is current)."""
    async with engine.connect() as connection:
        return await connection.run_sync(_pending)


async def is_current(engine: AsyncEngine) -> bool:
    """Whether the database's schema is at the newest migration."""
    async with engine.connect() as connection:
        current = await connection.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_heads()
        )
    return set(current) == set(ScriptDirectory.from_config(alembic_config()).get_heads())
