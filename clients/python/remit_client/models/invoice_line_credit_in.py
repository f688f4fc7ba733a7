from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceLineCreditIn")


@_attrs_define
class InvoiceLineCreditIn:
    """Part of a line of the invoice: a `quantity` of it (its discount prorated), or an
    `amount` of it after discount, in the line's terms (gross when tax-inclusive).

        Attributes:
            invoice_line (str):
            type_ (Literal['invoice_line_item'] | Unset):  Default: 'invoice_line_item'.
            quantity (float | None | str | Unset):
            amount (float | None | str | Unset):
    """

    invoice_line: str
    type_: Literal["invoice_line_item"] | Unset = "invoice_line_item"
    quantity: float | None | str | Unset = UNSET
    amount: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        invoice_line = self.invoice_line

        type_ = self.type_

        quantity: float | None | str | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        amount: float | None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "invoice_line": invoice_line,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if amount is not UNSET:
            field_dict["amount"] = amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        invoice_line = d.pop("invoice_line")

        type_ = cast(Literal["invoice_line_item"] | Unset, d.pop("type", UNSET))
        if type_ != "invoice_line_item" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'invoice_line_item', got '{type_}'")

        def _parse_quantity(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        invoice_line_credit_in = cls(
            invoice_line=invoice_line,
            type_=type_,
            quantity=quantity,
            amount=amount,
        )

        return invoice_line_credit_in
