from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.plan_create_billing_scheme import PlanCreateBillingScheme, check_plan_create_billing_scheme
from ..models.plan_create_interval import PlanCreateInterval, check_plan_create_interval
from ..models.plan_create_tiers_mode_type_0 import PlanCreateTiersModeType0, check_plan_create_tiers_mode_type_0
from ..models.plan_create_usage_type import PlanCreateUsageType, check_plan_create_usage_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_create_metadata import PlanCreateMetadata
    from ..models.tier_in import TierIn
    from ..models.transform_in import TransformIn


T = TypeVar("T", bound="PlanCreate")


@_attrs_define
class PlanCreate:
    """
    Attributes:
        product (str):
        amount (float | None | str | Unset):
        billing_scheme (PlanCreateBillingScheme | Unset):  Default: 'per_unit'.
        tiers_mode (None | PlanCreateTiersModeType0 | Unset):
        tiers (list[TierIn] | None | Unset):
        transform_quantity (None | TransformIn | Unset):
        usage_type (PlanCreateUsageType | Unset):  Default: 'licensed'.
        meter (None | str | Unset):
        currency (None | str | Unset):
        interval (PlanCreateInterval | Unset):  Default: 'month'.
        interval_count (int | Unset):  Default: 1.
        trial_days (int | Unset):  Default: 0.
        nickname (None | str | Unset):
        active (bool | Unset):  Default: True.
        metadata (PlanCreateMetadata | Unset):
    """

    product: str
    amount: float | None | str | Unset = UNSET
    billing_scheme: PlanCreateBillingScheme | Unset = "per_unit"
    tiers_mode: None | PlanCreateTiersModeType0 | Unset = UNSET
    tiers: list[TierIn] | None | Unset = UNSET
    transform_quantity: None | TransformIn | Unset = UNSET
    usage_type: PlanCreateUsageType | Unset = "licensed"
    meter: None | str | Unset = UNSET
    currency: None | str | Unset = UNSET
    interval: PlanCreateInterval | Unset = "month"
    interval_count: int | Unset = 1
    trial_days: int | Unset = 0
    nickname: None | str | Unset = UNSET
    active: bool | Unset = True
    metadata: PlanCreateMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.transform_in import TransformIn  # noqa: PLC0415

        product = self.product

        amount: float | None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        billing_scheme: str | Unset = UNSET
        if not isinstance(self.billing_scheme, Unset):
            billing_scheme = self.billing_scheme

        tiers_mode: None | str | Unset
        if isinstance(self.tiers_mode, Unset):
            tiers_mode = UNSET
        elif isinstance(self.tiers_mode, str):
            tiers_mode = self.tiers_mode
        else:
            tiers_mode = self.tiers_mode

        tiers: list[dict[str, Any]] | None | Unset
        if isinstance(self.tiers, Unset):
            tiers = UNSET
        elif isinstance(self.tiers, list):
            tiers = []
            for tiers_type_0_item_data in self.tiers:
                tiers_type_0_item = tiers_type_0_item_data.to_dict()
                tiers.append(tiers_type_0_item)

        else:
            tiers = self.tiers

        transform_quantity: dict[str, Any] | None | Unset
        if isinstance(self.transform_quantity, Unset):
            transform_quantity = UNSET
        elif isinstance(self.transform_quantity, TransformIn):
            transform_quantity = self.transform_quantity.to_dict()
        else:
            transform_quantity = self.transform_quantity

        usage_type: str | Unset = UNSET
        if not isinstance(self.usage_type, Unset):
            usage_type = self.usage_type

        meter: None | str | Unset
        if isinstance(self.meter, Unset):
            meter = UNSET
        else:
            meter = self.meter

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        interval: str | Unset = UNSET
        if not isinstance(self.interval, Unset):
            interval = self.interval

        interval_count = self.interval_count

        trial_days = self.trial_days

        nickname: None | str | Unset
        if isinstance(self.nickname, Unset):
            nickname = UNSET
        else:
            nickname = self.nickname

        active = self.active

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "product": product,
            }
        )
        if amount is not UNSET:
            field_dict["amount"] = amount
        if billing_scheme is not UNSET:
            field_dict["billing_scheme"] = billing_scheme
        if tiers_mode is not UNSET:
            field_dict["tiers_mode"] = tiers_mode
        if tiers is not UNSET:
            field_dict["tiers"] = tiers
        if transform_quantity is not UNSET:
            field_dict["transform_quantity"] = transform_quantity
        if usage_type is not UNSET:
            field_dict["usage_type"] = usage_type
        if meter is not UNSET:
            field_dict["meter"] = meter
        if currency is not UNSET:
            field_dict["currency"] = currency
        if interval is not UNSET:
            field_dict["interval"] = interval
        if interval_count is not UNSET:
            field_dict["interval_count"] = interval_count
        if trial_days is not UNSET:
            field_dict["trial_days"] = trial_days
        if nickname is not UNSET:
            field_dict["nickname"] = nickname
        if active is not UNSET:
            field_dict["active"] = active
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_create_metadata import PlanCreateMetadata  # noqa: PLC0415
        from ..models.tier_in import TierIn  # noqa: PLC0415
        from ..models.transform_in import TransformIn  # noqa: PLC0415

        d = dict(src_dict)
        product = d.pop("product")

        def _parse_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        _billing_scheme = d.pop("billing_scheme", UNSET)
        billing_scheme: PlanCreateBillingScheme | Unset
        if isinstance(_billing_scheme, Unset):
            billing_scheme = UNSET
        else:
            billing_scheme = check_plan_create_billing_scheme(_billing_scheme)

        def _parse_tiers_mode(data: object) -> None | PlanCreateTiersModeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tiers_mode_type_0 = check_plan_create_tiers_mode_type_0(data)

                return tiers_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanCreateTiersModeType0 | Unset, data)

        tiers_mode = _parse_tiers_mode(d.pop("tiers_mode", UNSET))

        def _parse_tiers(data: object) -> list[TierIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tiers_type_0 = []
                _tiers_type_0 = data
                for tiers_type_0_item_data in _tiers_type_0:
                    tiers_type_0_item = TierIn.from_dict(tiers_type_0_item_data)

                    tiers_type_0.append(tiers_type_0_item)

                return tiers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TierIn] | None | Unset, data)

        tiers = _parse_tiers(d.pop("tiers", UNSET))

        def _parse_transform_quantity(data: object) -> None | TransformIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                transform_quantity_type_0 = TransformIn.from_dict(data)

                return transform_quantity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TransformIn | Unset, data)

        transform_quantity = _parse_transform_quantity(d.pop("transform_quantity", UNSET))

        _usage_type = d.pop("usage_type", UNSET)
        usage_type: PlanCreateUsageType | Unset
        if isinstance(_usage_type, Unset):
            usage_type = UNSET
        else:
            usage_type = check_plan_create_usage_type(_usage_type)

        def _parse_meter(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        meter = _parse_meter(d.pop("meter", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        _interval = d.pop("interval", UNSET)
        interval: PlanCreateInterval | Unset
        if isinstance(_interval, Unset):
            interval = UNSET
        else:
            interval = check_plan_create_interval(_interval)

        interval_count = d.pop("interval_count", UNSET)

        trial_days = d.pop("trial_days", UNSET)

        def _parse_nickname(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        nickname = _parse_nickname(d.pop("nickname", UNSET))

        active = d.pop("active", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: PlanCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = PlanCreateMetadata.from_dict(_metadata)

        plan_create = cls(
            product=product,
            amount=amount,
            billing_scheme=billing_scheme,
            tiers_mode=tiers_mode,
            tiers=tiers,
            transform_quantity=transform_quantity,
            usage_type=usage_type,
            meter=meter,
            currency=currency,
            interval=interval,
            interval_count=interval_count,
            trial_days=trial_days,
            nickname=nickname,
            active=active,
            metadata=metadata,
        )

        return plan_create
