"""Billing periods, pure: the end of a period that starts at a moment (rules: kernel.calendar)."""

from __future__ import annotations

from datetime import datetime

from remit.kernel import calendar
from remit.kernel.calendar import INTERVALS


def add_months(moment: datetime, months: int) -> datetime:
    """Same day next month(s), clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    return calendar.add_months(moment, months)


def period_end(start: datetime, interval: str, count: int) -> datetime | None:
    if interval not in INTERVALS:
        return None  # "none": a one-off plan has no period
    return calendar.boundary(start, interval, count, 1)
