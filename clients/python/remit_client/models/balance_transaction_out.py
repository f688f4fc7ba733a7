from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.balance_transaction_out_metadata import BalanceTransactionOutMetadata


T = TypeVar("T", bound="BalanceTransactionOut")


@_attrs_define
class BalanceTransactionOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        customer (str):
        currency (str):
        amount (str):
        ending_balance (str): The customer's balance right after this one.
        type_ (str):
        invoice (None | str):
        credit_note (None | str):
        settlement (None | str):
        description (None | str):
        metadata (BalanceTransactionOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['customer_balance_transaction'] | Unset):  Default: 'customer_balance_transaction'.
    """

    id: str
    livemode: bool
    customer: str
    currency: str
    amount: str
    ending_balance: str
    type_: str
    invoice: None | str
    credit_note: None | str
    settlement: None | str
    description: None | str
    metadata: BalanceTransactionOutMetadata
    created_at: datetime.datetime
    object_: Literal["customer_balance_transaction"] | Unset = "customer_balance_transaction"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        customer = self.customer

        currency = self.currency

        amount = self.amount

        ending_balance = self.ending_balance

        type_ = self.type_

        invoice: None | str
        invoice = self.invoice

        credit_note: None | str
        credit_note = self.credit_note

        settlement: None | str
        settlement = self.settlement

        description: None | str
        description = self.description

        metadata = self.metadata.to_dict()

        created_at = self.created_at.isoformat()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "customer": customer,
                "currency": currency,
                "amount": amount,
                "ending_balance": ending_balance,
                "type": type_,
                "invoice": invoice,
                "credit_note": credit_note,
                "settlement": settlement,
                "description": description,
                "metadata": metadata,
                "created_at": created_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.balance_transaction_out_metadata import BalanceTransactionOutMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        customer = d.pop("customer")

        currency = d.pop("currency")

        amount = d.pop("amount")

        ending_balance = d.pop("ending_balance")

        type_ = d.pop("type")

        def _parse_invoice(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invoice = _parse_invoice(d.pop("invoice"))

        def _parse_credit_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credit_note = _parse_credit_note(d.pop("credit_note"))

        def _parse_settlement(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        settlement = _parse_settlement(d.pop("settlement"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        metadata = BalanceTransactionOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        object_ = cast(Literal["customer_balance_transaction"] | Unset, d.pop("object", UNSET))
        if object_ != "customer_balance_transaction" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'customer_balance_transaction', got '{object_}'")

        balance_transaction_out = cls(
            id=id,
            livemode=livemode,
            customer=customer,
            currency=currency,
            amount=amount,
            ending_balance=ending_balance,
            type_=type_,
            invoice=invoice,
            credit_note=credit_note,
            settlement=settlement,
            description=description,
            metadata=metadata,
            created_at=created_at,
            object_=object_,
        )

        balance_transaction_out.additional_properties = d
        return balance_transaction_out

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
