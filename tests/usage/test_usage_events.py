"""`/v1/usage_events` and `/v1/usage_events/batch`: what customers did, each event recorded
once — the same identifier and body again is a replay, another body a 409, even at once — and
a batch all recorded or not at all."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from remit.context import utc_now
from remit.kernel import jsonio
from remit.kernel.fields import render_timestamp
from remit.runtime import Runtime
from tests.api.resources import list_all
from tests.support import QueryCounter, TenantApi, expect, params, problem, while_held

EVENTS = "/v1/usage_events"
# The event `o-25` as the API stores it, inserted by a transaction of the test.
HELD_EVENT = (
    "INSERT INTO usage_events (account_id, id, livemode, event_name, customer_id, identifier, "
    "occurred_at, payload, created_at) VALUES (:account, 'uev_held', false, 'tokens', "
    ":customer, 'o-25', '2025-11-03T10:00:00Z', '{\"tokens\": \"1.5\"}'::jsonb, now())"
)
BATCH = "/v1/usage_events/batch"


class Usage:
    """An account with a sum meter of `tokens` and a customer."""

    def __init__(self, api: TenantApi, meter: dict[str, Any], customer: str) -> None:
        self.api, self.meter, self.customer = api, meter, customer

    def event(self, identifier: str, **fields: Any) -> dict[str, Any]:
        return {"event_name": "tokens", "customer": self.customer, "identifier": identifier,
                "payload": {"tokens": "1.5"}, **fields}  # fmt: skip

    async def listed(self, **filters: str) -> list[dict[str, Any]]:
        return await list_all(self.api, EVENTS, **filters)


@pytest.fixture
async def usage(api: TenantApi) -> Usage:
    body = {"event_name": "tokens", "aggregation": "sum", "value_key": "tokens"}
    meter = expect(await api.post("/v1/meters", body), 201)
    return Usage(api, meter, (await api.customer())["id"])


class TestRecord:
    async def test_an_event_is_recorded(self, usage: Usage) -> None:
        body = usage.event("req-1", timestamp="2025-11-03T10:00:00Z")
        event = expect(await usage.api.post(EVENTS, body), 201)
        assert event["id"].startswith("uev_") and event["object"] == "usage_event"
        assert {k: event[k] for k in ("event_name", "customer", "identifier", "payload")} == {
            "event_name": "tokens", "customer": usage.customer, "identifier": "req-1",
            "payload": {"tokens": "1.5"},
        }  # fmt: skip
        assert (event["timestamp"], event["invoice"]) == ("2025-11-03T10:00:00.000Z", None)
        assert expect(await usage.api.get(f"{EVENTS}/{event['id']}"), 200) == event

    async def test_the_timestamp_defaults_to_now(self, usage: Usage) -> None:
        before = render_timestamp(utc_now())
        event = expect(await usage.api.post(EVENTS, usage.event("now")), 201)
        assert before <= event["timestamp"] <= render_timestamp(utc_now())

    async def test_numbers_are_kept_as_their_exact_text(self, usage: Usage) -> None:
        payload = b'{"tokens": 0.10, "model": "m-1", "cached": true, "big": 12345678901234567890}'
        body = usage.event("exact")
        body["payload"] = "PAYLOAD"
        content = jsonio.dumps(body).replace(b'"PAYLOAD"', payload)
        event = expect(await usage.api.post(EVENTS, content=content), 201)
        assert event["payload"] == {
            "tokens": "0.10", "model": "m-1", "cached": True, "big": "12345678901234567890",
        }  # fmt: skip

    async def test_an_event_no_meter_reads_is_recorded_as_it_is(self, usage: Usage) -> None:
        body = usage.event("free", event_name="not.metered", payload={"anything": "goes"})
        assert expect(await usage.api.post(EVENTS, body), 201)["payload"] == {"anything": "goes"}

    async def test_a_count_meter_needs_no_payload(self, usage: Usage) -> None:
        expect(await usage.api.post("/v1/meters", {"event_name": "c", "aggregation": "count"}), 201)
        body = {"event_name": "c", "customer": usage.customer, "identifier": "c-1"}
        assert expect(await usage.api.post(EVENTS, body), 201)["payload"] == {}

    async def test_a_unique_count_meter_takes_any_value(self, usage: Usage) -> None:
        meter = {"event_name": "users", "aggregation": "unique_count", "value_key": "user"}
        expect(await usage.api.post("/v1/meters", meter), 201)
        for n, user in enumerate(("ada", 42, True)):
            body = usage.event(f"u-{n}", event_name="users", payload={"user": user})
            expect(await usage.api.post(EVENTS, body), 201)

    async def test_four_minutes_ahead_is_accepted(self, usage: Usage) -> None:
        ahead = render_timestamp(utc_now() + timedelta(minutes=4))
        expect(await usage.api.post(EVENTS, usage.event("soon", timestamp=ahead)), 201)

    async def test_late_events_of_any_past_time_are_accepted(self, usage: Usage) -> None:
        body = usage.event("old", timestamp="2020-01-01T00:00:00Z")
        assert expect(await usage.api.post(EVENTS, body), 201)["timestamp"].startswith("2020")


class TestRefused:
    @pytest.mark.parametrize(
        ("fields", "param"),
        [
            ({"payload": {"tokens": "abc"}}, "payload.tokens"),
            ({"payload": {"tokens": True}}, "payload.tokens"),
            ({"payload": {"tokens": "1e3"}}, "payload.tokens"),
            ({"payload": {"tokens": "-1"}}, "payload.tokens"),
            ({"payload": {"tokens": "0.0000000000001"}}, "payload.tokens"),
            ({"payload": {"tokens": "10000000000000000"}}, "payload.tokens"),
            ({"payload": {"other": "1"}}, "payload.tokens"),
            ({"payload": {"tokens": {"nested": 1}}}, "payload.tokens"),
            ({"payload": {"tokens": None}}, "payload.tokens"),
            ({"payload": {"list": [1]}}, "payload.list"),
            ({"payload": {"long": "x" * 501}}, "payload.long"),
            ({"payload": {f"k{n}": "v" for n in range(51)}}, "payload"),
            ({"payload": "tokens=1"}, "payload"),
            ({"payload": {"": "x"}}, "payload"),
            ({"payload": {"k" * 101: "x"}}, "payload"),
            ({"event_name": "bad name"}, "event_name"),
            ({"identifier": ""}, "identifier"),
            ({"identifier": "x" * 256}, "identifier"),
            ({"customer": None}, "customer"),
            ({"timestamp": "soon"}, "timestamp"),
            ({"colour": "red"}, "colour"),
        ],
    )
    async def test_a_bad_event_is_refused_naming_the_field(
        self, usage: Usage, fields: dict[str, Any], param: str
    ) -> None:
        refused = await usage.api.post(EVENTS, {**usage.event("bad"), **fields})
        assert refused.status_code in (400, 422), refused.text
        assert param in params(refused.json()), refused.json()
        assert await usage.listed() == []

    async def test_more_than_five_minutes_ahead_is_refused(self, usage: Usage) -> None:
        ahead = render_timestamp(utc_now() + timedelta(minutes=6))
        refused = await usage.api.post(EVENTS, usage.event("future", timestamp=ahead))
        assert params(problem(refused, 400, "validation_error")) == {"timestamp"}

    async def test_a_customer_of_another_mode_or_account_is_404(
        self, usage: Usage, other_api: TenantApi
    ) -> None:
        live = await usage.api.live()
        for customer in ((await live.customer())["id"], (await other_api.customer())["id"]):
            refused = await usage.api.post(EVENTS, usage.event("x", customer=customer))
            assert params(problem(refused, 404, "resource_missing")) == {"customer"}

    async def test_a_deleted_customer_is_404(self, usage: Usage) -> None:
        expect(await usage.api.delete(f"/v1/customers/{usage.customer}"), 204)
        problem(await usage.api.post(EVENTS, usage.event("x")), 404, "resource_missing")


class TestOnce:
    async def test_the_same_event_again_is_a_replay(self, usage: Usage) -> None:
        body = usage.event("retry", timestamp="2025-11-03T10:00:00Z")
        first = expect(await usage.api.post(EVENTS, body), 201)
        assert expect(await usage.api.post(EVENTS, body), 200) == first
        assert [e["id"] for e in await usage.listed()] == [first["id"]]

    async def test_a_replay_without_a_timestamp_matches_the_time_recorded(
        self, usage: Usage
    ) -> None:
        first = expect(await usage.api.post(EVENTS, usage.event("now")), 201)
        assert expect(await usage.api.post(EVENTS, usage.event("now")), 200) == first

    @pytest.mark.parametrize(
        "change",
        [
            {"payload": {"tokens": "2"}},
            {"event_name": "tokens.other"},
            {"timestamp": "2025-11-03T10:00:00.001Z"},
        ],
    )
    async def test_the_identifier_with_another_body_is_409(
        self, usage: Usage, change: dict[str, Any]
    ) -> None:
        body = usage.event("one", timestamp="2025-11-03T10:00:00Z")
        first = expect(await usage.api.post(EVENTS, body), 201)
        refused = problem(await usage.api.post(EVENTS, {**body, **change}), 409,
                          "usage_event_duplicate")  # fmt: skip
        assert first["id"] in refused["detail"]
        assert await usage.listed() == [first]

    async def test_another_customer_with_the_identifier_is_409(self, usage: Usage) -> None:
        expect(await usage.api.post(EVENTS, usage.event("shared")), 201)
        other = (await usage.api.customer())["id"]
        refused = await usage.api.post(EVENTS, usage.event("shared", customer=other))
        problem(refused, 409, "usage_event_duplicate")

    async def test_ten_at_once_make_one_event(self, usage: Usage) -> None:
        body = usage.event("burst", timestamp="2025-11-03T10:00:00Z")
        answers = await asyncio.gather(*(usage.api.post(EVENTS, body) for _ in range(10)))
        assert sorted(a.status_code for a in answers) == [200] * 9 + [201]
        assert len({a.json()["id"] for a in answers}) == 1
        assert len(await usage.listed()) == 1

    async def test_ten_different_bodies_at_once_make_one_event(self, usage: Usage) -> None:
        bodies = [usage.event("race", payload={"tokens": str(n)}) for n in range(10)]
        answers = await asyncio.gather(*(usage.api.post(EVENTS, b) for b in bodies))
        assert sorted(a.status_code for a in answers) == [201] + [409] * 9
        assert len(await usage.listed()) == 1

    async def test_the_live_mode_has_its_own_identifiers(self, usage: Usage) -> None:
        test = expect(await usage.api.post(EVENTS, usage.event("mode")), 201)
        live_api = await usage.api.live()
        customer = (await live_api.customer())["id"]
        live = expect(await live_api.post(EVENTS, usage.event("mode", customer=customer)), 201)
        assert live["id"] != test["id"] and live["livemode"] is True


class TestBatch:
    async def test_a_thousand_events_in_one_request(
        self, usage: Usage, queries: QueryCounter
    ) -> None:
        events = [usage.event(f"b-{n}", payload={"tokens": "0.1"}) for n in range(1000)]
        queries.reset()
        made = expect(await usage.api.post(BATCH, {"events": events}), 201)
        # key, meters, customers, one INSERT of the thousand rows (and, for replays, a read)
        assert queries.count <= 5, queries.statements[:10]
        assert made["object"] == "list" and len(made["data"]) == 1000
        assert [e["identifier"] for e in made["data"]] == [f"b-{n}" for n in range(1000)]
        window = {"customer": usage.customer, "start": "2020-01-01", "end": "2100-01-01"}
        path = f"/v1/meters/{usage.meter['id']}/summaries"
        assert expect(await usage.api.get(path, params=window), 200)["aggregated_value"] == "100"
        queries.reset()
        again = expect(await usage.api.post(BATCH, {"events": events}), 200)
        assert again == made and queries.count <= 5

    async def test_new_events_and_replays_together_are_201(self, usage: Usage) -> None:
        first = expect(await usage.api.post(EVENTS, usage.event("a")), 201)
        both = [usage.event("a"), usage.event("b")]
        made = expect(await usage.api.post(BATCH, {"events": both}), 201)["data"]
        assert made[0] == first and made[1]["identifier"] == "b"

    async def test_one_bad_event_records_none(self, usage: Usage) -> None:
        events = [usage.event(f"b-{n}") for n in range(10)]
        events[7]["payload"] = {"tokens": "lots"}
        events[9]["timestamp"] = render_timestamp(utc_now() + timedelta(hours=1))
        refused = problem(await usage.api.post(BATCH, {"events": events}), 400,
                          "validation_error")  # fmt: skip
        assert params(refused) == {"events[7].payload.tokens", "events[9].timestamp"}
        assert await usage.listed() == []

    async def test_an_unknown_customer_records_none(self, usage: Usage) -> None:
        events = [usage.event("ok"), usage.event("bad", customer="cus_unknown")]
        refused = problem(await usage.api.post(BATCH, {"events": events}), 404,
                          "resource_missing")  # fmt: skip
        assert params(refused) == {"events[1].customer"}
        assert await usage.listed() == []

    async def test_a_duplicate_records_none(self, usage: Usage) -> None:
        first = expect(await usage.api.post(EVENTS, usage.event("taken")), 201)
        events = [usage.event("new"), usage.event("taken", payload={"tokens": "9"})]
        problem(await usage.api.post(BATCH, {"events": events}), 409, "usage_event_duplicate")
        assert await usage.listed() == [first]

    async def test_an_identifier_twice_in_a_batch(self, usage: Usage) -> None:
        twice = [usage.event("twice"), usage.event("twice")]
        made = expect(await usage.api.post(BATCH, {"events": twice}), 201)["data"]
        assert made[0] == made[1] and len(await usage.listed()) == 1
        other = [usage.event("two"), usage.event("two", payload={"tokens": "2"})]
        problem(await usage.api.post(BATCH, {"events": other}), 409, "usage_event_duplicate")

    async def test_batches_at_once_with_the_same_events_in_any_order(
        self, usage: Usage, runtime: Runtime, backend: str
    ) -> None:
        """Batches insert in the order of identifiers, so two of them never deadlock. On
        PostgreSQL, deterministically: a transaction of the test inserts the middle event
        while batches in opposite orders start; inserting as sent, each would hold what the
        other waits for."""
        events = [usage.event(f"o-{n:02}", timestamp="2025-11-03T10:00:00Z") for n in range(50)]
        requests = [usage.api.post(BATCH, {"events": order}) for order in (events, events[::-1])]
        if backend == "postgresql":
            answers = await while_held(runtime, HELD_EVENT, {"account": usage.api.account_id,
                                       "customer": usage.customer}, requests)  # fmt: skip
        else:
            answers = await asyncio.gather(*requests)
        assert sorted(a.status_code for a in answers) == [200, 201], [a.text for a in answers]
        assert len(await usage.listed()) == 50

    @pytest.mark.parametrize("count", [0, 1001])
    async def test_a_batch_holds_one_to_a_thousand_events(self, usage: Usage, count: int) -> None:
        events = [usage.event(f"n-{n}") for n in range(count)]
        refused = problem(await usage.api.post(BATCH, {"events": events}), 400,
                          "validation_error")  # fmt: skip
        assert params(refused) == {"events"}


class TestListAndAccess:
    async def test_lists_filter_by_customer_and_event_name(self, usage: Usage) -> None:
        other = (await usage.api.customer())["id"]
        bodies = [usage.event("1"), usage.event("2", customer=other),
                  usage.event("3", event_name="other")]  # fmt: skip
        made = [expect(await usage.api.post(EVENTS, body), 201)["id"] for body in bodies]
        assert [e["id"] for e in await usage.listed()] == made[::-1]
        assert [e["id"] for e in await usage.listed(customer=other)] == [made[1]]
        mine = await usage.listed(customer=usage.customer, event_name="tokens")
        assert [e["id"] for e in mine] == [made[0]]

    async def test_usage_events_take_the_subscriptions_scopes(self, usage: Usage) -> None:
        event = expect(await usage.api.post(EVENTS, usage.event("1")), 201)
        reader = await usage.api.with_scopes("subscriptions:read")
        expect(await reader.get(EVENTS), 200)
        expect(await reader.get(f"{EVENTS}/{event['id']}"), 200)
        for path, body in ((EVENTS, usage.event("2")), (BATCH, {"events": [usage.event("2")]})):
            refused = problem(await reader.post(path, body), 403, "insufficient_scope")
            assert refused["required_scope"] == "subscriptions:write"
        catalog = await usage.api.with_scopes("plans:write")
        problem(await catalog.post(EVENTS, usage.event("2")), 403, "insufficient_scope")
        writer = await usage.api.with_scopes("subscriptions:write")
        expect(await writer.post(EVENTS, usage.event("2")), 201)

    async def test_a_live_key_and_another_account_see_no_test_event(
        self, usage: Usage, other_api: TenantApi
    ) -> None:
        event = expect(await usage.api.post(EVENTS, usage.event("1")), 201)
        for client in (await usage.api.live(), other_api):
            problem(await client.get(f"{EVENTS}/{event['id']}"), 404, "resource_missing")
            assert expect(await client.get(EVENTS), 200)["data"] == []

    async def test_a_bad_cursor_is_400(self, usage: Usage) -> None:
        refused = await usage.api.get(EVENTS, params={"starting_after": "mtr_x"})
        assert params(problem(refused, 400, "validation_error")) == {"starting_after"}
