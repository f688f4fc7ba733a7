from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.subscription_create_collection_method import (
    SubscriptionCreateCollectionMethod,
    check_subscription_create_collection_method,
)
from ..models.subscription_create_proration_behavior import (
    SubscriptionCreateProrationBehavior,
    check_subscription_create_proration_behavior,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_in import ItemIn
    from ..models.subscription_create_metadata import SubscriptionCreateMetadata


T = TypeVar("T", bound="SubscriptionCreate")


@_attrs_define
class SubscriptionCreate:
    """`items`, or one `plan` (and `quantity`) as before; a trial by `trial_end` or
    `trial_days` (default: the plan's `trial_days`).

        Attributes:
            customer (str):
            plan (None | str | Unset):
            quantity (int | None | Unset):
            items (list[ItemIn] | None | Unset):
            payment_method (None | str | Unset):
            trial_end (datetime.datetime | None | Unset):
            trial_days (int | None | Unset):
            collection_method (SubscriptionCreateCollectionMethod | Unset):  Default: 'charge_automatically'.
            days_until_due (int | None | Unset):
            cancel_at_period_end (bool | Unset):  Default: False.
            billing_cycle_anchor (datetime.datetime | None | Unset): When the first whole period starts (default: at once,
                or when the trial ends); at most one interval after that. The time before it is billed as `proration_behavior`
                says.
            proration_behavior (SubscriptionCreateProrationBehavior | Unset): For the partial period before
                `billing_cycle_anchor`: `create_prorations` bills it prorated, at once; `none` makes it free. Default:
                'create_prorations'.
            metadata (SubscriptionCreateMetadata | Unset):
    """

    customer: str
    plan: None | str | Unset = UNSET
    quantity: int | None | Unset = UNSET
    items: list[ItemIn] | None | Unset = UNSET
    payment_method: None | str | Unset = UNSET
    trial_end: datetime.datetime | None | Unset = UNSET
    trial_days: int | None | Unset = UNSET
    collection_method: SubscriptionCreateCollectionMethod | Unset = "charge_automatically"
    days_until_due: int | None | Unset = UNSET
    cancel_at_period_end: bool | Unset = False
    billing_cycle_anchor: datetime.datetime | None | Unset = UNSET
    proration_behavior: SubscriptionCreateProrationBehavior | Unset = "create_prorations"
    metadata: SubscriptionCreateMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        customer = self.customer

        plan: None | str | Unset
        if isinstance(self.plan, Unset):
            plan = UNSET
        else:
            plan = self.plan

        quantity: int | None | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        items: list[dict[str, Any]] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)

        else:
            items = self.items

        payment_method: None | str | Unset
        if isinstance(self.payment_method, Unset):
            payment_method = UNSET
        else:
            payment_method = self.payment_method

        trial_end: None | str | Unset
        if isinstance(self.trial_end, Unset):
            trial_end = UNSET
        elif isinstance(self.trial_end, datetime.datetime):
            trial_end = self.trial_end.isoformat()
        else:
            trial_end = self.trial_end

        trial_days: int | None | Unset
        if isinstance(self.trial_days, Unset):
            trial_days = UNSET
        else:
            trial_days = self.trial_days

        collection_method: str | Unset = UNSET
        if not isinstance(self.collection_method, Unset):
            collection_method = self.collection_method

        days_until_due: int | None | Unset
        if isinstance(self.days_until_due, Unset):
            days_until_due = UNSET
        else:
            days_until_due = self.days_until_due

        cancel_at_period_end = self.cancel_at_period_end

        billing_cycle_anchor: None | str | Unset
        if isinstance(self.billing_cycle_anchor, Unset):
            billing_cycle_anchor = UNSET
        elif isinstance(self.billing_cycle_anchor, datetime.datetime):
            billing_cycle_anchor = self.billing_cycle_anchor.isoformat()
        else:
            billing_cycle_anchor = self.billing_cycle_anchor

        proration_behavior: str | Unset = UNSET
        if not isinstance(self.proration_behavior, Unset):
            proration_behavior = self.proration_behavior

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "customer": customer,
            }
        )
        if plan is not UNSET:
            field_dict["plan"] = plan
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if items is not UNSET:
            field_dict["items"] = items
        if payment_method is not UNSET:
            field_dict["payment_method"] = payment_method
        if trial_end is not UNSET:
            field_dict["trial_end"] = trial_end
        if trial_days is not UNSET:
            field_dict["trial_days"] = trial_days
        if collection_method is not UNSET:
            field_dict["collection_method"] = collection_method
        if days_until_due is not UNSET:
            field_dict["days_until_due"] = days_until_due
        if cancel_at_period_end is not UNSET:
            field_dict["cancel_at_period_end"] = cancel_at_period_end
        if billing_cycle_anchor is not UNSET:
            field_dict["billing_cycle_anchor"] = billing_cycle_anchor
        if proration_behavior is not UNSET:
            field_dict["proration_behavior"] = proration_behavior
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_in import ItemIn  # noqa: PLC0415
        from ..models.subscription_create_metadata import SubscriptionCreateMetadata  # noqa: PLC0415

        d = dict(src_dict)
        customer = d.pop("customer")

        def _parse_plan(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        plan = _parse_plan(d.pop("plan", UNSET))

        def _parse_quantity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_items(data: object) -> list[ItemIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in _items_type_0:
                    items_type_0_item = ItemIn.from_dict(items_type_0_item_data)

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ItemIn] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

        def _parse_payment_method(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_method = _parse_payment_method(d.pop("payment_method", UNSET))

        def _parse_trial_end(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                trial_end_type_0 = datetime.datetime.fromisoformat(data)

                return trial_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        trial_end = _parse_trial_end(d.pop("trial_end", UNSET))

        def _parse_trial_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        trial_days = _parse_trial_days(d.pop("trial_days", UNSET))

        _collection_method = d.pop("collection_method", UNSET)
        collection_method: SubscriptionCreateCollectionMethod | Unset
        if isinstance(_collection_method, Unset):
            collection_method = UNSET
        else:
            collection_method = check_subscription_create_collection_method(_collection_method)

        def _parse_days_until_due(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days_until_due = _parse_days_until_due(d.pop("days_until_due", UNSET))

        cancel_at_period_end = d.pop("cancel_at_period_end", UNSET)

        def _parse_billing_cycle_anchor(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                billing_cycle_anchor_type_0 = datetime.datetime.fromisoformat(data)

                return billing_cycle_anchor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        billing_cycle_anchor = _parse_billing_cycle_anchor(d.pop("billing_cycle_anchor", UNSET))

        _proration_behavior = d.pop("proration_behavior", UNSET)
        proration_behavior: SubscriptionCreateProrationBehavior | Unset
        if isinstance(_proration_behavior, Unset):
            proration_behavior = UNSET
        else:
            proration_behavior = check_subscription_create_proration_behavior(_proration_behavior)

        _metadata = d.pop("metadata", UNSET)
        metadata: SubscriptionCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = SubscriptionCreateMetadata.from_dict(_metadata)

        subscription_create = cls(
            customer=customer,
            plan=plan,
            quantity=quantity,
            items=items,
            payment_method=payment_method,
            trial_end=trial_end,
            trial_days=trial_days,
            collection_method=collection_method,
            days_until_due=days_until_due,
            cancel_at_period_end=cancel_at_period_end,
            billing_cycle_anchor=billing_cycle_anchor,
            proration_behavior=proration_behavior,
            metadata=metadata,
        )

        return subscription_create
