from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.transform_in_round import TransformInRound, check_transform_in_round

T = TypeVar("T", bound="TransformIn")


@_attrs_define
class TransformIn:
    """Package pricing: the quantity is divided by `divide_by`, rounded `up` or `down`.

    Attributes:
        divide_by (int):
        round_ (TransformInRound):
    """

    divide_by: int
    round_: TransformInRound

    def to_dict(self) -> dict[str, Any]:
        divide_by = self.divide_by

        round_: str = self.round_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "divide_by": divide_by,
                "round": round_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        divide_by = d.pop("divide_by")

        round_ = check_transform_in_round(d.pop("round"))

        transform_in = cls(
            divide_by=divide_by,
            round_=round_,
        )

        return transform_in
