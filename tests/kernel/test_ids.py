"""Object ids (SPEC §2): a type prefix and a time-sortable random part, pure.

`new_id` keeps process-wide state (the last id's time and random part). Tests that need
arbitrary moments use their own `_Monotonic`, so that a far-future id made here cannot push
the rest of the suite's ids into the future.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remit.context import utc_now
from remit.kernel import ids

ID_BODY = re.compile(r"^[0-9a-hjkmnp-tv-z]{26}$")
MAX_MS = ids.to_millis(datetime(9999, 12, 31, tzinfo=UTC))  # datetime's own limit
MILLIS = st.integers(0, MAX_MS)
MOMENTS = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(9999, 1, 1), timezones=st.just(UTC)
)


def make_id(prefix: str, ms: int, rand: int) -> str:
    return f"{prefix}_{ids._encode(ms, 10)}{ids._encode(rand, 16)}"


class TestNewId:
    @pytest.mark.parametrize("prefix", sorted(ids.PREFIXES))
    def test_prefix_and_26_crockford_characters(self, prefix: str) -> None:
        value = ids.new_id(prefix, utc_now())
        head, _, body = value.partition("_")
        assert head == prefix
        assert ID_BODY.match(body)
        assert ids.is_id(value, prefix)

    def test_time_part_is_the_moment_to_the_millisecond(self) -> None:
        now = utc_now() + timedelta(microseconds=999)
        made = ids.new_id("inv", now)
        assert ids.id_time(made) >= now.replace(microsecond=now.microsecond // 1000 * 1000)
        assert ids.id_time(made) - now < timedelta(seconds=1)

    def test_ids_made_in_one_millisecond_strictly_increase(self) -> None:
        now = utc_now()
        made = [ids.new_id("inv", now) for _ in range(500)]
        assert made == sorted(made)
        assert len(set(made)) == len(made)

    def test_random_parts_differ_between_milliseconds(self) -> None:
        clock = ids._Monotonic()
        first = clock.next(1_000)
        second = clock.next(2_000)
        assert second[0] == 2_000 and first[1] != second[1]

    @given(st.lists(st.integers(0, 2**48 - 1), min_size=1, max_size=50))
    def test_never_decrease_even_when_the_clock_goes_back(self, millis: list[int]) -> None:
        clock = ids._Monotonic()
        made = [clock.next(ms) for ms in millis]
        assert all(a < b for a, b in itertools.pairwise(made))
        assert [m for m, _ in made] == [max(millis[: i + 1]) for i in range(len(millis))]

    def test_random_part_overflow_borrows_the_next_millisecond(self) -> None:
        clock = ids._Monotonic()
        clock._last_ms, clock._last_random = 5, ids._MAX_RANDOM
        ms, rand = clock.next(5)
        assert ms == 6
        assert 0 <= rand <= ids._MAX_RANDOM


class TestIdTime:
    @given(MILLIS, st.integers(0, ids._MAX_RANDOM))
    def test_round_trips_the_milliseconds(self, ms: int, rand: int) -> None:
        value = make_id("inv", ms, rand)
        assert ids.to_millis(ids.id_time(value)) == ms
        assert ids.id_time(value).tzinfo is not None

    @given(
        st.tuples(st.integers(0, 2**48 - 1), st.integers(0, ids._MAX_RANDOM)),
        st.tuples(st.integers(0, 2**48 - 1), st.integers(0, ids._MAX_RANDOM)),
    )
    def test_text_order_is_time_then_random_order(
        self, a: tuple[int, int], b: tuple[int, int]
    ) -> None:
        assert (make_id("inv", *a) < make_id("inv", *b)) == (a < b)

    def test_to_millis_rounds_down_without_floats(self) -> None:
        moment = datetime(2026, 11, 21, 10, 0, 0, 999_999, tzinfo=UTC)
        assert ids.to_millis(moment) == 1_795_255_200_999
        assert ids.to_millis(datetime(1970, 1, 1, tzinfo=UTC)) == 0


class TestIdFloor:
    @given(MOMENTS, MILLIS, st.integers(0, ids._MAX_RANDOM))
    def test_an_id_is_at_or_above_the_floor_exactly_when_made_at_or_after(
        self, moment: datetime, ms: int, rand: int
    ) -> None:
        value = make_id("inv", ms, rand)
        assert (value >= ids.id_floor("inv", moment)) == (ids.id_time(value) >= moment)

    def test_floor_inside_a_millisecond_excludes_that_millisecond(self) -> None:
        moment = datetime(2026, 1, 1, 0, 0, 0, 500, tzinfo=UTC)  # 0.5 ms in
        same_ms = make_id("inv", ids.to_millis(moment), ids._MAX_RANDOM)
        assert same_ms < ids.id_floor("inv", moment)
        assert make_id("inv", ids.to_millis(moment) + 1, 0) == ids.id_floor("inv", moment)

    def test_floor_before_the_epoch_is_the_smallest_id(self) -> None:
        assert ids.id_floor("inv", datetime(1960, 1, 1, tzinfo=UTC)) == "inv_" + "0" * 26


class TestIsId:
    @pytest.mark.parametrize(
        "value",
        ["inv", "inv_", "cus_" + "0" * 26, "inv_" + "0" * 25, "inv_" + "0" * 27,
         "inv_" + "I" * 26, "inv_" + "u" * 26, "INV_" + "0" * 26, "inv-" + "0" * 26,
         "inv_" + "0" * 25 + "\n"],
    )  # fmt: skip
    def test_refuses_anything_else(self, value: str) -> None:
        assert not ids.is_id(value, "inv")

    def test_accepts_a_well_formed_id(self) -> None:
        assert ids.is_id("inv_" + "0123456789abcdefghjkmnpqrs", "inv")
