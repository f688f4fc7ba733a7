"""Credit note numbers across real `remit serve` processes sharing one database: gapless and
unique under concurrent issues (SPEC §3.3's guarantee, for the notes' own series)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import Server, api_client, cli_json, remit_env, serve

pytestmark = [pytest.mark.processes, pytest.mark.slow]

CONCURRENT_ISSUES = 50


@pytest.fixture
def key(database: MigratedDatabase) -> str:
    env = remit_env(database.url, TEST_SECRET)
    created = cli_json("accounts", "create", "--name", "Credit Notes Co", "--json", env=env)
    return str(created["api_key"])


@pytest.fixture
def two_servers(database: MigratedDatabase, tmp_path: Path) -> Iterator[tuple[Server, Server]]:
    env = remit_env(database.url, TEST_SECRET)
    with serve(env, tmp_path) as first, serve(env, tmp_path) as second:
        yield first, second


class TestNumberingAcrossProcesses:
    async def test_fifty_concurrent_issues_are_numbered_without_gap_or_repeat(
        self, two_servers: tuple[Server, Server], key: str
    ) -> None:
        clients = [api_client(server, key) for server in two_servers]
        try:
            customer = await clients[0].post("/v1/customers", json={"email": "c@example.com"})
            body = {
                "customer": customer.json()["id"],
                "status": "open",
                "collection_method": "send_invoice",
                "lines": [{"unit_amount": "10.00"}],
            }
            invoices = [(await clients[0].post("/v1/invoices", json=body)).json()
                        for _ in range(CONCURRENT_ISSUES)]  # fmt: skip
            issued = await asyncio.gather(
                *(
                    clients[i % 2].post(
                        "/v1/credit_notes", json={"invoice": invoice["id"], "amount": "1.00"}
                    )
                    for i, invoice in enumerate(invoices)
                )
            )
            assert {response.status_code for response in issued} == {201}, [
                response.text for response in issued if response.status_code != 201
            ]
            numbers = sorted(response.json()["number"] for response in issued)
            assert numbers == [f"CN-{n:04d}" for n in range(1, CONCURRENT_ISSUES + 1)]
            later = await clients[1].post(
                "/v1/credit_notes", json={"invoice": invoices[0]["id"], "amount": "1.00"}
            )
            assert later.json()["number"] == f"CN-{CONCURRENT_ISSUES + 1:04d}"
        finally:
            await asyncio.gather(*(client.aclose() for client in clients))
