from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CancelIn")


@_attrs_define
class CancelIn:
    """Now (default), or at the end of the current period; canceling now with `prorate`
    credits the unused time of the period paid in advance (docs/billing.md).

        Attributes:
            at_period_end (bool | Unset):  Default: False.
            prorate (bool | Unset):  Default: False.
    """

    at_period_end: bool | Unset = False
    prorate: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        at_period_end = self.at_period_end

        prorate = self.prorate

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if at_period_end is not UNSET:
            field_dict["at_period_end"] = at_period_end
        if prorate is not UNSET:
            field_dict["prorate"] = prorate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at_period_end = d.pop("at_period_end", UNSET)

        prorate = d.pop("prorate", UNSET)

        cancel_in = cls(
            at_period_end=at_period_end,
            prorate=prorate,
        )

        return cancel_in
