from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.adjustment_out import AdjustmentOut
    from ..models.invoice_item_out_metadata import InvoiceItemOutMetadata


T = TypeVar("T", bound="InvoiceItemOut")


@_attrs_define
class InvoiceItemOut:
    """
    Attributes:
        id (str):
        customer (str):
        invoice (None | str):
        currency (str):
        description (None | str):
        quantity (str):
        unit_amount (str):
        amount (str):
        allowances (list[AdjustmentOut]):
        charges (list[AdjustmentOut]):
        net_amount (str): amount − allowances + charges (EN 16931 BT-131).
        tax_rate (None | str):
        period_start (datetime.datetime | None):
        period_end (datetime.datetime | None):
        metadata (InvoiceItemOutMetadata):
        created_at (datetime.datetime | None):
        object_ (Literal['invoice_item'] | Unset):  Default: 'invoice_item'.
    """

    id: str
    customer: str
    invoice: None | str
    currency: str
    description: None | str
    quantity: str
    unit_amount: str
    amount: str
    allowances: list[AdjustmentOut]
    charges: list[AdjustmentOut]
    net_amount: str
    tax_rate: None | str
    period_start: datetime.datetime | None
    period_end: datetime.datetime | None
    metadata: InvoiceItemOutMetadata
    created_at: datetime.datetime | None
    object_: Literal["invoice_item"] | Unset = "invoice_item"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        customer = self.customer

        invoice: None | str
        invoice = self.invoice

        currency = self.currency

        description: None | str
        description = self.description

        quantity = self.quantity

        unit_amount = self.unit_amount

        amount = self.amount

        allowances = []
        for allowances_item_data in self.allowances:
            allowances_item = allowances_item_data.to_dict()
            allowances.append(allowances_item)

        charges = []
        for charges_item_data in self.charges:
            charges_item = charges_item_data.to_dict()
            charges.append(charges_item)

        net_amount = self.net_amount

        tax_rate: None | str
        tax_rate = self.tax_rate

        period_start: None | str
        if isinstance(self.period_start, datetime.datetime):
            period_start = self.period_start.isoformat()
        else:
            period_start = self.period_start

        period_end: None | str
        if isinstance(self.period_end, datetime.datetime):
            period_end = self.period_end.isoformat()
        else:
            period_end = self.period_end

        metadata = self.metadata.to_dict()

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "customer": customer,
                "invoice": invoice,
                "currency": currency,
                "description": description,
                "quantity": quantity,
                "unit_amount": unit_amount,
                "amount": amount,
                "allowances": allowances,
                "charges": charges,
                "net_amount": net_amount,
                "tax_rate": tax_rate,
                "period_start": period_start,
                "period_end": period_end,
                "metadata": metadata,
                "created_at": created_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.adjustment_out import AdjustmentOut  # noqa: PLC0415
        from ..models.invoice_item_out_metadata import InvoiceItemOutMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        customer = d.pop("customer")

        def _parse_invoice(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invoice = _parse_invoice(d.pop("invoice"))

        currency = d.pop("currency")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        quantity = d.pop("quantity")

        unit_amount = d.pop("unit_amount")

        amount = d.pop("amount")

        allowances = []
        _allowances = d.pop("allowances")
        for allowances_item_data in _allowances:
            allowances_item = AdjustmentOut.from_dict(allowances_item_data)

            allowances.append(allowances_item)

        charges = []
        _charges = d.pop("charges")
        for charges_item_data in _charges:
            charges_item = AdjustmentOut.from_dict(charges_item_data)

            charges.append(charges_item)

        net_amount = d.pop("net_amount")

        def _parse_tax_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tax_rate = _parse_tax_rate(d.pop("tax_rate"))

        def _parse_period_start(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_start_type_0 = datetime.datetime.fromisoformat(data)

                return period_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        period_start = _parse_period_start(d.pop("period_start"))

        def _parse_period_end(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_end_type_0 = datetime.datetime.fromisoformat(data)

                return period_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        period_end = _parse_period_end(d.pop("period_end"))

        metadata = InvoiceItemOutMetadata.from_dict(d.pop("metadata"))

        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))

        object_ = cast(Literal["invoice_item"] | Unset, d.pop("object", UNSET))
        if object_ != "invoice_item" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'invoice_item', got '{object_}'")

        invoice_item_out = cls(
            id=id,
            customer=customer,
            invoice=invoice,
            currency=currency,
            description=description,
            quantity=quantity,
            unit_amount=unit_amount,
            amount=amount,
            allowances=allowances,
            charges=charges,
            net_amount=net_amount,
            tax_rate=tax_rate,
            period_start=period_start,
            period_end=period_end,
            metadata=metadata,
            created_at=created_at,
            object_=object_,
        )

        invoice_item_out.additional_properties = d
        return invoice_item_out

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
