"""Whop's invoice bodies → remit's inputs: the customer, product, plan, lines and timing.

Whop describes the plan and product an invoice bills inline; remit keeps them as catalog
objects, so creating an invoice creates (or names) a product and creates a plan, then bills
the plan's price as lines. What Whop's storefront alone uses (stock, visibility, custom
fields, release method, …) is accepted and not kept (docs/dialects/whop.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter, ValidationError

from remit.dialects.whop import mapping
from remit.dialects.whop.errors import WhopError, invalid
from remit.dialects.whop.mapping import decimal, given, obj, text, whole
from remit.kernel.currencies import UnknownCurrency, normalize_currency
from remit.kernel.fields import Timestamp
from remit.plans.schemas import MAX_INTERVAL_COUNT

_TIMESTAMP: TypeAdapter[datetime] = TypeAdapter(Timestamp)
DEFAULT_CURRENCY = "USD"  # Whop's default
DEFAULT_BILLING_PERIOD = 30  # days


@dataclass(frozen=True)
class PlanTerms:
    """What the plan costs: `price` is billed now; `amount` recurs every `interval_count` days."""

    price: Decimal
    amount: Decimal
    currency: str
    interval: str
    interval_count: int
    trial_days: int
    nickname: str | None


def parse_time(body: dict[str, Any], name: str) -> datetime | None:
    value = body.get(name)
    if value in (None, ""):
        return None
    try:
        return _TIMESTAMP.validate_python(value)
    except ValidationError:
        raise invalid(name, "an ISO 8601 date-time") from None


def currency(value: Any, name: str = "plan.currency") -> str:
    if not isinstance(value, str):
        raise invalid(name, "a currency code such as 'usd'")
    try:
        return normalize_currency(value.upper())
    except UnknownCurrency:
        raise invalid(name, "a currency code such as 'usd'") from None


def plan_terms(plan: dict[str, Any]) -> PlanTerms:
    initial = decimal(plan, "initial_price", "plan.initial_price")
    renewal = decimal(plan, "renewal_price", "plan.renewal_price")
    kind = text(plan, "plan_type") or ("renewal" if renewal is not None else "one_time")
    if kind not in ("renewal", "one_time"):
        raise invalid("plan.plan_type", "'renewal' or 'one_time'")
    period = whole(plan, "billing_period", "plan.billing_period") or DEFAULT_BILLING_PERIOD
    if kind == "renewal" and not 1 <= period <= MAX_INTERVAL_COUNT:  # the plan's own bound
        raise invalid("plan.billing_period", f"a number of days from 1 to {MAX_INTERVAL_COUNT}")
    # A renewal plan's first invoice bills its initial price, or else one period.
    price = initial if initial else (renewal if kind == "renewal" and renewal else Decimal(0))
    return PlanTerms(
        price=price,
        amount=renewal if kind == "renewal" and renewal is not None else price,
        currency=currency(plan["currency"]) if given(plan, "currency") else DEFAULT_CURRENCY,
        interval="day" if kind == "renewal" else "none",
        interval_count=period if kind == "renewal" else 1,
        trial_days=whole(plan, "trial_period_days", "plan.trial_period_days") or 0,
        nickname=text(plan, "description", 255),
    )


def line_items(body: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Whop's `line_items` as remit line specs (`quantity` defaults to 1)."""
    items = body.get("line_items")
    if items is None:
        return None
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        raise invalid("line_items", "a non-empty list of {label, quantity, unit_price}")
    lines = []
    for index, item in enumerate(items):
        unit = decimal(item, "unit_price", f"line_items[{index}].unit_price")
        if unit is None:
            raise invalid(f"line_items[{index}].unit_price", "a number")
        quantity = decimal(item, "quantity", f"line_items[{index}].quantity")
        lines.append(
            {
                "description": text(item, "label", 5000),
                "quantity": quantity if quantity is not None else Decimal(1),
                "unit_amount": unit,
            }
        )
    return lines


def exactly_one(body: dict[str, Any], first: str, second: str) -> str:
    """The one of two mutually exclusive fields that was sent."""
    sent = [name for name in (first, second) if given(body, name)]
    if len(sent) != 1:
        raise WhopError(
            f"Send exactly one of '{first}' or '{second}'"
            + (" (both were sent)." if sent else " (neither was sent)."),
            400,
            code="invalid_parameter",
            param=first,
        )
    return sent[0]


def check_company(value: Any, name: str, account_id: str) -> None:
    """A company other than the key's own is, to this key, no company at all (404)."""
    if value in (None, ""):
        return
    if not isinstance(value, str) or mapping.to_remit(value, "biz") != account_id:
        raise WhopError(
            f"No such company: '{str(value)[:80]}'", 404, code="resource_missing", param=name
        )


def address_of(body: dict[str, Any]) -> dict[str, Any] | None:
    if given(body, "mailing_address_id"):
        raise WhopError(
            "remit keeps no saved mailing addresses; send 'billing_address' instead.",
            400,
            code="unsupported_parameter",
            param="mailing_address_id",
        )
    found = obj(body, "billing_address")
    return None if found is None else mapping.address(found)
