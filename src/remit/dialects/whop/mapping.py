"""Between Whop's shapes and remit's: ids, money, timestamps, request fields and the invoice.

Whop ids are remit ids with Whop's prefix (`biz_X` ↔ `acct_X`, `mber_X` ↔ `cus_X`,
`pmt_X` ↔ `pm_X`; `inv_`, `plan_`, `prod_` alike), so a client can name native objects.
The invoice is built from remit's native JSON (what `/v1` answers and events carry), so the
API and the webhooks cannot drift apart.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from remit.dialects import reading
from remit.dialects.ids import Prefixes
from remit.dialects.whop.errors import WhopError, invalid
from remit.hosted.formatting import locale_of, money
from remit.kernel.jsonio import number

# Whop prefix → remit prefix, for the ids whose prefixes differ.
_IDS = Prefixes({"biz": "acct", "mber": "cus", "pmt": "pm"})
# remit's `expired` has no Whop status: the invoice can no longer be paid, as a void one.
STATUSES = {"expired": "void"}
WHOP_STATUSES = ("draft", "open", "paid", "past_due", "uncollectible", "void")
COLLECTION_METHODS = ("send_invoice", "charge_automatically")
ADDRESS_FIELDS = ("name", "line1", "line2", "city", "state", "postal_code", "country")


def to_remit(whop_id: str, prefix: str | None = None) -> str:
    """The remit id a Whop id names; with `prefix`, a differently prefixed id is refused."""
    head, _, body = whop_id.partition("_")
    if prefix is not None and (head != prefix or not body or len(whop_id) > 64):
        raise WhopError(f"No such object: '{whop_id[:80]}'", 404, code="resource_missing")
    return _IDS.to_remit(whop_id)


to_whop = _IDS.to_provider


def amount(text: str | None) -> Decimal | int:
    return number(Decimal(text or "0"))


# — request fields —


given = reading.given


def text(body: dict[str, Any], name: str, max_length: int = 255) -> str | None:
    try:
        return reading.text(body, name, max_length)
    except reading.Unreadable as exc:
        raise invalid(name, exc.expected) from None


def decimal(body: dict[str, Any], name: str, label: str | None = None) -> Decimal | None:
    """A price in major units: a JSON number (parsed exactly) or a numeric string."""
    try:
        return reading.decimal(body.get(name))
    except reading.Unreadable as exc:
        raise invalid(label or name, exc.expected) from None


def whole(body: dict[str, Any], name: str, label: str | None = None) -> int | None:
    value = decimal(body, name, label)
    if value is None:
        return None
    if value != value.to_integral_value() or value < 0:
        raise invalid(label or name, "a whole number of at least 0")
    return int(value)


def boolean(body: dict[str, Any], name: str) -> bool | None:
    value = body.get(name)
    if value is not None and not isinstance(value, bool):
        raise invalid(name, "true or false")
    return value


def obj(body: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise invalid(name, "an object")
    return value


def address(whop: dict[str, Any]) -> dict[str, Any]:
    """Whop's `billing_address` → remit's address (the same names, `phone` aside)."""
    return {name: whop[name] for name in ADDRESS_FIELDS if whop.get(name) not in (None, "")}


# — the invoice, from remit's native JSON —


def invoice(native: dict[str, Any], account_id: str) -> dict[str, Any]:
    """Whop's Invoice (2.x, a superset of 0.0.x's and of the list item)."""
    customer = native["customer"]
    customer = customer if isinstance(customer, dict) else {"id": customer}
    person = {**(native.get("customer_snapshot") or {}), **customer}
    currency = native["currency"]
    return {
        "id": native["id"],
        "number": native.get("number") or "",
        "status": STATUSES.get(native["status"], native["status"]),
        "created_at": native["created_at"],
        "updated_at": native["updated_at"],
        "due_date": native.get("due_at"),
        "automatically_finalizes_at": native.get("auto_finalize_at"),
        "subscription_billing_anchor_at": None,
        "collection_method": native["collection_method"],
        "charge_buyer_fee": native.get("charge_buyer_fee", False),
        "email_address": person.get("email"),
        "customer_name": person.get("name"),
        "company": {"id": to_whop(account_id)},
        "member": {"id": to_whop(customer["id"])},
        "user": user(customer["id"], person),
        "current_plan": current_plan(native, currency),
        "product": product(native),
        "line_items": [line_item(line, index) for index, line in enumerate(native["lines"])],
        "mailing_address": mailing_address(native.get("billing_address")),
        "fetch_invoice_token": native.get("public_token") or "",
        "pay_online_url": native.get("hosted_url"),
        "payment": None,
        "payment_processing": False,
    }


def user(customer_id: str, person: dict[str, Any]) -> dict[str, Any]:
    body = customer_id.partition("_")[2]
    email = person.get("email")
    return {
        "id": f"user_{body}",
        "name": person.get("name"),
        "username": person.get("handle") or (email.partition("@")[0] if email else f"user_{body}"),
        "email": email,
    }


def current_plan(native: dict[str, Any], currency: str) -> dict[str, Any]:
    return {
        "id": native.get("plan") or "",
        "currency": currency.lower(),
        "formatted_price": money(Decimal(native["total"]), currency, locale_of("en_US")),
        "description": native.get("description"),
    }


def product(native: dict[str, Any]) -> dict[str, str]:
    """The product billed: the first line's `product` (the dialect names it on each line it
    makes) and the invoice's description as its title; other invoices show what they have."""
    lines = native.get("lines") or []
    first = lines[0] if lines else {}
    title = native.get("description") or first.get("description") or ""
    return {"id": str(first.get("product") or ""), "title": title}


def line_item(native: dict[str, Any], position: int) -> dict[str, Any]:
    return {
        "label": native.get("description") or "",
        "position": position,
        "quantity": amount(native["quantity"]),
        "unit_price": amount(native["unit_amount"]),
        "total": amount(native["amount"]),
    }


def mailing_address(native: dict[str, Any] | None) -> dict[str, Any] | None:
    if not native:
        return None
    return {name: native.get(name) for name in ADDRESS_FIELDS} | {"phone": None}
