from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TierIn")


@_attrs_define
class TierIn:
    """One tier: units up to `up_to` (null, or Stripe's "inf", for the last) cost
    `unit_amount` each, plus `flat_amount` once when the tier is reached.

        Attributes:
            up_to (int | Literal['inf'] | None):
            unit_amount (float | str | Unset): A decimal in major units, as a string (preferred) or a JSON number. Default:
                '0'.
            flat_amount (float | str | Unset): A decimal in major units, as a string (preferred) or a JSON number. Default:
                '0'.
    """

    up_to: int | Literal["inf"] | None
    unit_amount: float | str | Unset = "0"
    flat_amount: float | str | Unset = "0"

    def to_dict(self) -> dict[str, Any]:
        up_to: int | Literal["inf"] | None
        up_to = self.up_to

        unit_amount: float | str | Unset
        if isinstance(self.unit_amount, Unset):
            unit_amount = UNSET
        else:
            unit_amount = self.unit_amount

        flat_amount: float | str | Unset
        if isinstance(self.flat_amount, Unset):
            flat_amount = UNSET
        else:
            flat_amount = self.flat_amount

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "up_to": up_to,
            }
        )
        if unit_amount is not UNSET:
            field_dict["unit_amount"] = unit_amount
        if flat_amount is not UNSET:
            field_dict["flat_amount"] = flat_amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_up_to(data: object) -> int | Literal["inf"] | None:
            if data is None:
                return data
            up_to_type_1 = cast(Literal["inf"], data)
            if up_to_type_1 != "inf":
                raise ValueError(f"up_to_type_1 must match const 'inf', got '{up_to_type_1}'")
            return up_to_type_1
            return cast(int | Literal["inf"] | None, data)

        up_to = _parse_up_to(d.pop("up_to"))

        def _parse_unit_amount(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        unit_amount = _parse_unit_amount(d.pop("unit_amount", UNSET))

        def _parse_flat_amount(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        flat_amount = _parse_flat_amount(d.pop("flat_amount", UNSET))

        tier_in = cls(
            up_to=up_to,
            unit_amount=unit_amount,
            flat_amount=flat_amount,
        )

        return tier_in
