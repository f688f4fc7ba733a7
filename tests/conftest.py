"""Test fixtures: every test runs against real, Alembic-migrated databases.

- `backend` is `sqlite` and, when `REMIT_TEST_POSTGRES_URL` is set, `postgresql`: tests that
  use the API run once per backend.
- Each pytest-xdist worker gets its own SQLite file and its own PostgreSQL database, made
  and migrated once per session. Tests need no cleanup: each works in a fresh account, and
  tenant isolation keeps accounts apart (which the suite tests too).
- `api` is an HTTP client for a fresh account, talking to the real ASGI app in-process;
  tests that need real servers start `remit serve` processes (tests/processes.py).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import httpx
import pytest
from hypothesis import settings
from sqlalchemy.engine import make_url

from remit.app import create_app
from remit.config import Settings
from remit.db.migrate import migrate
from remit.runtime import Runtime
from remit.wiring import build_runtime
from tests.support import Api, QueryCounter, TenantApi, create_tenant

POSTGRES_ENV = "REMIT_TEST_POSTGRES_URL"
# Property tests check what is computed, not how fast: on a busy machine (xdist on two cores)
# hypothesis's default 200 ms deadline failed examples that were right.
settings.register_profile("remit", deadline=None)
settings.load_profile("remit")
TEST_SECRET = "test-secret-" + "x" * 32


def test_settings(database_url: str) -> Settings:
    """Loopback receivers allowed; retries and polling fast enough for tests. Public pages
    are not throttled: one process's tests share one client address and one runtime, and
    would otherwise spend the minute's budget for each other (the limit's own tests set
    theirs: tests/reliability/test_limits.py, tests/hosted/test_public_links.py)."""
    return Settings(
        database_url=database_url,
        secret_key=TEST_SECRET,
        public_rate_limit=1_000_000,
        webhook_allow_private=True,
        webhook_retry_base_seconds=0.05,
        worker_poll_seconds=0.1,
        webhook_timeout_seconds=2.0,
    )


def postgres_admin_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("REMIT_TEST_REQUIRE_POSTGRES") and not postgres_admin_url():
        raise pytest.UsageError(f"REMIT_TEST_REQUIRE_POSTGRES is set but {POSTGRES_ENV} is not")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and not postgres_admin_url():
        pytest.skip(f"{POSTGRES_ENV} is not set: the PostgreSQL half is skipped")
    return request.param


async def _create_pg_database(admin_url: str, name: str) -> str:
    import asyncpg

    url = make_url(admin_url).set(drivername="postgresql")
    connection = await asyncpg.connect(url.render_as_string(hide_password=False))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return (
        make_url(admin_url)
        .set(drivername="postgresql+asyncpg", database=name)
        .render_as_string(hide_password=False)
    )


async def _drop_pg_database(admin_url: str, name: str) -> None:
    import asyncpg

    url = make_url(admin_url).set(drivername="postgresql")
    connection = await asyncpg.connect(url.render_as_string(hide_password=False))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


@dataclass
class MigratedDatabase:
    backend: str
    url: str
    admin_url: str | None = None
    name: str | None = None


async def make_database(backend: str, directory: str, label: str) -> MigratedDatabase:
    """A fresh, migrated database of `backend` (used by the session and by process tests)."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{directory}/{label}.db"
        database = MigratedDatabase(backend, url)
    else:
        admin = postgres_admin_url()
        assert admin
        name = f"remit_test_{label}_{secrets.token_hex(4)}"
        database = MigratedDatabase(backend, await _create_pg_database(admin, name), admin, name)
    await migrate(database.url)
    return database


async def drop_database(database: MigratedDatabase) -> None:
    if database.backend == "postgresql" and database.admin_url and database.name:
        await _drop_pg_database(database.admin_url, database.name)


@pytest.fixture(scope="session")
async def database(
    backend: str, tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> AsyncIterator[MigratedDatabase]:
    created = await make_database(backend, str(tmp_path_factory.mktemp(backend)), worker_id)
    yield created
    await drop_database(created)


@pytest.fixture(scope="session")
async def runtime(database: MigratedDatabase) -> AsyncIterator[Runtime]:
    runtime = build_runtime(test_settings(database.url))
    yield runtime
    await runtime.db.dispose()


@pytest.fixture(scope="session")
async def http(runtime: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as client:
        yield client


@pytest.fixture
def raw_api(http: httpx.AsyncClient) -> Api:
    """The API without credentials."""
    return Api(http)


@pytest.fixture
async def api(http: httpx.AsyncClient, runtime: Runtime) -> TenantApi:
    """The API as a fresh account's `*` key."""
    return await create_tenant(runtime, http)


@pytest.fixture
async def other_api(http: httpx.AsyncClient, runtime: Runtime) -> TenantApi:
    """A second, unrelated account: for tenant isolation."""
    return await create_tenant(runtime, http, name="Other Co")


@pytest.fixture
def queries(runtime: Runtime) -> Iterator[QueryCounter]:
    with QueryCounter(runtime.db.engine) as counter:
        yield counter
