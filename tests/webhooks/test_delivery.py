"""Webhook delivery end to end (SPEC §7): real receivers on loopback, a real worker, both
databases. What committed is delivered; what rolled back is not; failures are retried with
backoff, in order, and every attempt is kept."""

from __future__ import annotations

import asyncio

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from remit.runtime import Runtime
from remit.worker.runner import Worker
from tests.support import TenantApi, expect
from tests.webhooks.conftest import add_endpoint, deliveries
from tests.webhooks.receiver import Receiver


async def _all_events(api: TenantApi) -> list[dict]:
    return expect(await api.get("/v1/events", params={"limit": 100}), 200)["data"]


class TestWhatIsDelivered:
    async def test_every_committed_change_arrives_and_no_rolled_back_one(
        self, api: TenantApi, receiver: Receiver, worker: Worker
    ) -> None:
        await add_endpoint(api, receiver.url("/all"))
        customer = await api.customer()
        draft = await api.invoice(customer=customer["id"], collection_method="send_invoice")
        expect(await api.post(f"/v1/invoices/{draft['id']}/finalize"), 200)
        # Refused requests: nothing committed, so nothing to deliver.
        expect(await api.post(f"/v1/invoices/{draft['id']}/finalize"), 409)
        expect(await api.post("/v1/invoices", {"customer": customer["id"], "currency": "XYZ"}), 400)
        # This one records invoice.created, then fails finalizing and rolls back entirely.
        credit = {"customer": customer["id"], "status": "open", "lines": [{"unit_amount": "-5.00"}]}
        expect(await api.post("/v1/invoices", credit), 422)

        # Everything after the endpoint's own creation (which it did not exist yet to receive).
        committed = [e for e in await _all_events(api) if e["type"] != "webhook_endpoint.created"]
        assert [e["type"] for e in committed] == [
            "invoice.finalized",
            "invoice.created",
            "customer.created",
        ]
        await receiver.wait_for(lambda: len(receiver.received["/all"]) >= len(committed))
        delivered = [item.json for item in receiver.received["/all"]]
        assert sorted(e["id"] for e in delivered) == sorted(e["id"] for e in committed)
        assert [e["type"] for e in reversed(committed)] == [e["type"] for e in delivered]
        by_id = {event["id"]: event for event in committed}
        for body in delivered:
            assert set(body) == {"id", "type", "livemode", "created_at", "data"}
            assert body["data"]["object"] == by_id[body["id"]]["data"]["object"]
            assert body["created_at"] == by_id[body["id"]]["created_at"]

    async def test_endpoints_get_only_the_events_they_subscribe_to(
        self, api: TenantApi, receiver: Receiver, worker: Worker
    ) -> None:
        await add_endpoint(api, receiver.url("/invoices"), ["invoice.finalized", "invoice.paid"])
        await add_endpoint(api, receiver.url("/customers"), ["customer.created"])
        await api.open_invoice(lines=[{"unit_amount": "0"}])  # finalized, then paid at once
        await receiver.wait_for(
            lambda: (
                len(receiver.received["/invoices"]) == 2
                and len(receiver.received["/customers"]) == 1
            )
        )
        assert [r.json["type"] for r in receiver.received["/invoices"]] == [
            "invoice.finalized",
            "invoice.paid",
        ]
        assert receiver.received["/customers"][0].json["type"] == "customer.created"

    async def test_another_account_s_events_are_not_delivered(
        self, api: TenantApi, other_api: TenantApi, receiver: Receiver, worker: Worker
    ) -> None:
        await add_endpoint(api, receiver.url("/mine"))
        await other_api.customer()
        mine = await api.customer()
        await receiver.wait_for(lambda: len(receiver.received["/mine"]) >= 1)
        assert [r.json["data"]["object"]["id"] for r in receiver.received["/mine"]] == [mine["id"]]


class TestSignatures:
    async def test_standardwebhooks_verifies_and_a_tampered_body_fails(
        self, api: TenantApi, receiver: Receiver, worker: Worker
    ) -> None:
        endpoint = await add_endpoint(api, receiver.url("/signed"))
        assert endpoint["secret"].startswith("whsec_")
        await api.customer()
        await receiver.wait_for(lambda: len(receiver.received["/signed"]) == 1)
        request = receiver.received["/signed"][0]
        verified = Webhook(endpoint["secret"]).verify(request.body, request.headers)
        assert verified["type"] == "customer.created"
        assert request.headers["webhook-id"] == request.json["id"]
        tampered = request.body.replace(b"customer.created", b"customer.deleted")
        with pytest.raises(WebhookVerificationError):
            Webhook(endpoint["secret"]).verify(tampered, request.headers)
        other_secret = (await add_endpoint(api, receiver.url("/other")))["secret"]
        with pytest.raises(WebhookVerificationError):
            Webhook(other_secret).verify(request.body, request.headers)

    async def test_after_rotation_old_and_new_secrets_both_verify(
        self, api: TenantApi, receiver: Receiver, worker: Worker
    ) -> None:
        endpoint = await add_endpoint(api, receiver.url("/rotating"), ["customer.created"])
        path = f"/v1/webhook_endpoints/{endpoint['id']}/rotate_secret"
        rotated = expect(await api.post(path), 200)
        assert rotated["secret"] != endpoint["secret"]
        await api.customer()
        await receiver.wait_for(lambda: len(receiver.received["/rotating"]) == 1)
        request = receiver.received["/rotating"][0]
        assert len(request.headers["webhook-signature"].split(" ")) == 2
        for secret in (endpoint["secret"], rotated["secret"]):
            assert (
                Webhook(secret).verify(request.body, request.headers)["type"] == "customer.created"
            )

    async def test_the_secret_is_shown_only_when_made(self, api: TenantApi) -> None:
        endpoint = await add_endpoint(api, "http://127.0.0.1:9/never")
        read = expect(await api.get(f"/v1/webhook_endpoints/{endpoint['id']}"), 200)
        listed = expect(await api.get("/v1/webhook_endpoints"), 200)["data"]
        assert "secret" not in read and all("secret" not in item for item in listed)
        events = await _all_events(api)
        assert endpoint["secret"] not in str(events)


