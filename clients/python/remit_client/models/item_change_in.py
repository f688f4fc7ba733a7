from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_change_in_metadata_type_0 import ItemChangeInMetadataType0


T = TypeVar("T", bound="ItemChangeIn")


@_attrs_define
class ItemChangeIn:
    """One item of a change: an existing item by `id` (a new `plan`, a new `quantity`, or
    `deleted`), or a new item (a `plan`, without `id`).

        Attributes:
            id (None | str | Unset):
            plan (None | str | Unset):
            quantity (int | None | Unset):
            deleted (bool | Unset):  Default: False.
            metadata (ItemChangeInMetadataType0 | None | Unset):
    """

    id: None | str | Unset = UNSET
    plan: None | str | Unset = UNSET
    quantity: int | None | Unset = UNSET
    deleted: bool | Unset = False
    metadata: ItemChangeInMetadataType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.item_change_in_metadata_type_0 import ItemChangeInMetadataType0  # noqa: PLC0415

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        plan: None | str | Unset
        if isinstance(self.plan, Unset):
            plan = UNSET
        else:
            plan = self.plan

        quantity: int | None | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        deleted = self.deleted

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, ItemChangeInMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if plan is not UNSET:
            field_dict["plan"] = plan
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_change_in_metadata_type_0 import ItemChangeInMetadataType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_plan(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        plan = _parse_plan(d.pop("plan", UNSET))

        def _parse_quantity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        deleted = d.pop("deleted", UNSET)

        def _parse_metadata(data: object) -> ItemChangeInMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = ItemChangeInMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemChangeInMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        item_change_in = cls(
            id=id,
            plan=plan,
            quantity=quantity,
            deleted=deleted,
            metadata=metadata,
        )

        return item_change_in
