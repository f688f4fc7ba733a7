"""Readers of Retempo's request bodies, with Retempo's messages word for word (digest §1.1).

Each reader takes the parsed JSON object and a key, and returns the value or raises a
`RetempoError` saying what is wrong with that key.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.requests import Request

from remit.dialects.retempo.envelope import RetempoError
from remit.kernel import jsonio
from remit.kernel.fields import unstorable
from remit.kernel.money import decimal_exponent

REFERENCE_HASH = re.compile(r"^0x[0-9a-fA-F]{64}$")
ADDRESS = re.compile(r"^0x[0-9a-fA-F]{40}$")
SETTLEMENT_PLACES = 6


def bad(message: str) -> RetempoError:
    return RetempoError(400, message)


async def body_of(request: Request) -> dict[str, Any]:
    try:
        parsed = jsonio.loads(await request.body())
    except jsonio.Undecodable:
        parsed = None
    if not isinstance(parsed, dict):
        raise bad("Request body must be a JSON object.")
    return parsed


def text(body: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = body.get(key)
    if value is None:
        if required:
            raise bad(f"{key} is required.")
        return None
    if not isinstance(value, str) or not value.strip() or unstorable(value) is not None:
        raise bad(f"{key} must be a non-empty string.")
    return value.strip()


def required_text(body: dict[str, Any], key: str) -> str:
    value = text(body, key, required=True)
    assert value is not None
    return value


def choice(
    body: dict[str, Any], key: str, allowed: tuple[str, ...], default: str | None
) -> str | None:
    value = body.get(key)
    if value is None:
        return default
    if not isinstance(value, str) or value not in allowed:
        raise bad(f"{key} must be one of: {', '.join(allowed)}.")
    return value


def decimal(body: dict[str, Any], key: str, *, required: bool = False) -> Decimal | None:
    """A non-negative decimal given as a string or a JSON number (never a float: numbers
    arrive as `Decimal` or `int` from the parser)."""
    value = body.get(key)
    if value is None:
        if required:
            raise bad(f"{key} is required.")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise bad(f"{key} must be a decimal string or number.")
    try:
        amount = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        # Retempo's server fails here with a 500; a clear 400 serves clients better.
        raise bad(f"{key} must be a decimal string or number.") from None
    if not amount.is_finite() or amount < 0:
        raise bad(f"{key} must be a non-negative decimal.")
    return amount.copy_abs() if amount.is_zero() else amount  # -0 → 0, with no arithmetic


def date(body: dict[str, Any], key: str) -> datetime | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(f"{key} must be an ISO date string.")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise bad(f"{key} must be a valid ISO date string.") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def reference_hash(body: dict[str, Any]) -> str:
    value = required_text(body, "referenceHash")
    if not REFERENCE_HASH.fullmatch(value):
        raise bad("referenceHash must be a 32-byte hex value.")
    return value.lower()


def address(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not ADDRESS.fullmatch(value.strip()):
        raise bad(f"{key} must be a valid address.")
    return value.strip()


def settlement_amount(body: dict[str, Any]) -> Decimal | None:
    amount = decimal(body, "amount")
    if amount is not None and -decimal_exponent(amount) > SETTLEMENT_PLACES:
        if amount != amount.quantize(Decimal(1).scaleb(-SETTLEMENT_PLACES)):
            raise bad(f"Settlement amount supports at most {SETTLEMENT_PLACES} decimal places.")
        amount = amount.quantize(Decimal(1).scaleb(-SETTLEMENT_PLACES))
    return amount
