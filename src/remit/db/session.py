"""Transactions: the one place where remit commits.

`Database.write()` yields a session inside a write transaction and commits it when the block
ends without an exception (rolling back otherwise); `Database.read()` does the same for reads.
Services receive the session through a `Context` and never commit themselves.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from remit.db.base import WAKEUPS, RemitSession
from remit.db.engine import WRITE_OPTION, backend_of, create_engine, normalize_url


class Database:
    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = normalize_url(url)
        self.backend = backend_of(self.url)
        self.engine = create_engine(self.url, pool_size=pool_size)
        # Called (in this process) after a commit that left work for a worker: wakes it.
        self.wakeups: list[Callable[[], None]] = []
        options: dict[str, Any] = {
            "expire_on_commit": False,
            "autoflush": False,
            "sync_session_class": RemitSession,
            "info": {WAKEUPS: self.wakeups},
        }
        # A read sees one snapshot from its first statement to its last (an object and its
        # parts, read in several statements, agree); SQLite's read transactions already do.
        reading = self.engine
        if not self.is_sqlite:
            reading = self.engine.execution_options(isolation_level="REPEATABLE READ")
        self._reader = async_sessionmaker(reading, **options)
        self._writer = async_sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), **options
        )
        # One round trip for single lookups (API keys) on PostgreSQL: no BEGIN/COMMIT.
        self._autocommit = async_sessionmaker(
            self.engine.execution_options(isolation_level="AUTOCOMMIT"), **options
        )
        # SQLite has one writer at a time; queueing writers here, in the process, is fairer
        # and cheaper than letting them spin on the file lock (other processes still do).
        self._sqlite_writers = asyncio.Lock() if self.is_sqlite else None

    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        async with self._reader() as session, session.begin():
            yield session

    @asynccontextmanager
    async def lookup(self) -> AsyncIterator[AsyncSession]:
        """A session for one read that needs no transaction around it."""
        if self.is_sqlite:
            async with self.read() as session:
                yield session
            return
        async with self._autocommit() as session:
            yield session

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        if self._sqlite_writers is None:
            async with self._writer() as session, session.begin():
                yield session
            return
        async with self._sqlite_writers, self._writer() as session, session.begin():
            yield session

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()
