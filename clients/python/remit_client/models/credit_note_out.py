from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credit_note_line_out import CreditNoteLineOut
    from ..models.credit_note_out_metadata import CreditNoteOutMetadata
    from ..models.tax_amount_out import TaxAmountOut


T = TypeVar("T", bound="CreditNoteOut")


@_attrs_define
class CreditNoteOut:
    """
    Attributes:
        id (None | str): null in a preview.
        livemode (bool):
        number (None | str): null in a preview: numbers are taken at issue.
        status (str):
        invoice (str):
        customer (str):
        currency (str):
        reason (None | str):
        memo (None | str):
        lines (list[CreditNoteLineOut]):
        subtotal (str):
        discount_amount (str):
        tax_amount (str):
        tax_breakdown (list[TaxAmountOut]):
        total (str):
        pre_payment_amount (str): What it took off what was left to pay.
        post_payment_amount (str): What it credited beyond that: refund + credit + out of band.
        refund_amount (str):
        credit_amount (str):
        out_of_band_amount (str):
        refunds (list[str]):
        metadata (CreditNoteOutMetadata):
        hosted_url (None | str): The note as a web page, for the customer (no API key: the signed token in it is the
            key); null in a preview.
        pdf_url (None | str): The same document as PDF; null in a preview.
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        voided_at (datetime.datetime | None):
        object_ (Literal['credit_note'] | Unset):  Default: 'credit_note'.
    """

    id: None | str
    livemode: bool
    number: None | str
    status: str
    invoice: str
    customer: str
    currency: str
    reason: None | str
    memo: None | str
    lines: list[CreditNoteLineOut]
    subtotal: str
    discount_amount: str
    tax_amount: str
    tax_breakdown: list[TaxAmountOut]
    total: str
    pre_payment_amount: str
    post_payment_amount: str
    refund_amount: str
    credit_amount: str
    out_of_band_amount: str
    refunds: list[str]
    metadata: CreditNoteOutMetadata
    hosted_url: None | str
    pdf_url: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    voided_at: datetime.datetime | None
    object_: Literal["credit_note"] | Unset = "credit_note"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str
        id = self.id

        livemode = self.livemode

        number: None | str
        number = self.number

        status = self.status

        invoice = self.invoice

        customer = self.customer

        currency = self.currency

        reason: None | str
        reason = self.reason

        memo: None | str
        memo = self.memo

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        subtotal = self.subtotal

        discount_amount = self.discount_amount

        tax_amount = self.tax_amount

        tax_breakdown = []
        for tax_breakdown_item_data in self.tax_breakdown:
            tax_breakdown_item = tax_breakdown_item_data.to_dict()
            tax_breakdown.append(tax_breakdown_item)

        total = self.total

        pre_payment_amount = self.pre_payment_amount

        post_payment_amount = self.post_payment_amount

        refund_amount = self.refund_amount

        credit_amount = self.credit_amount

        out_of_band_amount = self.out_of_band_amount

        refunds = self.refunds

        metadata = self.metadata.to_dict()

        hosted_url: None | str
        hosted_url = self.hosted_url

        pdf_url: None | str
        pdf_url = self.pdf_url

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        voided_at: None | str
        if isinstance(self.voided_at, datetime.datetime):
            voided_at = self.voided_at.isoformat()
        else:
            voided_at = self.voided_at

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "number": number,
                "status": status,
                "invoice": invoice,
                "customer": customer,
                "currency": currency,
                "reason": reason,
                "memo": memo,
                "lines": lines,
                "subtotal": subtotal,
                "discount_amount": discount_amount,
                "tax_amount": tax_amount,
                "tax_breakdown": tax_breakdown,
                "total": total,
                "pre_payment_amount": pre_payment_amount,
                "post_payment_amount": post_payment_amount,
                "refund_amount": refund_amount,
                "credit_amount": credit_amount,
                "out_of_band_amount": out_of_band_amount,
                "refunds": refunds,
                "metadata": metadata,
                "hosted_url": hosted_url,
                "pdf_url": pdf_url,
                "created_at": created_at,
                "updated_at": updated_at,
                "voided_at": voided_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credit_note_line_out import CreditNoteLineOut  # noqa: PLC0415
        from ..models.credit_note_out_metadata import CreditNoteOutMetadata  # noqa: PLC0415
        from ..models.tax_amount_out import TaxAmountOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))

        livemode = d.pop("livemode")

        def _parse_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        number = _parse_number(d.pop("number"))

        status = d.pop("status")

        invoice = d.pop("invoice")

        customer = d.pop("customer")

        currency = d.pop("currency")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_memo(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        memo = _parse_memo(d.pop("memo"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = CreditNoteLineOut.from_dict(lines_item_data)

            lines.append(lines_item)

        subtotal = d.pop("subtotal")

        discount_amount = d.pop("discount_amount")

        tax_amount = d.pop("tax_amount")

        tax_breakdown = []
        _tax_breakdown = d.pop("tax_breakdown")
        for tax_breakdown_item_data in _tax_breakdown:
            tax_breakdown_item = TaxAmountOut.from_dict(tax_breakdown_item_data)

            tax_breakdown.append(tax_breakdown_item)

        total = d.pop("total")

        pre_payment_amount = d.pop("pre_payment_amount")

        post_payment_amount = d.pop("post_payment_amount")

        refund_amount = d.pop("refund_amount")

        credit_amount = d.pop("credit_amount")

        out_of_band_amount = d.pop("out_of_band_amount")

        refunds = cast(list[str], d.pop("refunds"))

        metadata = CreditNoteOutMetadata.from_dict(d.pop("metadata"))

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

        object_ = cast(Literal["credit_note"] | Unset, d.pop("object", UNSET))
        if object_ != "credit_note" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'credit_note', got '{object_}'")

        credit_note_out = cls(
            id=id,
            livemode=livemode,
            number=number,
            status=status,
            invoice=invoice,
            customer=customer,
            currency=currency,
            reason=reason,
            memo=memo,
            lines=lines,
            subtotal=subtotal,
            discount_amount=discount_amount,
            tax_amount=tax_amount,
            tax_breakdown=tax_breakdown,
            total=total,
            pre_payment_amount=pre_payment_amount,
            post_payment_amount=post_payment_amount,
            refund_amount=refund_amount,
            credit_amount=credit_amount,
            out_of_band_amount=out_of_band_amount,
            refunds=refunds,
            metadata=metadata,
            hosted_url=hosted_url,
            pdf_url=pdf_url,
            created_at=created_at,
            updated_at=updated_at,
            voided_at=voided_at,
            object_=object_,
        )

        credit_note_out.additional_properties = d
        return credit_note_out

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
