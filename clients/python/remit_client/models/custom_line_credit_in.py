from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomLineCreditIn")


@_attrs_define
class CustomLineCreditIn:
    """A credit of its own (a goodwill gesture, a fee waived), taxed at `tax_rate` (default:
    the invoice's `default_tax_rate`, else none).

        Attributes:
            type_ (Literal['custom_line_item']):
            description (str):
            unit_amount (float | str): A decimal in major units, as a string (preferred) or a JSON number.
            quantity (float | str | Unset): A decimal in major units, as a string (preferred) or a JSON number. Default:
                '1'.
            tax_rate (float | None | str | Unset):
            tax_inclusive (bool | Unset):  Default: False.
    """

    type_: Literal["custom_line_item"]
    description: str
    unit_amount: float | str
    quantity: float | str | Unset = "1"
    tax_rate: float | None | str | Unset = UNSET
    tax_inclusive: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        description = self.description

        unit_amount: float | str
        unit_amount = self.unit_amount

        quantity: float | str | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        tax_rate: float | None | str | Unset
        if isinstance(self.tax_rate, Unset):
            tax_rate = UNSET
        else:
            tax_rate = self.tax_rate

        tax_inclusive = self.tax_inclusive

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "description": description,
                "unit_amount": unit_amount,
            }
        )
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if tax_rate is not UNSET:
            field_dict["tax_rate"] = tax_rate
        if tax_inclusive is not UNSET:
            field_dict["tax_inclusive"] = tax_inclusive

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["custom_line_item"], d.pop("type"))
        if type_ != "custom_line_item":
            raise ValueError(f"type must match const 'custom_line_item', got '{type_}'")

        description = d.pop("description")

        def _parse_unit_amount(data: object) -> float | str:
            return cast(float | str, data)

        unit_amount = _parse_unit_amount(d.pop("unit_amount"))

        def _parse_quantity(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_tax_rate(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        tax_rate = _parse_tax_rate(d.pop("tax_rate", UNSET))

        tax_inclusive = d.pop("tax_inclusive", UNSET)

        custom_line_credit_in = cls(
            type_=type_,
            description=description,
            unit_amount=unit_amount,
            quantity=quantity,
            tax_rate=tax_rate,
            tax_inclusive=tax_inclusive,
        )

        return custom_line_credit_in
