from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreditNoteLineOut")


@_attrs_define
class CreditNoteLineOut:
    """
    Attributes:
        id (None | str): null in a preview.
        type_ (str):
        invoice_line (None | str):
        description (None | str):
        quantity (None | str): null when the line credits an amount.
        unit_amount (None | str):
        amount (str): In the line's terms: gross of tax when tax-inclusive.
        discount_amount (str):
        tax_rate (str):
        tax_inclusive (bool):
        tax_amount (str):
        object_ (Literal['credit_note_line_item'] | Unset):  Default: 'credit_note_line_item'.
    """

    id: None | str
    type_: str
    invoice_line: None | str
    description: None | str
    quantity: None | str
    unit_amount: None | str
    amount: str
    discount_amount: str
    tax_rate: str
    tax_inclusive: bool
    tax_amount: str
    object_: Literal["credit_note_line_item"] | Unset = "credit_note_line_item"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str
        id = self.id

        type_ = self.type_

        invoice_line: None | str
        invoice_line = self.invoice_line

        description: None | str
        description = self.description

        quantity: None | str
        quantity = self.quantity

        unit_amount: None | str
        unit_amount = self.unit_amount

        amount = self.amount

        discount_amount = self.discount_amount

        tax_rate = self.tax_rate

        tax_inclusive = self.tax_inclusive

        tax_amount = self.tax_amount

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "invoice_line": invoice_line,
                "description": description,
                "quantity": quantity,
                "unit_amount": unit_amount,
                "amount": amount,
                "discount_amount": discount_amount,
                "tax_rate": tax_rate,
                "tax_inclusive": tax_inclusive,
                "tax_amount": tax_amount,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))

        type_ = d.pop("type")

        def _parse_invoice_line(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invoice_line = _parse_invoice_line(d.pop("invoice_line"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_quantity(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        quantity = _parse_quantity(d.pop("quantity"))

        def _parse_unit_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit_amount = _parse_unit_amount(d.pop("unit_amount"))

        amount = d.pop("amount")

        discount_amount = d.pop("discount_amount")

        tax_rate = d.pop("tax_rate")

        tax_inclusive = d.pop("tax_inclusive")

        tax_amount = d.pop("tax_amount")

        object_ = cast(Literal["credit_note_line_item"] | Unset, d.pop("object", UNSET))
        if object_ != "credit_note_line_item" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'credit_note_line_item', got '{object_}'")

        credit_note_line_out = cls(
            id=id,
            type_=type_,
            invoice_line=invoice_line,
            description=description,
            quantity=quantity,
            unit_amount=unit_amount,
            amount=amount,
            discount_amount=discount_amount,
            tax_rate=tax_rate,
            tax_inclusive=tax_inclusive,
            tax_amount=tax_amount,
            object_=object_,
        )

        credit_note_line_out.additional_properties = d
        return credit_note_line_out

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
