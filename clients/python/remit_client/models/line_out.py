from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.adjustment_out import AdjustmentOut
    from ..models.line_out_metadata import LineOutMetadata
    from ..models.line_period import LinePeriod


T = TypeVar("T", bound="LineOut")


@_attrs_define
class LineOut:
    """
    Attributes:
        id (str):
        description (None | str):
        quantity (str):
        unit_amount (str):
        amount (str):
        discount_percent (None | str):
        discount_amount (str):
        allowances (list[AdjustmentOut]):
        charges (list[AdjustmentOut]):
        net_amount (str): amount − discount_amount − allowances + charges (EN 16931 BT-131).
        tax_rate (str):
        tax_inclusive (bool):
        tax_amount (str): The line's own tax, rounded once.
        tax_category (str):
        tax_exemption_reason (None | str):
        tax_exemption_reason_code (None | str):
        unit_code (str):
        period (LinePeriod | None):
        product (None | str):
        metadata (LineOutMetadata):
        object_ (Literal['line_item'] | Unset):  Default: 'line_item'.
    """

    id: str
    description: None | str
    quantity: str
    unit_amount: str
    amount: str
    discount_percent: None | str
    discount_amount: str
    allowances: list[AdjustmentOut]
    charges: list[AdjustmentOut]
    net_amount: str
    tax_rate: str
    tax_inclusive: bool
    tax_amount: str
    tax_category: str
    tax_exemption_reason: None | str
    tax_exemption_reason_code: None | str
    unit_code: str
    period: LinePeriod | None
    product: None | str
    metadata: LineOutMetadata
    object_: Literal["line_item"] | Unset = "line_item"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.line_period import LinePeriod  # noqa: PLC0415

        id = self.id

        description: None | str
        description = self.description

        quantity = self.quantity

        unit_amount = self.unit_amount

        amount = self.amount

        discount_percent: None | str
        discount_percent = self.discount_percent

        discount_amount = self.discount_amount

        allowances = []
        for allowances_item_data in self.allowances:
            allowances_item = allowances_item_data.to_dict()
            allowances.append(allowances_item)

        charges = []
        for charges_item_data in self.charges:
            charges_item = charges_item_data.to_dict()
            charges.append(charges_item)

        net_amount = self.net_amount

        tax_rate = self.tax_rate

        tax_inclusive = self.tax_inclusive

        tax_amount = self.tax_amount

        tax_category = self.tax_category

        tax_exemption_reason: None | str
        tax_exemption_reason = self.tax_exemption_reason

        tax_exemption_reason_code: None | str
        tax_exemption_reason_code = self.tax_exemption_reason_code

        unit_code = self.unit_code

        period: dict[str, Any] | None
        if isinstance(self.period, LinePeriod):
            period = self.period.to_dict()
        else:
            period = self.period

        product: None | str
        product = self.product

        metadata = self.metadata.to_dict()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "description": description,
                "quantity": quantity,
                "unit_amount": unit_amount,
                "amount": amount,
                "discount_percent": discount_percent,
                "discount_amount": discount_amount,
                "allowances": allowances,
                "charges": charges,
                "net_amount": net_amount,
                "tax_rate": tax_rate,
                "tax_inclusive": tax_inclusive,
                "tax_amount": tax_amount,
                "tax_category": tax_category,
                "tax_exemption_reason": tax_exemption_reason,
                "tax_exemption_reason_code": tax_exemption_reason_code,
                "unit_code": unit_code,
                "period": period,
                "product": product,
                "metadata": metadata,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.adjustment_out import AdjustmentOut  # noqa: PLC0415
        from ..models.line_out_metadata import LineOutMetadata  # noqa: PLC0415
        from ..models.line_period import LinePeriod  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        quantity = d.pop("quantity")

        unit_amount = d.pop("unit_amount")

        amount = d.pop("amount")

        def _parse_discount_percent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        discount_percent = _parse_discount_percent(d.pop("discount_percent"))

        discount_amount = d.pop("discount_amount")

        allowances = []
        _allowances = d.pop("allowances")
        for allowances_item_data in _allowances:
            allowances_item = AdjustmentOut.from_dict(allowances_item_data)

            allowances.append(allowances_item)

        charges = []
        _charges = d.pop("charges")
        for charges_item_data in _charges:
            charges_item = AdjustmentOut.from_dict(charges_item_data)

            charges.append(charges_item)

        net_amount = d.pop("net_amount")

        tax_rate = d.pop("tax_rate")

        tax_inclusive = d.pop("tax_inclusive")

        tax_amount = d.pop("tax_amount")

        tax_category = d.pop("tax_category")

        def _parse_tax_exemption_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tax_exemption_reason = _parse_tax_exemption_reason(d.pop("tax_exemption_reason"))

        def _parse_tax_exemption_reason_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tax_exemption_reason_code = _parse_tax_exemption_reason_code(d.pop("tax_exemption_reason_code"))

        unit_code = d.pop("unit_code")

        def _parse_period(data: object) -> LinePeriod | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                period_type_0 = LinePeriod.from_dict(data)

                return period_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LinePeriod | None, data)

        period = _parse_period(d.pop("period"))

        def _parse_product(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product = _parse_product(d.pop("product"))

        metadata = LineOutMetadata.from_dict(d.pop("metadata"))

        object_ = cast(Literal["line_item"] | Unset, d.pop("object", UNSET))
        if object_ != "line_item" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'line_item', got '{object_}'")

        line_out = cls(
            id=id,
            description=description,
            quantity=quantity,
            unit_amount=unit_amount,
            amount=amount,
            discount_percent=discount_percent,
            discount_amount=discount_amount,
            allowances=allowances,
            charges=charges,
            net_amount=net_amount,
            tax_rate=tax_rate,
            tax_inclusive=tax_inclusive,
            tax_amount=tax_amount,
            tax_category=tax_category,
            tax_exemption_reason=tax_exemption_reason,
            tax_exemption_reason_code=tax_exemption_reason_code,
            unit_code=unit_code,
            period=period,
            product=product,
            metadata=metadata,
            object_=object_,
        )

        line_out.additional_properties = d
        return line_out

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
