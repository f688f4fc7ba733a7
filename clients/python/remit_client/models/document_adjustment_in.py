from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.document_adjustment_in_tax_category_type_0 import (
    DocumentAdjustmentInTaxCategoryType0,
    check_document_adjustment_in_tax_category_type_0,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentAdjustmentIn")


@_attrs_define
class DocumentAdjustmentIn:
    """An allowance or a charge on the invoice (EN 16931 BG-20/BG-21), in one VAT group.

    Attributes:
        amount (float | None | str | Unset): A fixed amount (BT-136 / BT-141).
        percent (float | None | str | Unset): Instead of `amount`: a percentage of the line's amount (BT-138).
        reason (None | str | Unset): Why (BT-139 / BT-144).
        reason_code (None | str | Unset): The reason's code (BT-140 / BT-145): UNCL 5189 for an allowance (`95`
            discount), UNCL 7161 for a charge (`FC` freight).
        base_amount (float | None | str | Unset): What `percent` is of (BT-93 / BT-100); without it, the line nets of
            its tax group.
        tax_category (DocumentAdjustmentInTaxCategoryType0 | None | Unset): Its VAT category (BT-95 / BT-102); with
            `tax_rate`, its tax group. Without both: the invoice's only tax group.
        tax_rate (float | None | str | Unset): Its VAT rate (BT-96 / BT-103).
    """

    amount: float | None | str | Unset = UNSET
    percent: float | None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    reason_code: None | str | Unset = UNSET
    base_amount: float | None | str | Unset = UNSET
    tax_category: DocumentAdjustmentInTaxCategoryType0 | None | Unset = UNSET
    tax_rate: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount: float | None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        percent: float | None | str | Unset
        if isinstance(self.percent, Unset):
            percent = UNSET
        else:
            percent = self.percent

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        reason_code: None | str | Unset
        if isinstance(self.reason_code, Unset):
            reason_code = UNSET
        else:
            reason_code = self.reason_code

        base_amount: float | None | str | Unset
        if isinstance(self.base_amount, Unset):
            base_amount = UNSET
        else:
            base_amount = self.base_amount

        tax_category: None | str | Unset
        if isinstance(self.tax_category, Unset):
            tax_category = UNSET
        elif isinstance(self.tax_category, str):
            tax_category = self.tax_category
        else:
            tax_category = self.tax_category

        tax_rate: float | None | str | Unset
        if isinstance(self.tax_rate, Unset):
            tax_rate = UNSET
        else:
            tax_rate = self.tax_rate

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if percent is not UNSET:
            field_dict["percent"] = percent
        if reason is not UNSET:
            field_dict["reason"] = reason
        if reason_code is not UNSET:
            field_dict["reason_code"] = reason_code
        if base_amount is not UNSET:
            field_dict["base_amount"] = base_amount
        if tax_category is not UNSET:
            field_dict["tax_category"] = tax_category
        if tax_rate is not UNSET:
            field_dict["tax_rate"] = tax_rate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_percent(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        percent = _parse_percent(d.pop("percent", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_reason_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason_code = _parse_reason_code(d.pop("reason_code", UNSET))

        def _parse_base_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        base_amount = _parse_base_amount(d.pop("base_amount", UNSET))

        def _parse_tax_category(data: object) -> DocumentAdjustmentInTaxCategoryType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tax_category_type_0 = check_document_adjustment_in_tax_category_type_0(data)

                return tax_category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DocumentAdjustmentInTaxCategoryType0 | None | Unset, data)

        tax_category = _parse_tax_category(d.pop("tax_category", UNSET))

        def _parse_tax_rate(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        tax_rate = _parse_tax_rate(d.pop("tax_rate", UNSET))

        document_adjustment_in = cls(
            amount=amount,
            percent=percent,
            reason=reason,
            reason_code=reason_code,
            base_amount=base_amount,
            tax_category=tax_category,
            tax_rate=tax_rate,
        )

        return document_adjustment_in
