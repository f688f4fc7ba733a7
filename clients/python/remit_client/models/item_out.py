from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_out_metadata import ItemOutMetadata


T = TypeVar("T", bound="ItemOut")


@_attrs_define
class ItemOut:
    """
    Attributes:
        id (str):
        plan (str):
        quantity (int):
        metadata (ItemOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['subscription_item'] | Unset):  Default: 'subscription_item'.
    """

    id: str
    plan: str
    quantity: int
    metadata: ItemOutMetadata
    created_at: datetime.datetime
    object_: Literal["subscription_item"] | Unset = "subscription_item"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        plan = self.plan

        quantity = self.quantity

        metadata = self.metadata.to_dict()

        created_at = self.created_at.isoformat()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "plan": plan,
                "quantity": quantity,
                "metadata": metadata,
                "created_at": created_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_out_metadata import ItemOutMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        plan = d.pop("plan")

        quantity = d.pop("quantity")

        metadata = ItemOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        object_ = cast(Literal["subscription_item"] | Unset, d.pop("object", UNSET))
        if object_ != "subscription_item" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'subscription_item', got '{object_}'")

        item_out = cls(
            id=id,
            plan=plan,
            quantity=quantity,
            metadata=metadata,
            created_at=created_at,
            object_=object_,
        )

        item_out.additional_properties = d
        return item_out

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
