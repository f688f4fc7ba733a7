"""The amount of a price for a quantity: Stripe Billing's pricing models, with exact money.

Models (https://docs.stripe.com/products-prices/pricing-models):
- per_unit: unit_amount × quantity; with `transform_quantity` (package pricing) the quantity
  is first divided by `divide_by` and rounded up or down to a whole number of packages.
- tiered graduated: each unit is charged at the tier it falls in, plus the flat amount of
  every tier reached (a tier is reached when the quantity exceeds the previous tier's up_to).
- tiered volume: every unit is charged at the one tier holding the whole quantity, plus that
  tier's flat amount.

Quantity 0 costs 0 in every model: no tier is reached, so no flat amount is charged.
Unit and flat amounts carry up to 18 places (`MAX_PLACES`, the finest currency's: ETH; the API
takes tier amounts with up to 12, plans.schemas); everything is exact until the one rounding of
the total, half-up to the currency's minor unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal, NamedTuple

from remit.kernel import money
from remit.kernel.currencies import normalize_currency

BillingScheme = Literal["per_unit", "tiered"]
TiersMode = Literal["graduated", "volume"]
Rounding = Literal["up", "down"]
ZERO = Decimal(0)
MAX_PLACES = 18  # a price in ETH may be as fine as the currency


@dataclass(frozen=True)
class Tier:
    """Units up to `up_to` (inclusive; None for the last, unbounded tier)."""

    up_to: int | None
    unit_amount: Decimal = ZERO
    flat_amount: Decimal = ZERO


@dataclass(frozen=True)
class Transform:
    """Package pricing: bill quantity / divide_by, rounded `up` or `down` to an integer."""

    divide_by: int
    round: Rounding


@dataclass(frozen=True)
class Price:
    billing_scheme: BillingScheme
    unit_amount: Decimal | None = None
    tiers_mode: TiersMode | None = None
    tiers: tuple[Tier, ...] = ()
    transform_quantity: Transform | None = None


class PricingError(ValueError):
    """A price (or quantity) that cannot be billed; `field` names the offending part."""

    code = "invalid_price"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class PriceLine(NamedTuple):
    """One line of a breakdown: `amount` is quantity × unit_amount in the currency's units."""

    description: str
    quantity: Decimal
    unit_amount: Decimal
    amount: Decimal


class _Charge(NamedTuple):
    description: str
    quantity: Decimal
    unit_amount: Decimal


def validate(price: Price) -> None:
    """Raise `PricingError` for a price Stripe would refuse (or remit could not bill)."""
    if price.billing_scheme == "per_unit":
        _validate_per_unit(price)
    elif price.billing_scheme == "tiered":
        _validate_tiered(price)
    else:
        raise PricingError("billing_scheme", 'must be "per_unit" or "tiered"')


def amount(price: Price, quantity: Decimal, currency: str) -> Decimal:
    """What `quantity` of `price` costs in `currency`, rounded once, half-up."""
    return _rounded_total(_charges(price, quantity), normalize_currency(currency))


def breakdown(price: Price, quantity: Decimal, currency: str) -> list[PriceLine]:
    """`amount` as invoice lines: one per tier used (and one per flat fee charged).

    Each line's amount is the rounded running total minus the rounded total before it, so
    the lines sum exactly to `amount` and each is within one minor unit of its exact value.
    Quantity 0 gives a single line of 0 (the unit price, or the first tier), never none.
    """
    code, charges = normalize_currency(currency), _charges(price, quantity)
    total = _rounded_total(charges, code)
    lines, running, shown = [], ZERO, ZERO
    for charge in charges:
        running = money.add(running, money.mul(charge.quantity, charge.unit_amount))
        rounded = money.round_amount(running, code)
        lines.append(PriceLine(*charge, money.subtract(rounded, shown)))
        shown = rounded
    assert shown == total  # the running total ends where `amount` rounds
    return lines


def _rounded_total(charges: list[_Charge], currency: str) -> Decimal:
    total = money.add(*(money.mul(c.quantity, c.unit_amount) for c in charges))
    return money.check_amount(money.round_amount(total, currency), currency)


def _charges(price: Price, quantity: Decimal) -> list[_Charge]:
    validate(price)
    billed = _checked_quantity(quantity)
    if price.billing_scheme == "per_unit":
        return [_per_unit(price, billed)]
    if billed.is_zero():  # no tier reached: nothing charged, not even a flat amount
        return [_Charge(_tier_label(price.tiers, 0), ZERO, price.tiers[0].unit_amount)]
    if price.tiers_mode == "graduated":
        return _graduated(price.tiers, billed)
    return _volume(price.tiers, billed)


