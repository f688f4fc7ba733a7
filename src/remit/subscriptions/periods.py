"""Billing periods, pure: the end of a period that starts at a moment."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta


def add_months(moment: datetime, months: int) -> datetime:
    """Same day next month(s), clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def period_end(start: datetime, interval: str, count: int) -> datetime | None:
    if interval == "day":
        return start + timedelta(days=count)
    if interval == "week":
        return start + timedelta(weeks=count)
    if interval == "month":
        return add_months(start, count)
    if interval == "year":
        return add_months(start, 12 * count)
    return None  # "none": a one-off plan has no period
