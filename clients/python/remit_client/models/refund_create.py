from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.refund_create_reason_type_0 import RefundCreateReasonType0, check_refund_create_reason_type_0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.refund_create_metadata import RefundCreateMetadata


T = TypeVar("T", bound="RefundCreate")


@_attrs_define
class RefundCreate:
    """
    Attributes:
        settlement (str): The confirmed settlement to refund (`stl_…`).
        amount (float | None | str | Unset): Defaults to what is left to refund of the settlement.
        reason (None | RefundCreateReasonType0 | Unset):
        description (None | str | Unset):
        metadata (RefundCreateMetadata | Unset):
    """

    settlement: str
    amount: float | None | str | Unset = UNSET
    reason: None | RefundCreateReasonType0 | Unset = UNSET
    description: None | str | Unset = UNSET
    metadata: RefundCreateMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        settlement = self.settlement

        amount: float | None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        elif isinstance(self.reason, str):
            reason = self.reason
        else:
            reason = self.reason

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
                "settlement": settlement,
            }
        )
        if amount is not UNSET:
            field_dict["amount"] = amount
        if reason is not UNSET:
            field_dict["reason"] = reason
        if description is not UNSET:
            field_dict["description"] = description
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.refund_create_metadata import RefundCreateMetadata  # noqa: PLC0415

        d = dict(src_dict)
        settlement = d.pop("settlement")

        def _parse_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_reason(data: object) -> None | RefundCreateReasonType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = check_refund_create_reason_type_0(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RefundCreateReasonType0 | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: RefundCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RefundCreateMetadata.from_dict(_metadata)

        refund_create = cls(
            settlement=settlement,
            amount=amount,
            reason=reason,
            description=description,
            metadata=metadata,
        )

        return refund_create
