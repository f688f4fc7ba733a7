from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.line_in_tax_category_type_0 import LineInTaxCategoryType0, check_line_in_tax_category_type_0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.adjustment_in import AdjustmentIn
    from ..models.line_in_metadata import LineInMetadata


T = TypeVar("T", bound="LineIn")


@_attrs_define
class LineIn:
    """
    Attributes:
        unit_amount (float | str): A decimal in major units, as a string (preferred) or a JSON number.
        description (None | str | Unset):
        quantity (float | str | Unset): A decimal in major units, as a string (preferred) or a JSON number. Default:
            '1'.
        tax_rate (float | None | str | Unset): The line's tax rate; without it, the invoice's `default_tax_rate`.
        tax_inclusive (bool | Unset):  Default: False.
        discount_percent (float | None | str | Unset):
        discount_amount (float | None | str | Unset):
        allowances (list[AdjustmentIn] | Unset): The line's allowances (BG-27), besides its discount.
        charges (list[AdjustmentIn] | Unset): Its charges (BG-28).
        period_start (datetime.datetime | None | Unset):
        period_end (datetime.datetime | None | Unset):
        product (None | str | Unset): The catalog product the line bills.
        tax_category (LineInTaxCategoryType0 | None | Unset): The VAT category, UNCL 5305 (EN 16931 BT-151). Without it:
            `S` above 0 %, `Z` at 0 %; for a customer with `tax_exempt` `reverse`, `AE` at 0 % (reason `Reverse charge`,
            `VATEX-EU-AE`), `exempt`, `E` at 0 % (`Tax exempt`).
        tax_exemption_reason (None | str | Unset): Why no tax is charged (BT-120); it or its code is required for
            categories E, AE, K, G and O, and refused for the others.
        tax_exemption_reason_code (None | str | Unset): The VATEX code of the reason (BT-121), e.g. `VATEX-EU-AE`.
        unit_code (str | Unset): The quantity's unit, UN/ECE Recommendation 20 (BT-130): `C62` one (the default), `HUR`
            hour, `DAY` day, `MON` month, `H87` piece. Default: 'C62'.
        metadata (LineInMetadata | Unset):
    """

    unit_amount: float | str
    description: None | str | Unset = UNSET
    quantity: float | str | Unset = "1"
    tax_rate: float | None | str | Unset = UNSET
    tax_inclusive: bool | Unset = False
    discount_percent: float | None | str | Unset = UNSET
    discount_amount: float | None | str | Unset = UNSET
    allowances: list[AdjustmentIn] | Unset = UNSET
    charges: list[AdjustmentIn] | Unset = UNSET
    period_start: datetime.datetime | None | Unset = UNSET
    period_end: datetime.datetime | None | Unset = UNSET
    product: None | str | Unset = UNSET
    tax_category: LineInTaxCategoryType0 | None | Unset = UNSET
    tax_exemption_reason: None | str | Unset = UNSET
    tax_exemption_reason_code: None | str | Unset = UNSET
    unit_code: str | Unset = "C62"
    metadata: LineInMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        unit_amount: float | str
        unit_amount = self.unit_amount

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        quantity: float | str | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        tax_rate: float | None | str | Unset
        if isinstance(self.tax_rate, Unset):
            tax_rate = UNSET
        else:
            tax_rate = self.tax_rate

        tax_inclusive = self.tax_inclusive

        discount_percent: float | None | str | Unset
        if isinstance(self.discount_percent, Unset):
            discount_percent = UNSET
        else:
            discount_percent = self.discount_percent

        discount_amount: float | None | str | Unset
        if isinstance(self.discount_amount, Unset):
            discount_amount = UNSET
        else:
            discount_amount = self.discount_amount

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

        product: None | str | Unset
        if isinstance(self.product, Unset):
            product = UNSET
        else:
            product = self.product

        tax_category: None | str | Unset
        if isinstance(self.tax_category, Unset):
            tax_category = UNSET
        elif isinstance(self.tax_category, str):
            tax_category = self.tax_category
        else:
            tax_category = self.tax_category

        tax_exemption_reason: None | str | Unset
        if isinstance(self.tax_exemption_reason, Unset):
            tax_exemption_reason = UNSET
        else:
            tax_exemption_reason = self.tax_exemption_reason

        tax_exemption_reason_code: None | str | Unset
        if isinstance(self.tax_exemption_reason_code, Unset):
            tax_exemption_reason_code = UNSET
        else:
            tax_exemption_reason_code = self.tax_exemption_reason_code

        unit_code = self.unit_code

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "unit_amount": unit_amount,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if tax_rate is not UNSET:
            field_dict["tax_rate"] = tax_rate
        if tax_inclusive is not UNSET:
            field_dict["tax_inclusive"] = tax_inclusive
        if discount_percent is not UNSET:
            field_dict["discount_percent"] = discount_percent
        if discount_amount is not UNSET:
            field_dict["discount_amount"] = discount_amount
        if allowances is not UNSET:
            field_dict["allowances"] = allowances
        if charges is not UNSET:
            field_dict["charges"] = charges
        if period_start is not UNSET:
            field_dict["period_start"] = period_start
        if period_end is not UNSET:
            field_dict["period_end"] = period_end
        if product is not UNSET:
            field_dict["product"] = product
        if tax_category is not UNSET:
            field_dict["tax_category"] = tax_category
        if tax_exemption_reason is not UNSET:
            field_dict["tax_exemption_reason"] = tax_exemption_reason
        if tax_exemption_reason_code is not UNSET:
            field_dict["tax_exemption_reason_code"] = tax_exemption_reason_code
        if unit_code is not UNSET:
            field_dict["unit_code"] = unit_code
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.adjustment_in import AdjustmentIn  # noqa: PLC0415
        from ..models.line_in_metadata import LineInMetadata  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_unit_amount(data: object) -> float | str:
            return cast(float | str, data)

        unit_amount = _parse_unit_amount(d.pop("unit_amount"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_quantity(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_tax_rate(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        tax_rate = _parse_tax_rate(d.pop("tax_rate", UNSET))

        tax_inclusive = d.pop("tax_inclusive", UNSET)

        def _parse_discount_percent(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        discount_percent = _parse_discount_percent(d.pop("discount_percent", UNSET))

        def _parse_discount_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        discount_amount = _parse_discount_amount(d.pop("discount_amount", UNSET))

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

        def _parse_product(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product = _parse_product(d.pop("product", UNSET))

        def _parse_tax_category(data: object) -> LineInTaxCategoryType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tax_category_type_0 = check_line_in_tax_category_type_0(data)

                return tax_category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LineInTaxCategoryType0 | None | Unset, data)

        tax_category = _parse_tax_category(d.pop("tax_category", UNSET))

        def _parse_tax_exemption_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tax_exemption_reason = _parse_tax_exemption_reason(d.pop("tax_exemption_reason", UNSET))

        def _parse_tax_exemption_reason_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tax_exemption_reason_code = _parse_tax_exemption_reason_code(d.pop("tax_exemption_reason_code", UNSET))

        unit_code = d.pop("unit_code", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: LineInMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = LineInMetadata.from_dict(_metadata)

        line_in = cls(
            unit_amount=unit_amount,
            description=description,
            quantity=quantity,
            tax_rate=tax_rate,
            tax_inclusive=tax_inclusive,
            discount_percent=discount_percent,
            discount_amount=discount_amount,
            allowances=allowances,
            charges=charges,
            period_start=period_start,
            period_end=period_end,
            product=product,
            tax_category=tax_category,
            tax_exemption_reason=tax_exemption_reason,
            tax_exemption_reason_code=tax_exemption_reason_code,
            unit_code=unit_code,
            metadata=metadata,
        )

        return line_in
