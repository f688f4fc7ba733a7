from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdjustmentIn")


@_attrs_define
class AdjustmentIn:
    """An allowance or a charge (EN 16931 BG-27/BG-28 on a line): `amount` or `percent`, and
    `reason`, `reason_code` or both.

        Attributes:
            amount (float | None | str | Unset): A fixed amount (BT-136 / BT-141).
            percent (float | None | str | Unset): Instead of `amount`: a percentage of the line's amount (BT-138).
            reason (None | str | Unset): Why (BT-139 / BT-144).
            reason_code (None | str | Unset): The reason's code (BT-140 / BT-145): UNCL 5189 for an allowance (`95`
                discount), UNCL 7161 for a charge (`FC` freight).
    """

    amount: float | None | str | Unset = UNSET
    percent: float | None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    reason_code: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount: float | None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        percent: float | None | str | Unset
        if isinstance(self.percent, Unset):
            percent = UNSET
        else:
            percent = self.percent

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        reason_code: None | str | Unset
        if isinstance(self.reason_code, Unset):
            reason_code = UNSET
        else:
            reason_code = self.reason_code

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if percent is not UNSET:
            field_dict["percent"] = percent
        if reason is not UNSET:
            field_dict["reason"] = reason
        if reason_code is not UNSET:
            field_dict["reason_code"] = reason_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_percent(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        percent = _parse_percent(d.pop("percent", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_reason_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason_code = _parse_reason_code(d.pop("reason_code", UNSET))

        adjustment_in = cls(
            amount=amount,
            percent=percent,
            reason=reason,
            reason_code=reason_code,
        )

        return adjustment_in
