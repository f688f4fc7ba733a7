from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meter_out_metadata import MeterOutMetadata


T = TypeVar("T", bound="MeterOut")


@_attrs_define
class MeterOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        event_name (str):
        aggregation (str):
        value_key (None | str):
        display_name (None | str):
        metadata (MeterOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['meter'] | Unset):  Default: 'meter'.
    """

    id: str
    livemode: bool
    event_name: str
    aggregation: str
    value_key: None | str
    display_name: None | str
    metadata: MeterOutMetadata
    created_at: datetime.datetime
    updated_at: datetime.datetime
    object_: Literal["meter"] | Unset = "meter"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        event_name = self.event_name

        aggregation = self.aggregation

        value_key: None | str
        value_key = self.value_key

        display_name: None | str
        display_name = self.display_name

        metadata = self.metadata.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "event_name": event_name,
                "aggregation": aggregation,
                "value_key": value_key,
                "display_name": display_name,
                "metadata": metadata,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meter_out_metadata import MeterOutMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        event_name = d.pop("event_name")

        aggregation = d.pop("aggregation")

        def _parse_value_key(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        value_key = _parse_value_key(d.pop("value_key"))

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        metadata = MeterOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        object_ = cast(Literal["meter"] | Unset, d.pop("object", UNSET))
        if object_ != "meter" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'meter', got '{object_}'")

        meter_out = cls(
            id=id,
            livemode=livemode,
            event_name=event_name,
            aggregation=aggregation,
            value_key=value_key,
            display_name=display_name,
            metadata=metadata,
            created_at=created_at,
            updated_at=updated_at,
            object_=object_,
        )

        meter_out.additional_properties = d
        return meter_out

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
