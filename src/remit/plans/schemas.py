"""Product and plan bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool

from remit.kernel.fields import (
    Amount,
    Currency,
    InputModel,
    LongText,
    Metadata,
    OutTimestamp,
    ShortText,
)
from remit.kernel.money import format_amount
from remit.plans.models import Plan, Product

Interval = Literal["day", "week", "month", "year", "none"]
MAX_INTERVAL_COUNT = 365  # a plan renews at most every 365 intervals (days, weeks, …)


class ProductCreate(InputModel):
    name: Annotated[str, Field(min_length=1, max_length=255)]
    description: LongText | None = None
    active: StrictBool = True
    metadata: Metadata = Field(default_factory=dict)


class ProductOut(BaseModel):
    object: Literal["product"] = "product"
    id: str
    livemode: bool
    name: str
    description: str | None
    active: bool
    metadata: dict[str, Any]
    created_at: OutTimestamp
    updated_at: OutTimestamp

    @classmethod
    def of(cls, product: Product) -> ProductOut:
        return cls(
            id=product.id,
            livemode=product.livemode,
            name=product.name,
            description=product.description,
            active=product.active,
            metadata=product.metadata_,
            created_at=product.created_at,
            updated_at=product.updated_at,
        )


class PlanCreate(InputModel):
    product: Annotated[str, Field(min_length=1, max_length=64)]
    amount: Amount
    currency: Currency | None = None
    interval: Interval = "month"
    interval_count: Annotated[int, Field(ge=1, le=MAX_INTERVAL_COUNT, strict=True)] = 1
    trial_days: Annotated[int, Field(ge=0, le=730, strict=True)] = 0
    nickname: ShortText | None = None
    active: StrictBool = True
    metadata: Metadata = Field(default_factory=dict)


class PlanOut(BaseModel):
    object: Literal["plan"] = "plan"
    id: str
    livemode: bool
    product: str
    nickname: str | None
    amount: str
    currency: str
    interval: str
    interval_count: int
    trial_days: int
    active: bool
    metadata: dict[str, Any]
    created_at: OutTimestamp
    updated_at: OutTimestamp

    @classmethod
    def of(cls, plan: Plan) -> PlanOut:
        return cls(
            id=plan.id,
            livemode=plan.livemode,
            product=plan.product_id,
            nickname=plan.nickname,
            amount=format_amount(plan.amount, plan.currency),
            currency=plan.currency,
            interval=plan.interval,
            interval_count=plan.interval_count,
            trial_days=plan.trial_days,
            active=plan.active,
            metadata=plan.metadata_,
            created_at=plan.created_at,
            updated_at=plan.updated_at,
        )
