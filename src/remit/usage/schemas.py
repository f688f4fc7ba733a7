"""Bodies of usage records, meters and usage events."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from remit.kernel import money
from remit.kernel.fields import (
    DECIMAL_SCHEMA,
    InputModel,
    Metadata,
    OutTimestamp,
    ParsedDecimal,
    ShortText,
    Timestamp,
    bounded,
)
from remit.kernel.money import MAX_INPUT_PLACES, format_decimal
from remit.plans.models import Meter
from remit.usage.models import UsageEvent, UsageRecord

# How much was used: 0 or more, up to 12 places.
UsageQuantity = Annotated[
    ParsedDecimal, bounded(places=MAX_INPUT_PLACES, minimum=Decimal(0)), DECIMAL_SCHEMA
]


class UsageRecordCreate(InputModel):
    identifier: Annotated[str, Field(min_length=1, max_length=255)] = Field(
        description="Unique per subscription: the same usage sent twice is refused (409)."
    )
    quantity: UsageQuantity
    timestamp: Timestamp | None = Field(None, description="When it was used; default now.")
    invoice: Annotated[str, Field(min_length=1, max_length=64)] | None = Field(
        None,
        description="A draft invoice of the customer to bill it on; without it, the "
        "customer's next invoice in the plan's currency.",
    )


class UsageRecordOut(BaseModel):
    object: Literal["usage_record"] = "usage_record"
    id: str
    livemode: bool
    subscription: str
    customer: str
    identifier: str
    quantity: str
    timestamp: OutTimestamp
    invoice_item: str
    invoice: str | None = Field(description="The invoice billing it, once it is on one.")
    created_at: OutTimestamp

    @classmethod
    def of(cls, record: UsageRecord, invoice_id: str | None) -> UsageRecordOut:
        return cls(
            id=record.id, livemode=record.livemode, subscription=record.subscription_id,
            customer=record.customer_id,
            identifier=record.identifier, quantity=format_decimal(record.quantity),
            timestamp=record.occurred_at, invoice_item=record.item_id, invoice=invoice_id,
            created_at=record.created_at,
        )  # fmt: skip


# — meters and usage events —

# An event name, as Stripe's meters have them: `api_call`, `tokens.input`, `gpu:seconds`.
EventName = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.:-]+$")]
PAYLOAD_KEY_MAX = 100
PayloadKey = Annotated[str, Field(min_length=1, max_length=PAYLOAD_KEY_MAX)]
Aggregation = Literal["sum", "count", "max", "last", "unique_count"]
PAYLOAD_MAX_KEYS = 50
PAYLOAD_TEXT_MAX = 500
_NUMBER_TEXT_MAX = 64  # as `kernel.money` reads decimal text


def _payload_value(value: Any) -> str | bool:
    """Text as sent, booleans, and numbers as their exact decimal text: `0.10` is kept as
    "0.10", never through a float (Stripe keeps payload values as strings too)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        if len(value) > PAYLOAD_TEXT_MAX:
            raise PydanticCustomError("too_long", f"must be at most {PAYLOAD_TEXT_MAX} characters")
        return value
    if isinstance(value, int | Decimal):
        try:
            text = f"{money.parse_decimal(value):f}"
        except money.MoneyError as exc:
            raise PydanticCustomError(exc.code, str(exc)) from None
        if len(text) > _NUMBER_TEXT_MAX:
            raise PydanticCustomError("amount_out_of_range", "has too many digits")
        return text
    raise PydanticCustomError("invalid_type", "must be a string, a number or a boolean")


PayloadValue = Annotated[
    str | bool,
    PlainValidator(_payload_value),
    WithJsonSchema({"anyOf": [{"type": "string", "maxLength": PAYLOAD_TEXT_MAX},
                              {"type": "number"}, {"type": "boolean"}]}),
]  # fmt: skip


def _payload_keys(value: Any) -> Any:
    """Keys are checked here, so that a bad one is named `payload` (the values are named by
    their keys: `payload.tokens`)."""
    if isinstance(value, dict) and any(
        not isinstance(key, str) or not 1 <= len(key) <= PAYLOAD_KEY_MAX for key in value
    ):
        raise PydanticCustomError("invalid", f"keys must be 1–{PAYLOAD_KEY_MAX} characters")
    return value


Payload = Annotated[
    dict[str, PayloadValue],
    BeforeValidator(_payload_keys),
    Field(max_length=PAYLOAD_MAX_KEYS),
]


class MeterCreate(InputModel):
    event_name: EventName = Field(description="The usage events it adds up; unique per mode.")
    aggregation: Aggregation
    value_key: PayloadKey | None = Field(
        None,
        description="The payload key holding each event's value: required for sum, max, last "
        "and unique_count; a count meter has none.",
    )
    display_name: ShortText | None = None
    metadata: Metadata = Field(default_factory=dict)


class MeterOut(BaseModel):
    object: Literal["meter"] = "meter"
    id: str
    livemode: bool
    event_name: str
    aggregation: str
    value_key: str | None
    display_name: str | None
    metadata: dict[str, Any]
    created_at: OutTimestamp
    updated_at: OutTimestamp

    @classmethod
    def of(cls, meter: Meter) -> MeterOut:
        return cls(
            id=meter.id, livemode=meter.livemode, event_name=meter.event_name,
            aggregation=meter.aggregation, value_key=meter.value_key,
            display_name=meter.display_name, metadata=meter.metadata_,
            created_at=meter.created_at, updated_at=meter.updated_at,
        )  # fmt: skip


class UsageEventCreate(InputModel):
    event_name: EventName
    customer: Annotated[str, Field(min_length=1, max_length=64)]
    identifier: Annotated[str, Field(min_length=1, max_length=255)] = Field(
        description="Unique per mode: the same identifier and body again is a replay (200), "
        "with another body a 409."
    )
    timestamp: Timestamp | None = Field(
        None, description="When it happened; default now; at most 5 minutes ahead."
    )
    payload: Payload = Field(default_factory=dict)


MAX_BATCH = 1000


class UsageEventBatch(InputModel):
    events: Annotated[list[UsageEventCreate], Field(min_length=1, max_length=MAX_BATCH)]


class UsageEventOut(BaseModel):
    object: Literal["usage_event"] = "usage_event"
    id: str
    livemode: bool
    event_name: str
    customer: str
    identifier: str
    timestamp: OutTimestamp
    payload: dict[str, str | bool]
    invoice: str | None = Field(description="The invoice that billed it, once one has.")
    created_at: OutTimestamp

    @classmethod
    def of(cls, event: UsageEvent) -> UsageEventOut:
        return cls(
            id=event.id, livemode=event.livemode, event_name=event.event_name,
            customer=event.customer_id, identifier=event.identifier,
            timestamp=event.occurred_at, payload=event.payload, invoice=event.invoice_id,
            created_at=event.created_at,
        )  # fmt: skip


class MeterSummaryOut(BaseModel):
    object: Literal["meter_event_summary"] = "meter_event_summary"
    meter: str
    customer: str
    start: OutTimestamp
    end: OutTimestamp
    aggregated_value: str = Field(description="The meter's aggregate, an exact decimal.")
