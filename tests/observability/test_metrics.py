"""`GET /metrics`: requests by route template, method and status with their latencies, the
webhook outbox read at scrape time, idempotency replays; and the token that guards it."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import httpx
import pytest

from remit.app import create_app
from remit.runtime import Runtime
from remit.wiring import build_runtime
from tests import conftest
from tests.conftest import MigratedDatabase
from tests.observability.scraping import samples, value
from tests.support import Api, TenantApi, expect
from tests.webhooks.conftest import add_endpoint, send_due
from tests.webhooks.receiver import running_receiver

CUSTOMER = "/v1/customers/{customer_id}"
TOKEN = "metrics-token-for-tests"


async def scrape(http: httpx.AsyncClient) -> str:
    response = await http.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return response.text


class TestRequests:
    async def test_a_request_is_counted_by_its_route_template_method_and_status(
        self, api: TenantApi, http: httpx.AsyncClient
    ) -> None:
        before = await scrape(http)
        customer = expect(await api.post("/v1/customers", {"name": "Counted"}), 201)
        expect(await api.get(f"/v1/customers/{customer['id']}"), 200)
        expect(await api.get(f"/v1/customers/{customer['id']}"), 200)
        assert (await api.get("/v1/customers/cus_0000000000000000000000000")).status_code == 404
        after = await scrape(http)

        def added(name: str, **labels: str) -> float:
            return value(after, name, **labels) - value(before, name, **labels)

        total = "remit_http_requests_total"
        assert added(total, route=CUSTOMER, method="GET", status="200") == 2
        assert added(total, route=CUSTOMER, method="GET", status="404") == 1
        assert added(total, route="/v1/customers", method="POST", status="201") == 1
        histogram = "remit_http_request_duration_seconds"
        assert added(f"{histogram}_count", route=CUSTOMER, method="GET") == 3
        assert added(f"{histogram}_bucket", route=CUSTOMER, method="GET", le="+Inf") == 3
        assert added(f"{histogram}_sum", route=CUSTOMER, method="GET") > 0

    async def test_labels_hold_templates_never_paths_or_ids(
        self, api: TenantApi, http: httpx.AsyncClient
    ) -> None:
        await api.get("/no/such/path/cus_secretish")
        await api.http.request("BREW", "/v1/customers")
        routes = {s.labels.get("route") for s in samples(await scrape(http))} - {None}
        assert "unmatched" in routes
        assert not any("cus_" in route or "/no/such" in route for route in routes), routes
        methods = {s.labels.get("method") for s in samples(await scrape(http))} - {None}
        assert "BREW" not in methods and "other" in methods

    async def test_metrics_is_not_in_the_openapi_document(self, http: httpx.AsyncClient) -> None:
        paths = (await http.get("/openapi.json")).json()["paths"]
        assert "/metrics" not in paths and "/docs" not in paths and "/v1/customers" in paths


class TestFigures:
    async def test_the_outbox_is_read_at_scrape_time(
        self, api: TenantApi, http: httpx.AsyncClient, runtime: Runtime
    ) -> None:
        endpoint = {"url": "https://hooks.example.com/remit"}
        expect(await api.post("/v1/webhook_endpoints", endpoint), 201)
        expect(await api.post("/v1/customers", {"name": "Outboxed"}), 201)
        text = await scrape(http)
        assert value(text, "remit_database_up") == 1
        assert value(text, "remit_webhook_outbox_pending") >= 1  # nothing sends in this test
        assert value(text, "remit_webhook_outbox_oldest_age_seconds") >= 0

    async def test_an_idempotent_replay_is_counted(
        self, api: TenantApi, http: httpx.AsyncClient
    ) -> None:
        before = value(await scrape(http), "remit_idempotency_replays_total")
        headers = {"Idempotency-Key": "metrics-replay-1"}
        first = expect(await api.post("/v1/customers", {"name": "Once"}, headers=headers), 201)
        again = await api.post("/v1/customers", {"name": "Once"}, headers=headers)
        assert again.headers["idempotent-replayed"] == "true" and again.json() == first
        assert value(await scrape(http), "remit_idempotency_replays_total") == before + 1

    async def test_charges_are_counted_by_outcome(
        self, api: TenantApi, http: httpx.AsyncClient
    ) -> None:
        before = await scrape(http)
        customer = await api.customer()
        outcomes = {"tok_visa": "paid", "tok_chargeDeclined": "open",
                    "tok_pending_succeeds": "open"}  # fmt: skip
        for token, status in outcomes.items():
            method = expect(await api.post(f"/v1/customers/{customer['id']}/payment_methods",
                                           {"type": "card", "token": token}), 201)  # fmt: skip
            invoice = expect(await api.post("/v1/invoices", {
                "customer": customer["id"], "collection_method": "send_invoice", "status": "open",
                "lines": [{"unit_amount": "12.00"}]}), 201)  # fmt: skip
            paid = await api.post(f"/v1/invoices/{invoice['id']}/pay",
                                  {"payment_method": method["id"]})  # fmt: skip
            assert expect(paid, 200)["status"] == status
        after = await scrape(http)
        assert value(after, "remit_charge_outbox_pending") >= 1  # the pending one, unanswered
        assert value(after, "remit_charge_outbox_oldest_age_seconds") >= 0
        assert value(after, "remit_refund_outbox_pending") >= 0
        for outcome in ("succeeded", "failed", "pending"):
            added = value(after, "remit_charges_total", outcome=outcome) - value(
                before, "remit_charges_total", outcome=outcome)  # fmt: skip
            assert added == 1, outcome

    async def test_deliveries_are_counted_by_outcome_and_their_lag_observed(
        self, api: TenantApi, http: httpx.AsyncClient, runtime: Runtime
    ) -> None:
        async with running_receiver() as receiver:
            await add_endpoint(api, receiver.url("/metrics-hook"), ["customer.created"])
            before = await scrape(http)
            expect(await api.post("/v1/customers", {"name": "Delivered"}), 201)
            assert await send_due(runtime, api.account_id) == 1
        after = await scrape(http)

        def added(name: str, **labels: str) -> float:
            return value(after, name, **labels) - value(before, name, **labels)

        # (the round may also send other tests' leftovers, which find no receiver: not these)
        assert added("remit_webhook_deliveries_total", outcome="succeeded") == 1
        assert added("remit_worker_lag_seconds_count") >= 1


@pytest.fixture
async def guarded(database: MigratedDatabase) -> AsyncIterator[httpx.AsyncClient]:
    settings = dataclasses.replace(conftest.test_settings(database.url), metrics_token=TOKEN)
    runtime = build_runtime(settings)
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as client:
        yield client
    await runtime.db.dispose()


class TestToken:
    @pytest.mark.parametrize(
        "authorization", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer", f"Bearer {TOKEN}x"]
    )
    async def test_without_the_token_the_answer_is_401_problem(
        self, guarded: httpx.AsyncClient, authorization: str | None
    ) -> None:
        headers = {} if authorization is None else {"Authorization": authorization}
        response = await guarded.get("/metrics", headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "unauthorized"
        assert "remit_http" not in response.text

    async def test_with_the_token_the_metrics_are_answered(
        self, guarded: httpx.AsyncClient
    ) -> None:
        response = await guarded.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200
        assert any(s.name == "remit_http_requests_total" for s in samples(response.text))

    async def test_without_a_token_configured_metrics_are_open(self, raw_api: Api) -> None:
        assert (await raw_api.get("/metrics")).status_code == 200
