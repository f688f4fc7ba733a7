from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MeterSummaryOut")


@_attrs_define
class MeterSummaryOut:
    """
    Attributes:
        meter (str):
        customer (str):
        start (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        end (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        aggregated_value (str): The meter's aggregate, an exact decimal.
        object_ (Literal['meter_event_summary'] | Unset):  Default: 'meter_event_summary'.
    """

    meter: str
    customer: str
    start: datetime.datetime
    end: datetime.datetime
    aggregated_value: str
    object_: Literal["meter_event_summary"] | Unset = "meter_event_summary"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        meter = self.meter

        customer = self.customer

        start = self.start.isoformat()

        end = self.end.isoformat()

        aggregated_value = self.aggregated_value

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "meter": meter,
                "customer": customer,
                "start": start,
                "end": end,
                "aggregated_value": aggregated_value,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        meter = d.pop("meter")

        customer = d.pop("customer")

        start = datetime.datetime.fromisoformat(d.pop("start"))

        end = datetime.datetime.fromisoformat(d.pop("end"))

        aggregated_value = d.pop("aggregated_value")

        object_ = cast(Literal["meter_event_summary"] | Unset, d.pop("object", UNSET))
        if object_ != "meter_event_summary" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'meter_event_summary', got '{object_}'")

        meter_summary_out = cls(
            meter=meter,
            customer=customer,
            start=start,
            end=end,
            aggregated_value=aggregated_value,
            object_=object_,
        )

        meter_summary_out.additional_properties = d
        return meter_summary_out

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
