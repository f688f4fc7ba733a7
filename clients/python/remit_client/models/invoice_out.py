from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_out import CustomerOut
    from ..models.document_adjustment_out import DocumentAdjustmentOut
    from ..models.invoice_out_billing_address_type_0 import InvoiceOutBillingAddressType0
    from ..models.invoice_out_customer_snapshot_type_0 import InvoiceOutCustomerSnapshotType0
    from ..models.invoice_out_last_payment_error_type_0 import InvoiceOutLastPaymentErrorType0
    from ..models.invoice_out_metadata import InvoiceOutMetadata
    from ..models.invoice_out_shipping_address_type_0 import InvoiceOutShippingAddressType0
    from ..models.invoice_tax_amount_out import InvoiceTaxAmountOut
    from ..models.line_out import LineOut


T = TypeVar("T", bound="InvoiceOut")


@_attrs_define
class InvoiceOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        number (None | str):
        handle (None | str):
        status (str):
        customer (CustomerOut | str): The customer's id, or the customer itself with `expand[]=customer`.
        subscription (None | str):
        test_clock (None | str):
        plan (None | str):
        currency (str):
        collection_method (str):
        payment_method (None | str):
        description (None | str):
        statement_descriptor (None | str):
        lines (list[LineOut]):
        subtotal (str):
        discount_amount (str):
        allowances (list[DocumentAdjustmentOut]):
        charges (list[DocumentAdjustmentOut]):
        allowance_amount (str): The sum of `allowances` (BT-107).
        charge_amount (str): The sum of `charges` (BT-108).
        tax_amount (str):
        default_tax_rate (None | str):
        tax_rounding (str):
        tax_breakdown (list[InvoiceTaxAmountOut]):
        total (str):
        charge_buyer_fee (bool):
        buyer_fee (str):
        amount_due (str):
        amount_paid (str):
        amount_remaining (str):
        amount_overpaid (str):
        starting_balance (str):
        applied_balance (str):
        ending_balance (str):
        credited_amount (str):
        pre_payment_credit_notes_amount (str):
        post_payment_credit_notes_amount (str):
        credit_notes (list[str]):
        due_at (datetime.datetime | None):
        days_until_due (int | None):
        auto_finalize_at (datetime.datetime | None):
        charge_at (datetime.datetime | None):
        expires_at (datetime.datetime | None):
        attempt_count (int):
        next_payment_attempt_at (datetime.datetime | None):
        last_payment_error (InvoiceOutLastPaymentErrorType0 | None):
        billing_reason (str):
        period_start (datetime.datetime | None):
        period_end (datetime.datetime | None):
        billing_address (InvoiceOutBillingAddressType0 | None):
        shipping_address (InvoiceOutShippingAddressType0 | None):
        customer_snapshot (InvoiceOutCustomerSnapshotType0 | None):
        customer_tax_exempt (str): The customer's `tax_exempt` its lines were taxed by (`none`, `exempt`, `reverse`), as
            when the draft was made or given its customer.
        cost_center (None | str):
        po_number (None | str):
        buyer_reference (None | str):
        note (None | str):
        payment_terms (None | str):
        delivery_date (datetime.date | None):
        metadata (InvoiceOutMetadata):
        public_token (None | str):
        hosted_url (None | str):
        pdf_url (None | str):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        finalized_at (datetime.datetime | None):
        paid_at (datetime.datetime | None):
        voided_at (datetime.datetime | None):
        marked_uncollectible_at (datetime.datetime | None):
        object_ (Literal['invoice'] | Unset):  Default: 'invoice'.
    """

    id: str
    livemode: bool
    number: None | str
    handle: None | str
    status: str
    customer: CustomerOut | str
    subscription: None | str
    test_clock: None | str
    plan: None | str
    currency: str
    collection_method: str
    payment_method: None | str
    description: None | str
    statement_descriptor: None | str
    lines: list[LineOut]
    subtotal: str
    discount_amount: str
    allowances: list[DocumentAdjustmentOut]
    charges: list[DocumentAdjustmentOut]
    allowance_amount: str
    charge_amount: str
    tax_amount: str
    default_tax_rate: None | str
    tax_rounding: str
    tax_breakdown: list[InvoiceTaxAmountOut]
    total: str
    charge_buyer_fee: bool
    buyer_fee: str
    amount_due: str
    amount_paid: str
    amount_remaining: str
    amount_overpaid: str
    starting_balance: str
    applied_balance: str
    ending_balance: str
    credited_amount: str
    pre_payment_credit_notes_amount: str
    post_payment_credit_notes_amount: str
    credit_notes: list[str]
    due_at: datetime.datetime | None
    days_until_due: int | None
    auto_finalize_at: datetime.datetime | None
    charge_at: datetime.datetime | None
    expires_at: datetime.datetime | None
    attempt_count: int
    next_payment_attempt_at: datetime.datetime | None
    last_payment_error: InvoiceOutLastPaymentErrorType0 | None
    billing_reason: str
    period_start: datetime.datetime | None
    period_end: datetime.datetime | None
    billing_address: InvoiceOutBillingAddressType0 | None
    shipping_address: InvoiceOutShippingAddressType0 | None
    customer_snapshot: InvoiceOutCustomerSnapshotType0 | None
    customer_tax_exempt: str
    cost_center: None | str
    po_number: None | str
    buyer_reference: None | str
    note: None | str
    payment_terms: None | str
    delivery_date: datetime.date | None
    metadata: InvoiceOutMetadata
    public_token: None | str
    hosted_url: None | str
    pdf_url: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    finalized_at: datetime.datetime | None
    paid_at: datetime.datetime | None
    voided_at: datetime.datetime | None
    marked_uncollectible_at: datetime.datetime | None
    object_: Literal["invoice"] | Unset = "invoice"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.customer_out import CustomerOut  # noqa: PLC0415
        from ..models.invoice_out_billing_address_type_0 import InvoiceOutBillingAddressType0  # noqa: PLC0415
        from ..models.invoice_out_customer_snapshot_type_0 import InvoiceOutCustomerSnapshotType0  # noqa: PLC0415
        from ..models.invoice_out_last_payment_error_type_0 import InvoiceOutLastPaymentErrorType0  # noqa: PLC0415
        from ..models.invoice_out_shipping_address_type_0 import InvoiceOutShippingAddressType0  # noqa: PLC0415

        id = self.id

        livemode = self.livemode

        number: None | str
        number = self.number

        handle: None | str
        handle = self.handle

        status = self.status

        customer: dict[str, Any] | str
        if isinstance(self.customer, CustomerOut):
            customer = self.customer.to_dict()
        else:
            customer = self.customer

        subscription: None | str
        subscription = self.subscription

        test_clock: None | str
        test_clock = self.test_clock

        plan: None | str
        plan = self.plan

        currency = self.currency

        collection_method = self.collection_method

        payment_method: None | str
        payment_method = self.payment_method

        description: None | str
        description = self.description

        statement_descriptor: None | str
        statement_descriptor = self.statement_descriptor

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        subtotal = self.subtotal

        discount_amount = self.discount_amount

        allowances = []
        for allowances_item_data in self.allowances:
            allowances_item = allowances_item_data.to_dict()
            allowances.append(allowances_item)

        charges = []
        for charges_item_data in self.charges:
            charges_item = charges_item_data.to_dict()
            charges.append(charges_item)

        allowance_amount = self.allowance_amount

        charge_amount = self.charge_amount

        tax_amount = self.tax_amount

        default_tax_rate: None | str
        default_tax_rate = self.default_tax_rate

        tax_rounding = self.tax_rounding

        tax_breakdown = []
        for tax_breakdown_item_data in self.tax_breakdown:
            tax_breakdown_item = tax_breakdown_item_data.to_dict()
            tax_breakdown.append(tax_breakdown_item)

        total = self.total

        charge_buyer_fee = self.charge_buyer_fee

        buyer_fee = self.buyer_fee

        amount_due = self.amount_due

        amount_paid = self.amount_paid

        amount_remaining = self.amount_remaining

        amount_overpaid = self.amount_overpaid

        starting_balance = self.starting_balance

        applied_balance = self.applied_balance

        ending_balance = self.ending_balance

        credited_amount = self.credited_amount

        pre_payment_credit_notes_amount = self.pre_payment_credit_notes_amount

        post_payment_credit_notes_amount = self.post_payment_credit_notes_amount

        credit_notes = self.credit_notes

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        days_until_due: int | None
        days_until_due = self.days_until_due

        auto_finalize_at: None | str
        if isinstance(self.auto_finalize_at, datetime.datetime):
            auto_finalize_at = self.auto_finalize_at.isoformat()
        else:
            auto_finalize_at = self.auto_finalize_at

        charge_at: None | str
        if isinstance(self.charge_at, datetime.datetime):
            charge_at = self.charge_at.isoformat()
        else:
            charge_at = self.charge_at

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        attempt_count = self.attempt_count

        next_payment_attempt_at: None | str
        if isinstance(self.next_payment_attempt_at, datetime.datetime):
            next_payment_attempt_at = self.next_payment_attempt_at.isoformat()
        else:
            next_payment_attempt_at = self.next_payment_attempt_at

        last_payment_error: dict[str, Any] | None
        if isinstance(self.last_payment_error, InvoiceOutLastPaymentErrorType0):
            last_payment_error = self.last_payment_error.to_dict()
        else:
            last_payment_error = self.last_payment_error

        billing_reason = self.billing_reason

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

        billing_address: dict[str, Any] | None
        if isinstance(self.billing_address, InvoiceOutBillingAddressType0):
            billing_address = self.billing_address.to_dict()
        else:
            billing_address = self.billing_address

        shipping_address: dict[str, Any] | None
        if isinstance(self.shipping_address, InvoiceOutShippingAddressType0):
            shipping_address = self.shipping_address.to_dict()
        else:
            shipping_address = self.shipping_address

        customer_snapshot: dict[str, Any] | None
        if isinstance(self.customer_snapshot, InvoiceOutCustomerSnapshotType0):
            customer_snapshot = self.customer_snapshot.to_dict()
        else:
            customer_snapshot = self.customer_snapshot

        customer_tax_exempt = self.customer_tax_exempt

        cost_center: None | str
        cost_center = self.cost_center

        po_number: None | str
        po_number = self.po_number

        buyer_reference: None | str
        buyer_reference = self.buyer_reference

        note: None | str
        note = self.note

        payment_terms: None | str
        payment_terms = self.payment_terms

        delivery_date: None | str
        if isinstance(self.delivery_date, datetime.date):
            delivery_date = self.delivery_date.isoformat()
        else:
            delivery_date = self.delivery_date

        metadata = self.metadata.to_dict()

        public_token: None | str
        public_token = self.public_token

        hosted_url: None | str
        hosted_url = self.hosted_url

        pdf_url: None | str
        pdf_url = self.pdf_url

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        finalized_at: None | str
        if isinstance(self.finalized_at, datetime.datetime):
            finalized_at = self.finalized_at.isoformat()
        else:
            finalized_at = self.finalized_at

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        voided_at: None | str
        if isinstance(self.voided_at, datetime.datetime):
            voided_at = self.voided_at.isoformat()
        else:
            voided_at = self.voided_at

        marked_uncollectible_at: None | str
        if isinstance(self.marked_uncollectible_at, datetime.datetime):
            marked_uncollectible_at = self.marked_uncollectible_at.isoformat()
        else:
            marked_uncollectible_at = self.marked_uncollectible_at

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "number": number,
                "handle": handle,
                "status": status,
                "customer": customer,
                "subscription": subscription,
                "test_clock": test_clock,
                "plan": plan,
                "currency": currency,
                "collection_method": collection_method,
                "payment_method": payment_method,
                "description": description,
                "statement_descriptor": statement_descriptor,
                "lines": lines,
                "subtotal": subtotal,
                "discount_amount": discount_amount,
                "allowances": allowances,
                "charges": charges,
                "allowance_amount": allowance_amount,
                "charge_amount": charge_amount,
                "tax_amount": tax_amount,
                "default_tax_rate": default_tax_rate,
                "tax_rounding": tax_rounding,
                "tax_breakdown": tax_breakdown,
                "total": total,
                "charge_buyer_fee": charge_buyer_fee,
                "buyer_fee": buyer_fee,
                "amount_due": amount_due,
                "amount_paid": amount_paid,
                "amount_remaining": amount_remaining,
                "amount_overpaid": amount_overpaid,
                "starting_balance": starting_balance,
                "applied_balance": applied_balance,
                "ending_balance": ending_balance,
                "credited_amount": credited_amount,
                "pre_payment_credit_notes_amount": pre_payment_credit_notes_amount,
                "post_payment_credit_notes_amount": post_payment_credit_notes_amount,
                "credit_notes": credit_notes,
                "due_at": due_at,
                "days_until_due": days_until_due,
                "auto_finalize_at": auto_finalize_at,
                "charge_at": charge_at,
                "expires_at": expires_at,
                "attempt_count": attempt_count,
                "next_payment_attempt_at": next_payment_attempt_at,
                "last_payment_error": last_payment_error,
                "billing_reason": billing_reason,
                "period_start": period_start,
                "period_end": period_end,
                "billing_address": billing_address,
                "shipping_address": shipping_address,
                "customer_snapshot": customer_snapshot,
                "customer_tax_exempt": customer_tax_exempt,
                "cost_center": cost_center,
                "po_number": po_number,
                "buyer_reference": buyer_reference,
                "note": note,
                "payment_terms": payment_terms,
                "delivery_date": delivery_date,
                "metadata": metadata,
                "public_token": public_token,
                "hosted_url": hosted_url,
                "pdf_url": pdf_url,
                "created_at": created_at,
                "updated_at": updated_at,
                "finalized_at": finalized_at,
                "paid_at": paid_at,
                "voided_at": voided_at,
                "marked_uncollectible_at": marked_uncollectible_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_out import CustomerOut  # noqa: PLC0415
        from ..models.document_adjustment_out import DocumentAdjustmentOut  # noqa: PLC0415
        from ..models.invoice_out_billing_address_type_0 import InvoiceOutBillingAddressType0  # noqa: PLC0415
        from ..models.invoice_out_customer_snapshot_type_0 import InvoiceOutCustomerSnapshotType0  # noqa: PLC0415
        from ..models.invoice_out_last_payment_error_type_0 import InvoiceOutLastPaymentErrorType0  # noqa: PLC0415
        from ..models.invoice_out_metadata import InvoiceOutMetadata  # noqa: PLC0415
        from ..models.invoice_out_shipping_address_type_0 import InvoiceOutShippingAddressType0  # noqa: PLC0415
        from ..models.invoice_tax_amount_out import InvoiceTaxAmountOut  # noqa: PLC0415
        from ..models.line_out import LineOut  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        def _parse_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        number = _parse_number(d.pop("number"))

        def _parse_handle(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        handle = _parse_handle(d.pop("handle"))

        status = d.pop("status")

        def _parse_customer(data: object) -> CustomerOut | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                customer_type_1 = CustomerOut.from_dict(data)

                return customer_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerOut | str, data)

        customer = _parse_customer(d.pop("customer"))

        def _parse_subscription(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subscription = _parse_subscription(d.pop("subscription"))

        def _parse_test_clock(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        test_clock = _parse_test_clock(d.pop("test_clock"))

        def _parse_plan(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        plan = _parse_plan(d.pop("plan"))

        currency = d.pop("currency")

        collection_method = d.pop("collection_method")

        def _parse_payment_method(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        payment_method = _parse_payment_method(d.pop("payment_method"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_statement_descriptor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        statement_descriptor = _parse_statement_descriptor(d.pop("statement_descriptor"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineOut.from_dict(lines_item_data)

            lines.append(lines_item)

        subtotal = d.pop("subtotal")

        discount_amount = d.pop("discount_amount")

        allowances = []
        _allowances = d.pop("allowances")
        for allowances_item_data in _allowances:
            allowances_item = DocumentAdjustmentOut.from_dict(allowances_item_data)

            allowances.append(allowances_item)

        charges = []
        _charges = d.pop("charges")
        for charges_item_data in _charges:
            charges_item = DocumentAdjustmentOut.from_dict(charges_item_data)

            charges.append(charges_item)

        allowance_amount = d.pop("allowance_amount")

        charge_amount = d.pop("charge_amount")

        tax_amount = d.pop("tax_amount")

        def _parse_default_tax_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        default_tax_rate = _parse_default_tax_rate(d.pop("default_tax_rate"))

        tax_rounding = d.pop("tax_rounding")

        tax_breakdown = []
        _tax_breakdown = d.pop("tax_breakdown")
        for tax_breakdown_item_data in _tax_breakdown:
            tax_breakdown_item = InvoiceTaxAmountOut.from_dict(tax_breakdown_item_data)

            tax_breakdown.append(tax_breakdown_item)

        total = d.pop("total")

        charge_buyer_fee = d.pop("charge_buyer_fee")

        buyer_fee = d.pop("buyer_fee")

        amount_due = d.pop("amount_due")

        amount_paid = d.pop("amount_paid")

        amount_remaining = d.pop("amount_remaining")

        amount_overpaid = d.pop("amount_overpaid")

        starting_balance = d.pop("starting_balance")

        applied_balance = d.pop("applied_balance")

        ending_balance = d.pop("ending_balance")

        credited_amount = d.pop("credited_amount")

        pre_payment_credit_notes_amount = d.pop("pre_payment_credit_notes_amount")

        post_payment_credit_notes_amount = d.pop("post_payment_credit_notes_amount")

        credit_notes = cast(list[str], d.pop("credit_notes"))

        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))

        def _parse_days_until_due(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        days_until_due = _parse_days_until_due(d.pop("days_until_due"))

        def _parse_auto_finalize_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                auto_finalize_at_type_0 = datetime.datetime.fromisoformat(data)

                return auto_finalize_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        auto_finalize_at = _parse_auto_finalize_at(d.pop("auto_finalize_at"))

        def _parse_charge_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                charge_at_type_0 = datetime.datetime.fromisoformat(data)

                return charge_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        charge_at = _parse_charge_at(d.pop("charge_at"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        attempt_count = d.pop("attempt_count")

        def _parse_next_payment_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_payment_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_payment_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_payment_attempt_at = _parse_next_payment_attempt_at(d.pop("next_payment_attempt_at"))

        def _parse_last_payment_error(data: object) -> InvoiceOutLastPaymentErrorType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_payment_error_type_0 = InvoiceOutLastPaymentErrorType0.from_dict(data)

                return last_payment_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceOutLastPaymentErrorType0 | None, data)

        last_payment_error = _parse_last_payment_error(d.pop("last_payment_error"))

        billing_reason = d.pop("billing_reason")

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

        def _parse_billing_address(data: object) -> InvoiceOutBillingAddressType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                billing_address_type_0 = InvoiceOutBillingAddressType0.from_dict(data)

                return billing_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceOutBillingAddressType0 | None, data)

        billing_address = _parse_billing_address(d.pop("billing_address"))

        def _parse_shipping_address(data: object) -> InvoiceOutShippingAddressType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                shipping_address_type_0 = InvoiceOutShippingAddressType0.from_dict(data)

                return shipping_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceOutShippingAddressType0 | None, data)

        shipping_address = _parse_shipping_address(d.pop("shipping_address"))

        def _parse_customer_snapshot(data: object) -> InvoiceOutCustomerSnapshotType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                customer_snapshot_type_0 = InvoiceOutCustomerSnapshotType0.from_dict(data)

                return customer_snapshot_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceOutCustomerSnapshotType0 | None, data)

        customer_snapshot = _parse_customer_snapshot(d.pop("customer_snapshot"))

        customer_tax_exempt = d.pop("customer_tax_exempt")

        def _parse_cost_center(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cost_center = _parse_cost_center(d.pop("cost_center"))

        def _parse_po_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        po_number = _parse_po_number(d.pop("po_number"))

        def _parse_buyer_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        buyer_reference = _parse_buyer_reference(d.pop("buyer_reference"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_payment_terms(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        payment_terms = _parse_payment_terms(d.pop("payment_terms"))

        def _parse_delivery_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivery_date_type_0 = datetime.date.fromisoformat(data)

                return delivery_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        delivery_date = _parse_delivery_date(d.pop("delivery_date"))

        metadata = InvoiceOutMetadata.from_dict(d.pop("metadata"))

        def _parse_public_token(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        public_token = _parse_public_token(d.pop("public_token"))

        def _parse_hosted_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        hosted_url = _parse_hosted_url(d.pop("hosted_url"))

        def _parse_pdf_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pdf_url = _parse_pdf_url(d.pop("pdf_url"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_finalized_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finalized_at_type_0 = datetime.datetime.fromisoformat(data)

                return finalized_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finalized_at = _parse_finalized_at(d.pop("finalized_at"))

        def _parse_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)

                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))

        def _parse_voided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                voided_at_type_0 = datetime.datetime.fromisoformat(data)

                return voided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        voided_at = _parse_voided_at(d.pop("voided_at"))

        def _parse_marked_uncollectible_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                marked_uncollectible_at_type_0 = datetime.datetime.fromisoformat(data)

                return marked_uncollectible_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        marked_uncollectible_at = _parse_marked_uncollectible_at(d.pop("marked_uncollectible_at"))

        object_ = cast(Literal["invoice"] | Unset, d.pop("object", UNSET))
        if object_ != "invoice" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'invoice', got '{object_}'")

        invoice_out = cls(
            id=id,
            livemode=livemode,
            number=number,
            handle=handle,
            status=status,
            customer=customer,
            subscription=subscription,
            test_clock=test_clock,
            plan=plan,
            currency=currency,
            collection_method=collection_method,
            payment_method=payment_method,
            description=description,
            statement_descriptor=statement_descriptor,
            lines=lines,
            subtotal=subtotal,
            discount_amount=discount_amount,
            allowances=allowances,
            charges=charges,
            allowance_amount=allowance_amount,
            charge_amount=charge_amount,
            tax_amount=tax_amount,
            default_tax_rate=default_tax_rate,
            tax_rounding=tax_rounding,
            tax_breakdown=tax_breakdown,
            total=total,
            charge_buyer_fee=charge_buyer_fee,
            buyer_fee=buyer_fee,
            amount_due=amount_due,
            amount_paid=amount_paid,
            amount_remaining=amount_remaining,
            amount_overpaid=amount_overpaid,
            starting_balance=starting_balance,
            applied_balance=applied_balance,
            ending_balance=ending_balance,
            credited_amount=credited_amount,
            pre_payment_credit_notes_amount=pre_payment_credit_notes_amount,
            post_payment_credit_notes_amount=post_payment_credit_notes_amount,
            credit_notes=credit_notes,
            due_at=due_at,
            days_until_due=days_until_due,
            auto_finalize_at=auto_finalize_at,
            charge_at=charge_at,
            expires_at=expires_at,
            attempt_count=attempt_count,
            next_payment_attempt_at=next_payment_attempt_at,
            last_payment_error=last_payment_error,
            billing_reason=billing_reason,
            period_start=period_start,
            period_end=period_end,
            billing_address=billing_address,
            shipping_address=shipping_address,
            customer_snapshot=customer_snapshot,
            customer_tax_exempt=customer_tax_exempt,
            cost_center=cost_center,
            po_number=po_number,
            buyer_reference=buyer_reference,
            note=note,
            payment_terms=payment_terms,
            delivery_date=delivery_date,
            metadata=metadata,
            public_token=public_token,
            hosted_url=hosted_url,
            pdf_url=pdf_url,
            created_at=created_at,
            updated_at=updated_at,
            finalized_at=finalized_at,
            paid_at=paid_at,
            voided_at=voided_at,
            marked_uncollectible_at=marked_uncollectible_at,
            object_=object_,
        )

        invoice_out.additional_properties = d
        return invoice_out

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
