"""Settlement bodies."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from remit.kernel.fields import (
    Currency,
    InputModel,
    LongText,
    Metadata,
    OutTimestamp,
    PositiveAmount,
    Timestamp,
)
from remit.kernel.money import format_amount
from remit.settlements.models import Settlement

Method = Literal["card", "bank_transfer", "cash", "check", "crypto", "other"]
TRANSACTION_HASH = r"^0x[0-9a-fA-F]{64}$"


class SettlementCreate(InputModel):
    amount: PositiveAmount | None = Field(
        None, description="Defaults to what is left to pay on the invoice."
    )
    currency: Currency | None = None
    method: Method
    reference: Annotated[str, Field(min_length=1, max_length=255)] | None = None
    description: LongText | None = Field(
        None, description="A note on the payment (shown on the invoice's transactions)."
    )
    status: Literal["confirmed", "pending"] = "confirmed"
    recorded_at: Timestamp | None = None
    allow_overpayment: StrictBool = False
    metadata: Metadata = Field(default_factory=dict)

    @field_validator("reference")
    @classmethod
    def _transaction_hash(cls, reference: str | None, info: ValidationInfo) -> str | None:
        crypto = info.data.get("method") == "crypto"
        if crypto and reference is not None and not re.fullmatch(TRANSACTION_HASH, reference):
            raise PydanticCustomError(
                "invalid_format", "a crypto reference is the transaction hash: 0x and 64 hex digits"
            )
        return reference


class SettlementOut(BaseModel):
    object: Literal["settlement"] = "settlement"
    id: str
    livemode: bool
    invoice: str
    amount: str
    amount_refunded: str = Field(
        description="What its pending and succeeded refunds take back (`/v1/refunds`)."
    )
    currency: str
    method: str
    reference: str | None
    description: str | None
    processor_reference: str | None = Field(
        description="The processor's id for a charge (or a chain's transaction hash)."
    )
    status: str
    recorded_at: OutTimestamp
    confirmed_at: OutTimestamp | None
    failed_at: OutTimestamp | None
    metadata: dict[str, Any]
    created_at: OutTimestamp
    updated_at: OutTimestamp

    @classmethod
    def of(cls, settlement: Settlement) -> SettlementOut:
        return cls(
            id=settlement.id,
            livemode=settlement.livemode,
            invoice=settlement.invoice_id,
            amount=format_amount(settlement.amount, settlement.currency),
            amount_refunded=format_amount(settlement.amount_refunded, settlement.currency),
            currency=settlement.currency,
            method=settlement.method,
            reference=settlement.reference,
            description=settlement.description,
            processor_reference=settlement.processor_reference,
            status=settlement.status,
            recorded_at=settlement.recorded_at,
            confirmed_at=settlement.confirmed_at,
            failed_at=settlement.failed_at,
            metadata=settlement.metadata_,
            created_at=settlement.created_at,
            updated_at=settlement.updated_at,
        )
