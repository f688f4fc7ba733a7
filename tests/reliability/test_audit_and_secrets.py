"""Secrets and audit, against a live server with its worker and access log on:

- API keys are stored as hashes, webhook secrets sealed; neither, nor a public invoice
  token, ever appears in the server's log, whatever traffic it served.
- Every event names its actor (the API key, the worker, the public page) and the request.
- `X-Request-Id` is accepted and echoed; HTML pages carry the security headers.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from remit.api_keys.models import ApiKey
from remit.runtime import Runtime
from remit.webhooks.models import WebhookEndpoint
from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import Server, remit_env, serve
from tests.support import TenantApi, expect
from tests.webhooks.receiver import Receiver, running_receiver

pytestmark = [pytest.mark.processes, pytest.mark.slow]


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with running_receiver() as running:
        yield running


@pytest.fixture
def server(database: MigratedDatabase, tmp_path: Path) -> AsyncIterator[Server]:
    fast = {"REMIT_WORKER_POLL_SECONDS": "0.2", "REMIT_WEBHOOK_RETRY_BASE_SECONDS": "0.1"}
    env = remit_env(database.url, TEST_SECRET, REMIT_WEBHOOK_ALLOW_PRIVATE="1", **fast)
    with serve(env, tmp_path, extra_args=["--access-log"]) as running:
        yield running


async def events_of(client: httpx.AsyncClient, object_id: str) -> list[dict[str, Any]]:
    listed = await client.get("/v1/events", params={"related_object": object_id, "limit": 100})
    return expect(listed, 200)["data"]


async def wait_for_event(client: httpx.AsyncClient, object_id: str, kind: str) -> dict[str, Any]:
    for _ in range(100):
        found = [e for e in await events_of(client, object_id) if e["type"] == kind]
        if found:
            return found[0]
        await asyncio.sleep(0.1)
    raise AssertionError(f"no {kind} event for {object_id}")


async def test_events_name_their_actor_and_request_and_logs_hold_no_secret(
    server: Server, api: TenantApi, runtime: Runtime, receiver: Receiver
) -> None:
    key_id = "key_" + api.key.removeprefix("rk_test_")[:26]
    async with httpx.AsyncClient(base_url=server.url, headers=api.headers, timeout=60) as client:
        endpoint = expect(
            await client.post("/v1/webhook_endpoints", json={"url": receiver.url("/hooks")}), 201
        )
        customer = expect(await client.post("/v1/customers", json={"name": "Audit"}), 201)
        created = await client.post(
            "/v1/invoices",
            headers={"X-Request-Id": "audit-create-1"},
            json={"customer": customer["id"], "status": "open",
                  "collection_method": "send_invoice",
                  "due_at": (datetime.now(UTC) + timedelta(seconds=1)).isoformat(),
                  "lines": [{"description": "Audit", "unit_amount": "10.00"}]},
        )  # fmt: skip
        invoice = expect(created, 201)
        assert created.headers["x-request-id"] == "audit-create-1"

        # The API key's own change: its key id and the caller's request id.
        finalized = await wait_for_event(client, invoice["id"], "invoice.finalized")
        assert (finalized["actor"], finalized["request_id"]) == (key_id, "audit-create-1")
        # The worker's (the due date passes): "worker".
        assert (await wait_for_event(client, invoice["id"], "invoice.past_due"))["actor"] == (
            "worker"
        )
        # The public page's (a payment from the hosted page), with the page's request id.
        paid = await client.post(
            f"/i/{invoice['public_token']}/pay",
            content="token=tok_visa",
            headers={"X-Request-Id": "audit-page-1"},
        )
        assert paid.status_code == 303 and paid.headers["x-request-id"] == "audit-page-1"
        settled = await wait_for_event(client, invoice["id"], "invoice.paid")
        assert (settled["actor"], settled["request_id"]) == ("public", "audit-page-1")
        page = await client.get(f"/i/{invoice['public_token']}")
        pdf = await client.get(f"/i/{invoice['public_token']}.pdf")
        await client.get("/v1/customers", headers={"Authorization": f"Bearer {api.key}x"})
        await receiver.wait_for(lambda: len(receiver.received["/hooks"]) >= 3)

    for html in (page, pdf):
        policy = html.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
        assert html.headers["x-content-type-options"] == "nosniff"

    async with runtime.db.read() as session:
        key = await session.scalar(select(ApiKey).where(ApiKey.id == key_id))
        stored = await session.scalar(
            select(WebhookEndpoint).where(WebhookEndpoint.id == endpoint["id"])
        )
    assert key.secret_hash == hashlib.sha256(api.key.encode()).hexdigest()
    assert api.key not in repr(vars(key)) and endpoint["secret"] not in repr(vars(stored))

    log = server.output()
    assert "/i/[redacted]" in log  # the access log was on, and redacted the page's path
    # rk_<key id>_<secret>: the secret part is random URL-safe text, which may hold "_" itself.
    secret_part = api.key.split("_", 2)[2]
    assert len(secret_part) >= 40
    for secret in (secret_part, endpoint["secret"], invoice["public_token"]):
        assert secret not in log


class TestRequestId:
    async def test_a_sensible_id_is_echoed_and_a_bad_one_replaced(self, api: TenantApi) -> None:
        echoed = await api.get("/v1/customers", headers={"X-Request-Id": "caller-42"})
        assert echoed.headers["x-request-id"] == "caller-42"
        replaced = await api.get("/v1/customers", headers={"X-Request-Id": "x" * 200})
        assert replaced.headers["x-request-id"].startswith("req_")
        assert (await api.get("/nowhere")).headers["x-request-id"].startswith("req_")


class TestSecurityHeaders:
    async def test_every_answer_says_nosniff_and_html_refuses_framing(self, api: TenantApi) -> None:
        docs = await api.http.get("/docs")
        assert docs.headers["content-type"].startswith("text/html")
        assert "frame-ancestors 'none'" in docs.headers["content-security-policy"]
        assert docs.headers["x-frame-options"] == "DENY"
        for answer in (docs, await api.get("/v1/customers"), await api.get("/nowhere")):
            assert answer.headers["x-content-type-options"] == "nosniff"
