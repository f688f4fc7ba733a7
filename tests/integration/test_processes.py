"""Real `remit serve` processes sharing one database: numbering and idempotency hold
across processes (SPEC §3.3, §4), with concurrent clients over HTTP on loopback."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import Server, api_client, cli_json, remit_env, serve

pytestmark = [pytest.mark.processes, pytest.mark.slow]

CONCURRENT_FINALIZATIONS = 50


@pytest.fixture
def env(database: MigratedDatabase) -> dict[str, str]:
    return remit_env(database.url, TEST_SECRET)


@pytest.fixture
def key(env: dict[str, str]) -> str:
    return cli_json("accounts", "create", "--name", "Two Servers Co", "--json", env=env)["api_key"]


@pytest.fixture
def two_servers(env: dict[str, str], tmp_path: Path):  # type: ignore[no-untyped-def]
    with serve(env, tmp_path) as first, serve(env, tmp_path) as second:
        yield first, second


class TestNumberingAcrossProcesses:
    async def test_fifty_concurrent_finalizations_are_numbered_without_gap_or_repeat(
        self, two_servers: tuple[Server, Server], key: str
    ) -> None:
        clients = [api_client(server, key) for server in two_servers]
        try:
            customer = (
                await clients[0].post("/v1/customers", json={"email": "n@example.com"})
            ).json()
            drafts = await asyncio.gather(
                *(
                    clients[i % 2].post(
                        "/v1/invoices",
                        json={"customer": customer["id"], "lines": [{"unit_amount": "1.00"}]},
                    )
                    for i in range(CONCURRENT_FINALIZATIONS)
                )
            )
            assert {draft.status_code for draft in drafts} == {201}
            finalized = await asyncio.gather(
                *(
                    clients[i % 2].post(f"/v1/invoices/{draft.json()['id']}/finalize")
                    for i, draft in enumerate(drafts)
                )
            )
            assert {response.status_code for response in finalized} == {200}, [
                response.text for response in finalized if response.status_code != 200
            ]
            numbers = sorted(response.json()["number"] for response in finalized)
            assert numbers == [f"#{n:04d}" for n in range(1, CONCURRENT_FINALIZATIONS + 1)]
            account = (await clients[1].get("/v1/account")).json()
            assert account["invoice_number_next"] == CONCURRENT_FINALIZATIONS + 1
        finally:
            await asyncio.gather(*(client.aclose() for client in clients))


class TestIdempotencyAcrossProcesses:
    async def test_concurrent_requests_with_one_key_have_exactly_one_effect(
        self, two_servers: tuple[Server, Server], key: str
    ) -> None:
        clients = [api_client(server, key) for server in two_servers]
        body = {"customer": {"email": "once@example.com"}, "lines": [{"unit_amount": "5.00"}]}
        headers = {"Idempotency-Key": "one-effect"}
        try:
            responses = await asyncio.gather(
                *(
                    clients[i % 2].post("/v1/invoices", json=body, headers=headers)
                    for i in range(20)
                )
            )
            created = [r for r in responses if r.status_code == 201]
            in_use = [r for r in responses if r.status_code == 409]
            assert len(created) + len(in_use) == len(responses), [r.text for r in responses]
            assert created, "at least one request must carry the effect"
            assert len({r.content for r in created}) == 1, "every 201 is the same response"
            assert all(r.json()["code"] == "idempotency_key_in_use" for r in in_use)
            later = await clients[1].post("/v1/invoices", json=body, headers=headers)
            assert later.status_code == 201 and later.content == created[0].content
            assert later.headers["Idempotent-Replayed"] == "true"
            listed = (await clients[0].get("/v1/invoices")).json()["data"]
            assert [invoice["id"] for invoice in listed] == [created[0].json()["id"]]
            customers = (await clients[0].get("/v1/customers")).json()["data"]
            assert len(customers) == 1
        finally:
            await asyncio.gather(*(client.aclose() for client in clients))
