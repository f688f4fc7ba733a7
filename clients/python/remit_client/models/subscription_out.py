from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_out import ItemOut
    from ..models.subscription_out_metadata import SubscriptionOutMetadata


T = TypeVar("T", bound="SubscriptionOut")


@_attrs_define
class SubscriptionOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        customer (str):
        plan (str):
        items (list[ItemOut] | None): What it bills each period (absent where the items were not loaded).
        payment_method (None | str):
        status (str):
        collection_method (str):
        days_until_due (int | None):
        billing_cycle_anchor (datetime.datetime | None):
        current_period_start (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        current_period_end (datetime.datetime | None):
        trial_start (datetime.datetime | None):
        trial_end (datetime.datetime | None):
        cancel_at_period_end (bool):
        latest_invoice (None | str):
        test_clock (None | str):
        next_bill_at (datetime.datetime | None): When the next invoice is made.
        metadata (SubscriptionOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        paused_at (datetime.datetime | None):
        canceled_at (datetime.datetime | None):
        ended_at (datetime.datetime | None):
        object_ (Literal['subscription'] | Unset):  Default: 'subscription'.
    """

    id: str
    livemode: bool
    customer: str
    plan: str
    items: list[ItemOut] | None
    payment_method: None | str
    status: str
    collection_method: str
    days_until_due: int | None
    billing_cycle_anchor: datetime.datetime | None
    current_period_start: datetime.datetime
    current_period_end: datetime.datetime | None
    trial_start: datetime.datetime | None
    trial_end: datetime.datetime | None
    cancel_at_period_end: bool
    latest_invoice: None | str
    test_clock: None | str
    next_bill_at: datetime.datetime | None
    metadata: SubscriptionOutMetadata
    created_at: datetime.datetime
    updated_at: datetime.datetime
    paused_at: datetime.datetime | None
    canceled_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    object_: Literal["subscription"] | Unset = "subscription"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        customer = self.customer

        plan = self.plan

        items: list[dict[str, Any]] | None
        if isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)

        else:
            items = self.items

        payment_method: None | str
        payment_method = self.payment_method

        status = self.status

        collection_method = self.collection_method

        days_until_due: int | None
        days_until_due = self.days_until_due

        billing_cycle_anchor: None | str
        if isinstance(self.billing_cycle_anchor, datetime.datetime):
            billing_cycle_anchor = self.billing_cycle_anchor.isoformat()
        else:
            billing_cycle_anchor = self.billing_cycle_anchor

        current_period_start = self.current_period_start.isoformat()

        current_period_end: None | str
        if isinstance(self.current_period_end, datetime.datetime):
            current_period_end = self.current_period_end.isoformat()
        else:
            current_period_end = self.current_period_end

        trial_start: None | str
        if isinstance(self.trial_start, datetime.datetime):
            trial_start = self.trial_start.isoformat()
        else:
            trial_start = self.trial_start

        trial_end: None | str
        if isinstance(self.trial_end, datetime.datetime):
            trial_end = self.trial_end.isoformat()
        else:
            trial_end = self.trial_end

        cancel_at_period_end = self.cancel_at_period_end

        latest_invoice: None | str
        latest_invoice = self.latest_invoice

        test_clock: None | str
        test_clock = self.test_clock

        next_bill_at: None | str
        if isinstance(self.next_bill_at, datetime.datetime):
            next_bill_at = self.next_bill_at.isoformat()
        else:
            next_bill_at = self.next_bill_at

        metadata = self.metadata.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        paused_at: None | str
        if isinstance(self.paused_at, datetime.datetime):
            paused_at = self.paused_at.isoformat()
        else:
            paused_at = self.paused_at

        canceled_at: None | str
        if isinstance(self.canceled_at, datetime.datetime):
            canceled_at = self.canceled_at.isoformat()
        else:
            canceled_at = self.canceled_at

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "customer": customer,
                "plan": plan,
                "items": items,
                "payment_method": payment_method,
                "status": status,
                "collection_method": collection_method,
                "days_until_due": days_until_due,
                "billing_cycle_anchor": billing_cycle_anchor,
                "current_period_start": current_period_start,
                "current_period_end": current_period_end,
                "trial_start": trial_start,
                "trial_end": trial_end,
                "cancel_at_period_end": cancel_at_period_end,
                "latest_invoice": latest_invoice,
                "test_clock": test_clock,
                "next_bill_at": next_bill_at,
                "metadata": metadata,
                "created_at": created_at,
                "updated_at": updated_at,
                "paused_at": paused_at,
                "canceled_at": canceled_at,
                "ended_at": ended_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_out import ItemOut  # noqa: PLC0415
        from ..models.subscription_out_metadata import SubscriptionOutMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        customer = d.pop("customer")

        plan = d.pop("plan")

        def _parse_items(data: object) -> list[ItemOut] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in _items_type_0:
                    items_type_0_item = ItemOut.from_dict(items_type_0_item_data)

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ItemOut] | None, data)

        items = _parse_items(d.pop("items"))

        def _parse_payment_method(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        payment_method = _parse_payment_method(d.pop("payment_method"))

        status = d.pop("status")

        collection_method = d.pop("collection_method")

        def _parse_days_until_due(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        days_until_due = _parse_days_until_due(d.pop("days_until_due"))

        def _parse_billing_cycle_anchor(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                billing_cycle_anchor_type_0 = datetime.datetime.fromisoformat(data)

                return billing_cycle_anchor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        billing_cycle_anchor = _parse_billing_cycle_anchor(d.pop("billing_cycle_anchor"))

        current_period_start = datetime.datetime.fromisoformat(d.pop("current_period_start"))

        def _parse_current_period_end(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                current_period_end_type_0 = datetime.datetime.fromisoformat(data)

                return current_period_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        current_period_end = _parse_current_period_end(d.pop("current_period_end"))

        def _parse_trial_start(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                trial_start_type_0 = datetime.datetime.fromisoformat(data)

                return trial_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        trial_start = _parse_trial_start(d.pop("trial_start"))

        def _parse_trial_end(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                trial_end_type_0 = datetime.datetime.fromisoformat(data)

                return trial_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        trial_end = _parse_trial_end(d.pop("trial_end"))

        cancel_at_period_end = d.pop("cancel_at_period_end")

        def _parse_latest_invoice(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        latest_invoice = _parse_latest_invoice(d.pop("latest_invoice"))

        def _parse_test_clock(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        test_clock = _parse_test_clock(d.pop("test_clock"))

        def _parse_next_bill_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_bill_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_bill_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_bill_at = _parse_next_bill_at(d.pop("next_bill_at"))

        metadata = SubscriptionOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_paused_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paused_at_type_0 = datetime.datetime.fromisoformat(data)

                return paused_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paused_at = _parse_paused_at(d.pop("paused_at"))

        def _parse_canceled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                canceled_at_type_0 = datetime.datetime.fromisoformat(data)

                return canceled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        canceled_at = _parse_canceled_at(d.pop("canceled_at"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        object_ = cast(Literal["subscription"] | Unset, d.pop("object", UNSET))
        if object_ != "subscription" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'subscription', got '{object_}'")

        subscription_out = cls(
            id=id,
            livemode=livemode,
            customer=customer,
            plan=plan,
            items=items,
            payment_method=payment_method,
            status=status,
            collection_method=collection_method,
            days_until_due=days_until_due,
            billing_cycle_anchor=billing_cycle_anchor,
            current_period_start=current_period_start,
            current_period_end=current_period_end,
            trial_start=trial_start,
            trial_end=trial_end,
            cancel_at_period_end=cancel_at_period_end,
            latest_invoice=latest_invoice,
            test_clock=test_clock,
            next_bill_at=next_bill_at,
            metadata=metadata,
            created_at=created_at,
            updated_at=updated_at,
            paused_at=paused_at,
            canceled_at=canceled_at,
            ended_at=ended_at,
            object_=object_,
        )

        subscription_out.additional_properties = d
        return subscription_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
