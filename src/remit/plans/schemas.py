"""Product and plan bodies."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from remit.kernel.fields import (
    DECIMAL_SCHEMA,
    Amount,
    Currency,
    InputModel,
    LongText,
    Metadata,
    OutTimestamp,
    ParsedDecimal,
    ShortText,
    bounded,
)
from remit.kernel.money import MAX_INPUT_PLACES, format_amount
from remit.plans.models import Plan, Product

Interval = Literal["day", "week", "month", "year", "none"]
MAX_INTERVAL_COUNT = 365  # a plan renews at most every 365 intervals (days, weeks, …)


class ProductCreate(InputModel):
    name: Annotated[str, Field(min_length=1, max_length=255)]
    description: LongText | None = None
    active: StrictBool = True
    metadata: Metadata = Field(default_factory=dict)


class ProductUpdate(InputModel):
    """What may change on a product: nothing in it alters a price already billed."""

    name: Annotated[str, Field(min_length=1, max_length=255)] | None = None
    description: LongText | None = None
    active: StrictBool | None = None
    metadata: Metadata | None = None


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


# A tier's unit amount: exact, at most 12 places (the currency's places for totals).
TierUnitAmount = Annotated[
    ParsedDecimal,
    bounded(places=MAX_INPUT_PLACES, minimum=Decimal(0)),
    DECIMAL_SCHEMA,
]


class TierIn(InputModel):
    """One tier: units up to `up_to` (null, or Stripe's "inf", for the last) cost
    `unit_amount` each, plus `flat_amount` once when the tier is reached."""

    up_to: Annotated[int, Field(ge=1, le=10**15, strict=True)] | Literal["inf"] | None
    unit_amount: TierUnitAmount = Decimal(0)
    flat_amount: Amount = Decimal(0)


class TransformIn(InputModel):
    """Package pricing: the quantity is divided by `divide_by`, rounded `up` or `down`."""

    divide_by: Annotated[int, Field(ge=1, le=10**9, strict=True)]
    round: Literal["up", "down"]


class PlanCreate(InputModel):
    product: Annotated[str, Field(min_length=1, max_length=64)]
    # The unit amount of a `per_unit` plan (a tiered plan's come from its tiers).
    amount: Amount | None = None
    billing_scheme: Literal["per_unit", "tiered"] = "per_unit"
    tiers_mode: Literal["graduated", "volume"] | None = None
    tiers: Annotated[list[TierIn], Field(min_length=1, max_length=50)] | None = None
    transform_quantity: TransformIn | None = None
    usage_type: Literal["licensed", "metered"] = "licensed"
    # What a metered plan bills: the meter (`mtr_…`) that adds up its usage events.
    meter: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    currency: Currency | None = None
    interval: Interval = "month"
    interval_count: Annotated[int, Field(ge=1, le=MAX_INTERVAL_COUNT, strict=True)] = 1
    trial_days: Annotated[int, Field(ge=0, le=730, strict=True)] = 0
    nickname: ShortText | None = None
    active: StrictBool = True
    metadata: Metadata = Field(default_factory=dict)


# A plan's price never changes once it may have been billed: a new price is a new plan.
PRICE_FIELDS = (
    "amount", "currency", "interval", "interval_count", "billing_scheme", "tiers_mode", "tiers",
    "transform_quantity", "usage_type", "meter", "product", "trial_days",
)  # fmt: skip


class PlanUpdate(InputModel):
    """What may change on a plan: its name, whether it is offered, its metadata."""

    nickname: ShortText | None = None
    active: StrictBool | None = None
    metadata: Metadata | None = None

    @model_validator(mode="before")
    @classmethod
    def _price_is_fixed(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name in PRICE_FIELDS:
                if name in data:
                    raise PydanticCustomError(
                        "price_immutable",
                        f"`{name}` of a plan cannot change: create a new plan for a new price",
                    )
        return data


class TierOut(BaseModel):
    up_to: int | None
    unit_amount: str
    flat_amount: str


class PlanOut(BaseModel):
    object: Literal["plan"] = "plan"
    id: str
    livemode: bool
    product: str
    nickname: str | None
    amount: str | None  # null for a tiered plan
    currency: str
    billing_scheme: str
    tiers_mode: str | None
    tiers: list[TierOut] | None
    transform_quantity: dict[str, Any] | None
    usage_type: str
    meter: str | None = Field(description="The meter a metered plan bills (null: licensed).")
    interval: str
    interval_count: int
    trial_days: int
    active: bool
    metadata: dict[str, Any]
    created_at: OutTimestamp
    updated_at: OutTimestamp

    @classmethod
    def of(cls, plan: Plan) -> PlanOut:
        tiered = plan.billing_scheme == "tiered"
        return cls(
            id=plan.id,
            livemode=plan.livemode,
            product=plan.product_id,
            nickname=plan.nickname,
            amount=None if tiered else format_amount(plan.amount, plan.currency),
            currency=plan.currency,
            billing_scheme=plan.billing_scheme,
            tiers_mode=plan.tiers_mode,
            tiers=[TierOut(**tier) for tier in plan.tiers] if tiered and plan.tiers else None,
            transform_quantity=plan.transform_quantity,
            usage_type=plan.usage_type,
            meter=plan.meter_id,
            interval=plan.interval,
            interval_count=plan.interval_count,
            trial_days=plan.trial_days,
            active=plan.active,
            metadata=plan.metadata_,
            created_at=plan.created_at,
            updated_at=plan.updated_at,
        )
