"""A Retempo client written against the open-source server (no credentials) talks to a live
`remit serve` with `REMIT_RETEMPO_ANONYMOUS_ACCOUNT` set, over real HTTP on loopback."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.dialects.retempo.conftest import MERCHANT_ADDRESS, PAYER_ADDRESS, reference
from tests.processes import cli_json, remit_env, serve

pytestmark = [pytest.mark.processes, pytest.mark.slow]


def test_an_anonymous_client_bills_and_settles(
    database: MigratedDatabase, tmp_path_factory: pytest.TempPathFactory
) -> None:
    env = remit_env(database.url, TEST_SECRET)
    account = cli_json("accounts", "create", "--name", "Retempo Co", "--json", env=env)
    key = cli_json("keys", "create", "--account", account["account"]["id"], "--kind", "retempo",
                   "--json", env=env)  # fmt: skip
    assert key["api_key"] and key["key_id"]
    env["REMIT_RETEMPO_ANONYMOUS_ACCOUNT"] = account["account"]["id"]
    with serve(env, tmp_path_factory.mktemp("retempo")) as server:
        client = httpx.Client(base_url=f"{server.url}/retempo", timeout=10)
        assert client.get("/health").json()["ok"] is True
        service = client.post(
            "/api/v1/services", json={"name": "Feed", "owner": {"email": "dev@example.com"}}
        ).json()["service"]
        plan = client.post(
            f"/api/v1/services/{service['id']}/plans",
            json={"name": "Pro", "pricingType": "ONE_TIME", "amount": "49.000000"},
        ).json()["plan"]
        user = client.post("/api/v1/users", json={"email": "payer@example.com"}).json()["user"]
        created = client.post(
            "/api/v1/invoices",
            json={
                "serviceId": service["id"],
                "paymentPlanId": plan["id"],
                "userId": user["id"],
                "amount": "49.000000",
                "status": "OPEN",
            },
        )
        assert created.status_code == 201
        invoice = created.json()["invoice"]
        settlement = {
            "invoiceId": invoice["id"],
            "referenceHash": reference(42),
            "payerAddress": PAYER_ADDRESS,
            "merchantAddress": MERCHANT_ADDRESS,
        }
        first = client.post("/api/v1/settlements", json=settlement)
        second = client.post("/api/v1/settlements", json=settlement)
        assert (first.status_code, second.status_code) == (201, 200)
        assert first.json()["settlement"]["id"] == second.json()["settlement"]["id"]
        paid = client.get(f"/api/v1/invoices/{invoice['id']}").json()["invoice"]
        assert paid["status"] == "PAID" and paid["paidAt"]
        # The key printed by `keys create --kind retempo` is a remit key: the native API
        # shows the same invoice.
        native = httpx.get(
            f"{server.url}/v1/invoices/{invoice['id']}",
            headers={"Authorization": f"Bearer {key['api_key']}"},
        ).json()
        assert native["status"] == "paid" and native["total"] == "49.000000"
