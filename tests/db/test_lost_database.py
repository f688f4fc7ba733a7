"""A database that disappears under a running app (dropped, or not yet created: asyncpg's
`InvalidCatalogNameError`, SQLSTATE 3D000) is an outage like a stopped server: every request
and `/healthz` answer 503 with `Retry-After`, and once the database is back the same app
answers again, without a restart.

PostgreSQL only (an SQLite file is opened, or made, wherever it is named); the database is a
temporary one of this test's, never the session's.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator

import httpx
import pytest

from remit.app import create_app
from remit.db.migrate import migrate
from remit.runtime import Runtime
from remit.wiring import build_runtime
from tests import conftest
from tests.conftest import _create_pg_database, _drop_pg_database, postgres_admin_url
from tests.dialects.generic import RAPYD, REEPAY, RETEMPO, WHOP, Call, Client
from tests.support import create_tenant, expect, problem


@pytest.fixture
async def lost() -> AsyncIterator[tuple[str, str, str]]:
    """(admin URL, database name, its URL): a migrated database of its own, dropped after."""
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("REMIT_TEST_POSTGRES_URL is not set: a database to drop needs PostgreSQL")
    name = f"remit_test_lost_{secrets.token_hex(4)}"
    url = await _create_pg_database(admin, name)
    await migrate(url)
    try:
        yield admin, name, url
    finally:
        await _drop_pg_database(admin, name)


@pytest.fixture
async def served(lost: tuple[str, str, str]) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    runtime = build_runtime(conftest.test_settings(lost[2]))
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as client:
        yield runtime, client
    await runtime.db.dispose()


def unavailable(response: httpx.Response) -> None:
    body = problem(response, 503, "database_unavailable")
    assert response.headers.get("retry-after"), response.headers
    assert "traceback" not in response.text.lower()
    assert body["status"] == 503


async def test_a_dropped_database_is_503_until_it_is_back(
    lost: tuple[str, str, str], served: tuple[Runtime, httpx.AsyncClient]
) -> None:
    admin, name, url = lost
    runtime, client = served
    tenant = await create_tenant(runtime, client)
    expect(await tenant.get("/v1/customers"), 200)
    assert (await client.get("/healthz")).status_code == 200

    dialects = [await Client.of(dialect, tenant) for dialect in (WHOP, RETEMPO, RAPYD, REEPAY)]

    await _drop_pg_database(admin, name)  # WITH (FORCE): the pool's connections are cut too
    for _ in range(3):  # each request tries a new connection, and is refused the same way
        unavailable(await tenant.get("/v1/customers"))
        unavailable(await tenant.post("/v1/customers", {"name": "Ada"}))
        unavailable(await client.get("/healthz"))
    # The providers' routes say it in their own shapes.
    paths = ("/invoices", "/api/v1/services", "/v1/customers", "/v1/customer/ada")
    for dialect, path in zip(dialects, paths, strict=True):
        response = await dialect.send(Call("GET", path))
        assert response.status_code == 503, response.text
        dialect.dialect.error(response)

    await _create_pg_database(admin, name)
    await migrate(url)
    assert (await client.get("/healthz")).status_code == 200
    again = await create_tenant(runtime, client)  # the old account went with the database
    expect(await again.post("/v1/customers", {"name": "Ada"}), 201)
    expect(await again.get("/v1/customers"), 200)
