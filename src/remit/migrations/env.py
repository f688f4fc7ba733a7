"""Alembic environment: runs on the connection `remit.db.migrate` passes in, or, for the
`alembic` command line (new revisions), on `REMIT_DATABASE_URL`."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import Connection

from remit.config import Settings
from remit.db.engine import create_engine
from remit.models import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite can only ALTER through table copies
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_from_settings() -> None:
    engine = create_engine(Settings.from_env().database_url, pool_size=1)
    async with engine.begin() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_from_settings())
