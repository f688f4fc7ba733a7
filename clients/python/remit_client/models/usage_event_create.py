from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.usage_event_create_payload import UsageEventCreatePayload


T = TypeVar("T", bound="UsageEventCreate")


@_attrs_define
class UsageEventCreate:
    """
    Attributes:
        event_name (str):
        customer (str):
        identifier (str): Unique per mode: the same identifier and body again is a replay (200), with another body a
            409.
        timestamp (datetime.datetime | None | Unset): When it happened; default now; at most 5 minutes ahead.
        payload (UsageEventCreatePayload | Unset):
    """

    event_name: str
    customer: str
    identifier: str
    timestamp: datetime.datetime | None | Unset = UNSET
    payload: UsageEventCreatePayload | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event_name = self.event_name

        customer = self.customer

        identifier = self.identifier

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        payload: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payload, Unset):
            payload = self.payload.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_name": event_name,
                "customer": customer,
                "identifier": identifier,
            }
        )
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if payload is not UNSET:
            field_dict["payload"] = payload

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_event_create_payload import UsageEventCreatePayload  # noqa: PLC0415

        d = dict(src_dict)
        event_name = d.pop("event_name")

        customer = d.pop("customer")

        identifier = d.pop("identifier")

        def _parse_timestamp(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                timestamp_type_0 = datetime.datetime.fromisoformat(data)

                return timestamp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        timestamp = _parse_timestamp(d.pop("timestamp", UNSET))

        _payload = d.pop("payload", UNSET)
        payload: UsageEventCreatePayload | Unset
        if isinstance(_payload, Unset):
            payload = UNSET
        else:
            payload = UsageEventCreatePayload.from_dict(_payload)

        usage_event_create = cls(
            event_name=event_name,
            customer=customer,
            identifier=identifier,
            timestamp=timestamp,
            payload=payload,
        )

        return usage_event_create
