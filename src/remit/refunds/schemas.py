"""Refund bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from remit.kernel.fields import InputModel, LongText, Metadata, OutTimestamp, PositiveAmount
from remit.kernel.money import format_amount
from remit.refunds.models import Refund

Reason = Literal["duplicate", "fraudulent", "requested_by_customer", "other"]


class RefundCreate(InputModel):
    settlement: Annotated[str, Field(min_length=1, max_length=64)] = Field(
        description="The confirmed settlement to refund (`stl_…`)."
    )
    amount: PositiveAmount | None = Field(
        None, description="Defaults to what is left to refund of the settlement."
    )
    reason: Reason | None = None
    description: LongText | None = None
    metadata: Metadata = Field(default_factory=dict)


class RefundOut(BaseModel):
    object: Literal["refund"] = "refund"
    id: str
    livemode: bool
    settlement: str
    invoice: str
    credit_note: str | None
    amount: str
    currency: str
    reason: str | None
    status: str = Field(description="pending | succeeded | failed")
    processor: str = Field(description="The settlement's processor; `manual`: made by hand.")
    processor_reference: str | None = Field(description="The processor's id for the refund.")
    failure_code: str | None
    failure_message: str | None
    description: str | None
    metadata: dict[str, Any]
    created_at: OutTimestamp
    updated_at: OutTimestamp

    @classmethod
    def of(cls, refund: Refund) -> RefundOut:
        return cls(
            id=refund.id,
            livemode=refund.livemode,
            settlement=refund.settlement_id,
            invoice=refund.invoice_id,
            credit_note=refund.credit_note_id,
            amount=format_amount(refund.amount, refund.currency),
            currency=refund.currency,
            reason=refund.reason,
            status=refund.status,
            processor=refund.processor,
            processor_reference=refund.processor_reference,
            failure_code=refund.failure_code,
            failure_message=refund.failure_message,
            description=refund.description,
            metadata=refund.metadata_,
            created_at=refund.created_at,
            updated_at=refund.updated_at,
        )
