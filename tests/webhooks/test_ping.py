"""`remit webhooks test` (its `ping` then `deliver_now`): a ping is sent once and is no part
of the endpoint's ordered delivery, so a failed one holds back none of its real events."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from remit.runtime import Runtime
from remit.webhooks.models import WebhookEndpoint
from remit.webhooks.ping import ping
from remit.worker.runner import deliver_now
from tests.support import TenantApi
from tests.webhooks.conftest import add_endpoint, deliveries, running_worker
from tests.webhooks.receiver import Receiver

HOLD = timedelta(seconds=25)  # as `remit webhooks test` holds it: its lease length


def _production_backoff(runtime: Runtime) -> Runtime:
    """Retries after about 30 s, as deployed (the test settings retry within 50 ms, which
    would hide an event waiting behind a ping's retry)."""
    return replace(runtime, settings=replace(runtime.settings, webhook_retry_base_seconds=30.0))


class TestPing:
    async def test_a_failed_ping_does_not_hold_back_the_next_event(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        runtime = _production_backoff(runtime)
        endpoint = await add_endpoint(api, receiver.plan("/pinged", 500), ["customer.created"])
        ping_id = await ping(runtime, endpoint["id"], HOLD)
        customer = await api.customer()  # queued behind the ping
        outcome = await deliver_now(runtime, ping_id)
        assert outcome is not None and not outcome.ok and outcome.status_code == 500
        async with running_worker(runtime):
            await receiver.wait_for(lambda: len(receiver.received["/pinged"]) == 2, 5.0)
        pinged, event = receiver.received["/pinged"]
        assert pinged.json["type"] == "ping"
        assert event.json["data"]["object"]["id"] == customer["id"]

    async def test_a_failed_ping_is_not_retried_and_counts_no_failure(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        endpoint = await add_endpoint(api, receiver.plan("/refuses-pings", 400), ["invoice.paid"])
        ping_id = await ping(runtime, endpoint["id"], HOLD)
        outcome = await deliver_now(runtime, ping_id)
        assert outcome is not None and not outcome.ok and outcome.status_code == 400
        [delivery] = await deliveries(api, endpoint["id"])
        assert delivery["id"] == ping_id and delivery["event_type"] == "ping"
        assert delivery["status"] == "failed" and delivery["next_attempt_at"] is None
        assert [attempt["next_attempt_at"] for attempt in delivery["attempts"]] == [None]
        async with runtime.db.read() as session:
            row = await session.get(WebhookEndpoint, (api.account_id, endpoint["id"]))
        assert row is not None and row.failing_since is None and row.enabled

    async def test_a_successful_ping_is_reported(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        endpoint = await add_endpoint(api, receiver.url("/ok"), ["invoice.paid"])
        outcome = await deliver_now(runtime, await ping(runtime, endpoint["id"], HOLD))
        assert outcome is not None and outcome.ok and outcome.status_code == 200
        [delivery] = await deliveries(api, endpoint["id"])
        assert delivery["status"] == "succeeded" and delivery["attempt_count"] == 1

    async def test_a_running_worker_leaves_the_ping_to_the_command_that_sends_it(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        endpoint = await add_endpoint(api, receiver.url("/raced"), ["invoice.paid"])
        async with running_worker(runtime):
            ping_id = await ping(runtime, endpoint["id"], HOLD)
            await asyncio.sleep(runtime.settings.worker_poll_seconds * 5)  # polls in between
            outcome = await deliver_now(runtime, ping_id)
        assert outcome is not None and outcome.ok  # the command reports the answer itself
        assert len(receiver.received["/raced"]) == 1

    async def test_a_ping_its_command_never_sent_goes_out_after_the_hold(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        endpoint = await add_endpoint(api, receiver.url("/orphan"), ["invoice.paid"])
        await ping(runtime, endpoint["id"], timedelta(0))  # the command died before sending
        async with running_worker(runtime):
            await receiver.wait_for(lambda: len(receiver.received["/orphan"]) == 1, 5.0)
        assert receiver.received["/orphan"][0].json["type"] == "ping"
