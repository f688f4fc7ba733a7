"""Reepay's API on a live `remit serve` over loopback, driven with plain HTTP (Reepay has
no SDK on PyPI or npm): the key from `remit keys create --kind reepay`, the main invoice
flows, the same invoice through the native API, and signed webhooks from the embedded
worker."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import cli_json, remit_env, serve
from tests.webhooks.receiver import running_receiver

pytestmark = [pytest.mark.processes, pytest.mark.slow]

LINES = [{"ordertext": "Kaffe", "amount": 4500, "quantity": 3, "vat": 0.25}]
CASH = {"method": "cash", "payment_date": "2026-12-01"}


@pytest.fixture(scope="module")
def live(database: MigratedDatabase, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    env = remit_env(database.url, TEST_SECRET, REMIT_WEBHOOK_ALLOW_PRIVATE="1",
                    REMIT_WORKER_POLL_SECONDS="0.2")  # fmt: skip
    account = cli_json("accounts", "create", "--name", "Reepay Co", "--currency", "DKK",
                       "--json", env=env)  # fmt: skip
    keys = cli_json("keys", "create", "--account", account["account"]["id"], "--kind", "reepay",
                    "--json", env=env)  # fmt: skip
    assert keys["private_key"].startswith("priv_")
    with serve(env, tmp_path_factory.mktemp("reepay")) as server:
        yield server, keys["private_key"], account["api_key"]


def _ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, f"{response.status_code}: {response.text}"
    return response.json()


def _code(response: httpx.Response) -> tuple[int, int]:
    return response.status_code, response.json()["code"]


async def _create(reepay: httpx.AsyncClient, handle: str, **extra: Any) -> dict[str, Any]:
    body = {"handle": handle, "order_lines": LINES, **extra}
    return _ok(await reepay.post("/v1/customer/kunde-1/invoice", json=body))


async def _card(reepay: httpx.AsyncClient, token: str) -> str:
    body = {"source": token}
    return _ok(await reepay.post("/v1/customer/kunde-1/payment_method", json=body))["id"]


def _settled_events(receiver: Any) -> int:
    return sum(b.json["event_type"] == "invoice_settled" for b in receiver.received["/reepay"])


async def test_the_invoice_flows_on_a_live_server(live: Any) -> None:
    server, private_key, api_key = live
    async with (
        httpx.AsyncClient(base_url=f"{server.url}/reepay", auth=(private_key, "")) as reepay,
        httpx.AsyncClient(base_url=server.url,
                          headers={"Authorization": f"Bearer {api_key}"}) as native,
        running_receiver() as receiver,
    ):  # fmt: skip
        hook = {"url": receiver.url("/reepay"), "format": "reepay"}
        secret = (await native.post("/v1/webhook_endpoints", json=hook)).json()["secret"]
        _ok(await reepay.post("/v1/customer", json={"handle": "kunde-1", "email": "k@example.dk"}))

        # pending → manual_settle → settled; again → 79
        body = {"handle": "ordre-1", "order_lines": LINES}
        pending = _ok(await reepay.post("/v1/customer/kunde-1/invoice", json=body))
        assert (pending["state"], pending["currency"], pending["amount"]) == (
            "pending",
            "DKK",
            13500,
        )
        assert (pending["amount_vat"], pending["amount_ex_vat"]) == (2700, 10800)
        settled = _ok(await reepay.post("/v1/invoice/ordre-1/manual_settle", json=CASH))
        assert settled["state"] == "settled"
        assert _code(await reepay.post("/v1/invoice/ordre-1/manual_settle", json=CASH)) == (400, 79)
        same = _ok(await native.get(f"/v1/invoices/{pending['id']}"))
        assert (same["status"], same["total"], same["tax_amount"]) == ("paid", "135.00", "27.00")
        assert same["number"].endswith(str(pending["number"]))

        # create with a manual transfer: settled at once
        body = {"handle": "ordre-2", "order_lines": LINES, "manual_transfer": CASH}
        assert (
            _ok(await reepay.post("/v1/customer/kunde-1/invoice", json=body))["state"] == "settled"
        )

        # a declining card: failed → reactivate → pending → a good card → settled
        declining = {"source": "tok_chargeDeclined"}
        bad = _ok(await reepay.post("/v1/customer/kunde-1/payment_method", json=declining))["id"]
        body = {"handle": "ordre-3", "order_lines": LINES, "settle": {"payment_method": bad}}
        assert (
            _ok(await reepay.post("/v1/customer/kunde-1/invoice", json=body))["state"] == "failed"
        )
        assert _ok(await reepay.post("/v1/invoice/ordre-3/reactivate"))["state"] == "pending"
        good = _ok(await reepay.post("/v1/customer/kunde-1/payment_method",
                                     json={"source": "tok_visa"}))["id"]  # fmt: skip
        paid = _ok(await reepay.post("/v1/invoice/ordre-3/settle", json={"payment_method": good}))
        assert (paid["state"], paid["settled_amount"]) == ("settled", 13500)

        # cancel, fail
        for handle, action, state in (("ordre-4", "cancel", "cancelled"),
                                      ("ordre-5", "fail", "failed")):  # fmt: skip
            await _create(reepay, handle)
            assert _ok(await reepay.post(f"/v1/invoice/{handle}/{action}"))["state"] == state

        # the seed's errors, over the wire
        body = {"handle": "ordre-1", "order_lines": LINES}
        assert _code(await reepay.post("/v1/customer/ingen/invoice", json=body)) == (404, 9)
        assert _code(await reepay.post("/v1/customer/kunde-1/invoice", json=body)) == (400, 11)
        listed = _ok(await reepay.get("/v1/list/invoice", params={"state": "settled"}))
        assert {i["handle"] for i in listed["content"]} == {"ordre-1", "ordre-2", "ordre-3"}

        await receiver.wait_for(lambda: _settled_events(receiver) >= 3)
        for item in receiver.received["/reepay"]:
            sent = item.json
            digest = hmac.new(secret.encode(), (sent["timestamp"] + sent["id"]).encode(),
                              hashlib.sha256).hexdigest()  # fmt: skip
            assert sent["signature"] == digest and sent["customer"] == "kunde-1"
