from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.usage_event_out_payload import UsageEventOutPayload


T = TypeVar("T", bound="UsageEventOut")


@_attrs_define
class UsageEventOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        event_name (str):
        customer (str):
        identifier (str):
        timestamp (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        payload (UsageEventOutPayload):
        invoice (None | str): The invoice that billed it, once one has.
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['usage_event'] | Unset):  Default: 'usage_event'.
    """

    id: str
    livemode: bool
    event_name: str
    customer: str
    identifier: str
    timestamp: datetime.datetime
    payload: UsageEventOutPayload
    invoice: None | str
    created_at: datetime.datetime
    object_: Literal["usage_event"] | Unset = "usage_event"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        event_name = self.event_name

        customer = self.customer

        identifier = self.identifier

        timestamp = self.timestamp.isoformat()

        payload = self.payload.to_dict()

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
                "event_name": event_name,
                "customer": customer,
                "identifier": identifier,
                "timestamp": timestamp,
                "payload": payload,
                "invoice": invoice,
                "created_at": created_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_event_out_payload import UsageEventOutPayload  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        event_name = d.pop("event_name")

        customer = d.pop("customer")

        identifier = d.pop("identifier")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        payload = UsageEventOutPayload.from_dict(d.pop("payload"))

        def _parse_invoice(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invoice = _parse_invoice(d.pop("invoice"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        object_ = cast(Literal["usage_event"] | Unset, d.pop("object", UNSET))
        if object_ != "usage_event" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'usage_event', got '{object_}'")

        usage_event_out = cls(
            id=id,
            livemode=livemode,
            event_name=event_name,
            customer=customer,
            identifier=identifier,
            timestamp=timestamp,
            payload=payload,
            invoice=invoice,
            created_at=created_at,
            object_=object_,
        )

        usage_event_out.additional_properties = d
        return usage_event_out

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
