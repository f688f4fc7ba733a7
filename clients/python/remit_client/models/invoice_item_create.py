from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.adjustment_in import AdjustmentIn
    from ..models.invoice_item_create_metadata import InvoiceItemCreateMetadata


T = TypeVar("T", bound="InvoiceItemCreate")


@_attrs_define
class InvoiceItemCreate:
    """
    Attributes:
        customer (str):
        unit_amount (float | None | str | Unset):
        quantity (float | None | str | Unset):
        amount (float | None | str | Unset): The whole amount, instead of unit_amount (× quantity).
        currency (None | str | Unset): Default: the account's.
        invoice (None | str | Unset): A draft invoice of the customer; without it, the customer's next.
        description (None | str | Unset):
        tax_rate (float | None | str | Unset):
        period_start (datetime.datetime | None | Unset):
        period_end (datetime.datetime | None | Unset):
        metadata (InvoiceItemCreateMetadata | Unset):
        allowances (list[AdjustmentIn] | Unset): Its allowances (BG-27), as an invoice line's.
        charges (list[AdjustmentIn] | Unset): Its charges (BG-28).
    """

    customer: str
    unit_amount: float | None | str | Unset = UNSET
    quantity: float | None | str | Unset = UNSET
    amount: float | None | str | Unset = UNSET
    currency: None | str | Unset = UNSET
    invoice: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    tax_rate: float | None | str | Unset = UNSET
    period_start: datetime.datetime | None | Unset = UNSET
    period_end: datetime.datetime | None | Unset = UNSET
    metadata: InvoiceItemCreateMetadata | Unset = UNSET
    allowances: list[AdjustmentIn] | Unset = UNSET
    charges: list[AdjustmentIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        customer = self.customer

        unit_amount: float | None | str | Unset
        if isinstance(self.unit_amount, Unset):
            unit_amount = UNSET
        else:
            unit_amount = self.unit_amount

        quantity: float | None | str | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

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

        invoice: None | str | Unset
        if isinstance(self.invoice, Unset):
            invoice = UNSET
        else:
            invoice = self.invoice

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        tax_rate: float | None | str | Unset
        if isinstance(self.tax_rate, Unset):
            tax_rate = UNSET
        else:
            tax_rate = self.tax_rate

        period_start: None | str | Unset
        if isinstance(self.period_start, Unset):
            period_start = UNSET
        elif isinstance(self.period_start, datetime.datetime):
            period_start = self.period_start.isoformat()
        else:
            period_start = self.period_start

        period_end: None | str | Unset
        if isinstance(self.period_end, Unset):
            period_end = UNSET
        elif isinstance(self.period_end, datetime.datetime):
            period_end = self.period_end.isoformat()
        else:
            period_end = self.period_end

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        allowances: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.allowances, Unset):
            allowances = []
            for allowances_item_data in self.allowances:
                allowances_item = allowances_item_data.to_dict()
                allowances.append(allowances_item)

        charges: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.charges, Unset):
            charges = []
            for charges_item_data in self.charges:
                charges_item = charges_item_data.to_dict()
                charges.append(charges_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "customer": customer,
            }
        )
        if unit_amount is not UNSET:
            field_dict["unit_amount"] = unit_amount
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if amount is not UNSET:
            field_dict["amount"] = amount
        if currency is not UNSET:
            field_dict["currency"] = currency
        if invoice is not UNSET:
            field_dict["invoice"] = invoice
        if description is not UNSET:
            field_dict["description"] = description
        if tax_rate is not UNSET:
            field_dict["tax_rate"] = tax_rate
        if period_start is not UNSET:
            field_dict["period_start"] = period_start
        if period_end is not UNSET:
            field_dict["period_end"] = period_end
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if allowances is not UNSET:
            field_dict["allowances"] = allowances
        if charges is not UNSET:
            field_dict["charges"] = charges

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.adjustment_in import AdjustmentIn  # noqa: PLC0415
        from ..models.invoice_item_create_metadata import InvoiceItemCreateMetadata  # noqa: PLC0415

        d = dict(src_dict)
        customer = d.pop("customer")

        def _parse_unit_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        unit_amount = _parse_unit_amount(d.pop("unit_amount", UNSET))

        def _parse_quantity(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

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

        def _parse_invoice(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice = _parse_invoice(d.pop("invoice", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_tax_rate(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        tax_rate = _parse_tax_rate(d.pop("tax_rate", UNSET))

        def _parse_period_start(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_start_type_0 = datetime.datetime.fromisoformat(data)

                return period_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        period_start = _parse_period_start(d.pop("period_start", UNSET))

        def _parse_period_end(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_end_type_0 = datetime.datetime.fromisoformat(data)

                return period_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        period_end = _parse_period_end(d.pop("period_end", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: InvoiceItemCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = InvoiceItemCreateMetadata.from_dict(_metadata)

        _allowances = d.pop("allowances", UNSET)
        allowances: list[AdjustmentIn] | Unset = UNSET
        if _allowances is not UNSET:
            allowances = []
            for allowances_item_data in _allowances:
                allowances_item = AdjustmentIn.from_dict(allowances_item_data)

                allowances.append(allowances_item)

        _charges = d.pop("charges", UNSET)
        charges: list[AdjustmentIn] | Unset = UNSET
        if _charges is not UNSET:
            charges = []
            for charges_item_data in _charges:
                charges_item = AdjustmentIn.from_dict(charges_item_data)

                charges.append(charges_item)

        invoice_item_create = cls(
            customer=customer,
            unit_amount=unit_amount,
            quantity=quantity,
            amount=amount,
            currency=currency,
            invoice=invoice,
            description=description,
            tax_rate=tax_rate,
            period_start=period_start,
            period_end=period_end,
            metadata=metadata,
            allowances=allowances,
            charges=charges,
        )

        return invoice_item_create
