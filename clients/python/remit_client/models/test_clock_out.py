from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.test_clock_out_status import TestClockOutStatus, check_test_clock_out_status
from ..types import UNSET, Unset

T = TypeVar("T", bound="TestClockOut")


@_attrs_define
class TestClockOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        name (None | str):
        frozen_time (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        status (TestClockOutStatus):
        target_time (datetime.datetime | None):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['test_helpers.test_clock'] | Unset):  Default: 'test_helpers.test_clock'.
    """

    id: str
    livemode: bool
    name: None | str
    frozen_time: datetime.datetime
    status: TestClockOutStatus
    target_time: datetime.datetime | None
    created_at: datetime.datetime
    object_: Literal["test_helpers.test_clock"] | Unset = "test_helpers.test_clock"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        name: None | str
        name = self.name

        frozen_time = self.frozen_time.isoformat()

        status: str = self.status

        target_time: None | str
        if isinstance(self.target_time, datetime.datetime):
            target_time = self.target_time.isoformat()
        else:
            target_time = self.target_time

        created_at = self.created_at.isoformat()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "name": name,
                "frozen_time": frozen_time,
                "status": status,
                "target_time": target_time,
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

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        frozen_time = datetime.datetime.fromisoformat(d.pop("frozen_time"))

        status = check_test_clock_out_status(d.pop("status"))

        def _parse_target_time(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                target_time_type_0 = datetime.datetime.fromisoformat(data)

                return target_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        target_time = _parse_target_time(d.pop("target_time"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        object_ = cast(Literal["test_helpers.test_clock"] | Unset, d.pop("object", UNSET))
        if object_ != "test_helpers.test_clock" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'test_helpers.test_clock', got '{object_}'")

        test_clock_out = cls(
            id=id,
            livemode=livemode,
            name=name,
            frozen_time=frozen_time,
            status=status,
            target_time=target_time,
            created_at=created_at,
            object_=object_,
        )

        test_clock_out.additional_properties = d
        return test_clock_out

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
