from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsageRecordOut")


@_attrs_define
class UsageRecordOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        subscription (str):
        customer (str):
        identifier (str):
        quantity (str):
        timestamp (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        invoice_item (str):
        invoice (None | str): The invoice billing it, once it is on one.
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['usage_record'] | Unset):  Default: 'usage_record'.
    """

    id: str
    livemode: bool
    subscription: str
    customer: str
    identifier: str
    quantity: str
    timestamp: datetime.datetime
    invoice_item: str
    invoice: None | str
    created_at: datetime.datetime
    object_: Literal["usage_record"] | Unset = "usage_record"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        subscription = self.subscription

        customer = self.customer

        identifier = self.identifier

        quantity = self.quantity

        timestamp = self.timestamp.isoformat()

        invoice_item = self.invoice_item

        invoice: None | str
        invoice = self.invoice

        created_at = self.created_at.isoformat()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "subscription": subscription,
                "customer": customer,
                "identifier": identifier,
                "quantity": quantity,
                "timestamp": timestamp,
                "invoice_item": invoice_item,
                "invoice": invoice,
                "created_at": created_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        subscription = d.pop("subscription")

        customer = d.pop("customer")

        identifier = d.pop("identifier")

        quantity = d.pop("quantity")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        invoice_item = d.pop("invoice_item")

        def _parse_invoice(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invoice = _parse_invoice(d.pop("invoice"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        object_ = cast(Literal["usage_record"] | Unset, d.pop("object", UNSET))
        if object_ != "usage_record" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'usage_record', got '{object_}'")

        usage_record_out = cls(
            id=id,
            livemode=livemode,
            subscription=subscription,
            customer=customer,
            identifier=identifier,
            quantity=quantity,
            timestamp=timestamp,
            invoice_item=invoice_item,
            invoice=invoice,
            created_at=created_at,
            object_=object_,
        )

        usage_record_out.additional_properties = d
        return usage_record_out

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
