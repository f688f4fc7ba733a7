"""Between Reepay's shapes and remit's: minor units, VAT fractions, states, ids, objects.

Outgoing objects are built from remit's native JSON (what `/v1` answers and events carry),
so that the API and the webhooks cannot drift apart. Amounts are whole minor units
(`amount: 12500` is 125.00 DKK); remit's are exact decimals in major units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from remit.credit_notes.models import CreditNote
from remit.dialects.reepay.errors import ReepayError, invalid
from remit.invoices.totals import tax_of
from remit.kernel.currencies import exponent
from remit.kernel.fields import render_timestamp
from remit.kernel.money import decimal_exponent
from remit.refunds.models import Refund
from remit.settlements.models import Settlement

# remit status → Reepay state, and back (for list filters).
STATES = {
    "draft": "created", "open": "pending", "past_due": "pending", "paid": "settled",
    "uncollectible": "failed", "void": "cancelled", "expired": "cancelled",
}  # fmt: skip
STATUSES: dict[str, tuple[str, ...]] = {}
for _status, _state in STATES.items():
    STATUSES[_state] = (*STATUSES.get(_state, ()), _status)
TRANSACTION_STATES = {"pending": "processing", "confirmed": "settled", "failed": "failed"}
# A refund's status → the state of its `type: refund` transaction (digest §4.4's states).
REFUND_STATES = {"pending": "processing", "succeeded": "refunded", "failed": "failed"}
MANUAL_METHODS = ("cash", "bank_transfer", "check", "other")
_TRAILING_DIGITS = re.compile(r"(\d+)\D*$")
MAX_INTEGER = Decimal(10) ** 18  # above every amount in minor units remit can hold


# — ids —


def card_id(remit_id: str | None) -> str | None:
    return None if remit_id is None else "ca_" + remit_id.removeprefix("pm_")


def method_id(reepay_id: str) -> str:
    if not reepay_id.startswith("ca_") or len(reepay_id) > 64:
        raise ReepayError(40, f"No payment method '{reepay_id[:80]}': cards are named ca_….")
    return "pm_" + reepay_id.removeprefix("ca_")


# — money —


def to_minor(text: str | None, currency: str) -> int:
    """A native amount ("125.00") as whole minor units (12500): exact, it has the currency's
    places."""
    return int(Decimal(text or "0").scaleb(exponent(currency)))


def from_minor(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-exponent(currency))


# — reading request fields —


def integer(body: dict[str, Any], name: str, default: int | None = None) -> int | None:
    value = body.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise invalid(name, "a whole number")
    if isinstance(value, Decimal) and not (value.is_finite() and value.copy_abs() <= MAX_INTEGER):
        raise invalid(name, "a whole number")  # far out of any range: never made an int
    if value != int(value):
        raise invalid(name, "a whole number")
    return int(value)


def text(body: dict[str, Any], name: str, max_length: int = 255) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > max_length:
        raise invalid(name, f"a string of at most {max_length} characters")
    return value


def vat_percent(value: Any, name: str) -> Decimal:
    """Reepay's VAT fraction (0.25) as remit's percentage (25)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise invalid(name, "a fraction from 0 to 1")
    try:
        fraction = Decimal(value)
    except InvalidOperation:
        raise invalid(name, "a fraction from 0 to 1") from None
    if not fraction.is_finite() or not 0 <= fraction <= 1 or decimal_exponent(fraction) < -6:
        raise invalid(name, "a fraction from 0 to 1 with at most 6 decimals")
    return fraction.scaleb(2).normalize()


