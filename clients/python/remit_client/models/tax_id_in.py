from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.tax_id_in_type import TaxIdInType, check_tax_id_in_type

T = TypeVar("T", bound="TaxIdIn")


@_attrs_define
class TaxIdIn:
    """
    Attributes:
        type_ (TaxIdInType): Stripe's name for the kind of id (docs/einvoicing.md).
        value (str): As written (spaces, dots, dashes allowed); kept in its compact form.
    """

    type_: TaxIdInType
    value: str

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = check_tax_id_in_type(d.pop("type"))

        value = d.pop("value")

        tax_id_in = cls(
            type_=type_,
            value=value,
        )

        return tax_id_in
