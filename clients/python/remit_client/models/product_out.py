from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_out_metadata import ProductOutMetadata


T = TypeVar("T", bound="ProductOut")


@_attrs_define
class ProductOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        name (str):
        description (None | str):
        active (bool):
        metadata (ProductOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['product'] | Unset):  Default: 'product'.
    """

    id: str
    livemode: bool
    name: str
    description: None | str
    active: bool
    metadata: ProductOutMetadata
    created_at: datetime.datetime
    updated_at: datetime.datetime
    object_: Literal["product"] | Unset = "product"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        name = self.name

        description: None | str
        description = self.description

        active = self.active

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
                "name": name,
                "description": description,
                "active": active,
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
        from ..models.product_out_metadata import ProductOutMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        active = d.pop("active")

        metadata = ProductOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        object_ = cast(Literal["product"] | Unset, d.pop("object", UNSET))
        if object_ != "product" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'product', got '{object_}'")

        product_out = cls(
            id=id,
            livemode=livemode,
            name=name,
            description=description,
            active=active,
            metadata=metadata,
            created_at=created_at,
            updated_at=updated_at,
            object_=object_,
        )

        product_out.additional_properties = d
        return product_out

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
