from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsageRecordCreate")


@_attrs_define
class UsageRecordCreate:
    """
    Attributes:
        identifier (str): Unique per subscription: the same usage sent twice is refused (409).
        quantity (float | str): A decimal in major units, as a string (preferred) or a JSON number.
        timestamp (datetime.datetime | None | Unset): When it was used; default now.
        invoice (None | str | Unset): A draft invoice of the customer to bill it on; without it, the customer's next
            invoice in the plan's currency.
    """

    identifier: str
    quantity: float | str
    timestamp: datetime.datetime | None | Unset = UNSET
    invoice: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        identifier = self.identifier

        quantity: float | str
        quantity = self.quantity

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        invoice: None | str | Unset
        if isinstance(self.invoice, Unset):
            invoice = UNSET
        else:
            invoice = self.invoice

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "identifier": identifier,
                "quantity": quantity,
            }
        )
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if invoice is not UNSET:
            field_dict["invoice"] = invoice

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        identifier = d.pop("identifier")

        def _parse_quantity(data: object) -> float | str:
            return cast(float | str, data)

        quantity = _parse_quantity(d.pop("quantity"))

        def _parse_timestamp(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                timestamp_type_0 = datetime.datetime.fromisoformat(data)

                return timestamp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        timestamp = _parse_timestamp(d.pop("timestamp", UNSET))

        def _parse_invoice(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice = _parse_invoice(d.pop("invoice", UNSET))

        usage_record_create = cls(
            identifier=identifier,
            quantity=quantity,
            timestamp=timestamp,
            invoice=invoice,
        )

        return usage_record_create
