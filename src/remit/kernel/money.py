"""Exact money: parsing, range checks, half-up rounding and formatting (SPEC §3.2).

Amounts are `Decimal` in major units. Nothing here ever goes through a binary float: JSON
numbers reach us as `Decimal` (the API parses them from their text), strings must be plain
decimal notation, and arithmetic runs in a context wide enough that sums and products of
in-range values are exact. Division (inclusive tax) uses `Fraction`, then rounds once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from fractions import Fraction
from typing import Literal, ParamSpec, TypeVar

from remit.kernel.currencies import exponent

P = ParamSpec("P")
R = TypeVar("R")

# Largest magnitude of any amount, in major units (SPEC §3.2: "up to 10^15").
MAX_AMOUNT = Decimal(10) ** 15
# Unit amounts, quantities and rates may carry this many places (more than the currency's).
MAX_INPUT_PLACES = 12
PERCENT_PLACES = 4

# 10^15 at 18 places (ETH) is 34 digits; products of two such values stay far below 200.
MONEY_CONTEXT = Context(prec=200, rounding=ROUND_HALF_UP, Emax=999_999, Emin=-999_999)
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_MAX_TEXT = 64  # longer strings cannot hold an in-range value with ≤ 18 places


# How an invoice rounds tax: once per rate (EN 16931) or line by line (invoices.totals).
TaxRounding = Literal["per_rate", "per_line"]


class MoneyError(ValueError):
    """Base of the value errors below; `code` is the stable API error code."""

    code = "invalid_amount"


class NotADecimal(MoneyError):
    code = "invalid_amount"


class AmountOutOfRange(MoneyError):
    code = "amount_out_of_range"


class TooManyDecimals(MoneyError):
    code = "amount_too_precise"


def parse_decimal(value: object) -> Decimal:
    """A `Decimal` from a JSON number (already `Decimal` or `int`) or a plain decimal string.

    Booleans, floats, exponent notation in strings, NaN and infinities are refused.
    """
    if isinstance(value, (bool, float)):
        raise NotADecimal("must be a decimal string or number")
    if isinstance(value, int):
        if abs(value) > 10**40:
            raise AmountOutOfRange("is out of range")
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NotADecimal("must be a finite number")
        if value.adjusted() > 40 or value.adjusted() < -40:
            # Far outside any limit: refuse before anyone computes with a 10^1000000 value.
            raise AmountOutOfRange("is out of range")
        return value
    if isinstance(value, str):
        if len(value) > _MAX_TEXT or not _PLAIN_DECIMAL.fullmatch(value):
            if _PLAIN_DECIMAL.fullmatch(value):
                raise AmountOutOfRange("is out of range")
            raise NotADecimal('must be a decimal string such as "10.50"')
        return Decimal(value)
    raise NotADecimal("must be a decimal string or number")


def places(value: Decimal) -> int:
    """Digits after the decimal point that `value` needs (trailing zeros don't count)."""
    if value.is_zero():
        return 0
    return _places_shown(f"{value.normalize(MONEY_CONTEXT):f}")


def decimal_exponent(value: Decimal) -> int:
    """The exponent of a finite decimal as written: `1.50` → -2, `1.5E+3` → 2."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # a letter only for NaN and the infinities
    return exponent


def _places_shown(text: str) -> int:
    # Read from the plain text: `as_tuple()` builds a named tuple of every digit, and this
    # runs for several figures of every line of every invoice read or written.
    point = text.find(".")
    return 0 if point < 0 else len(text) - point - 1


def check_bounds(value: Decimal, max_places: int, *, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """Refuse values beyond ±`maximum` or with more than `max_places` decimals; never round."""
    if value.copy_abs() > maximum:
        raise AmountOutOfRange(f"must be between -{maximum} and {maximum}")
    if places(value) > max_places:
        raise TooManyDecimals(f"must have at most {max_places} decimal places")
    return value


def check_percent(value: Decimal) -> Decimal:
    """A percentage (a tax rate): 0–100 with at most 4 places (8.25, 19.6, 7.6923)."""
    if value < 0:
        raise AmountOutOfRange("must be at least 0")
    return check_bounds(value, PERCENT_PLACES, maximum=Decimal(100))


def check_amount(value: Decimal, currency: str) -> Decimal:
    """An amount in `currency`: in range and with no more places than the currency allows."""
    return check_bounds(value, exponent(currency))


@functools.cache  # a handful of currencies; Decimal is immutable
def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-exponent(currency))


def round_amount(value: Decimal, currency: str) -> Decimal:
    """Half-up (away from zero) to the currency's exponent."""
    try:
        return value.quantize(quantum(currency), rounding=ROUND_HALF_UP, context=MONEY_CONTEXT)
    except InvalidOperation as exc:  # only reachable with values far out of range
        raise AmountOutOfRange("is out of range") from exc


def round_fraction(value: Fraction, currency: str) -> Decimal:
    """Half-up (away from zero) rounding of an exact rational to the currency's exponent."""
    scale = 10 ** exponent(currency)
    scaled = abs(value) * scale
    whole, remainder = divmod(scaled.numerator, scaled.denominator)
    if 2 * remainder >= scaled.denominator:
        whole += 1
    result = Decimal(whole).scaleb(-exponent(currency), context=MONEY_CONTEXT)
    return result.copy_negate() if value < 0 else result  # `-x` would round to 28 digits


def exact(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` with the wide money context, so `+ - * /` on in-range values are exact
    (Python's default context keeps only 28 digits; 10^15 at 18 places needs 34)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(MONEY_CONTEXT):
            return function(*args, **kwargs)

    return wrapper


def percent_of(amount: Decimal, percent: Decimal, currency: str) -> Decimal:
    """round(amount × percent / 100), half-up; exact before the one rounding."""
    return round_amount(MONEY_CONTEXT.divide(mul(amount, percent), Decimal(100)), currency)


def mul(a: Decimal, b: Decimal) -> Decimal:
    """Exact product (the context is wide enough for any two in-range values)."""
    return MONEY_CONTEXT.multiply(a, b)


def add(*values: Decimal) -> Decimal:
    """Exact sum. (`a + b` outside `exact` rounds to Python's default 28 digits.)"""
    total = Decimal(0)
    for value in values:
        total = MONEY_CONTEXT.add(total, value)
    return total


def subtract(a: Decimal, b: Decimal) -> Decimal:
    """Exact difference."""
    return MONEY_CONTEXT.subtract(a, b)


def format_amount(value: Decimal, currency: str) -> str:
    """An amount as the API shows it: exactly the currency's places (`"49.000000"` USDC)."""
    rounded = round_amount(value, currency)
    return f"{abs(rounded) if rounded.is_zero() else rounded:f}"


def format_decimal(value: Decimal, min_places: int = 0) -> str:
    """Plain notation without trailing zeros beyond `min_places` (`"1.5"`, `"33.333"`)."""
    # Normalized, the value has exactly the places it needs; any more are zeros to append
    # (three figures of every line of every invoice shown go through here).
    normal = value.normalize(MONEY_CONTEXT)
    text = f"{normal.copy_abs() if normal.is_zero() else normal:f}"
    missing = min_places - _places_shown(text)
    if missing <= 0:
        return text
    return text + "0" * missing if "." in text else f"{text}.{'0' * missing}"
