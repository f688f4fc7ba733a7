"""Subscription bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from remit.kernel.fields import InputModel, Metadata, OutTimestamp, Timestamp
from remit.subscriptions.models import Subscription, SubscriptionItem

ObjectId = Annotated[str, Field(min_length=1, max_length=64)]
ItemQuantity = Annotated[int, Field(ge=1, le=1_000_000, strict=True)]
CollectionMethod = Literal["charge_automatically", "send_invoice"]
CreateProrationBehavior = Literal["create_prorations", "none"]
MAX_ITEMS = 20


class ItemIn(InputModel):
    plan: ObjectId
    quantity: ItemQuantity = 1
    metadata: Metadata = Field(default_factory=dict)


class SubscriptionCreate(InputModel):
    """`items`, or one `plan` (and `quantity`) as before; a trial by `trial_end` or
    `trial_days` (default: the plan's `trial_days`)."""

    customer: ObjectId
    plan: ObjectId | None = None
    quantity: ItemQuantity | None = None
    items: Annotated[list[ItemIn], Field(min_length=1, max_length=MAX_ITEMS)] | None = None
    payment_method: ObjectId | None = None
    trial_end: Timestamp | None = None
    trial_days: Annotated[int, Field(ge=0, le=730, strict=True)] | None = None
    collection_method: CollectionMethod = "charge_automatically"
    days_until_due: Annotated[int, Field(ge=0, le=3650, strict=True)] | None = None
    cancel_at_period_end: StrictBool = False
    billing_cycle_anchor: Timestamp | None = Field(
        None,
        description="When the first whole period starts (default: at once, or when the trial "
        "ends); at most one interval after that. The time before it is billed as "
        "`proration_behavior` says.",
    )
    proration_behavior: CreateProrationBehavior = Field(
        "create_prorations",
        description="For the partial period before `billing_cycle_anchor`: "
        "`create_prorations` bills it prorated, at once; `none` makes it free.",
    )
    metadata: Metadata = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_way_each(self) -> SubscriptionCreate:
        if (self.plan is None) == (self.items is None):
            raise PydanticCustomError("invalid", "give items, or a plan, not both nor neither")
        if self.items is not None and self.quantity is not None:
            raise PydanticCustomError("invalid", "quantity goes with plan; items carry their own")
        if self.trial_end is not None and self.trial_days is not None:
            raise PydanticCustomError("invalid", "give trial_end or trial_days, not both")
        if self.days_until_due is not None and self.collection_method != "send_invoice":
            raise PydanticCustomError("invalid", "days_until_due goes with send_invoice")
        return self

    def item_list(self) -> list[ItemIn]:
        if self.items is not None:
            return self.items
        assert self.plan is not None  # validated
        return [ItemIn(plan=self.plan, quantity=self.quantity or 1)]


class ItemOut(BaseModel):
    object: Literal["subscription_item"] = "subscription_item"
    id: str
    plan: str
    quantity: int
    metadata: dict[str, Any]
    created_at: OutTimestamp

    @classmethod
    def of(cls, item: SubscriptionItem) -> ItemOut:
        return cls(
            id=item.id,
            plan=item.plan_id,
            quantity=item.quantity,
            metadata=item.metadata_,
            created_at=item.created_at,
        )


class SubscriptionOut(BaseModel):
    object: Literal["subscription"] = "subscription"
    id: str
    livemode: bool
    customer: str
    plan: str
    items: list[ItemOut] | None = Field(
        description="What it bills each period (absent where the items were not loaded)."
    )
    payment_method: str | None
    status: str
    collection_method: str
    days_until_due: int | None
    billing_cycle_anchor: OutTimestamp | None
    current_period_start: OutTimestamp
    current_period_end: OutTimestamp | None
    trial_start: OutTimestamp | None
    trial_end: OutTimestamp | None
    cancel_at_period_end: bool
    latest_invoice: str | None
    test_clock: str | None
    next_bill_at: OutTimestamp | None = Field(description="When the next invoice is made.")
    metadata: dict[str, Any]
    created_at: OutTimestamp
    updated_at: OutTimestamp
    paused_at: OutTimestamp | None
    canceled_at: OutTimestamp | None
    ended_at: OutTimestamp | None

    @classmethod
    def of(cls, subscription: Subscription) -> SubscriptionOut:
        loaded = "items" in subscription.__dict__
        return cls(
            id=subscription.id,
            livemode=subscription.livemode,
            customer=subscription.customer_id,
            plan=subscription.plan_id,
            items=[ItemOut.of(item) for item in subscription.items] if loaded else None,
            payment_method=subscription.payment_method_id,
            status=subscription.status,
            collection_method=subscription.collection_method,
            days_until_due=subscription.days_until_due,
            billing_cycle_anchor=subscription.billing_cycle_anchor,
            current_period_start=subscription.current_period_start,
            current_period_end=subscription.current_period_end,
            trial_start=subscription.trial_start,
            trial_end=subscription.trial_end,
            cancel_at_period_end=subscription.cancel_at_period_end,
            latest_invoice=subscription.latest_invoice_id,
            test_clock=subscription.test_clock_id,
            next_bill_at=subscription.next_bill_at,
            metadata=subscription.metadata_,
            created_at=subscription.created_at,
            updated_at=subscription.updated_at,
            paused_at=subscription.paused_at,
            canceled_at=subscription.canceled_at,
            ended_at=subscription.ended_at,
        )


class CancelIn(InputModel):
    """Now (default), or at the end of the current period; canceling now with `prorate`
    credits the unused time of the period paid in advance (docs/billing.md)."""

    at_period_end: StrictBool = False
    prorate: StrictBool = False

    @model_validator(mode="after")
    def _prorate_now_only(self) -> CancelIn:
        if self.prorate and self.at_period_end:
            raise PydanticCustomError("invalid", "prorate goes with canceling now")
        return self


ProrationBehavior = Literal["create_prorations", "always_invoice", "none"]


class ItemChangeIn(InputModel):
    """One item of a change: an existing item by `id` (a new `plan`, a new `quantity`, or
    `deleted`), or a new item (a `plan`, without `id`)."""

    id: ObjectId | None = None
    plan: ObjectId | None = None
    quantity: ItemQuantity | None = None
    deleted: StrictBool = False
    metadata: Metadata | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> ItemChangeIn:
        if self.deleted and self.id is None:
            raise PydanticCustomError("invalid", "deleted needs the id of the item to remove")
        if self.deleted and (self.plan, self.quantity, self.metadata) != (None, None, None):
            raise PydanticCustomError("invalid", "a deleted item takes no plan nor quantity")
        if self.id is None and self.plan is None:
            raise PydanticCustomError("invalid", "a new item needs a plan (or give an item's id)")
        return self


class SubscriptionUpdate(InputModel):
    """Items changed, added or removed (prorated as `proration_behavior` says), and the
    subscription's own fields; metadata merges (null drops a key)."""

    items: Annotated[list[ItemChangeIn], Field(max_length=MAX_ITEMS)] | None = None
    proration_behavior: ProrationBehavior = Field(
        "create_prorations",
        description="`create_prorations`: the change's credit and charge wait, as pending "
        "invoice items, for the next invoice; `always_invoice`: they are invoiced now; `none`.",
    )
    cancel_at_period_end: StrictBool | None = None
    metadata: Metadata | None = None
