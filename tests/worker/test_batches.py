"""Finished webhook attempts are written in batches: what finished while one batch was being
written goes into the next transaction, and a batch costs the same statements whatever its size."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from remit.db.repository import Keyed
from remit.events.models import Event
from remit.runtime import Runtime
from remit.webhooks.models import WebhookAttempt, WebhookDelivery
from remit.worker import deliveries as delivery_steps
from remit.worker.batches import Batcher
from tests.support import QueryCounter, TenantApi
from tests.webhooks.conftest import add_endpoint, deliveries


class TestBatcher:
    async def test_what_finishes_during_a_write_goes_into_the_next_batch(self) -> None:
        batches: list[list[int]] = []
        first_started, release_first = asyncio.Event(), asyncio.Event()

        async def write(items: list[int]) -> None:
            batches.append(items)
            if len(batches) == 1:
                first_started.set()
                await release_first.wait()

        batcher: Batcher[int] = Batcher(write)
        first = asyncio.create_task(batcher.add(0))
        await first_started.wait()
        rest = [asyncio.create_task(batcher.add(n)) for n in range(1, 21)]
        await asyncio.sleep(0)  # all twenty are waiting while the first batch is written
        release_first.set()
        await asyncio.gather(first, *rest)
        assert batches == [[0], list(range(1, 21))]

    async def test_a_failed_write_fails_its_batch_and_the_next_one_is_written(self) -> None:
        written: list[list[str]] = []

        async def write(items: list[str]) -> None:
            if "bad" in items:
                raise RuntimeError("database away")
            written.append(items)

        batcher: Batcher[str] = Batcher(write)
        adds = batcher.add("bad"), batcher.add("also")
        failed = await asyncio.gather(*adds, return_exceptions=True)
        assert [type(outcome) for outcome in failed] == [RuntimeError, RuntimeError]
        await batcher.add("later")
        assert written == [["later"]]


async def _leased(runtime: Runtime, api: TenantApi, endpoints: int) -> list[delivery_steps.Job]:
    """One event owed to `endpoints` endpoints, each delivery leased to this test by id (the
    database is shared with other tests, so nothing is claimed by age)."""
    made = [await add_endpoint(api, f"http://127.0.0.1:9/{n}", ["customer.created"])
            for n in range(endpoints)]  # fmt: skip
    await api.customer()
    jobs = []
    for endpoint in made:
        [delivery] = await deliveries(api, endpoint["id"])
        jobs += await delivery_steps.claim(runtime, "test-worker", 1, delivery_id=delivery["id"])
    return jobs


async def _statements(queries: QueryCounter, runtime: Runtime, results: list) -> list[str]:  # type: ignore[type-arg]
    queries.reset()
    await delivery_steps.record(runtime, results, "test-worker")
    return [s for s in queries.statements if not s.upper().startswith(("BEGIN", "COMMIT"))]


class TestRecording:
    async def test_a_batch_of_twenty_costs_the_statements_of_one(
        self, api: TenantApi, runtime: Runtime, queries: QueryCounter
    ) -> None:
        jobs = await _leased(runtime, api, 21)
        assert len(jobs) == 21
        delivered = delivery_steps.Outcome(ok=True, status_code=200, latency_ms=3, error=None)
        one = await _statements(queries, runtime, [(jobs[0], delivered)])
        twenty = await _statements(queries, runtime, [(job, delivered) for job in jobs[1:]])
        # deliveries (locked), endpoints (locked), the attempts, the deliveries' update
        assert len(twenty) == len(one) <= 4, twenty
        async with runtime.db.read() as session:
            keys = Keyed((job.account_id, job.delivery_id) for job in jobs)
            statement = select(WebhookDelivery).where(keys.where(WebhookDelivery))
            recorded = list(await session.scalars(statement, keys.params))
            attempts = list(await session.scalars(select(WebhookAttempt).where(
                WebhookAttempt.account_id == api.account_id)))  # fmt: skip
        assert {d.status for d in recorded} == {"succeeded"} and len(recorded) == 21
        assert all(d.lease_owner is None and d.attempt_count == 1 for d in recorded)
        assert sorted(a.delivery_id for a in attempts) == sorted(j.delivery_id for j in jobs)

    async def test_an_unreachable_receiver_is_recorded_with_the_connection_error(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        [job] = await _leased(runtime, api, 1)  # port 9 (discard): nothing listens there
        async with delivery_steps.http_client(runtime.settings) as http:
            outcome = await delivery_steps.send(http, runtime, job)
        assert not outcome.ok and outcome.status_code is None
        assert outcome.error is not None and outcome.error.startswith("ClientConnectorError")


class TestLookupsAcrossAccounts:
    async def test_rows_are_found_by_key_through_the_primary_key(
        self, runtime: Runtime, backend: str
    ) -> None:
        """A row-value `IN (VALUES …)` made SQLite scan the whole table (docs/performance.md).
        PostgreSQL is asked with sequential scans priced out: it scans only if no index fits."""
        keys = Keyed([("acct_a", "evt_1"), ("acct_a", "evt_2"), ("acct_b", "evt_3")])
        statement = select(Event).where(keys.where(Event)).params(keys.params)
        async with runtime.db.engine.connect() as connection:
            sql = str(statement.compile(connection.sync_connection,
                                        compile_kwargs={"literal_binds": True}))  # fmt: skip
            if backend == "sqlite":
                plan = await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)
            else:
                await connection.exec_driver_sql("SET enable_seqscan = off")
                plan = await connection.exec_driver_sql("EXPLAIN " + sql)
            text = " ".join(" ".join(str(part) for part in row) for row in plan)
            await connection.rollback()
        assert "SCAN events" not in text and "Seq Scan" not in text, text
        assert "INDEX" in text.upper(), text
