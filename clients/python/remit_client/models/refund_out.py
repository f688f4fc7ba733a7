from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.refund_out_metadata import RefundOutMetadata


T = TypeVar("T", bound="RefundOut")


@_attrs_define
class RefundOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        settlement (str):
        invoice (str):
        credit_note (None | str):
        amount (str):
        currency (str):
        reason (None | str):
        status (str): pending | succeeded | failed
        processor (str): The settlement's processor; `manual`: made by hand.
        processor_reference (None | str): The processor's id for the refund.
        failure_code (None | str):
        failure_message (None | str):
        description (None | str):
        metadata (RefundOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['refund'] | Unset):  Default: 'refund'.
    """

    id: str
    livemode: bool
    settlement: str
    invoice: str
    credit_note: None | str
    amount: str
    currency: str
    reason: None | str
    status: str
    processor: str
    processor_reference: None | str
    failure_code: None | str
    failure_message: None | str
    description: None | str
    metadata: RefundOutMetadata
    created_at: datetime.datetime
    updated_at: datetime.datetime
    object_: Literal["refund"] | Unset = "refund"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        settlement = self.settlement

        invoice = self.invoice

        credit_note: None | str
        credit_note = self.credit_note

        amount = self.amount

        currency = self.currency

        reason: None | str
        reason = self.reason

        status = self.status

        processor = self.processor

        processor_reference: None | str
        processor_reference = self.processor_reference

        failure_code: None | str
        failure_code = self.failure_code

        failure_message: None | str
        failure_message = self.failure_message

        description: None | str
        description = self.description

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
                "settlement": settlement,
                "invoice": invoice,
                "credit_note": credit_note,
                "amount": amount,
                "currency": currency,
                "reason": reason,
                "status": status,
                "processor": processor,
                "processor_reference": processor_reference,
                "failure_code": failure_code,
                "failure_message": failure_message,
                "description": description,
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
        from ..models.refund_out_metadata import RefundOutMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        settlement = d.pop("settlement")

        invoice = d.pop("invoice")

        def _parse_credit_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        credit_note = _parse_credit_note(d.pop("credit_note"))

        amount = d.pop("amount")

        currency = d.pop("currency")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        status = d.pop("status")

        processor = d.pop("processor")

        def _parse_processor_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        processor_reference = _parse_processor_reference(d.pop("processor_reference"))

        def _parse_failure_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        failure_code = _parse_failure_code(d.pop("failure_code"))

        def _parse_failure_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        failure_message = _parse_failure_message(d.pop("failure_message"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        metadata = RefundOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        object_ = cast(Literal["refund"] | Unset, d.pop("object", UNSET))
        if object_ != "refund" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'refund', got '{object_}'")

        refund_out = cls(
            id=id,
            livemode=livemode,
            settlement=settlement,
            invoice=invoice,
            credit_note=credit_note,
            amount=amount,
            currency=currency,
            reason=reason,
            status=status,
            processor=processor,
            processor_reference=processor_reference,
            failure_code=failure_code,
            failure_message=failure_message,
            description=description,
            metadata=metadata,
            created_at=created_at,
            updated_at=updated_at,
            object_=object_,
        )

        refund_out.additional_properties = d
        return refund_out

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
