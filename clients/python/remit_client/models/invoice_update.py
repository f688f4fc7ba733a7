from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.invoice_update_collection_method_type_0 import (
    InvoiceUpdateCollectionMethodType0,
    check_invoice_update_collection_method_type_0,
)
from ..models.invoice_update_tax_rounding_type_0 import (
    InvoiceUpdateTaxRoundingType0,
    check_invoice_update_tax_rounding_type_0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.document_adjustment_in import DocumentAdjustmentIn
    from ..models.invoice_update_metadata_type_0 import InvoiceUpdateMetadataType0
    from ..models.line_in import LineIn


T = TypeVar("T", bound="InvoiceUpdate")


@_attrs_define
class InvoiceUpdate:
    """A draft takes any field (`lines` replaces every line); an issued invoice only metadata.

    Attributes:
        currency (None | str | Unset):
        collection_method (InvoiceUpdateCollectionMethodType0 | None | Unset):
        payment_method (None | str | Unset):
        lines (list[LineIn] | None | Unset):
        due_at (datetime.datetime | None | Unset):
        days_until_due (int | None | Unset):
        plan (None | str | Unset):
        subscription (None | str | Unset):
        description (None | str | Unset):
        statement_descriptor (None | str | Unset):
        billing_address (Address | None | Unset):
        shipping_address (Address | None | Unset):
        cost_center (None | str | Unset):
        po_number (None | str | Unset): The buyer's purchase order: the order reference (BT-13).
        buyer_reference (None | str | Unset): The buyer's reference for routing the invoice (BT-10): for German public
            buyers, the Leitweg-ID.
        note (None | str | Unset): A note to the buyer (BT-22).
        payment_terms (None | str | Unset): The terms of payment, as text (BT-20).
        delivery_date (datetime.date | None | Unset): When the goods or services were delivered (BT-72), `YYYY-MM-DD`.
        allowances (list[DocumentAdjustmentIn] | None | Unset): The invoice's allowances (BG-20): off the tax-exclusive
            amount, each in one tax group.
        charges (list[DocumentAdjustmentIn] | None | Unset): The invoice's charges (BG-21), such as shipping.
        charge_buyer_fee (bool | None | Unset):
        default_tax_rate (float | None | str | Unset):
        tax_rounding (InvoiceUpdateTaxRoundingType0 | None | Unset): `per_rate` (once per tax rate, EN 16931) or
            `per_line`; default the account's.
        auto_finalize_at (datetime.datetime | None | Unset):
        charge_at (datetime.datetime | None | Unset):
        expires_at (datetime.datetime | None | Unset):
        period_start (datetime.datetime | None | Unset):
        period_end (datetime.datetime | None | Unset):
        customer (None | str | Unset):
        metadata (InvoiceUpdateMetadataType0 | None | Unset):
    """

    currency: None | str | Unset = UNSET
    collection_method: InvoiceUpdateCollectionMethodType0 | None | Unset = UNSET
    payment_method: None | str | Unset = UNSET
    lines: list[LineIn] | None | Unset = UNSET
    due_at: datetime.datetime | None | Unset = UNSET
    days_until_due: int | None | Unset = UNSET
    plan: None | str | Unset = UNSET
    subscription: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    statement_descriptor: None | str | Unset = UNSET
    billing_address: Address | None | Unset = UNSET
    shipping_address: Address | None | Unset = UNSET
    cost_center: None | str | Unset = UNSET
    po_number: None | str | Unset = UNSET
    buyer_reference: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    payment_terms: None | str | Unset = UNSET
    delivery_date: datetime.date | None | Unset = UNSET
    allowances: list[DocumentAdjustmentIn] | None | Unset = UNSET
    charges: list[DocumentAdjustmentIn] | None | Unset = UNSET
    charge_buyer_fee: bool | None | Unset = UNSET
    default_tax_rate: float | None | str | Unset = UNSET
    tax_rounding: InvoiceUpdateTaxRoundingType0 | None | Unset = UNSET
    auto_finalize_at: datetime.datetime | None | Unset = UNSET
    charge_at: datetime.datetime | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    period_start: datetime.datetime | None | Unset = UNSET
    period_end: datetime.datetime | None | Unset = UNSET
    customer: None | str | Unset = UNSET
    metadata: InvoiceUpdateMetadataType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.invoice_update_metadata_type_0 import InvoiceUpdateMetadataType0  # noqa: PLC0415

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        collection_method: None | str | Unset
        if isinstance(self.collection_method, Unset):
            collection_method = UNSET
        elif isinstance(self.collection_method, str):
            collection_method = self.collection_method
        else:
            collection_method = self.collection_method

        payment_method: None | str | Unset
        if isinstance(self.payment_method, Unset):
            payment_method = UNSET
        else:
            payment_method = self.payment_method

        lines: list[dict[str, Any]] | None | Unset
        if isinstance(self.lines, Unset):
            lines = UNSET
        elif isinstance(self.lines, list):
            lines = []
            for lines_type_0_item_data in self.lines:
                lines_type_0_item = lines_type_0_item_data.to_dict()
                lines.append(lines_type_0_item)

        else:
            lines = self.lines

        due_at: None | str | Unset
        if isinstance(self.due_at, Unset):
            due_at = UNSET
        elif isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        days_until_due: int | None | Unset
        if isinstance(self.days_until_due, Unset):
            days_until_due = UNSET
        else:
            days_until_due = self.days_until_due

        plan: None | str | Unset
        if isinstance(self.plan, Unset):
            plan = UNSET
        else:
            plan = self.plan

        subscription: None | str | Unset
        if isinstance(self.subscription, Unset):
            subscription = UNSET
        else:
            subscription = self.subscription

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        statement_descriptor: None | str | Unset
        if isinstance(self.statement_descriptor, Unset):
            statement_descriptor = UNSET
        else:
            statement_descriptor = self.statement_descriptor

        billing_address: dict[str, Any] | None | Unset
        if isinstance(self.billing_address, Unset):
            billing_address = UNSET
        elif isinstance(self.billing_address, Address):
            billing_address = self.billing_address.to_dict()
        else:
            billing_address = self.billing_address

        shipping_address: dict[str, Any] | None | Unset
        if isinstance(self.shipping_address, Unset):
            shipping_address = UNSET
        elif isinstance(self.shipping_address, Address):
            shipping_address = self.shipping_address.to_dict()
        else:
            shipping_address = self.shipping_address

        cost_center: None | str | Unset
        if isinstance(self.cost_center, Unset):
            cost_center = UNSET
        else:
            cost_center = self.cost_center

        po_number: None | str | Unset
        if isinstance(self.po_number, Unset):
            po_number = UNSET
        else:
            po_number = self.po_number

        buyer_reference: None | str | Unset
        if isinstance(self.buyer_reference, Unset):
            buyer_reference = UNSET
        else:
            buyer_reference = self.buyer_reference

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        payment_terms: None | str | Unset
        if isinstance(self.payment_terms, Unset):
            payment_terms = UNSET
        else:
            payment_terms = self.payment_terms

        delivery_date: None | str | Unset
        if isinstance(self.delivery_date, Unset):
            delivery_date = UNSET
        elif isinstance(self.delivery_date, datetime.date):
            delivery_date = self.delivery_date.isoformat()
        else:
            delivery_date = self.delivery_date

        allowances: list[dict[str, Any]] | None | Unset
        if isinstance(self.allowances, Unset):
            allowances = UNSET
        elif isinstance(self.allowances, list):
            allowances = []
            for allowances_type_0_item_data in self.allowances:
                allowances_type_0_item = allowances_type_0_item_data.to_dict()
                allowances.append(allowances_type_0_item)

        else:
            allowances = self.allowances

        charges: list[dict[str, Any]] | None | Unset
        if isinstance(self.charges, Unset):
            charges = UNSET
        elif isinstance(self.charges, list):
            charges = []
            for charges_type_0_item_data in self.charges:
                charges_type_0_item = charges_type_0_item_data.to_dict()
                charges.append(charges_type_0_item)

        else:
            charges = self.charges

        charge_buyer_fee: bool | None | Unset
        if isinstance(self.charge_buyer_fee, Unset):
            charge_buyer_fee = UNSET
        else:
            charge_buyer_fee = self.charge_buyer_fee

        default_tax_rate: float | None | str | Unset
        if isinstance(self.default_tax_rate, Unset):
            default_tax_rate = UNSET
        else:
            default_tax_rate = self.default_tax_rate

        tax_rounding: None | str | Unset
        if isinstance(self.tax_rounding, Unset):
            tax_rounding = UNSET
        elif isinstance(self.tax_rounding, str):
            tax_rounding = self.tax_rounding
        else:
            tax_rounding = self.tax_rounding

        auto_finalize_at: None | str | Unset
        if isinstance(self.auto_finalize_at, Unset):
            auto_finalize_at = UNSET
        elif isinstance(self.auto_finalize_at, datetime.datetime):
            auto_finalize_at = self.auto_finalize_at.isoformat()
        else:
            auto_finalize_at = self.auto_finalize_at

        charge_at: None | str | Unset
        if isinstance(self.charge_at, Unset):
            charge_at = UNSET
        elif isinstance(self.charge_at, datetime.datetime):
            charge_at = self.charge_at.isoformat()
        else:
            charge_at = self.charge_at

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

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

        customer: None | str | Unset
        if isinstance(self.customer, Unset):
            customer = UNSET
        else:
            customer = self.customer

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, InvoiceUpdateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if currency is not UNSET:
            field_dict["currency"] = currency
        if collection_method is not UNSET:
            field_dict["collection_method"] = collection_method
        if payment_method is not UNSET:
            field_dict["payment_method"] = payment_method
        if lines is not UNSET:
            field_dict["lines"] = lines
        if due_at is not UNSET:
            field_dict["due_at"] = due_at
        if days_until_due is not UNSET:
            field_dict["days_until_due"] = days_until_due
        if plan is not UNSET:
            field_dict["plan"] = plan
        if subscription is not UNSET:
            field_dict["subscription"] = subscription
        if description is not UNSET:
            field_dict["description"] = description
        if statement_descriptor is not UNSET:
            field_dict["statement_descriptor"] = statement_descriptor
        if billing_address is not UNSET:
            field_dict["billing_address"] = billing_address
        if shipping_address is not UNSET:
            field_dict["shipping_address"] = shipping_address
        if cost_center is not UNSET:
            field_dict["cost_center"] = cost_center
        if po_number is not UNSET:
            field_dict["po_number"] = po_number
        if buyer_reference is not UNSET:
            field_dict["buyer_reference"] = buyer_reference
        if note is not UNSET:
            field_dict["note"] = note
        if payment_terms is not UNSET:
            field_dict["payment_terms"] = payment_terms
        if delivery_date is not UNSET:
            field_dict["delivery_date"] = delivery_date
        if allowances is not UNSET:
            field_dict["allowances"] = allowances
        if charges is not UNSET:
            field_dict["charges"] = charges
        if charge_buyer_fee is not UNSET:
            field_dict["charge_buyer_fee"] = charge_buyer_fee
        if default_tax_rate is not UNSET:
            field_dict["default_tax_rate"] = default_tax_rate
        if tax_rounding is not UNSET:
            field_dict["tax_rounding"] = tax_rounding
        if auto_finalize_at is not UNSET:
            field_dict["auto_finalize_at"] = auto_finalize_at
        if charge_at is not UNSET:
            field_dict["charge_at"] = charge_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if period_start is not UNSET:
            field_dict["period_start"] = period_start
        if period_end is not UNSET:
            field_dict["period_end"] = period_end
        if customer is not UNSET:
            field_dict["customer"] = customer
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.document_adjustment_in import DocumentAdjustmentIn  # noqa: PLC0415
        from ..models.invoice_update_metadata_type_0 import InvoiceUpdateMetadataType0  # noqa: PLC0415
        from ..models.line_in import LineIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_collection_method(data: object) -> InvoiceUpdateCollectionMethodType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                collection_method_type_0 = check_invoice_update_collection_method_type_0(data)

                return collection_method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceUpdateCollectionMethodType0 | None | Unset, data)

        collection_method = _parse_collection_method(d.pop("collection_method", UNSET))

        def _parse_payment_method(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_method = _parse_payment_method(d.pop("payment_method", UNSET))

        def _parse_lines(data: object) -> list[LineIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                lines_type_0 = []
                _lines_type_0 = data
                for lines_type_0_item_data in _lines_type_0:
                    lines_type_0_item = LineIn.from_dict(lines_type_0_item_data)

                    lines_type_0.append(lines_type_0_item)

                return lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[LineIn] | None | Unset, data)

        lines = _parse_lines(d.pop("lines", UNSET))

        def _parse_due_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        due_at = _parse_due_at(d.pop("due_at", UNSET))

        def _parse_days_until_due(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days_until_due = _parse_days_until_due(d.pop("days_until_due", UNSET))

        def _parse_plan(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        plan = _parse_plan(d.pop("plan", UNSET))

        def _parse_subscription(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subscription = _parse_subscription(d.pop("subscription", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_statement_descriptor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        statement_descriptor = _parse_statement_descriptor(d.pop("statement_descriptor", UNSET))

        def _parse_billing_address(data: object) -> Address | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                billing_address_type_0 = Address.from_dict(data)

                return billing_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Address | None | Unset, data)

        billing_address = _parse_billing_address(d.pop("billing_address", UNSET))

        def _parse_shipping_address(data: object) -> Address | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                shipping_address_type_0 = Address.from_dict(data)

                return shipping_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Address | None | Unset, data)

        shipping_address = _parse_shipping_address(d.pop("shipping_address", UNSET))

        def _parse_cost_center(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cost_center = _parse_cost_center(d.pop("cost_center", UNSET))

        def _parse_po_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        po_number = _parse_po_number(d.pop("po_number", UNSET))

        def _parse_buyer_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        buyer_reference = _parse_buyer_reference(d.pop("buyer_reference", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_payment_terms(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_terms = _parse_payment_terms(d.pop("payment_terms", UNSET))

        def _parse_delivery_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivery_date_type_0 = datetime.date.fromisoformat(data)

                return delivery_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        delivery_date = _parse_delivery_date(d.pop("delivery_date", UNSET))

        def _parse_allowances(data: object) -> list[DocumentAdjustmentIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowances_type_0 = []
                _allowances_type_0 = data
                for allowances_type_0_item_data in _allowances_type_0:
                    allowances_type_0_item = DocumentAdjustmentIn.from_dict(allowances_type_0_item_data)

                    allowances_type_0.append(allowances_type_0_item)

                return allowances_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DocumentAdjustmentIn] | None | Unset, data)

        allowances = _parse_allowances(d.pop("allowances", UNSET))

        def _parse_charges(data: object) -> list[DocumentAdjustmentIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                charges_type_0 = []
                _charges_type_0 = data
                for charges_type_0_item_data in _charges_type_0:
                    charges_type_0_item = DocumentAdjustmentIn.from_dict(charges_type_0_item_data)

                    charges_type_0.append(charges_type_0_item)

                return charges_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DocumentAdjustmentIn] | None | Unset, data)

        charges = _parse_charges(d.pop("charges", UNSET))

        def _parse_charge_buyer_fee(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        charge_buyer_fee = _parse_charge_buyer_fee(d.pop("charge_buyer_fee", UNSET))

        def _parse_default_tax_rate(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        default_tax_rate = _parse_default_tax_rate(d.pop("default_tax_rate", UNSET))

        def _parse_tax_rounding(data: object) -> InvoiceUpdateTaxRoundingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tax_rounding_type_0 = check_invoice_update_tax_rounding_type_0(data)

                return tax_rounding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceUpdateTaxRoundingType0 | None | Unset, data)

        tax_rounding = _parse_tax_rounding(d.pop("tax_rounding", UNSET))

        def _parse_auto_finalize_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                auto_finalize_at_type_0 = datetime.datetime.fromisoformat(data)

                return auto_finalize_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        auto_finalize_at = _parse_auto_finalize_at(d.pop("auto_finalize_at", UNSET))

        def _parse_charge_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                charge_at_type_0 = datetime.datetime.fromisoformat(data)

                return charge_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        charge_at = _parse_charge_at(d.pop("charge_at", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

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

        def _parse_customer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer = _parse_customer(d.pop("customer", UNSET))

        def _parse_metadata(data: object) -> InvoiceUpdateMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = InvoiceUpdateMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceUpdateMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        invoice_update = cls(
            currency=currency,
            collection_method=collection_method,
            payment_method=payment_method,
            lines=lines,
            due_at=due_at,
            days_until_due=days_until_due,
            plan=plan,
            subscription=subscription,
            description=description,
            statement_descriptor=statement_descriptor,
            billing_address=billing_address,
            shipping_address=shipping_address,
            cost_center=cost_center,
            po_number=po_number,
            buyer_reference=buyer_reference,
            note=note,
            payment_terms=payment_terms,
            delivery_date=delivery_date,
            allowances=allowances,
            charges=charges,
            charge_buyer_fee=charge_buyer_fee,
            default_tax_rate=default_tax_rate,
            tax_rounding=tax_rounding,
            auto_finalize_at=auto_finalize_at,
            charge_at=charge_at,
            expires_at=expires_at,
            period_start=period_start,
            period_end=period_end,
            customer=customer,
            metadata=metadata,
        )

        return invoice_update
