"""Settlement bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from remit.api.fields import Currency, InputModel, Metadata, OutTimestamp, PositiveAmount, Timestamp
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
    status: Literal["confirmed", "pending"] = "confirmed"
    recorded_at: Timestamp | None = None
    allow_overpayment: StrictBool = False
    metadata: Metadata = Field(default_factory=dict)

    @model_validator(mode="after")
    def _transaction_hash(self) -> SettlementCreate:
        import re

        if (
            self.method == "crypto"
            and self.reference
            and not re.match(TRANSACTION_HASH, self.reference)
        ):
            raise PydanticCustomError(
                "invalid_format", "a crypto reference is the transaction hash: 0x and 64 hex digits"
            )
        return self


class SettlementOut(BaseModel):
    object: Literal["settlement"] = "settlement"
    id: str
    invoice: str
    amount: str
    currency: str
    method: str
    reference: str | None
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
            invoice=settlement.invoice_id,
            amount=format_amount(settlement.amount, settlement.currency),
            currency=settlement.currency,
            method=settlement.method,
            reference=settlement.reference,
            status=settlement.status,
            recorded_at=settlement.recorded_at,
            confirmed_at=settlement.confirmed_at,
            failed_at=settlement.failed_at,
            metadata=settlement.metadata_,
            created_at=settlement.created_at,
            updated_at=settlement.updated_at,
        )
