"""Reading providers' request bodies, the same way for every dialect: JSON with exact
Decimals, "not given" as null or "", strings and numbers checked. Each dialect turns
`Unreadable` into its own error (Rapyd's INVALID_FIELDS, Whop's 400). Kept light (no web
framework): the dialects' webhook formats, which a worker loads, read through it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from remit.kernel import jsonio
from remit.kernel.fields import unstorable

MAX_NUMBER = Decimal(10) ** 15


class Unreadable(ValueError):
    """A body or field that is not what it must be: `expected` says what it must be."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


class MalformedBody(ValueError):
    """The body is not JSON at all."""


def json_object(raw: bytes) -> dict[str, Any]:
    """The body as a JSON object (numbers as exact Decimals); `{}` for an empty body."""
    if not raw.strip():
        return {}
    try:
        parsed = jsonio.loads(raw)
    except jsonio.Undecodable:
        raise MalformedBody from None
    if not isinstance(parsed, dict):
        raise Unreadable("a JSON object")
    return parsed


def given(body: dict[str, Any], name: str) -> bool:
    return body.get(name) not in (None, "")


def text(body: dict[str, Any], name: str, max_length: int) -> str | None:
    value = body.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > max_length:
        raise Unreadable(f"a string of at most {max_length} characters")
    if unstorable(value) is not None:
        raise Unreadable("text without NUL characters or unpaired surrogates")
    return value


def whole_number(raw: str | None, low: int, high: int) -> int | None:
    """A whole number from `low` to `high` written in a query (None when absent); its digits
    are counted before Python makes an int of them."""
    if raw in (None, ""):
        return None
    if not raw.isdigit() or len(raw) > len(str(high)) or not low <= int(raw) <= high:
        raise Unreadable(f"a whole number from {low} to {high}")
    return int(raw)


def decimal(value: Any) -> Decimal | None:
    """A number, or a number written as a string (rapyd-sdk sends `"1E+1"` for 10.0)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise Unreadable("a number")
    try:
        parsed = value if isinstance(value, Decimal) else Decimal(value)
    except InvalidOperation:
        raise Unreadable("a number") from None
    if not parsed.is_finite() or parsed.copy_abs() > MAX_NUMBER:  # no arithmetic: 1e1000000
        raise Unreadable("a finite number")
    return parsed
