from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.subscription_update_proration_behavior import (
    SubscriptionUpdateProrationBehavior,
    check_subscription_update_proration_behavior,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_change_in import ItemChangeIn
    from ..models.subscription_update_metadata_type_0 import SubscriptionUpdateMetadataType0


T = TypeVar("T", bound="SubscriptionUpdate")


@_attrs_define
class SubscriptionUpdate:
    """Items changed, added or removed (prorated as `proration_behavior` says), and the
    subscription's own fields; metadata merges (null drops a key).

        Attributes:
            items (list[ItemChangeIn] | None | Unset):
            proration_behavior (SubscriptionUpdateProrationBehavior | Unset): `create_prorations`: the change's credit and
                charge wait, as pending invoice items, for the next invoice; `always_invoice`: they are invoiced now; `none`.
                Default: 'create_prorations'.
            cancel_at_period_end (bool | None | Unset):
            metadata (None | SubscriptionUpdateMetadataType0 | Unset):
    """

    items: list[ItemChangeIn] | None | Unset = UNSET
    proration_behavior: SubscriptionUpdateProrationBehavior | Unset = "create_prorations"
    cancel_at_period_end: bool | None | Unset = UNSET
    metadata: None | SubscriptionUpdateMetadataType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.subscription_update_metadata_type_0 import SubscriptionUpdateMetadataType0  # noqa: PLC0415

        items: list[dict[str, Any]] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)

        else:
            items = self.items

        proration_behavior: str | Unset = UNSET
        if not isinstance(self.proration_behavior, Unset):
            proration_behavior = self.proration_behavior

        cancel_at_period_end: bool | None | Unset
        if isinstance(self.cancel_at_period_end, Unset):
            cancel_at_period_end = UNSET
        else:
            cancel_at_period_end = self.cancel_at_period_end

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, SubscriptionUpdateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if items is not UNSET:
            field_dict["items"] = items
        if proration_behavior is not UNSET:
            field_dict["proration_behavior"] = proration_behavior
        if cancel_at_period_end is not UNSET:
            field_dict["cancel_at_period_end"] = cancel_at_period_end
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_change_in import ItemChangeIn  # noqa: PLC0415
        from ..models.subscription_update_metadata_type_0 import SubscriptionUpdateMetadataType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_items(data: object) -> list[ItemChangeIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in _items_type_0:
                    items_type_0_item = ItemChangeIn.from_dict(items_type_0_item_data)

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ItemChangeIn] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

        _proration_behavior = d.pop("proration_behavior", UNSET)
        proration_behavior: SubscriptionUpdateProrationBehavior | Unset
        if isinstance(_proration_behavior, Unset):
            proration_behavior = UNSET
        else:
            proration_behavior = check_subscription_update_proration_behavior(_proration_behavior)

        def _parse_cancel_at_period_end(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        cancel_at_period_end = _parse_cancel_at_period_end(d.pop("cancel_at_period_end", UNSET))

        def _parse_metadata(data: object) -> None | SubscriptionUpdateMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = SubscriptionUpdateMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SubscriptionUpdateMetadataType0 | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        subscription_update = cls(
            items=items,
            proration_behavior=proration_behavior,
            cancel_at_period_end=cancel_at_period_end,
            metadata=metadata,
        )

        return subscription_update
