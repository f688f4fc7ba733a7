from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.credit_note_create_reason_type_0 import (
    CreditNoteCreateReasonType0,
    check_credit_note_create_reason_type_0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credit_note_create_metadata import CreditNoteCreateMetadata
    from ..models.custom_line_credit_in import CustomLineCreditIn
    from ..models.invoice_line_credit_in import InvoiceLineCreditIn


T = TypeVar("T", bound="CreditNoteCreate")


@_attrs_define
class CreditNoteCreate:
    """
    Attributes:
        invoice (str):
        lines (list[CustomLineCreditIn | InvoiceLineCreditIn] | None | Unset):
        amount (float | None | str | Unset): Instead of lines: a lump sum including tax, shared among the invoice's tax
            rates in proportion to what is left of each.
        reason (CreditNoteCreateReasonType0 | None | Unset):
        memo (None | str | Unset):
        refund_amount (float | None | str | Unset): Of the part beyond what was left to pay: refunded to the payer.
        credit_amount (float | None | str | Unset): Of the part beyond what was left to pay: credited to the customer's
            balance (the default for all of it when none of the three is given).
        out_of_band_amount (float | None | str | Unset): Of the part beyond what was left to pay: settled outside remit.
        metadata (CreditNoteCreateMetadata | Unset):
    """

    invoice: str
    lines: list[CustomLineCreditIn | InvoiceLineCreditIn] | None | Unset = UNSET
    amount: float | None | str | Unset = UNSET
    reason: CreditNoteCreateReasonType0 | None | Unset = UNSET
    memo: None | str | Unset = UNSET
    refund_amount: float | None | str | Unset = UNSET
    credit_amount: float | None | str | Unset = UNSET
    out_of_band_amount: float | None | str | Unset = UNSET
    metadata: CreditNoteCreateMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.invoice_line_credit_in import InvoiceLineCreditIn  # noqa: PLC0415

        invoice = self.invoice

        lines: list[dict[str, Any]] | None | Unset
        if isinstance(self.lines, Unset):
            lines = UNSET
        elif isinstance(self.lines, list):
            lines = []
            for lines_type_0_item_data in self.lines:
                lines_type_0_item: dict[str, Any]
                if isinstance(lines_type_0_item_data, InvoiceLineCreditIn):
                    lines_type_0_item = lines_type_0_item_data.to_dict()
                else:
                    lines_type_0_item = lines_type_0_item_data.to_dict()

                lines.append(lines_type_0_item)

        else:
            lines = self.lines

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

        memo: None | str | Unset
        if isinstance(self.memo, Unset):
            memo = UNSET
        else:
            memo = self.memo

        refund_amount: float | None | str | Unset
        if isinstance(self.refund_amount, Unset):
            refund_amount = UNSET
        else:
            refund_amount = self.refund_amount

        credit_amount: float | None | str | Unset
        if isinstance(self.credit_amount, Unset):
            credit_amount = UNSET
        else:
            credit_amount = self.credit_amount

        out_of_band_amount: float | None | str | Unset
        if isinstance(self.out_of_band_amount, Unset):
            out_of_band_amount = UNSET
        else:
            out_of_band_amount = self.out_of_band_amount

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "invoice": invoice,
            }
        )
        if lines is not UNSET:
            field_dict["lines"] = lines
        if amount is not UNSET:
            field_dict["amount"] = amount
        if reason is not UNSET:
            field_dict["reason"] = reason
        if memo is not UNSET:
            field_dict["memo"] = memo
        if refund_amount is not UNSET:
            field_dict["refund_amount"] = refund_amount
        if credit_amount is not UNSET:
            field_dict["credit_amount"] = credit_amount
        if out_of_band_amount is not UNSET:
            field_dict["out_of_band_amount"] = out_of_band_amount
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credit_note_create_metadata import CreditNoteCreateMetadata  # noqa: PLC0415
        from ..models.custom_line_credit_in import CustomLineCreditIn  # noqa: PLC0415
        from ..models.invoice_line_credit_in import InvoiceLineCreditIn  # noqa: PLC0415

        d = dict(src_dict)
        invoice = d.pop("invoice")

        def _parse_lines(data: object) -> list[CustomLineCreditIn | InvoiceLineCreditIn] | None | Unset:
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

                    def _parse_lines_type_0_item(data: object) -> CustomLineCreditIn | InvoiceLineCreditIn:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            lines_type_0_item_type_0 = InvoiceLineCreditIn.from_dict(data)

                            return lines_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        lines_type_0_item_type_1 = CustomLineCreditIn.from_dict(data)

                        return lines_type_0_item_type_1

                    lines_type_0_item = _parse_lines_type_0_item(lines_type_0_item_data)

                    lines_type_0.append(lines_type_0_item)

                return lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[CustomLineCreditIn | InvoiceLineCreditIn] | None | Unset, data)

        lines = _parse_lines(d.pop("lines", UNSET))

        def _parse_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_reason(data: object) -> CreditNoteCreateReasonType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = check_credit_note_create_reason_type_0(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreditNoteCreateReasonType0 | None | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_memo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        memo = _parse_memo(d.pop("memo", UNSET))

        def _parse_refund_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        refund_amount = _parse_refund_amount(d.pop("refund_amount", UNSET))

        def _parse_credit_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        credit_amount = _parse_credit_amount(d.pop("credit_amount", UNSET))

        def _parse_out_of_band_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        out_of_band_amount = _parse_out_of_band_amount(d.pop("out_of_band_amount", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: CreditNoteCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = CreditNoteCreateMetadata.from_dict(_metadata)

        credit_note_create = cls(
            invoice=invoice,
            lines=lines,
            amount=amount,
            reason=reason,
            memo=memo,
            refund_amount=refund_amount,
            credit_amount=credit_amount,
            out_of_band_amount=out_of_band_amount,
            metadata=metadata,
        )

        return credit_note_create
