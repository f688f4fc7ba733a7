"""Between Rapyd's shapes and remit's: ids, money, timestamps and the objects themselves.

Outgoing objects are built from remit's native JSON (what `/v1` answers and what events
carry), so the API and the webhooks of the dialect cannot drift apart.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from remit.dialects import reading
from remit.dialects.ids import Prefixes
from remit.dialects.rapyd.envelope import RapydError, number
from remit.invoices.finalize import DEFAULT_DAYS_UNTIL_DUE

# Rapyd prefix ↔ remit prefix, for the ids whose prefixes differ.
_IDS = Prefixes({"invoice": "inv", "ii": "il", "product": "prod", "card": "pm"})

STATUSES = {
    "draft": "draft", "open": "open", "past_due": "open", "paid": "paid", "void": "void",
    "uncollectible": "uncollectible", "expired": "void",
}  # fmt: skip
BILLING_TO_REMIT = {"pay_automatically": "charge_automatically", "send_invoice": "send_invoice"}
BILLING_FROM_REMIT = {remit: rapyd for rapyd, remit in BILLING_TO_REMIT.items()}


to_remit = _IDS.to_remit
to_rapyd = _IDS.to_provider


def has_prefix(rapyd_id: str, prefix: str) -> bool:
    head, _, body = rapyd_id.partition("_")
    return head == prefix and bool(body) and len(rapyd_id) <= 64


def unix(text: str | None) -> int:
    """Native timestamp text → Unix seconds (0 for none, as Rapyd writes it)."""
    if not text:
        return 0
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def from_unix(value: int) -> datetime:
    return datetime.fromtimestamp(value, UTC)


# The seconds of remit's timestamps (kernel.fields.Timestamp): from 1970 to the end of 9999.
_LAST_SECOND = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())


def money(text: str | None) -> Decimal | int:
    return number(Decimal(text or "0"))


# — reading request fields: Rapyd clients send null or "" for "not given" —


def given(body: dict[str, Any], name: str) -> bool:
    return reading.given(body, name)


def text_field(body: dict[str, Any], name: str, max_length: int = 5000) -> str | None:
    try:
        return reading.text(body, name, max_length)
    except reading.Unreadable as exc:
        raise invalid(name, exc.expected) from None


def decimal_field(body: dict[str, Any], name: str) -> Decimal | None:
    try:
        return reading.decimal(body.get(name))
    except reading.Unreadable as exc:
        raise invalid(name, exc.expected) from None


def int_field(body: dict[str, Any], name: str) -> int | None:
    value = decimal_field(body, name)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise invalid(name, "a whole number")
    return int(value)


def timestamp_field(body: dict[str, Any], name: str) -> datetime | None:
    """Unix seconds (0, as Rapyd's samples send it, is none), as remit's timestamps bound."""
    seconds = int_field(body, name)
    if not seconds:
        return None
    if not 0 < seconds <= _LAST_SECOND:
        raise invalid(name, "a Unix timestamp in seconds, from 1970 to 9999")
    return from_unix(seconds)


def item_price(body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """An item's price as remit's invoice item fields (`unit_amount`, `quantity`), and the
    names Rapyd's request gave them. `amount` alone is one unit of that amount (a credit
    may be negative); with `unit_amount` it is ignored, as Rapyd does."""
    unit, quantity = decimal_field(body, "unit_amount"), int_field(body, "quantity")
    amount = decimal_field(body, "amount")  # read (and refused if bad) even when ignored
    fields: dict[str, Any] = {} if quantity is None else {"quantity": Decimal(quantity)}
    if unit is not None:
        return {**fields, "unit_amount": unit}, {}
    if amount is not None and quantity in (None, 1):
        return {**fields, "unit_amount": amount}, {"unit_amount": "amount"}
    return {**fields, **({} if amount is None else {"amount": amount})}, {}


def metadata_field(body: dict[str, Any]) -> dict[str, Any] | None:
    value = body.get("metadata")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise invalid("metadata", "an object")
    return value


def invalid(name: str, expected: str) -> RapydError:
    return RapydError(
        "INVALID_FIELDS",
        f"The request contained an invalid value for '{name}', which must be {expected}. "
        f"The request was rejected. Corrective action: Correct '{name}' and send the request "
        "again.",
    )


# — outgoing objects, from remit's native JSON —


def invoice(native: dict[str, Any], *, upcoming: bool = False) -> dict[str, Any]:
    created = unix(native["created_at"])
    days = native.get("days_until_due")
    due = unix(native.get("due_at"))
    if not due and not upcoming:
        due = created + 86400 * (days if days is not None else DEFAULT_DAYS_UNTIL_DUE)
    customer = native["customer"]
    customer_id = customer["id"] if isinstance(customer, dict) else customer
    attempts = native.get("attempt_count", 0)
    return {
        "id": "" if upcoming else to_rapyd(native["id"]),
        "number": native.get("number") or "",
        "attempt_count": attempts,
        "attempted": attempts > 0,
        "automatic_attempt_count": attempts,
        "billing": BILLING_FROM_REMIT.get(native["collection_method"], "pay_automatically"),
        "billing_reason": native.get("billing_reason") or "manual",
        "created_at": created,
        "currency": native["currency"],
        "customer": customer_id,
        "description": native.get("description") or "",
        "discount": None,
        "due_date": due,
        "days_until_due": days if days is not None else DEFAULT_DAYS_UNTIL_DUE,
        "metadata": native.get("metadata") or {},
        "next_payment_attempt": unix(native.get("next_payment_attempt_at")),
        "payment_method": to_rapyd(native.get("payment_method")) or "",
        "payment": "",  # rapyd-py requires a string; rapyd-sdk reads it as absent
        "payout": None,
        "payment_fields": None,
        "period_end": unix(native.get("period_end")),
        "period_start": unix(native.get("period_start")),
        "lines": [line(item, native, created) for item in native.get("lines", [])],
        "statement_descriptor": native.get("statement_descriptor") or "",
        "subscription": native.get("subscription") or "",
        "discount_amount": money(native.get("discount_amount")),
        "subtotal": money(native.get("subtotal")),
        "tax": money(native.get("tax_amount")),
        "tax_percent": money(native.get("default_tax_rate")),
        "total": money(native.get("total")),
        "amount_due": money(native.get("amount_due")),
        "amount_paid": money(native.get("amount_paid")),
        "amount_remaining": money(native.get("amount_remaining")),
        "status": STATUSES.get(native["status"], native["status"]),
        "payout_fields": None,
        "type": "payment",
        "hosted_url": native.get("hosted_url"),
    }


def line(native_line: dict[str, Any], native_invoice: dict[str, Any], date: int) -> dict[str, Any]:
    customer = native_invoice["customer"]
    return item(
        {
            "id": native_line["id"],
            "customer": customer["id"] if isinstance(customer, dict) else customer,
            "currency": native_invoice["currency"],
            "invoice": native_invoice["id"] or None,
            "subscription": native_invoice.get("subscription"),
            "plan": native_invoice.get("plan"),
            "description": native_line.get("description"),
            "quantity": native_line["quantity"],
            "unit_amount": native_line["unit_amount"],
            "amount": native_line["amount"],
            "period": native_line.get("period"),
            "metadata": native_line.get("metadata") or {},
            "date": date,
        }
    )


def item(fields: dict[str, Any]) -> dict[str, Any]:
    amount = Decimal(fields["amount"])
    period = fields.get("period") or {}
    return {
        "id": to_rapyd(fields["id"]),
        "amount": number(amount),
        "unit_amount": number(Decimal(fields["unit_amount"])),
        "quantity": number(Decimal(fields["quantity"])),
        "currency": fields["currency"],
        "customer": fields["customer"],
        "invoice": to_rapyd(fields.get("invoice")) or "",
        "subscription": fields.get("subscription") or "",
        "plan": fields.get("plan") or "",
        "description": fields.get("description") or "",
        "discountable": amount >= 0,
        "date": fields["date"],
        "period": {"start": unix(period.get("start")), "end": unix(period.get("end"))},
        "proration": False,
        "metadata": fields.get("metadata") or {},
    }


def customer(native: dict[str, Any], methods: list[dict[str, Any]]) -> dict[str, Any]:
    address = native.get("billing_address")
    return {
        "id": native["id"],
        "name": native.get("name") or "",
        "email": native.get("email") or "",
        "phone_number": native.get("phone") or "",
        "invoice_prefix": native.get("invoice_prefix") or "",
        "business_vat_id": native.get("tax_id") or "",
        "default_payment_method": to_rapyd(native.get("default_payment_method")) or "",
        "payment_methods": {"data": [payment_method(method) for method in methods]},
        "addresses": [rapyd_address(address)] if address else [],
        "metadata": native.get("metadata") or {},
        "created_at": unix(native["created_at"]),
        "delinquent": False,
        "discount": None,
        "ewallet": "",
        "subscriptions": None,
    }


def payment_method(native: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": to_rapyd(native["id"]),
        "type": native["type"],
        "category": "card" if native["type"] == "card" else "bank",
        "last4": native.get("last4") or "",
        "metadata": native.get("metadata") or {},
    }


def rapyd_address(native: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": native.get("name") or "",
        "line_1": native.get("line1") or "",
        "line_2": native.get("line2") or "",
        "city": native.get("city") or "",
        "state": native.get("state") or "",
        "country": native.get("country") or "",
        "zip": native.get("postal_code") or "",
    }


def remit_address(rapyd: dict[str, Any]) -> dict[str, Any]:
    pairs = {"line1": "line_1", "line2": "line_2", "city": "city", "state": "state",
             "country": "country", "postal_code": "zip", "name": "name"}  # fmt: skip
    return {remit: rapyd[key] for remit, key in pairs.items() if rapyd.get(key)}


def product(native: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": to_rapyd(native["id"]),
        "name": native["name"],
        "type": "services",
        "active": native.get("active", True),
        "description": native.get("description") or "",
        "metadata": native.get("metadata") or {},
        "created_at": unix(native["created_at"]),
    }


def plan(native: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": native["id"],
        "product": to_rapyd(native["product"]),
        "amount": money(native["amount"]),
        "currency": native["currency"],
        "interval": native["interval"],
        "interval_count": native["interval_count"],
        "nickname": native.get("nickname") or "",
        "trial_period_days": native.get("trial_days", 0),
        "billing_scheme": "per_unit",
        "usage_type": "licensed",
        "active": native.get("active", True),
        "metadata": native.get("metadata") or {},
        "created_at": unix(native["created_at"]),
    }


def subscription(native: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": native["id"],
        "customer": native["customer"],
        "status": native.get("status"),
        "payment_method": to_rapyd(native.get("payment_method")) or "",
        "subscription_items": {"data": [{"plan": native.get("plan"), "quantity": 1}]},
        "created_at": unix(native["created_at"]),
        "metadata": native.get("metadata") or {},
    }
