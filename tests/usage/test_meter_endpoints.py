"""`/v1/meters`: one meter per event name and mode, its scopes, and its summaries of a
customer's usage (`/v1/meters/{id}/summaries`)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.support import TenantApi, event_types, expect, params, problem

SUM = {"event_name": "tokens.input", "aggregation": "sum", "value_key": "tokens"}


async def _meter(api: TenantApi, **fields: Any) -> dict[str, Any]:
    made: dict[str, Any] = expect(await api.post("/v1/meters", {**SUM, **fields}), 201)
    return made


async def _send(api: TenantApi, body: dict[str, Any], status: int = 201) -> dict[str, Any]:
    sent: dict[str, Any] = expect(await api.post("/v1/usage_events", body), status)
    return sent


class TestCreate:
    async def test_a_sum_meter(self, api: TenantApi) -> None:
        meter = await _meter(api, display_name="Input tokens", metadata={"team": "ml"})
        assert meter["id"].startswith("mtr_") and meter["object"] == "meter"
        assert {k: meter[k] for k in ("event_name", "aggregation", "value_key", "livemode")} == {
            "event_name": "tokens.input", "aggregation": "sum", "value_key": "tokens",
            "livemode": False,
        }  # fmt: skip
        assert (meter["display_name"], meter["metadata"]) == ("Input tokens", {"team": "ml"})
        assert expect(await api.get(f"/v1/meters/{meter['id']}"), 200) == meter
        assert await event_types(api, meter["id"]) == ["meter.created"]

    @pytest.mark.parametrize("aggregation", ["sum", "max", "last", "unique_count"])
    async def test_each_aggregation_of_a_value(self, api: TenantApi, aggregation: str) -> None:
        meter = await _meter(api, event_name=f"e.{aggregation}", aggregation=aggregation)
        assert (meter["aggregation"], meter["value_key"]) == (aggregation, "tokens")

    async def test_a_count_meter_has_no_value_key(self, api: TenantApi) -> None:
        body = {"event_name": "api:call", "aggregation": "count"}
        meter = expect(await api.post("/v1/meters", body), 201)
        assert (meter["aggregation"], meter["value_key"]) == ("count", None)

    async def test_meters_are_listed_newest_first_by_cursor(self, api: TenantApi) -> None:
        made = [await _meter(api, event_name=f"event-{n}") for n in range(3)]
        first = expect(await api.get("/v1/meters", params={"limit": 2}), 200)
        assert [m["id"] for m in first["data"]] == [made[2]["id"], made[1]["id"]]
        assert first["has_more"] is True
        cursor = {"limit": 2, "starting_after": first["next_cursor"]}
        rest = expect(await api.get("/v1/meters", params=cursor), 200)
        assert ([m["id"] for m in rest["data"]], rest["has_more"]) == ([made[0]["id"]], False)


class TestRefused:
    @pytest.mark.parametrize(
        ("body", "param"),
        [
            ({"event_name": "has space"}, "event_name"),
            ({"event_name": ""}, "event_name"),
            ({"event_name": "x" * 101}, "event_name"),
            ({"event_name": "ünicode"}, "event_name"),
            ({"aggregation": "avg"}, "aggregation"),
            ({"aggregation": "sum", "value_key": None}, "value_key"),
            ({"aggregation": "max", "value_key": None}, "value_key"),
            ({"aggregation": "unique_count", "value_key": None}, "value_key"),
            ({"aggregation": "count"}, "value_key"),  # SUM's value_key, on a count meter
            ({"value_key": ""}, "value_key"),
            ({"unit": "tokens"}, "unit"),
        ],
    )
    async def test_a_bad_meter_is_400_naming_the_field(
        self, api: TenantApi, body: dict[str, Any], param: str
    ) -> None:
        refused = problem(await api.post("/v1/meters", {**SUM, **body}), 400, "validation_error")
        assert param in params(refused), refused
        assert expect(await api.get("/v1/meters"), 200)["data"] == []

    async def test_the_event_name_may_have_a_hundred_characters_of_the_set(
        self, api: TenantApi
    ) -> None:
        name = ("Az09_.:-" * 13)[:100]
        assert (await _meter(api, event_name=name))["event_name"] == name


class TestOnePerEventName:
    async def test_a_second_meter_of_an_event_name_is_409(self, api: TenantApi) -> None:
        first = await _meter(api)
        again = await api.post("/v1/meters", {**SUM, "aggregation": "max"})
        body = problem(again, 409, "meter_event_name_taken")
        assert first["id"] in body["detail"] and params(body) == {"event_name"}
        assert [m["id"] for m in expect(await api.get("/v1/meters"), 200)["data"]] == [first["id"]]

    async def test_the_live_mode_and_other_accounts_have_their_own(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        test = await _meter(api)
        live = await _meter(await api.live())
        other = await _meter(other_api)
        assert len({test["id"], live["id"], other["id"]}) == 3 and live["livemode"] is True

    async def test_meters_made_at_once_make_one(self, api: TenantApi) -> None:
        answers = await asyncio.gather(*(api.post("/v1/meters", SUM) for _ in range(6)))
        assert sorted(a.status_code for a in answers) == [201] + [409] * 5
        assert len(expect(await api.get("/v1/meters"), 200)["data"]) == 1


class TestAccess:
    async def test_meters_take_the_plans_scopes(self, api: TenantApi) -> None:
        meter = await _meter(api)
        reader = await api.with_scopes("plans:read")
        expect(await reader.get(f"/v1/meters/{meter['id']}"), 200)
        expect(await reader.get("/v1/meters"), 200)
        refused = problem(await reader.post("/v1/meters", SUM), 403, "insufficient_scope")
        assert refused["required_scope"] == "plans:write"
        usage = await api.with_scopes("subscriptions:write")
        problem(await usage.get("/v1/meters"), 403, "insufficient_scope")
        writer = await api.with_scopes("plans:write")
        expect(await writer.post("/v1/meters", {**SUM, "event_name": "other"}), 201)

    async def test_a_live_key_and_another_account_get_404(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        meter = await _meter(api)
        live = await api.live()
        for client in (live, other_api):
            problem(await client.get(f"/v1/meters/{meter['id']}"), 404, "resource_missing")
            assert expect(await client.get("/v1/meters"), 200)["data"] == []
            summary = {"customer": "cus_x", "start": "2025-01-01", "end": "2025-02-01"}
            path = f"/v1/meters/{meter['id']}/summaries"
            problem(await client.get(path, params=summary), 404, "resource_missing")


class TestSummaries:
    async def _usage(self, api: TenantApi) -> tuple[str, str]:
        meter, customer = await _meter(api), await api.customer()
        sent = [("2025-11-01T00:00:00Z", "0.1"), ("2025-11-01T23:59:59.999Z", "0.1"),
                ("2025-11-02T10:00:00Z", "0.1"), ("2025-11-04T10:00:00Z", "5"),
                ("2025-11-05T00:00:00Z", "100")]  # fmt: skip
        for n, (timestamp, tokens) in enumerate(sent):
            await _send(api, {"event_name": SUM["event_name"], "customer": customer["id"],
                              "identifier": f"s-{n}", "timestamp": timestamp,
                              "payload": {"tokens": tokens}})  # fmt: skip
        return f"/v1/meters/{meter['id']}/summaries", customer["id"]

    async def test_one_summary_of_the_window(self, api: TenantApi) -> None:
        path, customer = await self._usage(api)
        window = {"customer": customer, "start": "2025-11-01", "end": "2025-11-05T00:00:00Z"}
        found = expect(await api.get(path, params=window), 200)
        assert found == {
            "object": "meter_event_summary", "meter": path.split("/")[3], "customer": customer,
            "start": "2025-11-01T00:00:00.000Z", "end": "2025-11-05T00:00:00.000Z",
            "aggregated_value": "5.3",
        }  # fmt: skip

    async def test_one_summary_per_utc_day(self, api: TenantApi) -> None:
        path, customer = await self._usage(api)
        window = {"customer": customer, "start": "2025-11-01T00:00:00Z",
                  "end": "2025-11-04T12:00:00Z", "value_grouping_window": "day"}  # fmt: skip
        found = expect(await api.get(path, params=window), 200)
        assert found["object"] == "list" and found["has_more"] is False
        assert [(s["start"], s["end"], s["aggregated_value"]) for s in found["data"]] == [
            ("2025-11-01T00:00:00.000Z", "2025-11-02T00:00:00.000Z", "0.2"),
            ("2025-11-02T00:00:00.000Z", "2025-11-03T00:00:00.000Z", "0.1"),
            ("2025-11-03T00:00:00.000Z", "2025-11-04T00:00:00.000Z", "0"),
            ("2025-11-04T00:00:00.000Z", "2025-11-04T12:00:00.000Z", "5"),
        ]

    @pytest.mark.parametrize(
        ("window", "param"),
        [
            ({"start": "2025-11-02", "end": "2025-11-02"}, "end"),
            ({"start": "2025-11-02", "end": "2025-11-01"}, "end"),
            ({"start": "2020-01-01", "end": "2025-01-01", "value_grouping_window": "day"}, "end"),
            ({"start": "yesterday", "end": "2025-11-01"}, "start"),
            ({"start": "2025-11-01", "end": "2025-12-01", "value_grouping_window": "hour"},
             "value_grouping_window"),
        ],
    )  # fmt: skip
    async def test_a_bad_window_is_400(
        self, api: TenantApi, window: dict[str, str], param: str
    ) -> None:
        meter, customer = await _meter(api), await api.customer()
        path = f"/v1/meters/{meter['id']}/summaries"
        refused = await api.get(path, params={"customer": customer["id"], **window})
        assert param in params(problem(refused, 400, "validation_error"))

    async def test_a_customer_of_another_mode_is_404(self, api: TenantApi) -> None:
        meter = await _meter(api)
        customer = await (await api.live()).customer()
        window = {"customer": customer["id"], "start": "2025-11-01", "end": "2025-12-01"}
        refused = await api.get(f"/v1/meters/{meter['id']}/summaries", params=window)
        assert params(problem(refused, 404, "resource_missing")) == {"customer"}

    async def test_summaries_take_the_usage_scope_too(self, api: TenantApi) -> None:
        meter, customer = await _meter(api), await api.customer()
        window = {"customer": customer["id"], "start": "2025-11-01", "end": "2025-12-01"}
        path = f"/v1/meters/{meter['id']}/summaries"
        catalog = await api.with_scopes("plans:read")
        refused = problem(await catalog.get(path, params=window), 403, "insufficient_scope")
        assert refused["required_scope"] == "subscriptions:read"
        both = await api.with_scopes("plans:read", "subscriptions:read")
        assert expect(await both.get(path, params=window), 200)["aggregated_value"] == "0"