def _per_unit(price: Price, quantity: Decimal) -> _Charge:
    assert price.unit_amount is not None  # validated
    transform = price.transform_quantity
    if transform is None:
        return _Charge("Per unit", quantity, price.unit_amount)
    packages = Fraction(quantity) / transform.divide_by
    whole = math.ceil(packages) if transform.round == "up" else math.floor(packages)
    label = f"Per package of {transform.divide_by} (rounded {transform.round})"
    return _Charge(label, Decimal(whole), price.unit_amount)


def _graduated(tiers: tuple[Tier, ...], quantity: Decimal) -> list[_Charge]:
    charges: list[_Charge] = []
    lower = ZERO
    for index, tier in enumerate(tiers):
        if quantity <= lower:
            break  # not reached
        upper = quantity if tier.up_to is None else min(quantity, Decimal(tier.up_to))
        in_tier = money.subtract(upper, lower)
        charges += _tier_charges(tiers, index, in_tier)
        lower = upper
    return charges


def _volume(tiers: tuple[Tier, ...], quantity: Decimal) -> list[_Charge]:
    index = next(i for i, t in enumerate(tiers) if t.up_to is None or quantity <= t.up_to)
    return _tier_charges(tiers, index, quantity)


def _tier_charges(tiers: tuple[Tier, ...], index: int, quantity: Decimal) -> list[_Charge]:
    tier, label = tiers[index], _tier_label(tiers, index)
    charges = [_Charge(label, quantity, tier.unit_amount)]
    if not tier.flat_amount.is_zero():
        charges.append(_Charge(f"{label}, flat fee", Decimal(1), tier.flat_amount))
    return charges


def _tier_label(tiers: tuple[Tier, ...], index: int) -> str:
    first = 1 if index == 0 else (tiers[index - 1].up_to or 0) + 1
    last = tiers[index].up_to
    units = f"units {first} and above" if last is None else f"units {first}–{last}"
    return f"Tier {index + 1} ({units})"


def _validate_per_unit(price: Price) -> None:
    if price.unit_amount is None:
        raise PricingError("unit_amount", "is required for a per_unit price")
    _check_amount("unit_amount", price.unit_amount)
    if price.tiers_mode is not None:
        raise PricingError("tiers_mode", "is only for tiered prices")
    if price.tiers:
        raise PricingError("tiers", "are only for tiered prices")
    if price.transform_quantity is not None:
        _validate_transform(price.transform_quantity)


def _validate_tiered(price: Price) -> None:
    if price.unit_amount is not None:
        raise PricingError("unit_amount", "a tiered price has its amounts in its tiers")
    if price.tiers_mode not in ("graduated", "volume"):
        raise PricingError("tiers_mode", 'must be "graduated" or "volume"')
    if price.transform_quantity is not None:  # Stripe refuses the combination too
        raise PricingError("transform_quantity", "cannot be combined with tiers")
    if not price.tiers:
        raise PricingError("tiers", "a tiered price needs at least one tier")
    previous = 0
    for index, tier in enumerate(price.tiers):
        _validate_tier(f"tiers[{index}]", tier, previous, last=index == len(price.tiers) - 1)
        previous = tier.up_to or previous


def _validate_tier(field: str, tier: Tier, previous: int, *, last: bool) -> None:
    if last and tier.up_to is not None:
        raise PricingError(f"{field}.up_to", "the last tier must be unbounded (null)")
    if not last and tier.up_to is None:
        raise PricingError(f"{field}.up_to", "only the last tier may be unbounded (null)")
    if tier.up_to is not None and (not _is_int(tier.up_to) or tier.up_to <= previous):
        raise PricingError(f"{field}.up_to", f"must be an integer greater than {previous}")
    _check_amount(f"{field}.unit_amount", tier.unit_amount)
    _check_amount(f"{field}.flat_amount", tier.flat_amount)


def _validate_transform(transform: Transform) -> None:
    if not _is_int(transform.divide_by) or transform.divide_by < 1:
        raise PricingError("transform_quantity.divide_by", "must be an integer of at least 1")
    if transform.round not in ("up", "down"):
        raise PricingError("transform_quantity.round", 'must be "up" or "down"')


def _check_amount(field: str, value: Decimal) -> None:
    _check_decimal(field, value)
    if value < 0:
        raise PricingError(field, "must be at least 0")


def _checked_quantity(quantity: Decimal) -> Decimal:
    _check_decimal("quantity", quantity, money.MAX_INPUT_PLACES)
    if quantity < 0:
        raise PricingError("quantity", "must be at least 0")
    return quantity


def _check_decimal(field: str, value: Decimal, places: int = MAX_PLACES) -> None:
    # A float here would already have lost the value; refuse it rather than guess.
    if not isinstance(value, Decimal) or not value.is_finite():
        raise PricingError(field, "must be a finite Decimal")
    try:
        money.check_bounds(value, places)
    except money.MoneyError as exc:
        raise PricingError(field, str(exc)) from exc


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
