"""What the database's own errors answer (`api.errors.database_problem`): text it cannot
store is the request's fault (400), a wrong query is remit's (a 500), and neither leaves
the pool's connections unusable."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from remit.api.errors import database_problem
from remit.runtime import Runtime


async def failure(runtime: Runtime, statement: str, **params: object) -> DBAPIError:
    with pytest.raises(DBAPIError) as caught:
        async with runtime.db.write() as session:
            await session.execute(text(statement), params)
    return caught.value


async def still_answers(runtime: Runtime) -> None:
    for _ in range(3):
        async with runtime.db.write() as session:
            assert await session.scalar(text("SELECT 1")) == 1


async def test_nul_that_reaches_postgresql_is_a_400(runtime: Runtime, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite stores NUL in text: only PostgreSQL refuses it")
    error = await failure(runtime, "SELECT id FROM customers WHERE id = :id", id="cus_\x00")
    problem = database_problem(error)
    assert problem is not None and (problem.status, problem.code) == (400, "invalid_text")
    await still_answers(runtime)


async def test_a_wrong_query_is_not_taken_for_bad_input(runtime: Runtime, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("pysqlite raises its engine's every error as OperationalError (an outage)")
    error = await failure(runtime, "SELECT no_such_column FROM customers")
    assert database_problem(error) is None  # a bug: answered 500 and logged
    await still_answers(runtime)
