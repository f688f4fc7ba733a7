from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_endpoint_out_metadata import WebhookEndpointOutMetadata


T = TypeVar("T", bound="WebhookEndpointOut")


@_attrs_define
class WebhookEndpointOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        url (str):
        events (list[str]):
        format_ (str):
        description (None | str):
        enabled (bool):
        disabled_reason (None | str):
        metadata (WebhookEndpointOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['webhook_endpoint'] | Unset):  Default: 'webhook_endpoint'.
    """

    id: str
    livemode: bool
    url: str
    events: list[str]
    format_: str
    description: None | str
    enabled: bool
    disabled_reason: None | str
    metadata: WebhookEndpointOutMetadata
    created_at: datetime.datetime
    updated_at: datetime.datetime
    object_: Literal["webhook_endpoint"] | Unset = "webhook_endpoint"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        url = self.url

        events = self.events

        format_ = self.format_

        description: None | str
        description = self.description

        enabled = self.enabled

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

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
                "url": url,
                "events": events,
                "format": format_,
                "description": description,
                "enabled": enabled,
                "disabled_reason": disabled_reason,
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
        from ..models.webhook_endpoint_out_metadata import WebhookEndpointOutMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        url = d.pop("url")

        events = cast(list[str], d.pop("events"))

        format_ = d.pop("format")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        enabled = d.pop("enabled")

        def _parse_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))

        metadata = WebhookEndpointOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        object_ = cast(Literal["webhook_endpoint"] | Unset, d.pop("object", UNSET))
        if object_ != "webhook_endpoint" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'webhook_endpoint', got '{object_}'")

        webhook_endpoint_out = cls(
            id=id,
            livemode=livemode,
            url=url,
            events=events,
            format_=format_,
            description=description,
            enabled=enabled,
            disabled_reason=disabled_reason,
            metadata=metadata,
            created_at=created_at,
            updated_at=updated_at,
            object_=object_,
        )

        webhook_endpoint_out.additional_properties = d
        return webhook_endpoint_out

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
