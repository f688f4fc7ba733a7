from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdjustmentOut")


@_attrs_define
class AdjustmentOut:
    """
    Attributes:
        amount (str):
        percent (None | str):
        base_amount (None | str):
        reason (None | str):
        reason_code (None | str):
    """

    amount: str
    percent: None | str
    base_amount: None | str
    reason: None | str
    reason_code: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        percent: None | str
        percent = self.percent

        base_amount: None | str
        base_amount = self.base_amount

        reason: None | str
        reason = self.reason

        reason_code: None | str
        reason_code = self.reason_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "percent": percent,
                "base_amount": base_amount,
                "reason": reason,
                "reason_code": reason_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        def _parse_percent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        percent = _parse_percent(d.pop("percent"))

        def _parse_base_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        base_amount = _parse_base_amount(d.pop("base_amount"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_reason_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason_code = _parse_reason_code(d.pop("reason_code"))

        adjustment_out = cls(
            amount=amount,
            percent=percent,
            base_amount=base_amount,
            reason=reason,
            reason_code=reason_code,
        )

        adjustment_out.additional_properties = d
        return adjustment_out

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
