"""Field types for request and response bodies: money, currencies, dates, metadata, handles.

Input money is parsed by `kernel.money.parse_decimal` (no float ever); output money is
rendered by the presenters as strings. Every refusal carries a stable code that the error
handler reports per field (`amount_out_of_range`, `invalid_currency`, …).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from remit.kernel import money
from remit.kernel.currencies import UnknownCurrency, normalize_currency

DECIMAL_JSON_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$", "maxLength": 64},
        {"type": "number"},
    ],
    "description": "A decimal in major units, as a string (preferred) or a JSON number.",
}


def unstorable(text: str) -> str | None:
    """Why no database can store this text — NUL (PostgreSQL refuses it), an unpaired
    surrogate (not encodable as UTF-8) — or None when it can."""
    if "\x00" in text:
        return "must not contain the NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "must be valid Unicode (it has an unpaired surrogate)"
    return None


def _check_storable(value: Any) -> None:
    """Refuse text no database can store (`unstorable`). Looks into lists and objects
    (metadata)."""
    if isinstance(value, str):
        reason = unstorable(value)
        if reason is not None:
            raise PydanticCustomError("invalid_text", reason)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_storable(key)
            _check_storable(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_storable(item)


class InputModel(BaseModel):
    """Request bodies: unknown parameters are refused, never silently dropped; text must be
    storable as it is, on both databases."""

    model_config = ConfigDict(extra="forbid", strict=False, hide_input_in_errors=True)

    @field_validator("*", mode="after")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        _check_storable(value)
        return value


def _decimal(value: Any) -> Decimal:
    try:
        return money.parse_decimal(value)
    except money.MoneyError as exc:
        raise PydanticCustomError(exc.code, str(exc)) from None


def bounded(
    *,
    places: int,
    minimum: Decimal | None = None,
    maximum: Decimal = money.MAX_AMOUNT,
    exclusive_minimum: bool = False,
) -> AfterValidator:
    def check(value: Decimal) -> Decimal:
        try:
            money.check_bounds(value, places, maximum=maximum)
        except money.MoneyError as exc:
            raise PydanticCustomError(exc.code, str(exc)) from None
        if minimum is not None and (value < minimum or (exclusive_minimum and value == minimum)):
            word = "greater than" if exclusive_minimum else "at least"
            raise PydanticCustomError("out_of_range", f"must be {word} {minimum}")
        return value

    return AfterValidator(check)


# A decimal as every input reads it: through `money.parse_decimal`, never through a float.
# The types below nest it (`Annotated` flattens): parsed, then bounded, then documented.
ParsedDecimal = Annotated[Decimal, PlainValidator(_decimal)]
DECIMAL_SCHEMA = WithJsonSchema(DECIMAL_JSON_SCHEMA)

# Quantities: positive, up to 10^15, up to 12 places.
Quantity = Annotated[
    ParsedDecimal,
    bounded(places=money.MAX_INPUT_PLACES, minimum=Decimal(0), exclusive_minimum=True),
    DECIMAL_SCHEMA,
]
# Unit amounts: may be negative (credit lines) and more precise than the currency; the
# currency-specific limit (12 places, or more for ETH) is checked once the currency is known.
UnitAmount = Annotated[ParsedDecimal, bounded(places=18), DECIMAL_SCHEMA]
# Amounts of money in the invoice's currency; places checked against the currency later.
Amount = Annotated[ParsedDecimal, bounded(places=18, minimum=Decimal(0)), DECIMAL_SCHEMA]
PositiveAmount = Annotated[
    ParsedDecimal,
    bounded(places=18, minimum=Decimal(0), exclusive_minimum=True),
    DECIMAL_SCHEMA,
]
# Percentages 0–100 with up to 4 places (8.25, 19.6, 7.6923).
Percent = Annotated[
    ParsedDecimal,
    bounded(places=money.PERCENT_PLACES, minimum=Decimal(0), maximum=Decimal(100)),
    DECIMAL_SCHEMA,
]


def _currency(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("invalid_currency", 'must be a currency code such as "USD"')
    try:
        return normalize_currency(value)
    except UnknownCurrency:
        raise PydanticCustomError(
            "invalid_currency", "unknown currency {code}", {"code": value[:16]}
        ) from None


Currency = Annotated[
    str,
    PlainValidator(_currency),
    WithJsonSchema(
        {"type": "string", "example": "USD", "description": "ISO 4217 or USDC/USDT/BTC/ETH"}
    ),
]


_MAX_UNIX_SECONDS = Decimal(10) ** 12  # beyond the year 9999 either way


def _timestamp(value: Any) -> Any:
    """ISO 8601 (a missing offset means UTC) or Unix seconds; kept to the millisecond."""
    if isinstance(value, Decimal):
        # `1e999999999` is a valid JSON number: turning it into an int would take forever.
        if not value.is_finite() or value.copy_abs() > _MAX_UNIX_SECONDS:
            raise PydanticCustomError("invalid_timestamp", "must be between 1970 and 9999")
        if value == value.to_integral_value():
            value = int(value)
    if isinstance(value, bool) or not isinstance(value, str | int | datetime):
        raise PydanticCustomError(
            "invalid_timestamp", "must be an ISO 8601 date-time or Unix seconds"
        )
    return value


def _utc_millis(value: datetime) -> datetime:
    try:
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59-01:00 is in the year 10000 in UTC
        raise PydanticCustomError("invalid_timestamp", "must be between 1970 and 9999") from None
    if not 1970 <= value.year <= 9999:
        raise PydanticCustomError("invalid_timestamp", "must be between 1970 and 9999")
    return value.replace(microsecond=value.microsecond - value.microsecond % 1000)


Timestamp = Annotated[datetime, BeforeValidator(_timestamp), AfterValidator(_utc_millis)]


def render_timestamp(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


OutTimestamp = Annotated[
    datetime,
    PlainSerializer(render_timestamp, return_type=str),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "example": "2026-11-21T10:00:00.000Z"}
    ),
]

HANDLE_PATTERN = r"^[a-zA-Z0-9_.@-]{1,255}$"
Handle = Annotated[str, Field(pattern=HANDLE_PATTERN, max_length=255)]
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=320)]
ShortText = Annotated[str, Field(max_length=255)]
LongText = Annotated[str, Field(max_length=5000)]

METADATA_MAX_KEYS = 50
METADATA_KEY_MAX = 40
METADATA_VALUE_MAX = 500


def _metadata(value: Any) -> dict[str, str | int | bool | None]:
    if not isinstance(value, dict):
        raise PydanticCustomError("invalid_type", "must be an object of string keys and values")
    if len(value) > METADATA_MAX_KEYS:
        raise PydanticCustomError("too_long", f"may have at most {METADATA_MAX_KEYS} keys")
    _check_storable(value)
    for key, item in value.items():
        if not isinstance(key, str) or not 1 <= len(key) <= METADATA_KEY_MAX:
            raise PydanticCustomError(
                "invalid_metadata", f"keys must be 1–{METADATA_KEY_MAX} characters"
            )
        if isinstance(item, str):
            if len(item) > METADATA_VALUE_MAX:
                raise PydanticCustomError(
                    "invalid_metadata", f"values must be at most {METADATA_VALUE_MAX} characters"
                )
        elif item is not None and not (isinstance(item, int) and abs(item) < 2**53):
            raise PydanticCustomError(
                "invalid_metadata", "values must be strings, integers or booleans"
            )
    return dict(value)


Metadata = Annotated[
    dict[str, Any],
    PlainValidator(_metadata),
    WithJsonSchema(
        {
            "type": "object",
            "maxProperties": METADATA_MAX_KEYS,
            "additionalProperties": {
                "anyOf": [
                    {"type": "string", "maxLength": METADATA_VALUE_MAX},
                    {"type": "integer"},
                    {"type": "boolean"},
                    {"type": "null"},
                ]
            },
        }
    ),
]


class Address(InputModel):
    name: ShortText | None = None
    line1: ShortText | None = None
    line2: ShortText | None = None
    city: ShortText | None = None
    state: ShortText | None = None
    postal_code: Annotated[str, Field(max_length=32)] | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
