"""Giving up and disabling (SPEC §7): after about three days of failures a delivery is
abandoned and its endpoint disabled, with an event; URLs are re-checked at send time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from remit.runtime import Runtime
from remit.webhooks.models import WebhookDelivery, WebhookEndpoint
from remit.worker import deliveries as delivery_steps
from tests.support import TenantApi, expect
from tests.webhooks.conftest import add_endpoint, deliveries, send_due
from tests.webhooks.receiver import Receiver

THREE_DAYS_AGO = datetime.now(UTC) - timedelta(days=3, minutes=1)


class TestGivingUp:
    async def test_a_delivery_older_than_the_window_fails_for_good(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        endpoint = await add_endpoint(api, receiver.plan("/down", *[500] * 5), ["customer.created"])
        await api.customer()
        async with runtime.db.write() as session:
            await session.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.account_id == api.account_id)
                .values(created_at=THREE_DAYS_AGO)
            )
        assert await send_due(runtime, api.account_id) == 1
        [delivery] = await deliveries(api, endpoint["id"])
        assert delivery["status"] == "failed" and delivery["next_attempt_at"] is None
        assert delivery["attempts"][0]["next_attempt_at"] is None
        assert await send_due(runtime, api.account_id) == 0  # nothing more to do for it

    async def test_three_days_of_failures_disable_the_endpoint(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        watcher = await add_endpoint(api, receiver.url("/watcher"), ["webhook_endpoint.disabled"])
        failing = await add_endpoint(api, receiver.plan("/down", 500), ["customer.created"])
        async with runtime.db.write() as session:
            await session.execute(
                update(WebhookEndpoint)
                .where(WebhookEndpoint.account_id == api.account_id,
                       WebhookEndpoint.id == failing["id"])
                .values(failing_since=THREE_DAYS_AGO)
            )  # fmt: skip
        await api.customer()
        await send_due(runtime, api.account_id)
        now_disabled = expect(await api.get(f"/v1/webhook_endpoints/{failing['id']}"), 200)
        assert now_disabled["enabled"] is False and "failed" in now_disabled["disabled_reason"]
        await send_due(runtime, api.account_id)
        [notice] = receiver.received["/watcher"]
        assert notice.json["type"] == "webhook_endpoint.disabled"
        assert notice.json["data"]["object"]["id"] == failing["id"]
        assert watcher["id"] != failing["id"]

    async def test_a_success_ends_the_failure_streak(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        endpoint = await add_endpoint(api, receiver.plan("/wobbly", 500), ["customer.created"])
        await api.customer()
        await send_due(runtime, api.account_id)
        async with runtime.db.read() as session:
            row = await session.get(WebhookEndpoint, (api.account_id, endpoint["id"]))
            assert row is not None and row.failing_since is not None
        async with runtime.db.write() as session:
            await session.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.account_id == api.account_id)
                .values(next_attempt_at=datetime.now(UTC))
            )
        await send_due(runtime, api.account_id)
        async with runtime.db.read() as session:
            row = await session.get(WebhookEndpoint, (api.account_id, endpoint["id"]))
            assert row is not None and row.failing_since is None and row.enabled


class TestSendTimeChecks:
    async def test_an_internal_url_is_refused_when_sending(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        endpoint = await add_endpoint(api, receiver.url("/internal"), ["customer.created"])
        await api.customer()
        strict = replace(runtime, settings=replace(runtime.settings, webhook_allow_private=False))
        assert await send_due(strict, api.account_id) == 1
        [delivery] = await deliveries(api, endpoint["id"])
        assert delivery["attempts"][0]["error"].startswith("URL not allowed")
        assert receiver.received["/internal"] == []

    async def test_a_lost_lease_is_taken_over(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        await add_endpoint(api, receiver.url("/lease"), ["customer.created"])
        await api.customer()
        mine = api.account_id
        [job] = [
            j for j in await delivery_steps.claim(runtime, "dies", 100) if j.account_id == mine
        ]
        taken = await delivery_steps.claim(runtime, "other-worker", 100)
        assert [j for j in taken if j.account_id == mine] == []  # still leased
        async with runtime.db.write() as session:
            await session.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.account_id == api.account_id)
                .values(leased_until=datetime.now(UTC) - timedelta(seconds=1))
            )
        taken = await delivery_steps.claim(runtime, "other-worker", 100)
        [again] = [j for j in taken if j.account_id == mine]
        assert again.delivery_id == job.delivery_id
