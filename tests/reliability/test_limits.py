"""Abuse limits: per-key rate limit, body size, line and metadata limits, slow clients, the
public routes' own limit — each refused with its problem (or page) and never a 500."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from remit.app import create_app
from remit.invoices.schemas import MAX_LINES
from remit.kernel.fields import METADATA_MAX_KEYS
from remit.wiring import build_runtime
from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.conftest import test_settings as settings_for
from tests.processes import Server, remit_env, serve
from tests.support import TenantApi, create_tenant, expect, problem


@pytest.fixture
async def strict(database: MigratedDatabase) -> AsyncIterator[TenantApi]:
    """An account on an app with tight limits: 5 requests a minute per key, 2 KiB bodies."""
    settings = dataclasses.replace(
        settings_for(database.url), api_rate_limit=5, public_rate_limit=3, max_body_bytes=2048
    )
    runtime = build_runtime(settings)
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as client:
        yield await create_tenant(runtime, client)
    await runtime.db.dispose()


class TestRateLimit:
    async def test_a_key_past_its_bucket_gets_429_with_retry_after(self, strict: TenantApi) -> None:
        answers = [await strict.get("/v1/customers") for _ in range(6)]
        assert [answer.status_code for answer in answers[:5]] == [200] * 5
        body = problem(answers[5], 429, "rate_limited")
        assert int(answers[5].headers["retry-after"]) >= 1 and body["status"] == 429

    async def test_each_key_has_its_own_bucket(self, strict: TenantApi) -> None:
        for _ in range(5):
            expect(await strict.get("/v1/customers"), 200)
        other = await strict.with_scopes("*")
        expect(await other.get("/v1/customers"), 200)

    async def test_a_bad_key_is_refused_before_it_costs_a_token(self, strict: TenantApi) -> None:
        for _ in range(10):
            answer = await strict.http.get("/v1/customers", headers={"Authorization": "Bearer x"})
            problem(answer, 401, "unauthorized")
        expect(await strict.get("/v1/customers"), 200)

    async def test_public_pages_have_their_own_limit(self, strict: TenantApi) -> None:
        statuses = [(await strict.http.get("/i/not-a-token")).status_code for _ in range(4)]
        assert statuses == [404, 404, 404, 429]
        expect(await strict.get("/v1/customers"), 200)  # the key's bucket is untouched


class TestBodyLimit:
    async def test_a_body_over_the_limit_is_413_before_it_is_parsed(
        self, strict: TenantApi
    ) -> None:
        body = json.dumps({"email": "a@example.com", "name": "x" * 4000})
        answer = await strict.post("/v1/customers", content=body)
        problem(answer, 413, "payload_too_large")
        assert answer.headers["x-request-id"]

    async def test_a_chunked_body_over_the_limit_is_413_too(self, strict: TenantApi) -> None:
        async def chunks() -> AsyncIterator[bytes]:
            yield b'{"name": "'
            for _ in range(10):
                yield b"x" * 500
            yield b'"}'

        answer = await strict.http.post("/v1/customers", content=chunks(), headers=strict.headers)
        problem(answer, 413, "payload_too_large")

    async def test_a_body_within_the_limit_passes(self, strict: TenantApi) -> None:
        expect(await strict.post("/v1/customers", {"email": "a@example.com", "name": "x"}), 201)


class TestContentLimits:
    async def test_more_lines_than_allowed_are_refused(self, api: TenantApi) -> None:
        customer = (await api.customer())["id"]
        lines = [{"unit_amount": "1"}] * (MAX_LINES + 1)
        body = problem(await api.post("/v1/invoices", {"customer": customer, "lines": lines}),
                       400, "validation_error")  # fmt: skip
        assert body["errors"][0]["param"] == "lines"

    async def test_metadata_past_its_limits_is_refused(self, api: TenantApi) -> None:
        too_many = {f"k{i}": "v" for i in range(METADATA_MAX_KEYS + 1)}
        for metadata in (too_many, {"k" * 41: "v"}, {"k": "v" * 501}, {"k": [1]}):
            answer = await api.post("/v1/customers", {"name": "x", "metadata": metadata})
            assert answer.status_code == 400, answer.text
            assert answer.json()["errors"][0]["param"] == "metadata"

    async def test_nul_in_a_query_is_a_validation_error_not_a_database_error(
        self, api: TenantApi
    ) -> None:
        body = problem(await api.get("/v1/customers", params={"handle": "a\x00b"}), 400,
                       "validation_error")  # fmt: skip
        assert body["errors"] == [
            {
                "param": "handle",
                "message": "must not contain the NUL character",
                "code": "invalid_text",
            }
        ]

    async def test_a_timestamp_of_ten_million_digits_is_refused_at_once(
        self, api: TenantApi
    ) -> None:
        customer = (await api.customer())["id"]
        started = time.monotonic()
        body = f'{{"customer": "{customer}", "due_at": 1e10000000}}'
        problem(await api.post("/v1/invoices", content=body), 400, "validation_error")
        assert time.monotonic() - started < 5


@pytest.fixture(scope="module")
def impatient(
    database: MigratedDatabase, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Server]:
    env = remit_env(database.url, TEST_SECRET, REMIT_BODY_TIMEOUT_SECONDS="1")
    with serve(
        env, Path(tmp_path_factory.mktemp("impatient")), extra_args=["--no-worker"]
    ) as server:
        yield server


@pytest.mark.processes
class TestSlowClients:
    async def test_a_body_trickled_slower_than_allowed_is_cut_off_with_408(
        self, impatient: Server
    ) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", impatient.port)
        writer.write(
            b"POST /v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n{"
        )
        await writer.drain()
        started = time.monotonic()
        answer = b""
        while b"request_timeout" not in answer and not reader.at_eof():
            answer += await asyncio.wait_for(reader.read(4096), 10)
        writer.close()
        assert time.monotonic() - started < 5
        assert answer.startswith(b"HTTP/1.1 408") and b"request_timeout" in answer
