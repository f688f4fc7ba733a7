"""Proration arithmetic (billing.proration), pure: exact fractions to the second, one
rounding per line, Stripe's credit-then-charge lines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remit.billing.proration import Priced, item_change, prorated, unused_fraction
from remit.kernel.calendar import Period

START = datetime(2026, 11, 4, 9, 0, tzinfo=UTC)
THIRTY_DAYS = Period(START, START + timedelta(days=30))
HALFWAY = START + timedelta(days=15)


def seats(quantity: int, amount: str) -> Priced:
    return Priced("Seats", quantity, Decimal(amount))


class TestUnusedFraction:
    def test_halfway_is_one_half(self) -> None:
        assert unused_fraction(THIRTY_DAYS, HALFWAY) == Fraction(1, 2)

    def test_counts_whole_seconds(self) -> None:
        at = START + timedelta(seconds=1, milliseconds=999)  # the partial second is not left
        assert unused_fraction(THIRTY_DAYS, at) == Fraction(30 * 86400 - 2, 30 * 86400)

    def test_the_start_leaves_the_whole_period(self) -> None:
        assert unused_fraction(THIRTY_DAYS, START) == 1

    @pytest.mark.parametrize(
        "at", [START - timedelta(seconds=1), THIRTY_DAYS.end, THIRTY_DAYS.end + timedelta(days=1)]
    )
    def test_outside_the_period_nothing_is_left(self, at: datetime) -> None:
        assert unused_fraction(THIRTY_DAYS, at) == 0

    def test_a_month_counts_its_own_seconds(self) -> None:
        february = Period(datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC))
        at = datetime(2026, 2, 22, tzinfo=UTC)  # 7 of 28 days left
        assert unused_fraction(february, at) == Fraction(1, 4)

    def test_naive_times_are_refused(self) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            unused_fraction(THIRTY_DAYS, HALFWAY.replace(tzinfo=None))


class TestProrated:
    def test_rounds_once_half_up(self) -> None:
        assert prorated(Decimal("10.00"), Fraction(1, 3), "USD") == Decimal("3.33")
        assert prorated(Decimal("0.05"), Fraction(1, 2), "USD") == Decimal("0.03")  # 0.025

    def test_credits_round_away_from_zero_too(self) -> None:
        assert prorated(Decimal("0.05"), Fraction(-1, 2), "USD") == Decimal("-0.03")

    def test_rounds_to_the_currency(self) -> None:
        assert prorated(Decimal("1000"), Fraction(1, 3), "JPY") == Decimal("333")
        assert prorated(Decimal("10.000"), Fraction(1, 3), "BHD") == Decimal("3.333")

    def test_is_exact_where_decimals_are_not(self) -> None:
        # 999 999 999 999.99 × 1/3 needs more than 28 digits to round right
        big = Decimal("999999999999.99")
        assert prorated(big, Fraction(1, 3), "USD") == Decimal("333333333333.33")


class TestItemChange:
    def test_upgrade_halfway_credits_half_and_charges_half(self) -> None:
        lines = item_change(seats(1, "10.00"), seats(1, "20.00"), THIRTY_DAYS, HALFWAY, "USD")
        assert [line.amount for line in lines] == [Decimal("-5.00"), Decimal("10.00")]
        assert [(line.start, line.end) for line in lines] == [(HALFWAY, THIRTY_DAYS.end)] * 2

    def test_descriptions_name_quantity_item_and_day(self) -> None:
        lines = item_change(seats(3, "30.00"), seats(5, "50.00"), THIRTY_DAYS, HALFWAY, "USD")
        assert [line.description for line in lines] == [
            "Unused time on 3 × Seats after 19 Nov 2026",
            "Remaining time on 5 × Seats after 19 Nov 2026",
        ]

    def test_a_removed_item_is_only_credited(self) -> None:
        lines = item_change(seats(2, "20.00"), None, THIRTY_DAYS, HALFWAY, "USD")
        assert [line.amount for line in lines] == [Decimal("-10.00")]

    def test_an_added_item_is_only_charged(self) -> None:
        lines = item_change(None, seats(2, "20.00"), THIRTY_DAYS, HALFWAY, "USD")
        assert [line.amount for line in lines] == [Decimal("10.00")]

    def test_an_unchanged_item_gives_no_line(self) -> None:
        assert item_change(seats(2, "20.00"), seats(2, "20.00"), THIRTY_DAYS, HALFWAY, "USD") == []

    def test_a_change_outside_the_period_gives_no_line(self) -> None:
        after = THIRTY_DAYS.end + timedelta(hours=1)
        assert item_change(seats(1, "10.00"), seats(1, "20.00"), THIRTY_DAYS, after, "USD") == []

    def test_lines_of_zero_are_left_out(self) -> None:
        lines = item_change(seats(1, "0.00"), seats(1, "20.00"), THIRTY_DAYS, HALFWAY, "USD")
        assert [line.amount for line in lines] == [Decimal("10.00")]

    def test_each_line_is_rounded_on_its_own(self) -> None:
        at = START + timedelta(days=20)  # a third left
        lines = item_change(seats(1, "10.00"), seats(1, "20.00"), THIRTY_DAYS, at, "USD")
        assert [line.amount for line in lines] == [Decimal("-3.33"), Decimal("6.67")]

    @given(
        old=st.integers(0, 10**9),
        new=st.integers(0, 10**9),
        seconds=st.integers(0, 30 * 86400 - 1),
    )
    def test_each_line_is_its_exact_value_rounded_once(
        self, old: int, new: int, seconds: int
    ) -> None:
        before, after = Priced("A", 1, Decimal(old) / 100), Priced("B", 1, Decimal(new) / 100)
        lines = item_change(before, after, THIRTY_DAYS, START + timedelta(seconds=seconds), "USD")
        left = Fraction(30 * 86400 - seconds, 30 * 86400)
        exact = [-Fraction(old, 100) * left, Fraction(new, 100) * left]
        expected = [cents for cents in map(half_up_cents, exact) if cents != 0]
        assert [Fraction(line.amount) * 100 for line in lines] == expected


def half_up_cents(value: Fraction) -> int:
    """The exact value in cents, rounded half away from zero (the test's own rounding)."""
    cents = abs(value) * 100
    rounded = int(cents + Fraction(1, 2))  # floor of a non-negative value
    return rounded if value >= 0 else -rounded
