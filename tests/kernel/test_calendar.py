"""Billing periods from an anchor (kernel.calendar), pure.

The examples pin Stripe's month-end rule (clamp to the month's last day, then come back);
the properties check, for any anchor and cycle, that boundaries increase, that the period
found for a moment holds it, and that the periods a late worker bills tile the gap exactly.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remit.kernel import calendar
from remit.kernel.calendar import Interval, Period, boundary, period_containing, periods_between
from remit.subscriptions.periods import add_months, period_end


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, us: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, us, tzinfo=UTC)


def boundaries(anchor: datetime, interval: Interval, count: int, n: int) -> list[datetime]:
    return [boundary(anchor, interval, count, k) for k in range(n)]


class TestBoundary:
    def test_the_zeroth_boundary_is_the_anchor(self) -> None:
        anchor = utc(2024, 3, 15, 12, 30, 45, 123456)
        assert boundary(anchor, "month", 1, 0) == anchor

    def test_month_end_anchor_clamps_and_comes_back(self) -> None:
        anchor = utc(2023, 1, 31, 9)
        assert boundaries(anchor, "month", 1, 5) == [
            utc(2023, 1, 31, 9),
            utc(2023, 2, 28, 9),
            utc(2023, 3, 31, 9),
            utc(2023, 4, 30, 9),
            utc(2023, 5, 31, 9),
        ]

    def test_month_end_anchor_lands_on_february_29_in_a_leap_year(self) -> None:
        anchor = utc(2024, 1, 31, 9)
        assert boundaries(anchor, "month", 1, 4)[1:] == [
            utc(2024, 2, 29, 9),
            utc(2024, 3, 31, 9),
            utc(2024, 4, 30, 9),
        ]

    @pytest.mark.parametrize(
        ("day", "february"), [(29, 28), (30, 28), (31, 28)], ids=["29th", "30th", "31st"]
    )
    def test_late_anchors_all_clamp_to_february_28(self, day: int, february: int) -> None:
        anchor = utc(2025, 1, day)
        assert boundary(anchor, "month", 1, 1) == utc(2025, 2, february)
        assert boundary(anchor, "month", 1, 2) == utc(2025, 3, day)

    def test_month_steps_are_computed_from_the_anchor_never_chained(self) -> None:
        anchor = utc(2023, 1, 31)
        chained = add_months(add_months(anchor, 1), 1)
        assert chained == utc(2023, 3, 28)  # what stepping from Feb 28 would give
        assert boundary(anchor, "month", 1, 2) == utc(2023, 3, 31)

    def test_february_29_yearly_clamps_in_common_years_and_returns_in_leap_years(self) -> None:
        anchor = utc(2024, 2, 29, 6)
        assert boundaries(anchor, "year", 1, 6) == [
            utc(2024, 2, 29, 6),
            utc(2025, 2, 28, 6),
            utc(2026, 2, 28, 6),
            utc(2027, 2, 28, 6),
            utc(2028, 2, 29, 6),
            utc(2029, 2, 28, 6),
        ]

    def test_century_years_follow_the_gregorian_leap_rule(self) -> None:
        anchor = utc(2096, 2, 29)
        assert boundary(anchor, "year", 4, 1) == utc(2100, 2, 28)  # 2100 is not a leap year
        assert boundary(utc(1996, 2, 29), "year", 4, 1) == utc(2000, 2, 29)  # 2000 is

    def test_every_three_months_from_the_30th(self) -> None:
        anchor = utc(2023, 11, 30, 18)
        assert boundaries(anchor, "month", 3, 5) == [
            utc(2023, 11, 30, 18),
            utc(2024, 2, 29, 18),
            utc(2024, 5, 30, 18),
            utc(2024, 8, 30, 18),
            utc(2024, 11, 30, 18),
        ]

    def test_weekly_and_daily_are_exact_durations(self) -> None:
        anchor = utc(2024, 2, 26, 23, 59)
        assert boundary(anchor, "week", 1, 1) == utc(2024, 3, 4, 23, 59)
        assert boundary(anchor, "week", 2, 3) == anchor + timedelta(weeks=6)
        assert boundary(anchor, "day", 1, 4) == utc(2024, 3, 1, 23, 59)
        assert boundary(anchor, "day", 10, 100) == anchor + timedelta(days=1000)

    def test_yearly_keeps_the_date_and_the_time_of_day(self) -> None:
        anchor = utc(2021, 7, 4, 13, 14, 15)
        assert boundary(anchor, "year", 1, 3) == utc(2024, 7, 4, 13, 14, 15)
        assert boundary(anchor, "year", 2, 3) == utc(2027, 7, 4, 13, 14, 15)

    def test_an_offset_anchor_is_read_in_utc(self) -> None:
        # 31 Jan 20:00 at UTC-5 is 1 Feb 01:00 UTC: the periods follow the UTC date.
        anchor = datetime(2023, 1, 31, 20, tzinfo=timezone(timedelta(hours=-5)))
        assert boundary(anchor, "month", 1, 1) == utc(2023, 3, 1, 1)
        assert boundary(anchor, "month", 1, 0).tzinfo is UTC

    def test_naive_datetimes_are_refused(self) -> None:
        with pytest.raises(ValueError, match="anchor must be timezone-aware"):
            boundary(datetime(2024, 1, 1), "month", 1, 1)

    @pytest.mark.parametrize(
        ("interval", "count", "n", "message"),
        [
            ("fortnight", 1, 1, "interval must be one of"),
            ("none", 1, 1, "interval must be one of"),
            ("month", 0, 1, "interval_count"),
            ("month", -1, 1, "interval_count"),
            ("month", True, 1, "interval_count"),
            ("month", 1, -1, "n must be at least 0"),
        ],
    )
    def test_bad_cycles_are_refused(self, interval: str, count: int, n: int, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            boundary(utc(2024, 1, 1), interval, count, n)  # type: ignore[arg-type]

    def test_beyond_year_9999_is_a_value_error(self) -> None:
        with pytest.raises(ValueError):
            boundary(utc(9999, 1, 1), "day", 1, 400)
        with pytest.raises(ValueError):
            boundary(utc(9999, 1, 1), "month", 1, 12)


class TestPeriodContaining:
    def test_the_anchor_opens_the_first_period(self) -> None:
        anchor = utc(2024, 1, 31, 9)
        assert period_containing(anchor, "month", 1, anchor) == (anchor, utc(2024, 2, 29, 9))

    def test_a_boundary_belongs_to_the_period_it_starts(self) -> None:
        anchor = utc(2024, 1, 31, 9)
        start, end = period_containing(anchor, "month", 1, utc(2024, 2, 29, 9))
        assert (start, end) == (utc(2024, 2, 29, 9), utc(2024, 3, 31, 9))

    def test_a_moment_before_the_boundary_is_in_the_previous_period(self) -> None:
        anchor = utc(2024, 1, 31, 9)
        moment = utc(2024, 3, 31, 8, 59, 59, 999999)
        assert period_containing(anchor, "month", 1, moment) == Period(
            utc(2024, 2, 29, 9), utc(2024, 3, 31, 9)
        )

    def test_calendar_month_estimate_is_corrected_for_a_month_end_anchor(self) -> None:
        # March 15 is two calendar months after Jan 31, yet still in the Feb 29 period.
        anchor = utc(2024, 1, 31)
        assert period_containing(anchor, "month", 1, utc(2024, 3, 15)).start == utc(2024, 2, 29)

    @pytest.mark.parametrize(
        ("interval", "count", "at", "expected"),
        [
            ("day", 1, utc(2024, 1, 1, 5), (utc(2024, 1, 1), utc(2024, 1, 2))),
            ("week", 1, utc(2024, 1, 10), (utc(2024, 1, 8), utc(2024, 1, 15))),
            ("month", 3, utc(2024, 5, 1), (utc(2024, 4, 1), utc(2024, 7, 1))),
            ("year", 1, utc(2026, 12, 31), (utc(2026, 1, 1), utc(2027, 1, 1))),
        ],
    )
    def test_each_interval(
        self, interval: Interval, count: int, at: datetime, expected: tuple[datetime, datetime]
    ) -> None:
        assert period_containing(utc(2024, 1, 1), interval, count, at) == expected

    def test_a_large_gap_is_found_without_walking_every_period(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        calls = 0
        compute = calendar._boundary

        def counted(*args: object) -> datetime:
            nonlocal calls
            calls += 1
            return compute(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(calendar, "_boundary", counted)
        found = period_containing(utc(2000, 1, 31), "day", 1, utc(2400, 6, 1, 12))
        assert found == (utc(2400, 6, 1), utc(2400, 6, 2))
        period_containing(utc(2000, 1, 31), "month", 1, utc(2400, 3, 15))
        assert calls <= 10

    def test_a_moment_before_the_anchor_is_refused(self) -> None:
        with pytest.raises(ValueError, match="before the anchor"):
            period_containing(utc(2024, 1, 1), "month", 1, utc(2023, 12, 31))

    def test_a_naive_moment_is_refused(self) -> None:
        with pytest.raises(ValueError, match="at must be timezone-aware"):
            period_containing(utc(2024, 1, 1), "month", 1, datetime(2024, 2, 1))


class TestWholePeriodBefore:
    @pytest.mark.parametrize(
        ("anchor", "interval", "count", "start"),
        [
            (utc(2024, 6, 1, 9), "month", 1, utc(2024, 5, 1, 9)),
            (utc(2023, 3, 31), "month", 1, utc(2023, 2, 28)),  # clamps, as a step forward
            (utc(2024, 2, 29), "year", 1, utc(2023, 2, 28)),
            (utc(2024, 5, 31), "month", 3, utc(2024, 2, 29)),
            (utc(2024, 1, 10, 6), "week", 2, utc(2023, 12, 27, 6)),
            (utc(2024, 1, 10), "day", 30, utc(2023, 12, 11)),
        ],
    )
    def test_the_period_that_ends_at_the_anchor(
        self, anchor: datetime, interval: Interval, count: int, start: datetime
    ) -> None:
        assert calendar.whole_period_before(anchor, interval, count) == Period(start, anchor)

    def test_an_offset_anchor_is_read_in_utc(self) -> None:
        anchor = datetime(2024, 3, 31, 20, tzinfo=timezone(timedelta(hours=-5)))  # Apr 1 01:00
        assert calendar.whole_period_before(anchor, "month", 1).start == utc(2024, 3, 1, 1)


class TestPeriodsBetween:
    def test_a_worker_off_for_three_periods_bills_each_once(self) -> None:
        anchor = utc(2024, 1, 31, 9)
        last_billed, now = utc(2024, 2, 29, 9), utc(2024, 5, 31, 12)
        assert periods_between(anchor, "month", 1, last_billed, now) == [
            (utc(2024, 2, 29, 9), utc(2024, 3, 31, 9)),
            (utc(2024, 3, 31, 9), utc(2024, 4, 30, 9)),
            (utc(2024, 4, 30, 9), utc(2024, 5, 31, 9)),
        ]

    def test_catching_up_twice_bills_nothing_twice(self) -> None:
        anchor, late = utc(2024, 1, 31, 9), utc(2024, 5, 31, 12)
        billed = periods_between(anchor, "month", 1, anchor, late)
        again = periods_between(anchor, "month", 1, billed[-1].end, late)
        assert len(billed) == 4
        assert again == []

    def test_the_running_period_is_not_billed(self) -> None:
        anchor = utc(2024, 1, 1)
        assert periods_between(anchor, "month", 1, anchor, utc(2024, 1, 31)) == []

    def test_an_end_exactly_at_until_is_included_and_at_after_is_not(self) -> None:
        anchor = utc(2024, 1, 1)
        found = periods_between(anchor, "week", 1, utc(2024, 1, 8), utc(2024, 1, 22))
        assert found == [(utc(2024, 1, 8), utc(2024, 1, 15)), (utc(2024, 1, 15), utc(2024, 1, 22))]

    def test_after_before_the_anchor_starts_at_the_first_period(self) -> None:
        anchor = utc(2024, 1, 1)
        found = periods_between(anchor, "day", 1, utc(2023, 1, 1), utc(2024, 1, 3))
        assert found == [(utc(2024, 1, 1), utc(2024, 1, 2)), (utc(2024, 1, 2), utc(2024, 1, 3))]

    def test_empty_when_until_is_before_the_anchor_or_not_after_after(self) -> None:
        anchor = utc(2024, 1, 1)
        assert periods_between(anchor, "day", 1, utc(2023, 1, 1), utc(2023, 6, 1)) == []
        assert periods_between(anchor, "day", 1, utc(2024, 3, 1), utc(2024, 2, 1)) == []
        assert periods_between(anchor, "day", 1, utc(2024, 3, 1), utc(2024, 3, 1)) == []

    def test_naive_bounds_are_refused(self) -> None:
        with pytest.raises(ValueError, match="until must be timezone-aware"):
            periods_between(utc(2024, 1, 1), "day", 1, utc(2024, 1, 2), datetime(2024, 1, 5))


class TestSubscriptionPeriodEnd:
    """subscriptions.periods keeps its signatures and delegates to the kernel."""

    def test_period_end_is_the_first_boundary(self) -> None:
        start = utc(2024, 1, 31, 10)
        assert period_end(start, "month", 1) == utc(2024, 2, 29, 10)
        assert period_end(start, "week", 2) == utc(2024, 2, 14, 10)
        assert period_end(start, "year", 1) == utc(2025, 1, 31, 10)

    def test_a_one_off_plan_has_no_period_end(self) -> None:
        assert period_end(utc(2024, 1, 31), "none", 1) is None


# Anchors from 1970 to 2200 at any microsecond; cycles up to 12 intervals.
ANCHORS = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 12, 31), timezones=st.just(UTC)
)
INTERVALS = st.sampled_from(calendar.INTERVALS)
COUNTS = st.integers(min_value=1, max_value=12)
STEPS = st.integers(min_value=0, max_value=500)


class TestProperties:
    @given(ANCHORS, INTERVALS, COUNTS, STEPS)
    def test_boundaries_strictly_increase(
        self, anchor: datetime, interval: Interval, count: int, n: int
    ) -> None:
        assert boundary(anchor, interval, count, n) < boundary(anchor, interval, count, n + 1)

    @given(ANCHORS, INTERVALS, COUNTS, STEPS)
    def test_boundaries_keep_the_time_of_day(
        self, anchor: datetime, interval: Interval, count: int, n: int
    ) -> None:
        assert boundary(anchor, interval, count, n).timetz() == anchor.timetz()

    @given(ANCHORS, st.sampled_from(["month", "year"]), COUNTS, STEPS)
    def test_month_boundaries_keep_the_anchor_day_or_the_month_end(
        self, anchor: datetime, interval: Interval, count: int, n: int
    ) -> None:
        moment = boundary(anchor, interval, count, n)
        months = count * n * (12 if interval == "year" else 1)
        assert moment.year * 12 + moment.month == anchor.year * 12 + anchor.month + months
        assert moment.day == min(anchor.day, monthrange(moment.year, moment.month)[1])

    @given(ANCHORS, INTERVALS, COUNTS, STEPS, st.floats(min_value=0, max_value=1, exclude_max=True))
    def test_period_containing_matches_the_boundaries(
        self, anchor: datetime, interval: Interval, count: int, n: int, share: float
    ) -> None:
        start, end = boundary(anchor, interval, count, n), boundary(anchor, interval, count, n + 1)
        at = start + (end - start) * share  # any moment of the n-th period
        if at >= end:  # float rounding of the share can reach the end itself
            at = end - timedelta(microseconds=1)
        assert period_containing(anchor, interval, count, at) == (start, end)

    @given(ANCHORS, INTERVALS, COUNTS, st.timedeltas(timedelta(0), timedelta(days=365 * 60)))
    def test_period_containing_holds_the_moment(
        self, anchor: datetime, interval: Interval, count: int, offset: timedelta
    ) -> None:
        at = anchor + offset
        start, end = period_containing(anchor, interval, count, at)
        assert start <= at < end
        assert anchor <= start

    @given(
        ANCHORS,
        INTERVALS,
        st.integers(min_value=1, max_value=3),
        st.timedeltas(timedelta(days=-400), timedelta(days=400 * 3)),
        st.timedeltas(timedelta(0), timedelta(days=400 * 3)),
    )
    def test_periods_between_tile_the_gap_exactly(
        self, anchor: datetime, interval: Interval, count: int, skip: timedelta, gap: timedelta
    ) -> None:
        after, until = anchor + skip, anchor + skip + gap
        found = periods_between(anchor, interval, count, after, until)
        assert found == expected_periods(anchor, interval, count, after, until)
        for (_, end), (start, _) in pairwise(found):
            assert end == start  # no gap, no overlap
        if found:
            assert found[0].start <= max(after, anchor) < found[0].end
            assert period_containing(anchor, interval, count, until).start == found[-1].end


def expected_periods(
    anchor: datetime, interval: Interval, count: int, after: datetime, until: datetime
) -> list[Period]:
    """The oracle: walk the boundaries one by one."""
    periods, n = [], 0
    while (end := boundary(anchor, interval, count, n + 1)) <= until:
        if end > after:
            periods.append(Period(boundary(anchor, interval, count, n), end))
        n += 1
    return periods
