from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.meter_create_aggregation import MeterCreateAggregation, check_meter_create_aggregation
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meter_create_metadata import MeterCreateMetadata


T = TypeVar("T", bound="MeterCreate")


@_attrs_define
class MeterCreate:
    """
    Attributes:
        event_name (str): The usage events it adds up; unique per mode.
        aggregation (MeterCreateAggregation):
        value_key (None | str | Unset): The payload key holding each event's value: required for sum, max, last and
            unique_count; a count meter has none.
        display_name (None | str | Unset):
        metadata (MeterCreateMetadata | Unset):
    """

    event_name: str
    aggregation: MeterCreateAggregation
    value_key: None | str | Unset = UNSET
    display_name: None | str | Unset = UNSET
    metadata: MeterCreateMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event_name = self.event_name

        aggregation: str = self.aggregation

        value_key: None | str | Unset
        if isinstance(self.value_key, Unset):
            value_key = UNSET
        else:
            value_key = self.value_key

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_name": event_name,
                "aggregation": aggregation,
            }
        )
        if value_key is not UNSET:
            field_dict["value_key"] = value_key
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meter_create_metadata import MeterCreateMetadata  # noqa: PLC0415

        d = dict(src_dict)
        event_name = d.pop("event_name")

        aggregation = check_meter_create_aggregation(d.pop("aggregation"))

        def _parse_value_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value_key = _parse_value_key(d.pop("value_key", UNSET))

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: MeterCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = MeterCreateMetadata.from_dict(_metadata)

        meter_create = cls(
            event_name=event_name,
            aggregation=aggregation,
            value_key=value_key,
            display_name=display_name,
            metadata=metadata,
        )

        return meter_create
