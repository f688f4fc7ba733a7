"""Usage record bodies."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from remit.kernel.fields import (
    DECIMAL_SCHEMA,
    InputModel,
    OutTimestamp,
    ParsedDecimal,
    Timestamp,
    bounded,
)
from remit.kernel.money import MAX_INPUT_PLACES, format_decimal
from remit.usage.models import UsageRecord

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
