"""The worker forgets idempotency records after `REMIT_IDEMPOTENCY_RETENTION_HOURS`
(docs/reliability.md): a key is replayed within the retention, and stored no longer."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from remit.idempotency.models import IdempotencyRecord
from remit.runtime import Runtime
from remit.worker.purge import purge_idempotency_records
from remit.worker.runner import Worker
from tests.support import TenantApi, expect


async def _keyed_customers(api: TenantApi, *keys: str) -> None:
    for key in keys:
        body = {"email": f"{key}@example.com"}
        expect(await api.post("/v1/customers", body, headers={"Idempotency-Key": key}), 201)


async def _age(runtime: Runtime, api: TenantApi, key: str, age: timedelta) -> None:
    async with runtime.db.write() as session:
        await session.execute(
            update(IdempotencyRecord)
            .where(IdempotencyRecord.account_id == api.account_id, IdempotencyRecord.key == key)
            .values(created_at=datetime.now(UTC) - age)
        )


async def _kept_keys(runtime: Runtime, api: TenantApi) -> list[str]:
    async with runtime.db.read() as session:
        keys = await session.scalars(
            select(IdempotencyRecord.key)
            .where(IdempotencyRecord.account_id == api.account_id)
            .order_by(IdempotencyRecord.key)
        )
        return list(keys)


class TestIdempotencyPurge:
    async def test_a_record_older_than_the_retention_is_purged_a_recent_one_kept(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        await _keyed_customers(api, "old", "recent")
        await _age(runtime, api, "old", timedelta(hours=25))
        await _age(runtime, api, "recent", timedelta(hours=23))
        assert await purge_idempotency_records(runtime) >= 1
        assert await _kept_keys(runtime, api) == ["recent"]

    async def test_the_retention_is_the_setting(self, api: TenantApi, runtime: Runtime) -> None:
        await _keyed_customers(api, "two-hours", "half-an-hour")
        await _age(runtime, api, "two-hours", timedelta(hours=2))
        await _age(runtime, api, "half-an-hour", timedelta(minutes=30))
        original = runtime.settings
        runtime.settings = replace(original, idempotency_retention_hours=1.0)
        try:
            await purge_idempotency_records(runtime)
        finally:
            runtime.settings = original
        assert await _kept_keys(runtime, api) == ["half-an-hour"]

    async def test_a_running_worker_purges(self, api: TenantApi, runtime: Runtime) -> None:
        await _keyed_customers(api, "stale", "fresh")
        await _age(runtime, api, "stale", timedelta(hours=48))
        stop = asyncio.Event()
        running = asyncio.create_task(Worker(runtime).run(stop))
        try:
            for _ in range(100):
                if await _kept_keys(runtime, api) == ["fresh"]:
                    break
                await asyncio.sleep(0.05)
        finally:
            stop.set()
            await running
        assert await _kept_keys(runtime, api) == ["fresh"]