def moment(value: Any, name: str) -> datetime:
    """`yyyy-MM-dd` or an ISO-8601 date-time; without an offset, UTC."""
    if not isinstance(value, str) or len(value) > 40:
        raise invalid(name, "a date (yyyy-MM-dd) or an ISO-8601 date-time")
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise invalid(name, "a date (yyyy-MM-dd) or an ISO-8601 date-time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def order_lines(value: Any, currency: str) -> list[dict[str, Any]]:
    """Reepay's `order_lines` as remit's `lines`: the amount per unit, in major units."""
    if not isinstance(value, list) or not value:
        raise ReepayError(54, "Send order_lines: from 1 to 100 lines.")
    if len(value) > 100:
        raise invalid("order_lines", "at most 100 lines")
    return [_order_line(line, f"order_lines[{i}]", currency) for i, line in enumerate(value)]


def _order_line(line: Any, path: str, currency: str) -> dict[str, Any]:
    if not isinstance(line, dict):
        raise invalid(path, "an object")
    ordertext = text(line, "ordertext", 5000)
    amount = integer(line, "amount")
    quantity = integer(line, "quantity", 1)
    if not ordertext or amount is None:
        raise invalid(path, "an object with ordertext and amount (minor units)")
    if quantity is None or quantity < 1:
        raise invalid(f"{path}.quantity", "a whole number of at least 1")
    inclusive = line.get("amount_incl_vat", True)
    if not isinstance(inclusive, bool):
        raise invalid(f"{path}.amount_incl_vat", "true or false")
    rate = vat_percent(line.get("vat", 0), f"{path}.vat")
    return {
        "description": ordertext,
        "unit_amount": str(from_minor(amount, currency)),
        "quantity": str(quantity),
        "tax_rate": format(rate, "f"),  # 30, not 3E+1
        "tax_inclusive": inclusive,
    }


def address_in(value: Any, name: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise invalid(name, "an address object")
    names = " ".join(part for part in (value.get("first_name"), value.get("last_name")) if part)
    pairs = {"line1": "address", "line2": "address2", "city": "city", "postal_code":
             "postal_code", "country": "country", "state": "state_or_province"}  # fmt: skip
    fields = {remit: value[key] for remit, key in pairs.items() if value.get(key)}
    name_value = value.get("company") or names or value.get("attention")
    return {**fields, **({"name": name_value} if name_value else {})}


def address_out(native: dict[str, Any] | None) -> dict[str, Any] | None:
    if not native:
        return None
    return {
        "company": native.get("name"),
        "address": native.get("line1"),
        "address2": native.get("line2"),
        "city": native.get("city"),
        "postal_code": native.get("postal_code"),
        "country": native.get("country"),
        "state_or_province": native.get("state"),
    }


# — outgoing objects, from remit's native JSON —


def customer_handle(native_invoice: dict[str, Any]) -> str:
    snapshot = native_invoice.get("customer_snapshot") or {}
    customer = native_invoice["customer"]
    customer_id: str = customer["id"] if isinstance(customer, dict) else customer
    handle: str | None = snapshot.get("handle")
    return handle or customer_id


def number(native_number: str | None) -> int | None:
    """Reepay numbers invoices with an integer: the sequence at the end of remit's number
    (`#0042` → 42, `INV-2026-000042` → 42)."""
    found = _TRAILING_DIGITS.search(native_number or "")
    return int(found.group(1)) if found else None


def invoice(
    native: dict[str, Any],
    settlements: Sequence[Settlement] = (),
    refunds: Sequence[Refund] = (),
    credit_notes: Sequence[CreditNote] = (),
) -> dict[str, Any]:
    """The invoice with its settlements (`settle` transactions), their refunds (`refund`
    transactions) and its credit notes that are not void."""
    currency = native["currency"]
    amount = to_minor(native["total"], currency)
    vat = to_minor(native["tax_amount"], currency)
    state = STATES.get(native["status"], native["status"])
    settles = [transaction(item) for item in settlements]
    refunded = {item.id: item for item in settlements}
    given_back = [refund_transaction(item, refunded.get(item.settlement_id)) for item in refunds]
    # Oldest first, as each kind is (timestamps of one format sort as text).
    transactions = sorted(settles + given_back, key=lambda item: str(item["created"]))
    return {
        "id": native["id"],
        "handle": native.get("handle") or native["id"],
        "customer": customer_handle(native),
        "subscription": None,
        "plan": None,
        "state": state,
        "type": "co",
        "processing": any(item["state"] == "processing" for item in settles),  # charges only
        "number": number(native.get("number")),
        "currency": currency,
        "amount": amount,
        "org_amount": amount,
        "discount_amount": to_minor(native["discount_amount"], currency),
        "amount_vat": vat,
        "amount_ex_vat": amount - vat,
        "settled_amount": to_minor(native["amount_paid"], currency),
        "refunded_amount": refunded_amount(refunds, currency),
        "authorized_amount": 0,
        "credited_amount": to_minor(native["credited_amount"], currency),
        "due": native.get("due_at"),
        "created": native["created_at"],
        "settled": native.get("paid_at"),
        "failed": native.get("marked_uncollectible_at") if state == "failed" else None,
        "cancelled": native.get("voided_at"),
        "authorized": None,
        "dunning_start": None,
        "dunning_count": 0,
        "settle_later": False,
        "recurring_payment_method": None,
        "order_lines": [order_line(item, native) for item in native.get("lines", [])],
        "additional_costs": [],
        "credits": [],
        "credit_notes": [credit_note(note) for note in credit_notes],
        "transactions": transactions,
        "billing_address": address_out(native.get("billing_address")),
        "shipping_address": address_out(native.get("shipping_address")),
        "download_url": native.get("pdf_url"),
    }


def order_line(native_line: dict[str, Any], native_invoice: dict[str, Any]) -> dict[str, Any]:
    """A line with its VAT as remit computes it: the line's own tax (rounded once, half up)
    and the tax of one unit."""
    currency = native_invoice["currency"]
    rate, inclusive = Decimal(native_line["tax_rate"]), native_line["tax_inclusive"]
    quantity = Decimal(native_line["quantity"])
    unit = Decimal(native_line["unit_amount"])
    unit_vat = to_minor(str(tax_of(unit, rate, inclusive, currency)), currency)
    amount_vat = to_minor(native_line["tax_amount"], currency)
    unit_minor = to_minor_exact(unit, currency)
    amount_minor = to_minor(native_line["amount"], currency)
    unit_gross = unit_minor if inclusive else unit_minor + unit_vat
    gross = amount_minor if inclusive else amount_minor + amount_vat
    return {
        "id": native_line["id"],
        "ordertext": native_line.get("description") or "",
        "amount": gross,
        "vat": float_free_fraction(rate),
        "quantity": int(quantity) if quantity == quantity.to_integral_value() else quantity,
        "origin": "ondemand",
        "timestamp": native_invoice["created_at"],
        "amount_vat": amount_vat,
        "amount_ex_vat": gross - amount_vat,
        "unit_amount": unit_gross,
        "unit_amount_vat": unit_vat,
        "unit_amount_ex_vat": unit_gross - unit_vat,
        "amount_defined_incl_vat": inclusive,
        "discounted_amount": gross,
    }


def to_minor_exact(value: Decimal, currency: str) -> int | Decimal:
    """A unit amount in minor units: whole when it is (remit allows finer unit amounts)."""
    minor = value.scaleb(exponent(currency))
    return int(minor) if minor == minor.to_integral_value() else minor.normalize()


def float_free_fraction(percent: Decimal) -> Decimal:
    """remit's percentage as Reepay's fraction, written as an exact JSON number."""
    fraction = percent.scaleb(-2).normalize()
    return fraction if fraction != 0 else Decimal(0)


def transaction(settlement: Settlement) -> dict[str, Any]:
    """A settlement as Reepay's transaction: a card charge or a manual transfer."""
    currency = settlement.currency
    manual = settlement.processor == "manual"
    found: dict[str, Any] = {
        "id": settlement.id,
        "state": TRANSACTION_STATES.get(settlement.status, settlement.status),
        "type": "settle",
        "amount": to_minor(str(settlement.amount), currency),
        "currency": currency,
        "created": render_timestamp(settlement.created_at),
        "settled": _stamp(settlement.confirmed_at),
        "failed": _stamp(settlement.failed_at),
        "payment_type": "manual" if manual else "card",
        "payment_method": card_id(settlement.payment_method_id),
    }
    if manual:
        found["manual_transaction"] = {
            "method": settlement.method,
            "payment_date": render_timestamp(settlement.recorded_at),
            "reference": settlement.reference,
            "comment": settlement.description,
        }
    elif settlement.status == "failed":
        found["card_transaction"] = {
            "error": settlement.failure_code,
            "error_state": "hard_declined",
            "error_message": settlement.failure_message,
        }
    return found


def refund_transaction(refund: Refund, settlement: Settlement | None) -> dict[str, Any]:
    """A refund as Reepay's `type: refund` transaction, paid back the way its settlement
    was paid (a card, or by hand)."""
    manual = refund.processor == "manual"
    found: dict[str, Any] = {
        "id": refund.id,
        "state": REFUND_STATES.get(refund.status, refund.status),
        "type": "refund",
        "amount": to_minor(str(refund.amount), refund.currency),
        "currency": refund.currency,
        "created": render_timestamp(refund.created_at),
        "settled": None,
        "refunded": _stamp(refund.updated_at) if refund.status == "succeeded" else None,
        "failed": _stamp(refund.updated_at) if refund.status == "failed" else None,
        "payment_type": "manual" if manual else "card",
        "payment_method": card_id(settlement.payment_method_id) if settlement else None,
    }
    if refund.status == "failed" and not manual:
        found["card_transaction"] = {
            "error": refund.failure_code,
            "error_message": refund.failure_message,
        }
    return found


def refunded_amount(refunds: Sequence[Refund], currency: str) -> int:
    """What the invoice's refunds gave back: the succeeded ones (a pending refund may still
    fail; a failed one gave nothing)."""
    given = sum((item.amount for item in refunds if item.status == "succeeded"), Decimal(0))
    return to_minor(str(given), currency)


def credit_note(note: CreditNote) -> dict[str, Any]:
    """A credit note, minimally: the provider material names Reepay's `credit_notes[]` but
    not their fields, so remit shows its id and its total in minor units."""
    return {"id": note.id, "amount": to_minor(str(note.total), note.currency)}


def _stamp(value: datetime | None) -> str | None:
    return None if value is None else render_timestamp(value)


def customer(native: dict[str, Any]) -> dict[str, Any]:
    address = native.get("billing_address") or {}
    first, _, last = (native.get("name") or "").partition(" ")
    return {
        "handle": native.get("handle") or native["id"],
        "email": native.get("email"),
        "first_name": first or None,
        "last_name": last or None,
        "company": address.get("name"),
        "address": address.get("line1"),
        "address2": address.get("line2"),
        "city": address.get("city"),
        "postal_code": address.get("postal_code"),
        "country": address.get("country"),
        "phone": native.get("phone"),
        "vat": native.get("tax_id"),
        "metadata": native.get("metadata") or {},
        "test": True,
        "created": native["created_at"],
    }


def payment_method(native: dict[str, Any], customer_handle_: str) -> dict[str, Any]:
    return {
        "id": card_id(native["id"]),
        "state": "active",
        "customer": customer_handle_,
        "created": native["created_at"],
        "card_type": (native.get("brand") or "unknown").lower(),
        "masked_card": f"XXXXXXXXXXXX{native.get('last4') or ''}",
    }
