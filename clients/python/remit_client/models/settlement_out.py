from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.settlement_out_metadata import SettlementOutMetadata


T = TypeVar("T", bound="SettlementOut")


@_attrs_define
class SettlementOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        invoice (str):
        amount (str):
        amount_refunded (str): What its pending and succeeded refunds take back (`/v1/refunds`).
        currency (str):
        method (str):
        reference (None | str):
        description (None | str):
        processor_reference (None | str): The processor's id for a charge (or a chain's transaction hash).
        status (str):
        recorded_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        confirmed_at (datetime.datetime | None):
        failed_at (datetime.datetime | None):
        metadata (SettlementOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['settlement'] | Unset):  Default: 'settlement'.
    """

    id: str
    livemode: bool
    invoice: str
    amount: str
    amount_refunded: str
    currency: str
    method: str
    reference: None | str
    description: None | str
    processor_reference: None | str
    status: str
    recorded_at: datetime.datetime
    confirmed_at: datetime.datetime | None
    failed_at: datetime.datetime | None
    metadata: SettlementOutMetadata
    created_at: datetime.datetime
    updated_at: datetime.datetime
    object_: Literal["settlement"] | Unset = "settlement"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        invoice = self.invoice

        amount = self.amount

        amount_refunded = self.amount_refunded

        currency = self.currency

        method = self.method

        reference: None | str
        reference = self.reference

        description: None | str
        description = self.description

        processor_reference: None | str
        processor_reference = self.processor_reference

        status = self.status

        recorded_at = self.recorded_at.isoformat()

        confirmed_at: None | str
        if isinstance(self.confirmed_at, datetime.datetime):
            confirmed_at = self.confirmed_at.isoformat()
        else:
            confirmed_at = self.confirmed_at

        failed_at: None | str
        if isinstance(self.failed_at, datetime.datetime):
            failed_at = self.failed_at.isoformat()
        else:
            failed_at = self.failed_at

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
                "invoice": invoice,
                "amount": amount,
                "amount_refunded": amount_refunded,
                "currency": currency,
                "method": method,
                "reference": reference,
                "description": description,
                "processor_reference": processor_reference,
                "status": status,
                "recorded_at": recorded_at,
                "confirmed_at": confirmed_at,
                "failed_at": failed_at,
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
        from ..models.settlement_out_metadata import SettlementOutMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        invoice = d.pop("invoice")

        amount = d.pop("amount")

        amount_refunded = d.pop("amount_refunded")

        currency = d.pop("currency")

        method = d.pop("method")

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_processor_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        processor_reference = _parse_processor_reference(d.pop("processor_reference"))

        status = d.pop("status")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        def _parse_confirmed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        confirmed_at = _parse_confirmed_at(d.pop("confirmed_at"))

        def _parse_failed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failed_at_type_0 = datetime.datetime.fromisoformat(data)

                return failed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        failed_at = _parse_failed_at(d.pop("failed_at"))

        metadata = SettlementOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        object_ = cast(Literal["settlement"] | Unset, d.pop("object", UNSET))
        if object_ != "settlement" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'settlement', got '{object_}'")

        settlement_out = cls(
            id=id,
            livemode=livemode,
            invoice=invoice,
            amount=amount,
            amount_refunded=amount_refunded,
            currency=currency,
            method=method,
            reference=reference,
            description=description,
            processor_reference=processor_reference,
            status=status,
            recorded_at=recorded_at,
            confirmed_at=confirmed_at,
            failed_at=failed_at,
            metadata=metadata,
            created_at=created_at,
            updated_at=updated_at,
            object_=object_,
        )

        settlement_out.additional_properties = d
        return settlement_out

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
