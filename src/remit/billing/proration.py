"""Proration, pure: what a change to a subscription item in the middle of a paid period
credits and charges, to the second, as Stripe prorates.

For a change at `at` inside the period [start, end), the unused time of the old price is
credited and the new price is charged for the rest:

    credit = −old_amount × (end − at) / (end − start)
    charge = +new_amount × (end − at) / (end − start)

where each amount is what the item's quantity costs for a whole period at its plan's price
(`kernel.pricing.amount`: the amount its period's invoice bills). Times count in whole
seconds (a partial second left is not counted); the fraction is exact (`Fraction`) and each
line is rounded once, half-up, to the currency (https://docs.stripe.com/billing/subscriptions/prorations).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from remit.kernel.calendar import Period, to_utc
from remit.kernel.money import round_fraction

_SECOND = timedelta(seconds=1)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Priced:
    """An item as its period bills it: `quantity` × `name`, costing `amount` a whole period."""

    name: str
    quantity: int
    amount: Decimal


@dataclass(frozen=True)
class Proration:
    """One line of a change: a credit (negative) or a charge, for [start, end)."""

    description: str
    amount: Decimal
    start: datetime
    end: datetime


def unused_fraction(period: Period, at: datetime) -> Fraction:
    """(end − at) / (end − start) in whole seconds; 0 when `at` is outside [start, end)."""
    start, end, moment = to_utc(period.start), to_utc(period.end), to_utc(at, "at")
    if not start <= moment < end:
        return Fraction(0)
    return Fraction((end - moment) // _SECOND, (end - start) // _SECOND)


def prorated(amount: Decimal, fraction: Fraction, currency: str) -> Decimal:
    """`amount` × `fraction`, exact, rounded once to the currency (half-up)."""
    return round_fraction(Fraction(amount) * fraction, currency)


def item_change(
    before: Priced | None, after: Priced | None, period: Period, at: datetime, currency: str
) -> list[Proration]:
    """The lines of one item's change at `at`: the old price's unused time credited (none
    for a new item), the new price's remaining time charged (none for a removed item).
    An unchanged item, a change outside the period and a line of 0 give no line."""
    fraction = unused_fraction(period, at)
    if before == after or fraction == 0:
        return []
    lines = []
    if before is not None:
        credit = prorated(before.amount, -fraction, currency)
        lines.append(Proration(_text("Unused time on", before, at), credit, at, period.end))
    if after is not None:
        charge = prorated(after.amount, fraction, currency)
        lines.append(Proration(_text("Remaining time on", after, at), charge, at, period.end))
    return [line for line in lines if not line.amount.is_zero()]


def _text(what: str, item: Priced, at: datetime) -> str:
    """`Unused time on 3 × Seats after 4 Dec 2026` (UTC; month names are not localised)."""
    day = to_utc(at, "at")
    date = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{what} {item.quantity} × {item.name} after {date}"
