"""Payment method and pay bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool

from remit.kernel.fields import InputModel, Metadata, OutTimestamp
from remit.payments.models import PaymentMethod

MethodType = Literal["card", "bank_account", "crypto_wallet"]
WalletAddress = Annotated[
    str, Field(pattern=r"^(0x[0-9a-fA-F]{40}|[13a-km-zA-HJ-NP-Z1-9]{25,62})$")
]


class PaymentMethodCreate(InputModel):
    type: MethodType
    token: Annotated[str, Field(min_length=1, max_length=255)]
    processor: Annotated[str, Field(min_length=1, max_length=32)] = "simulator"
    is_default: StrictBool = False
    wallet_address: WalletAddress | None = None
    metadata: Metadata = Field(default_factory=dict)


class PaymentMethodOut(BaseModel):
    object: Literal["payment_method"] = "payment_method"
    id: str
    livemode: bool
    customer: str
    type: str
    processor: str
    brand: str | None
    last4: str | None
    wallet_address: str | None
    is_default: bool
    metadata: dict[str, Any]
    created_at: OutTimestamp

    @classmethod
    def of(cls, method: PaymentMethod, default_id: str | None) -> PaymentMethodOut:
        return cls(
            id=method.id,
            livemode=method.livemode,
            customer=method.customer_id,
            type=method.type,
            processor=method.processor,
            brand=method.brand,
            last4=method.last4,
            wallet_address=method.wallet_address,
            is_default=method.id == default_id,
            metadata=method.metadata_,
            created_at=method.created_at,
        )
