"""Subscription bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from remit.kernel.fields import InputModel, Metadata, OutTimestamp
from remit.subscriptions.models import Subscription

ObjectId = Annotated[str, Field(min_length=1, max_length=64)]


class SubscriptionCreate(InputModel):
    customer: ObjectId
    plan: ObjectId
    payment_method: ObjectId | None = None
    metadata: Metadata = Field(default_factory=dict)


class SubscriptionOut(BaseModel):
    object: Literal["subscription"] = "subscription"
    id: str
    livemode: bool
    customer: str
    plan: str
    payment_method: str | None
    status: str
    current_period_start: OutTimestamp
    current_period_end: OutTimestamp | None
    metadata: dict[str, Any]
    created_at: OutTimestamp
    updated_at: OutTimestamp
    canceled_at: OutTimestamp | None

    @classmethod
    def of(cls, subscription: Subscription) -> SubscriptionOut:
        return cls(
            id=subscription.id,
            livemode=subscription.livemode,
            customer=subscription.customer_id,
            plan=subscription.plan_id,
            payment_method=subscription.payment_method_id,
            status=subscription.status,
            current_period_start=subscription.current_period_start,
            current_period_end=subscription.current_period_end,
            metadata=subscription.metadata_,
            created_at=subscription.created_at,
            updated_at=subscription.updated_at,
            canceled_at=subscription.canceled_at,
        )
