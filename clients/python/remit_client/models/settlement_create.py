from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.settlement_create_method import SettlementCreateMethod, check_settlement_create_method
from ..models.settlement_create_status import SettlementCreateStatus, check_settlement_create_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.settlement_create_metadata import SettlementCreateMetadata


T = TypeVar("T", bound="SettlementCreate")


@_attrs_define
class SettlementCreate:
    """
    Attributes:
        method (SettlementCreateMethod):
        amount (float | None | str | Unset): Defaults to what is left to pay on the invoice.
        currency (None | str | Unset):
        reference (None | str | Unset):
        description (None | str | Unset): A note on the payment (shown on the invoice's transactions).
        status (SettlementCreateStatus | Unset):  Default: 'confirmed'.
        recorded_at (datetime.datetime | None | Unset):
        allow_overpayment (bool | Unset):  Default: False.
        metadata (SettlementCreateMetadata | Unset):
    """

    method: SettlementCreateMethod
    amount: float | None | str | Unset = UNSET
    currency: None | str | Unset = UNSET
    reference: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    status: SettlementCreateStatus | Unset = "confirmed"
    recorded_at: datetime.datetime | None | Unset = UNSET
    allow_overpayment: bool | Unset = False
    metadata: SettlementCreateMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        method: str = self.method

        amount: float | None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        recorded_at: None | str | Unset
        if isinstance(self.recorded_at, Unset):
            recorded_at = UNSET
        elif isinstance(self.recorded_at, datetime.datetime):
            recorded_at = self.recorded_at.isoformat()
        else:
            recorded_at = self.recorded_at

        allow_overpayment = self.allow_overpayment

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "method": method,
            }
        )
        if amount is not UNSET:
            field_dict["amount"] = amount
        if currency is not UNSET:
            field_dict["currency"] = currency
        if reference is not UNSET:
            field_dict["reference"] = reference
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if recorded_at is not UNSET:
            field_dict["recorded_at"] = recorded_at
        if allow_overpayment is not UNSET:
            field_dict["allow_overpayment"] = allow_overpayment
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.settlement_create_metadata import SettlementCreateMetadata  # noqa: PLC0415

        d = dict(src_dict)
        method = check_settlement_create_method(d.pop("method"))

        def _parse_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _status = d.pop("status", UNSET)
        status: SettlementCreateStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_settlement_create_status(_status)

        def _parse_recorded_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recorded_at_type_0 = datetime.datetime.fromisoformat(data)

                return recorded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        recorded_at = _parse_recorded_at(d.pop("recorded_at", UNSET))

        allow_overpayment = d.pop("allow_overpayment", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: SettlementCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = SettlementCreateMetadata.from_dict(_metadata)

        settlement_create = cls(
            method=method,
            amount=amount,
            currency=currency,
            reference=reference,
            description=description,
            status=status,
            recorded_at=recorded_at,
            allow_overpayment=allow_overpayment,
            metadata=metadata,
        )

        return settlement_create
