"""Idempotency-Key on POST (SPEC §4): one effect per key, the first response replayed."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text, update

from remit.context import Context
from remit.db.locking import lock_key
from remit.idempotency import service as idempotency
from remit.idempotency.models import IdempotencyRecord
from remit.kernel.secrets import Secrets
from remit.models import metadata
from remit.runtime import Runtime
from tests.support import TenantApi, expect

INVOICE = {"customer": {"email": "idem@example.com"}, "lines": [{"unit_amount": "12.50"}]}


async def _invoice_ids(api: TenantApi) -> list[str]:
    page = expect(await api.get("/v1/invoices", params={"limit": 100}), 200)
    return [invoice["id"] for invoice in page["data"]]


async def _events(api: TenantApi, event_type: str) -> list[dict]:
    return expect(await api.get("/v1/events", params={"type": event_type, "limit": 100}), 200)[
        "data"
    ]


class TestReplay:
    async def test_same_key_same_request_replays_first_response_byte_for_byte(
        self, api: TenantApi
    ) -> None:
        headers = {"Idempotency-Key": "create-1"}
        first = await api.post("/v1/invoices", INVOICE, headers=headers)
        second = await api.post("/v1/invoices", INVOICE, headers=headers)
        assert first.status_code == second.status_code == 201
        assert second.content == first.content
        assert second.headers["Idempotent-Replayed"] == "true"
        assert "Idempotent-Replayed" not in first.headers
        assert await _invoice_ids(api) == [first.json()["id"]]
        assert len(await _events(api, "invoice.created")) == 1
        assert len(await _events(api, "customer.created")) == 1

    async def test_replay_of_a_transition_is_not_a_conflict(self, api: TenantApi) -> None:
        draft = await api.invoice()
        headers = {"Idempotency-Key": "finalize-1"}
        path = f"/v1/invoices/{draft['id']}/finalize"
        first = expect(await api.post(path, headers=headers), 200)
        second = await api.post(path, headers=headers)
        assert second.status_code == 200 and second.json() == first
        assert second.headers["Idempotent-Replayed"] == "true"
        unkeyed = await api.post(path)
        assert unkeyed.status_code == 409 and unkeyed.json()["code"] == "invoice_not_draft"

    async def test_keys_belong_to_one_account(self, api: TenantApi, other_api: TenantApi) -> None:
        headers = {"Idempotency-Key": "shared-key"}
        mine = expect(await api.post("/v1/invoices", INVOICE, headers=headers), 201)
        theirs = await other_api.post("/v1/invoices", INVOICE, headers=headers)
        assert theirs.status_code == 201 and "Idempotent-Replayed" not in theirs.headers
        assert theirs.json()["id"] != mine["id"]


class TestMisuse:
    async def test_same_key_with_another_body_is_refused_and_changes_nothing(
        self, api: TenantApi
    ) -> None:
        headers = {"Idempotency-Key": "k"}
        expect(await api.post("/v1/invoices", INVOICE, headers=headers), 201)
        changed = {**INVOICE, "lines": [{"unit_amount": "99.00"}]}
        response = await api.post("/v1/invoices", changed, headers=headers)
        problem = expect(response, 422)
        assert problem["code"] == "idempotency_key_reused"
        assert response.headers["content-type"] == "application/problem+json"
        assert len(await _invoice_ids(api)) == 1

    async def test_same_key_on_another_endpoint_is_refused(self, api: TenantApi) -> None:
        headers = {"Idempotency-Key": "k2"}
        expect(await api.post("/v1/customers", {"email": "a@example.com"}, headers=headers), 201)
        response = await api.post("/v1/products", {"name": "Consulting"}, headers=headers)
        assert expect(response, 422)["code"] == "idempotency_key_reused"

    @pytest.mark.parametrize("key", ["", "x" * 256, "tab\there"])
    async def test_malformed_key_is_refused(self, api: TenantApi, key: str) -> None:
        response = await api.post(
            "/v1/customers", {"email": "a@example.com"}, headers={"Idempotency-Key": key}
        )
        assert expect(response, 400)["code"] == "invalid_idempotency_key"
        listed = expect(await api.get("/v1/customers"), 200)
        assert listed["data"] == []

    async def test_longest_allowed_key_works(self, api: TenantApi) -> None:
        headers = {"Idempotency-Key": "k" * 255}
        first = expect(
            await api.post("/v1/customers", {"email": "a@example.com"}, headers=headers), 201
        )
        again = await api.post("/v1/customers", {"email": "a@example.com"}, headers=headers)
        assert again.json() == first


class TestFailures:
    async def test_a_failed_request_does_not_consume_its_key(self, api: TenantApi) -> None:
        headers = {"Idempotency-Key": "retry-after-fix"}
        bad = await api.post("/v1/invoices", {**INVOICE, "currency": "XXX"}, headers=headers)
        assert bad.status_code == 400
        fixed = await api.post("/v1/invoices", {**INVOICE, "currency": "XXX"}, headers=headers)
        assert fixed.status_code == 400  # same request, same (recomputed) answer
        good = await api.post("/v1/invoices", INVOICE, headers=headers)
        assert good.status_code == 201

    async def test_conflict_is_not_stored(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        headers = {"Idempotency-Key": "delete-open"}
        first = await api.delete(f"/v1/invoices/{invoice['id']}", headers=headers)
        assert first.status_code == 409
        expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        again = await api.delete(f"/v1/invoices/{invoice['id']}", headers=headers)
        assert again.status_code == 409 and "Idempotent-Replayed" not in again.headers


class TestRetention:
    async def test_a_key_older_than_a_day_starts_afresh(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        headers = {"Idempotency-Key": "old"}
        first = expect(await api.post("/v1/invoices", INVOICE, headers=headers), 201)
        async with runtime.db.write() as session:
            await session.execute(
                update(IdempotencyRecord)
                .where(IdempotencyRecord.account_id == api.account_id)
                .values(created_at=datetime.now(UTC) - timedelta(hours=25))
            )
        second = expect(await api.post("/v1/invoices", INVOICE, headers=headers), 201)
        assert second["id"] != first["id"]


class TestInProgress:
    async def test_a_key_held_by_a_running_request_gets_409(
        self, api: TenantApi, runtime: Runtime, backend: str
    ) -> None:
        if backend != "postgresql":
            pytest.skip("SQLite runs one writer at a time: a second request waits, then replays")
        key = "held"
        async with runtime.db.engine.connect() as holder, holder.begin():
            await holder.execute(
                text("SELECT pg_advisory_xact_lock(:k)"),
                {"k": lock_key("idempotency", api.account_id, "test", key)},
            )
            response = await api.post("/v1/invoices", INVOICE, headers={"Idempotency-Key": key})
            assert expect(response, 409)["code"] == "idempotency_key_in_use"
            assert await _invoice_ids(api) == []
        after = await api.post("/v1/invoices", INVOICE, headers={"Idempotency-Key": key})
        assert after.status_code == 201


class TestConcurrentRetries:
    async def test_retries_after_the_first_request_finished_all_get_the_replay(
        self, api: TenantApi
    ) -> None:
        """409 is for a key whose first request still runs, not for retries racing each
        other once it is done."""
        headers = {"Idempotency-Key": "retried"}
        first = expect(await api.post("/v1/invoices", INVOICE, headers=headers), 201)
        for _ in range(3):
            retries = await asyncio.gather(
                *(api.post("/v1/invoices", INVOICE, headers=headers) for _ in range(12))
            )
            assert [r.status_code for r in retries] == [201] * len(retries), [
                r.text for r in retries if r.status_code != 201
            ]
            assert {r.json()["id"] for r in retries} == {first["id"]}
            assert {r.content for r in retries} == {retries[0].content}
            assert all(r.headers["Idempotent-Replayed"] == "true" for r in retries)
        assert await _invoice_ids(api) == [first["id"]]


async def _columns_holding(runtime: Runtime, secret: str) -> list[str]:
    """`table.column` of every stored value, in every table, that contains `secret`."""
    needle = secret.encode()
    found = []
    async with runtime.db.read() as session:
        for table in metadata.sorted_tables:
            for row in await session.execute(select(table)):
                found += [
                    f"{table.name}.{column}"
                    for column, value in row._mapping.items()
                    if needle in _as_bytes(value)
                ]
    return found


def _as_bytes(value: Any) -> bytes:
    return bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()


class TestSecretsAtRest:
    """Stored responses may carry secrets shown once (a webhook endpoint's signing secret):
    none is kept in clear, and the replay still shows it."""

    async def test_a_created_endpoints_secret_is_stored_nowhere_in_clear(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        headers = {"Idempotency-Key": "endpoint"}
        body = {"url": "http://127.0.0.1:9/hooks"}
        first = await api.post("/v1/webhook_endpoints", body, headers=headers)
        secret = expect(first, 201)["secret"]
        assert await _columns_holding(runtime, secret) == []
        replay = await api.post("/v1/webhook_endpoints", body, headers=headers)
        assert replay.status_code == 201 and replay.content == first.content
        assert replay.headers["Idempotent-Replayed"] == "true"

    async def test_a_rotated_secret_is_stored_nowhere_in_clear(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        endpoint = expect(
            await api.post("/v1/webhook_endpoints", {"url": "http://127.0.0.1:9/hooks"}), 201
        )
        headers = {"Idempotency-Key": "rotate"}
        path = f"/v1/webhook_endpoints/{endpoint['id']}/rotate_secret"
        first = await api.post(path, headers=headers)
        secret = expect(first, 200)["secret"]
        assert secret != endpoint["secret"]
        assert await _columns_holding(runtime, secret) == []
        replay = await api.post(path, headers=headers)
        assert replay.status_code == 200 and replay.content == first.content
        assert replay.headers["Idempotent-Replayed"] == "true"


class TestStoredResponses:
    async def test_a_record_stored_in_clear_before_sealing_still_replays(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        headers = {"Idempotency-Key": "from-before"}
        body = {"email": "a@example.com"}
        expect(await api.post("/v1/customers", body, headers=headers), 201)
        async with runtime.db.write() as session:
            await session.execute(
                update(IdempotencyRecord)
                .where(IdempotencyRecord.account_id == api.account_id)
                .values(body=b'{"stored": "in clear"}')
            )
        replay = await api.post("/v1/customers", body, headers=headers)
        assert replay.status_code == 201 and replay.json() == {"stored": "in clear"}

    async def test_a_response_sealed_under_another_server_secret_is_not_run_again(
        self, api: TenantApi, runtime: Runtime
    ) -> None:
        body = {"email": "a@example.com"}
        request = idempotency.fingerprint("POST", "/v1/customers", json.dumps(body).encode())
        async with runtime.db.write() as session:
            before = Context(
                session, api.account_id, Secrets.from_text("an older secret " * 3), livemode=False
            )
            idempotency.remember(
                before, "sealed-before", request, idempotency.StoredResponse(201, b"{}")
            )
        response = await api.post(
            "/v1/customers", body, headers={"Idempotency-Key": "sealed-before"}
        )
        assert expect(response, 409)["code"] == "idempotency_key_unreadable"
        assert expect(await api.get("/v1/customers"), 200)["data"] == []
