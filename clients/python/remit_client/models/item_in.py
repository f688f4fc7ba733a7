from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_in_metadata import ItemInMetadata


T = TypeVar("T", bound="ItemIn")


@_attrs_define
class ItemIn:
    """
    Attributes:
        plan (str):
        quantity (int | Unset):  Default: 1.
        metadata (ItemInMetadata | Unset):
    """

    plan: str
    quantity: int | Unset = 1
    metadata: ItemInMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        plan = self.plan

        quantity = self.quantity

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "plan": plan,
            }
        )
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_in_metadata import ItemInMetadata  # noqa: PLC0415

        d = dict(src_dict)
        plan = d.pop("plan")

        quantity = d.pop("quantity", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: ItemInMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ItemInMetadata.from_dict(_metadata)

        item_in = cls(
            plan=plan,
            quantity=quantity,
            metadata=metadata,
        )

        return item_in
