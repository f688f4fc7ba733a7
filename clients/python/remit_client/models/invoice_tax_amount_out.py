from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InvoiceTaxAmountOut")


@_attrs_define
class InvoiceTaxAmountOut:
    """One entry of an invoice's tax breakdown (EN 16931 BG-23): one per category and rate
    (and tax-inclusiveness), with the exemption reason its lines state.

        Attributes:
            tax_rate (str):
            tax_inclusive (bool):
            taxable_amount (str):
            amount (str):
            tax_category (str):
            tax_exemption_reason (None | str):
            tax_exemption_reason_code (None | str):
    """

    tax_rate: str
    tax_inclusive: bool
    taxable_amount: str
    amount: str
    tax_category: str
    tax_exemption_reason: None | str
    tax_exemption_reason_code: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tax_rate = self.tax_rate

        tax_inclusive = self.tax_inclusive

        taxable_amount = self.taxable_amount

        amount = self.amount

        tax_category = self.tax_category

        tax_exemption_reason: None | str
        tax_exemption_reason = self.tax_exemption_reason

        tax_exemption_reason_code: None | str
        tax_exemption_reason_code = self.tax_exemption_reason_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tax_rate": tax_rate,
                "tax_inclusive": tax_inclusive,
                "taxable_amount": taxable_amount,
                "amount": amount,
                "tax_category": tax_category,
                "tax_exemption_reason": tax_exemption_reason,
                "tax_exemption_reason_code": tax_exemption_reason_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tax_rate = d.pop("tax_rate")

        tax_inclusive = d.pop("tax_inclusive")

        taxable_amount = d.pop("taxable_amount")

        amount = d.pop("amount")

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

        invoice_tax_amount_out = cls(
            tax_rate=tax_rate,
            tax_inclusive=tax_inclusive,
            taxable_amount=taxable_amount,
            amount=amount,
            tax_category=tax_category,
            tax_exemption_reason=tax_exemption_reason,
            tax_exemption_reason_code=tax_exemption_reason_code,
        )

        invoice_tax_amount_out.additional_properties = d
        return invoice_tax_amount_out

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
