from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_out_metadata import PlanOutMetadata
    from ..models.plan_out_transform_quantity_type_0 import PlanOutTransformQuantityType0
    from ..models.tier_out import TierOut


T = TypeVar("T", bound="PlanOut")


@_attrs_define
class PlanOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        product (str):
        nickname (None | str):
        amount (None | str):
        currency (str):
        billing_scheme (str):
        tiers_mode (None | str):
        tiers (list[TierOut] | None):
        transform_quantity (None | PlanOutTransformQuantityType0):
        usage_type (str):
        meter (None | str): The meter a metered plan bills (null: licensed).
        interval (str):
        interval_count (int):
        trial_days (int):
        active (bool):
        metadata (PlanOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['plan'] | Unset):  Default: 'plan'.
    """

    id: str
    livemode: bool
    product: str
    nickname: None | str
    amount: None | str
    currency: str
    billing_scheme: str
    tiers_mode: None | str
    tiers: list[TierOut] | None
    transform_quantity: None | PlanOutTransformQuantityType0
    usage_type: str
    meter: None | str
    interval: str
    interval_count: int
    trial_days: int
    active: bool
    metadata: PlanOutMetadata
    created_at: datetime.datetime
    updated_at: datetime.datetime
    object_: Literal["plan"] | Unset = "plan"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_out_transform_quantity_type_0 import PlanOutTransformQuantityType0  # noqa: PLC0415

        id = self.id

        livemode = self.livemode

        product = self.product

        nickname: None | str
        nickname = self.nickname

        amount: None | str
        amount = self.amount

        currency = self.currency

        billing_scheme = self.billing_scheme

        tiers_mode: None | str
        tiers_mode = self.tiers_mode

        tiers: list[dict[str, Any]] | None
        if isinstance(self.tiers, list):
            tiers = []
            for tiers_type_0_item_data in self.tiers:
                tiers_type_0_item = tiers_type_0_item_data.to_dict()
                tiers.append(tiers_type_0_item)

        else:
            tiers = self.tiers

        transform_quantity: dict[str, Any] | None
        if isinstance(self.transform_quantity, PlanOutTransformQuantityType0):
            transform_quantity = self.transform_quantity.to_dict()
        else:
            transform_quantity = self.transform_quantity

        usage_type = self.usage_type

        meter: None | str
        meter = self.meter

        interval = self.interval

        interval_count = self.interval_count

        trial_days = self.trial_days

        active = self.active

        metadata = self.metadata.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "product": product,
                "nickname": nickname,
                "amount": amount,
                "currency": currency,
                "billing_scheme": billing_scheme,
                "tiers_mode": tiers_mode,
                "tiers": tiers,
                "transform_quantity": transform_quantity,
                "usage_type": usage_type,
                "meter": meter,
                "interval": interval,
                "interval_count": interval_count,
                "trial_days": trial_days,
                "active": active,
                "metadata": metadata,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_out_metadata import PlanOutMetadata  # noqa: PLC0415
        from ..models.plan_out_transform_quantity_type_0 import PlanOutTransformQuantityType0  # noqa: PLC0415
        from ..models.tier_out import TierOut  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        product = d.pop("product")

        def _parse_nickname(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        nickname = _parse_nickname(d.pop("nickname"))

        def _parse_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        amount = _parse_amount(d.pop("amount"))

        currency = d.pop("currency")

        billing_scheme = d.pop("billing_scheme")

        def _parse_tiers_mode(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tiers_mode = _parse_tiers_mode(d.pop("tiers_mode"))

        def _parse_tiers(data: object) -> list[TierOut] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tiers_type_0 = []
                _tiers_type_0 = data
                for tiers_type_0_item_data in _tiers_type_0:
                    tiers_type_0_item = TierOut.from_dict(tiers_type_0_item_data)

                    tiers_type_0.append(tiers_type_0_item)

                return tiers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TierOut] | None, data)

        tiers = _parse_tiers(d.pop("tiers"))

        def _parse_transform_quantity(data: object) -> None | PlanOutTransformQuantityType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                transform_quantity_type_0 = PlanOutTransformQuantityType0.from_dict(data)

                return transform_quantity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanOutTransformQuantityType0, data)

        transform_quantity = _parse_transform_quantity(d.pop("transform_quantity"))

        usage_type = d.pop("usage_type")

        def _parse_meter(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        meter = _parse_meter(d.pop("meter"))

        interval = d.pop("interval")

        interval_count = d.pop("interval_count")

        trial_days = d.pop("trial_days")

        active = d.pop("active")

        metadata = PlanOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        object_ = cast(Literal["plan"] | Unset, d.pop("object", UNSET))
        if object_ != "plan" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'plan', got '{object_}'")

        plan_out = cls(
            id=id,
            livemode=livemode,
            product=product,
            nickname=nickname,
            amount=amount,
            currency=currency,
            billing_scheme=billing_scheme,
            tiers_mode=tiers_mode,
            tiers=tiers,
            transform_quantity=transform_quantity,
            usage_type=usage_type,
            meter=meter,
            interval=interval,
            interval_count=interval_count,
            trial_days=trial_days,
            active=active,
            metadata=metadata,
            created_at=created_at,
            updated_at=updated_at,
            object_=object_,
        )

        plan_out.additional_properties = d
        return plan_out

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
