"""A plan's price as `kernel.pricing` reads it: checked against its currency when the plan is
made, stored in the plan's columns, and read back to bill a quantity of it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from remit.kernel import pricing as model
from remit.kernel.money import MoneyError, check_amount, format_decimal
from remit.kernel.problems import FieldError, validation_problem
from remit.plans.models import Plan
from remit.plans.schemas import PlanCreate, TierIn


def checked_price(data: PlanCreate, currency: str) -> model.Price:
    """The price a new plan describes, or 400 naming every field that is wrong."""
    errors = _scheme_errors(data) + _meter_errors(data) + _currency_errors(data, currency)
    if errors:
        raise validation_problem(errors)
    price = model.Price(
        billing_scheme=data.billing_scheme,
        unit_amount=data.amount,
        tiers_mode=data.tiers_mode,
        tiers=tuple(_tier(tier) for tier in data.tiers or ()),
        transform_quantity=(
            model.Transform(data.transform_quantity.divide_by, data.transform_quantity.round)
            if data.transform_quantity
            else None
        ),
    )
    try:
        model.validate(price)
    except model.PricingError as exc:
        raise validation_problem([FieldError(exc.field, exc.message, exc.code)]) from None
    return price


def _scheme_errors(data: PlanCreate) -> list[FieldError]:
    """What each billing scheme needs, and what it must not have."""
    if data.billing_scheme == "per_unit":
        return (
            [FieldError("amount", "is required for a per_unit plan", "missing")]
            if data.amount is None
            else []
        )
    errors = []
    if data.amount is not None:
        errors.append(FieldError("amount", "a tiered plan's amounts are in its tiers", "invalid"))
    if data.tiers_mode is None:
        errors.append(FieldError("tiers_mode", "is required for a tiered plan", "missing"))
    if not data.tiers:
        errors.append(FieldError("tiers", "is required for a tiered plan", "missing"))
    return errors


def _meter_errors(data: PlanCreate) -> list[FieldError]:
    """A metered plan bills what its meter adds up each period (Stripe's `recurring.meter`);
    a licensed plan bills its quantity, and has no meter."""
    if data.usage_type == "metered" and data.meter is None:
        return [FieldError("meter", "is required for a metered plan", "missing")]
    if data.usage_type != "metered" and data.meter is not None:
        return [FieldError("meter", "only a metered plan has a meter", "invalid")]
    return []


def _currency_errors(data: PlanCreate, currency: str) -> list[FieldError]:
    """Amounts charged as they are (a per-unit amount, flat fees) have the currency's places;
    tier unit amounts may be finer (the total is rounded once)."""
    amounts: list[tuple[str, Decimal]] = []
    if data.amount is not None:
        amounts.append(("amount", data.amount))
    for n, tier in enumerate(data.tiers or ()):
        amounts.append((f"tiers[{n}].flat_amount", tier.flat_amount))
    errors = []
    for field, value in amounts:
        try:
            check_amount(value, currency)
        except MoneyError as exc:
            errors.append(FieldError(field, str(exc), exc.code))
    return errors


def _tier(tier: TierIn) -> model.Tier:
    up_to = None if tier.up_to in (None, "inf") else int(tier.up_to)
    return model.Tier(up_to=up_to, unit_amount=tier.unit_amount, flat_amount=tier.flat_amount)


def stored(price: model.Price) -> dict[str, Any]:
    """The plan's pricing columns (amounts as exact decimal strings)."""
    transform = price.transform_quantity
    return {
        "billing_scheme": price.billing_scheme,
        "tiers_mode": price.tiers_mode,
        "tiers": [
            {
                "up_to": tier.up_to,
                "unit_amount": format_decimal(tier.unit_amount),
                "flat_amount": format_decimal(tier.flat_amount),
            }
            for tier in price.tiers
        ]
        or None,
        "transform_quantity": (
            {"divide_by": transform.divide_by, "round": transform.round} if transform else None
        ),
    }


_TIERS_MODES: dict[str, model.TiersMode] = {"graduated": "graduated", "volume": "volume"}


def price_of(plan: Plan) -> model.Price:
    """The price a stored plan bills at."""
    transform, tiered = plan.transform_quantity, plan.billing_scheme == "tiered"
    return model.Price(
        billing_scheme="tiered" if tiered else "per_unit",
        unit_amount=None if tiered else plan.amount,
        tiers_mode=_TIERS_MODES.get(plan.tiers_mode or ""),
        tiers=tuple(
            model.Tier(tier["up_to"], Decimal(tier["unit_amount"]), Decimal(tier["flat_amount"]))
            for tier in plan.tiers or ()
        ),
        transform_quantity=(
            model.Transform(transform["divide_by"], "up" if transform["round"] == "up" else "down")
            if transform
            else None
        ),
    )


def lines(plan: Plan, quantity: Decimal) -> list[model.PriceLine]:
    """What `quantity` of the plan costs, line by line (a tier's units, a flat fee, …); the
    lines add up exactly to its amount."""
    return model.breakdown(price_of(plan), quantity, plan.currency)
