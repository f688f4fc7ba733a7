from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.webhook_endpoint_create_format import WebhookEndpointCreateFormat, check_webhook_endpoint_create_format
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_endpoint_create_metadata import WebhookEndpointCreateMetadata


T = TypeVar("T", bound="WebhookEndpointCreate")


@_attrs_define
class WebhookEndpointCreate:
    """
    Attributes:
        url (str):
        events (list[str] | Unset):
        format_ (WebhookEndpointCreateFormat | Unset):  Default: 'standard'.
        description (None | str | Unset):
        metadata (WebhookEndpointCreateMetadata | Unset):
    """

    url: str
    events: list[str] | Unset = UNSET
    format_: WebhookEndpointCreateFormat | Unset = "standard"
    description: None | str | Unset = UNSET
    metadata: WebhookEndpointCreateMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = self.events

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if events is not UNSET:
            field_dict["events"] = events
        if format_ is not UNSET:
            field_dict["format"] = format_
        if description is not UNSET:
            field_dict["description"] = description
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_endpoint_create_metadata import WebhookEndpointCreateMetadata  # noqa: PLC0415

        d = dict(src_dict)
        url = d.pop("url")

        events = cast(list[str], d.pop("events", UNSET))

        _format_ = d.pop("format", UNSET)
        format_: WebhookEndpointCreateFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = check_webhook_endpoint_create_format(_format_)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: WebhookEndpointCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = WebhookEndpointCreateMetadata.from_dict(_metadata)

        webhook_endpoint_create = cls(
            url=url,
            events=events,
            format_=format_,
            description=description,
            metadata=metadata,
        )

        return webhook_endpoint_create