class TestRetries:
    async def test_a_receiver_failing_twice_gets_the_event_on_the_third_attempt(
        self, api: TenantApi, receiver: Receiver, worker: Worker
    ) -> None:
        url = receiver.plan("/flaky", 500, 503)
        endpoint = await add_endpoint(api, url, ["customer.created"])
        customer = await api.customer()
        await receiver.wait_for(lambda: len(receiver.received["/flaky"]) == 3)
        assert {r.event_id for r in receiver.received["/flaky"]} == {
            r.event_id for r in receiver.received["/flaky"][:1]
        }
        assert receiver.received["/flaky"][0].json["data"]["object"]["id"] == customer["id"]

        async def settled() -> dict:
            [delivery] = await deliveries(api, endpoint["id"])
            return delivery

        delivery = await settled()
        for _ in range(50):
            if delivery["status"] == "succeeded":
                break
            await receiver.wait_for(lambda: True, 0.1)
            delivery = await settled()
        assert delivery["status"] == "succeeded" and delivery["attempt_count"] == 3
        codes = [attempt["status_code"] for attempt in delivery["attempts"]]
        assert codes == [500, 503, 200]
        first, second, third = delivery["attempts"]
        assert first["error"].startswith("HTTP 500") and third["error"] is None
        assert first["next_attempt_at"] is not None and third["next_attempt_at"] is None
        assert all(attempt["latency_ms"] >= 0 for attempt in delivery["attempts"])
        assert first["attempted_at"] < second["attempted_at"] < third["attempted_at"]

    async def test_events_to_one_endpoint_never_overtake_each_other(
        self, api: TenantApi, receiver: Receiver, worker: Worker
    ) -> None:
        url = receiver.plan("/ordered", 500, 500, 500)
        await add_endpoint(api, url, ["customer.created"])
        made = [await api.customer(email=f"c{n}@example.com") for n in range(5)]
        await receiver.wait_for(lambda: len(receiver.received["/ordered"]) == 3 + 5)
        arrivals = [r.json["data"]["object"]["id"] for r in receiver.received["/ordered"]]
        assert arrivals[:4] == [made[0]["id"]] * 4  # the first, until it succeeds
        assert arrivals[4:] == [customer["id"] for customer in made[1:]]

    async def test_manual_retry_sends_a_delivered_event_again(
        self, api: TenantApi, receiver: Receiver, worker: Worker
    ) -> None:
        endpoint = await add_endpoint(api, receiver.url("/again"), ["customer.created"])
        await api.customer()
        await receiver.wait_for(lambda: len(receiver.received["/again"]) == 1)
        [delivery] = await deliveries(api, endpoint["id"])
        for _ in range(50):
            if delivery["status"] == "succeeded":
                break
            await receiver.wait_for(lambda: True, 0.1)
            [delivery] = await deliveries(api, endpoint["id"])
        retried = expect(await api.post(f"/v1/webhook_deliveries/{delivery['id']}/retry"), 200)
        assert retried["status"] == "pending"
        await receiver.wait_for(lambda: len(receiver.received["/again"]) == 2)
        first, second = receiver.received["/again"]
        assert first.event_id == second.event_id


class TestSlowReceivers:
    async def test_a_hanging_receiver_does_not_hold_up_other_endpoints(
        self, api: TenantApi, receiver: Receiver, worker: Worker
    ) -> None:
        await add_endpoint(api, receiver.plan("/hangs", delay=30), ["customer.created"])
        await add_endpoint(api, receiver.url("/fast"), ["customer.created"])
        for n in range(5):
            await api.customer(email=f"s{n}@example.com")
        await receiver.wait_for(lambda: len(receiver.received["/fast"]) == 5, 1.5)
        assert len(receiver.received["/hangs"]) == 1  # its first event is still in flight

    async def test_a_receiver_slower_than_the_timeout_gets_a_timed_out_attempt(
        self, api: TenantApi, receiver: Receiver, worker: Worker, runtime: Runtime
    ) -> None:
        endpoint = await add_endpoint(api, receiver.plan("/slow", delay=30), ["customer.created"])
        await api.customer()
        for _ in range(100):  # the test settings time a send out after 2 s
            [delivery] = await deliveries(api, endpoint["id"])
            if delivery["attempts"]:
                break
            await asyncio.sleep(0.1)
        [attempt] = delivery["attempts"]
        timeout = runtime.settings.webhook_timeout_seconds
        assert attempt["error"] == f"timed out after {timeout:g} s"
        assert attempt["status_code"] is None and attempt["next_attempt_at"] is not None
        assert delivery["status"] == "pending" and delivery["attempt_count"] == 1
