"""What a meter reads (`usage.meters`): the functions the billing run calls — `unbilled`,
`mark_billed` — and `summary`, called directly on events recorded through the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from remit.context import Context
from remit.kernel import jsonio
from remit.plans.models import Meter
from remit.runtime import Runtime
from remit.usage import meters
from remit.usage.meters import Reading
from tests.support import TenantApi, acting_for, expect

T0 = datetime(2025, 11, 1, tzinfo=UTC)  # a period's start
T1 = datetime(2025, 12, 1, tzinfo=UTC)  # its end


def at(day: int, hour: int = 12) -> str:
    return (T0 + timedelta(days=day - 1, hours=hour)).isoformat()


class Metered:
    """A meter of `aggregation` and a customer, with events sent through the API."""

    def __init__(self, api: TenantApi, runtime: Runtime) -> None:
        self.api, self.runtime = api, runtime
        self.sent = 0

    async def make(self, aggregation: str, value_key: str | None = "value") -> Metered:
        self.event_name = f"calls.{aggregation}"
        body: dict[str, Any] = {"event_name": self.event_name, "aggregation": aggregation}
        if value_key is not None:
            body["value_key"] = value_key
        self.meter_id = expect(await self.api.post("/v1/meters", body), 201)["id"]
        self.customer = (await self.api.customer())["id"]
        return self

    async def send(self, timestamp: str, value: Any = None, customer: str | None = None) -> str:
        self.sent += 1
        body: dict[str, Any] = {
            "event_name": self.event_name, "customer": customer or self.customer,
            "identifier": f"e-{self.sent}", "timestamp": timestamp,
            "payload": {} if value is None else {"value": value},
        }  # fmt: skip
        # jsonio writes a Decimal as a JSON number, spelled exactly (json.dumps cannot)
        sent = await self.api.post("/v1/usage_events", content=jsonio.dumps(body))
        return str(expect(sent, 201)["id"])

    async def meter(self, ctx: Context) -> Meter:
        return await meters.get_meter(ctx, self.meter_id)

    async def unbilled(self, until: datetime = T1) -> Reading:
        async with acting_for(self.runtime, self.api.account_id) as ctx:
            return await meters.unbilled(ctx, await self.meter(ctx), self.customer, until)

    async def bill(self, until: datetime, invoice_id: str) -> Reading:
        """Read what is unbilled and mark it billed, in one transaction (the billing run)."""
        async with acting_for(self.runtime, self.api.account_id) as ctx:
            reading = await meters.unbilled(ctx, await self.meter(ctx), self.customer, until)
            await meters.mark_billed(ctx, reading.event_ids, invoice_id)
        return reading

    async def summary(self, start: datetime = T0, end: datetime = T1) -> Decimal:
        async with acting_for(self.runtime, self.api.account_id) as ctx:
            return await meters.summary(ctx, await self.meter(ctx), self.customer, start, end)


@pytest.fixture
def metered(api: TenantApi, runtime: Runtime) -> Metered:
    return Metered(api, runtime)


class TestAggregations:
    async def test_sum_is_exact(self, metered: Metered) -> None:
        await metered.make("sum")
        for day in (1, 2, 3):
            await metered.send(at(day), "0.1")
        reading = await metered.unbilled()
        assert reading.quantity == Decimal("0.3")
        assert str(reading.quantity) == "0.3"  # not 0.30000000000000004

    async def test_sum_of_json_numbers_and_text_with_twelve_places(self, metered: Metered) -> None:
        await metered.make("sum")
        await metered.send(at(1), Decimal("0.000000000001"))
        await metered.send(at(2), "999999999999999")
        await metered.send(at(3), 2)
        assert (await metered.unbilled()).quantity == Decimal("1000000000000001.000000000001")

    async def test_count_counts_events(self, metered: Metered) -> None:
        await metered.make("count", value_key=None)
        for day in (1, 2, 3, 4):
            await metered.send(at(day))
        assert (await metered.unbilled()).quantity == 4

    async def test_max_is_the_largest_value(self, metered: Metered) -> None:
        await metered.make("max")
        for day, value in ((1, "3.5"), (2, "10.25"), (3, "7")):
            await metered.send(at(day), value)
        assert (await metered.unbilled()).quantity == Decimal("10.25")

    async def test_last_is_the_value_of_the_latest_event_not_the_last_sent(
        self, metered: Metered
    ) -> None:
        await metered.make("last")
        await metered.send(at(5), "50")
        await metered.send(at(2), "20")  # sent later, happened earlier
        assert (await metered.unbilled()).quantity == 50

    async def test_last_breaks_a_tie_of_times_by_id(self, metered: Metered) -> None:
        await metered.make("last")
        await metered.send(at(3), "1")
        await metered.send(at(3), "2")
        assert (await metered.unbilled()).quantity == 2

    async def test_unique_count_counts_distinct_values(self, metered: Metered) -> None:
        await metered.make("unique_count")
        for day, user in enumerate(("ada", "bob", "ada", 7, "7", True), start=1):
            await metered.send(at(day), user)
        # ada, bob, "7" (the number 7 is kept as its text, "7") and true
        assert (await metered.unbilled()).quantity == 4

    async def test_no_events_read_zero(self, metered: Metered) -> None:
        for aggregation in ("sum", "max", "last"):
            await metered.make(aggregation)
            assert await metered.unbilled() == Reading(Decimal(0), ())


class TestUnbilled:
    async def test_only_events_before_until_of_that_customer_and_event_name(
        self, metered: Metered
    ) -> None:
        await metered.make("sum")
        inside = [await metered.send(at(1), "1"), await metered.send(at(30, 23), "2")]
        await metered.send(T1.isoformat(), "4")  # at `until`: the next period's
        other = (await metered.api.customer())["id"]
        await metered.send(at(2), "8", customer=other)
        reading = await metered.unbilled(until=T1)
        assert reading == Reading(Decimal(3), tuple(inside))

    async def test_billed_events_are_never_read_again(self, metered: Metered) -> None:
        await metered.make("sum")
        first = await metered.send(at(1), "5")
        billed = await metered.bill(T1, "inv_first")
        assert billed == Reading(Decimal(5), (first,))
        assert await metered.unbilled(until=T1 + timedelta(days=30)) == Reading(Decimal(0), ())
        event = expect(await metered.api.get(f"/v1/usage_events/{first}"), 200)
        assert event["invoice"] == "inv_first"

    async def test_a_late_event_of_a_billed_period_is_billed_by_the_next_invoice(
        self, metered: Metered
    ) -> None:
        await metered.make("sum")
        await metered.send(at(10), "5")
        await metered.bill(T1, "inv_november")
        # Sent in December, it happened in November: billed once, by the next invoice.
        late = await metered.send(at(29), "2")
        december = await metered.send((T1 + timedelta(days=3)).isoformat(), "1")
        reading = await metered.bill(T1 + timedelta(days=31), "inv_december")
        assert reading == Reading(Decimal(3), (late, december))
        assert await metered.summary() == 7  # November, billed or not: 5 + 2

    async def test_mark_billed_leaves_an_event_billed_by_another_invoice(
        self, metered: Metered, runtime: Runtime, api: TenantApi
    ) -> None:
        await metered.make("count", value_key=None)
        event = await metered.send(at(1))
        async with acting_for(runtime, api.account_id) as ctx:
            await meters.mark_billed(ctx, [event], "inv_a")
            await meters.mark_billed(ctx, [event], "inv_b")
            await meters.mark_billed(ctx, [], "inv_c")
        found = expect(await api.get(f"/v1/usage_events/{event}"), 200)
        assert found["invoice"] == "inv_a"

    async def test_another_mode_reads_and_marks_nothing(
        self, metered: Metered, runtime: Runtime, api: TenantApi
    ) -> None:
        await metered.make("count", value_key=None)
        event = await metered.send(at(1))
        async with acting_for(runtime, api.account_id) as ctx:
            meter = await metered.meter(ctx)
        async with acting_for(runtime, api.account_id, livemode=True) as live:
            reading = await meters.unbilled(live, meter, metered.customer, T1)
            await meters.mark_billed(live, [event], "inv_live")
        assert reading == Reading(Decimal(0), ())
        assert await metered.unbilled() == Reading(Decimal(1), (event,))


class TestSummary:
    async def test_the_window_is_start_inclusive_end_exclusive(self, metered: Metered) -> None:
        await metered.make("sum")
        await metered.send(T0.isoformat(), "1")
        await metered.send(at(15), "10")
        await metered.send(T1.isoformat(), "100")
        assert await metered.summary(T0, T1) == 11
        assert await metered.summary(T0 + timedelta(milliseconds=1), T1) == 10
        assert await metered.summary(T0, T1 + timedelta(milliseconds=1)) == 111

    async def test_a_summary_does_not_need_the_events_unbilled(self, metered: Metered) -> None:
        await metered.make("max")
        await metered.send(at(1), "4")
        await metered.bill(T1, "inv_x")
        assert await metered.summary() == 4


class TestPure:
    PAYLOADS = ({"v": "0.1"}, {"v": "2.5"}, {"v": "1"}, {"v": "1"})

    @pytest.mark.parametrize(
        ("aggregation", "expected"),
        [("sum", "4.6"), ("count", "4"), ("max", "2.5"), ("last", "1"), ("unique_count", "3")],
    )
    def test_each_aggregation(self, aggregation: str, expected: str) -> None:
        found = meters.aggregate(aggregation, "v", self.PAYLOADS)
        assert (found, str(found)) == (Decimal(expected), expected)

    def test_unique_count_tells_true_from_its_text(self) -> None:
        assert meters.aggregate("unique_count", "v", [{"v": True}, {"v": "True"}]) == 2

    def test_values_a_meter_cannot_read_are_skipped(self) -> None:
        # Only events recorded before their meter existed can hold them.
        payloads = [{"v": "abc"}, {"v": True}, {}, {"v": "-1"}, {"v": "2"}]
        assert meters.aggregate("sum", "v", payloads) == 2
        assert meters.aggregate("count", None, payloads) == 5

    def test_day_windows_cut_at_utc_midnight(self) -> None:
        start = datetime(2025, 11, 1, 18, tzinfo=UTC)
        end = datetime(2025, 11, 3, 6, tzinfo=UTC)
        assert meters.day_windows(start, end) == [
            (start, datetime(2025, 11, 2, tzinfo=UTC)),
            (datetime(2025, 11, 2, tzinfo=UTC), datetime(2025, 11, 3, tzinfo=UTC)),
            (datetime(2025, 11, 3, tzinfo=UTC), end),
        ]
