"""Database URLs and engines for the two supported backends.

SQLite is the embedded default; PostgreSQL is for scale. Both get the same transaction
semantics from `session.Database`: on SQLite every write transaction starts with
`BEGIN IMMEDIATE` (one writer at a time, no lock upgrades that could deadlock), reads with a
plain `BEGIN`; pysqlite's own implicit transactions are switched off.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

WRITE_OPTION = "remit_write"  # execution option marking a connection as a writer


class UnsupportedDatabase(ValueError):
    pass


def normalize_url(url: str) -> str:
    """Accept the plain forms too: `sqlite:///x.db`, `postgresql://…`, `postgres://…`."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    raise UnsupportedDatabase(f"remit runs on SQLite or PostgreSQL, not {backend!r}")


def backend_of(url: str) -> str:
    return make_url(url).get_backend_name()


def dialect_of(session: AsyncSession) -> str:
    """The backend a session talks to: "sqlite" or "postgresql"."""
    bind = session.bind
    assert bind is not None  # `Database` binds every session it makes to its engine
    return bind.dialect.name


def insert_for(session: AsyncSession, table: Any) -> postgresql.Insert | sqlite.Insert:
    """An INSERT into `table` (a mapped class) in the session's backend's own form, so that
    it takes `on_conflict_do_nothing`/`on_conflict_do_update`: both backends speak ON CONFLICT."""
    return insert_on(dialect_of(session), table)


def insert_on(backend: str, table: Any) -> postgresql.Insert | sqlite.Insert:
    """`insert_for` by the backend's name: for statements built once per backend."""
    if backend == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def create_engine(url: str, *, pool_size: int = 10, foreign_keys: bool = True) -> AsyncEngine:
    """`foreign_keys=False` is for migrations alone: SQLite rebuilds a table to alter it, and
    cannot drop a table others refer to while it enforces references (db.migrate checks them
    all before the migration commits)."""
    url = normalize_url(url)
    if backend_of(url) == "sqlite":
        engine = create_async_engine(
            url, pool_size=pool_size, hide_parameters=True, connect_args={"timeout": 60}
        )
        _configure_sqlite(engine, foreign_keys)
        return engine
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_recycle=1800,
        hide_parameters=True,  # errors are logged: their values may be secrets or customer data
        connect_args={"server_settings": {"application_name": "remit", "timezone": "UTC"}},
    )


def _configure_sqlite(engine: AsyncEngine, foreign_keys: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            f"foreign_keys={'ON' if foreign_keys else 'OFF'}",
            "busy_timeout=60000",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        writer = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")
