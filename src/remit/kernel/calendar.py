"""Billing periods in UTC, counted from an anchor, as Stripe Billing counts them.

A subscription's periods are [boundary(n), boundary(n + 1)) for n = 0, 1, 2, … where
boundary(0) is the billing cycle anchor. Month and year boundaries are computed from the
anchor every time, never by stepping from the previous boundary: an anchor on the 31st gives
Jan 31 → Feb 28 (29 in leap years) → Mar 31 → Apr 30, not Mar 28 ever after (Stripe:
"billing_cycle_anchor … subsequent invoices fall on the last day of shorter months and
return to the anchor day after"). The time of day is kept. Day and week steps are exact
durations.

Every input must be timezone-aware and is read in UTC; every result is in UTC.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Literal, NamedTuple, get_args

Interval = Literal["day", "week", "month", "year"]
INTERVALS: tuple[Interval, ...] = get_args(Interval)


class Period(NamedTuple):
    """A billing period, [start, end)."""

    start: datetime
    end: datetime


def add_months(moment: datetime, months: int) -> datetime:
    """Same day `months` later, clamped to that month's last day (Jan 31 + 1 → Feb 28/29).

    Works on the moment as given (naive or aware, any zone); the functions below call it
    with UTC moments only.
    """
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def boundary(anchor: datetime, interval: Interval, count: int, n: int) -> datetime:
    """The `n`-th period boundary after `anchor` (n = 0 is the anchor itself), in UTC."""
    _check_cycle(interval, count)
    if n < 0:
        raise ValueError("n must be at least 0")
    return _boundary(to_utc(anchor, "anchor"), interval, count, n)


def whole_period_before(anchor: datetime, interval: Interval, count: int) -> Period:
    """The whole period that ends at `anchor` (boundary −1 to boundary 0): what a partial
    first period before a chosen anchor is prorated against. A month step back clamps as a
    step forward does (Mar 31 → Feb 28)."""
    _check_cycle(interval, count)
    end = to_utc(anchor, "anchor")
    return Period(_boundary(end, interval, count, -1), end)


def period_containing(anchor: datetime, interval: Interval, count: int, at: datetime) -> Period:
    """The period [start, end) that holds `at` (at ≥ anchor)."""
    _check_cycle(interval, count)
    start, moment = to_utc(anchor, "anchor"), to_utc(at, "at")
    if moment < start:
        raise ValueError("at is before the anchor: no period holds it")
    n = _index(start, interval, count, moment)
    return Period(_boundary(start, interval, count, n), _boundary(start, interval, count, n + 1))


def periods_between(
    anchor: datetime, interval: Interval, count: int, after: datetime, until: datetime
) -> list[Period]:
    """Every whole period whose end is in (after, until], in order.

    What a worker owes after being off: with `after` the last end it billed and `until` now,
    each period that ended in between is listed exactly once, and the one still running is not.
    """
    _check_cycle(interval, count)
    start, since, now = to_utc(anchor, "anchor"), to_utc(after, "after"), to_utc(until, "until")
    if now < start or now <= since:
        return []
    first = 1 if since < start else _index(start, interval, count, since) + 1
    last = _index(start, interval, count, now)
    edges = [_boundary(start, interval, count, n) for n in range(first - 1, last + 1)]
    return [Period(begin, end) for begin, end in pairwise(edges)]


def to_utc(moment: datetime, name: str = "moment") -> datetime:
    """`moment` in UTC; a naive datetime is refused (its zone would be a guess)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment.astimezone(UTC)


def _check_cycle(interval: str, count: int) -> None:
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError("interval_count must be an integer of at least 1")


def _boundary(anchor: datetime, interval: Interval, count: int, n: int) -> datetime:
    try:
        if interval in ("month", "year"):
            return add_months(anchor, _months(interval, count) * n)
        return anchor + _step(interval, count) * n
    except OverflowError as exc:  # timedelta arithmetic past year 9999
        raise ValueError("the boundary is beyond year 9999") from exc


def _index(anchor: datetime, interval: Interval, count: int, at: datetime) -> int:
    """The n with boundary(n) ≤ at < boundary(n + 1), at ≥ anchor.

    Computed arithmetically, then corrected: for months the estimate counts calendar
    months, so a clamped or later-in-the-month anchor may put it one period too far.
    """
    if interval in ("month", "year"):
        elapsed = (at.year - anchor.year) * 12 + at.month - anchor.month
        n = elapsed // _months(interval, count)
    else:
        n = (at - anchor) // _step(interval, count)
    while n > 0 and _boundary(anchor, interval, count, n) > at:
        n -= 1
    while _boundary(anchor, interval, count, n + 1) <= at:
        n += 1
    return n


def _months(interval: Interval, count: int) -> int:
    return count * 12 if interval == "year" else count


def _step(interval: Interval, count: int) -> timedelta:
    return timedelta(weeks=count) if interval == "week" else timedelta(days=count)
