from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_data import EventData
    from ..models.event_out_related_object import EventOutRelatedObject


T = TypeVar("T", bound="EventOut")


@_attrs_define
class EventOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        type_ (str):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        data (EventData): `object`, and for some types more about the change (`final` on invoice.payment_failed).
        related_object (EventOutRelatedObject):
        actor (str):
        request_id (None | str):
        object_ (Literal['event'] | Unset):  Default: 'event'.
    """

    id: str
    livemode: bool
    type_: str
    created_at: datetime.datetime
    data: EventData
    related_object: EventOutRelatedObject
    actor: str
    request_id: None | str
    object_: Literal["event"] | Unset = "event"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        type_ = self.type_

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        related_object = self.related_object.to_dict()

        actor = self.actor

        request_id: None | str
        request_id = self.request_id

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "type": type_,
                "created_at": created_at,
                "data": data,
                "related_object": related_object,
                "actor": actor,
                "request_id": request_id,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_data import EventData  # noqa: PLC0415
        from ..models.event_out_related_object import EventOutRelatedObject  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        type_ = d.pop("type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = EventData.from_dict(d.pop("data"))

        related_object = EventOutRelatedObject.from_dict(d.pop("related_object"))

        actor = d.pop("actor")

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))

        object_ = cast(Literal["event"] | Unset, d.pop("object", UNSET))
        if object_ != "event" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'event', got '{object_}'")

        event_out = cls(
            id=id,
            livemode=livemode,
            type_=type_,
            created_at=created_at,
            data=data,
            related_object=related_object,
            actor=actor,
            request_id=request_id,
            object_=object_,
        )

        event_out.additional_properties = d
        return event_out

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
