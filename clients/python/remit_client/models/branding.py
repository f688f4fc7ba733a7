from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Branding")


@_attrs_define
class Branding:
    """
    Attributes:
        logo_url (None | str | Unset):
        primary_color (None | str | Unset):
    """

    logo_url: None | str | Unset = UNSET
    primary_color: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        logo_url: None | str | Unset
        if isinstance(self.logo_url, Unset):
            logo_url = UNSET
        else:
            logo_url = self.logo_url

        primary_color: None | str | Unset
        if isinstance(self.primary_color, Unset):
            primary_color = UNSET
        else:
            primary_color = self.primary_color

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if logo_url is not UNSET:
            field_dict["logo_url"] = logo_url
        if primary_color is not UNSET:
            field_dict["primary_color"] = primary_color

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_logo_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        logo_url = _parse_logo_url(d.pop("logo_url", UNSET))

        def _parse_primary_color(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        primary_color = _parse_primary_color(d.pop("primary_color", UNSET))

        branding = cls(
            logo_url=logo_url,
            primary_color=primary_color,
        )

        return branding
