from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.adjustment_in import AdjustmentIn
    from ..models.invoice_item_update_metadata_type_0 import InvoiceItemUpdateMetadataType0


T = TypeVar("T", bound="InvoiceItemUpdate")


@_attrs_define
class InvoiceItemUpdate:
    """
    Attributes:
        description (None | str | Unset):
        quantity (float | None | str | Unset):
        unit_amount (float | None | str | Unset):
        metadata (InvoiceItemUpdateMetadataType0 | None | Unset):
        allowances (list[AdjustmentIn] | None | Unset): Replaces its allowances.
        charges (list[AdjustmentIn] | None | Unset): Replaces its charges.
    """

    description: None | str | Unset = UNSET
    quantity: float | None | str | Unset = UNSET
    unit_amount: float | None | str | Unset = UNSET
    metadata: InvoiceItemUpdateMetadataType0 | None | Unset = UNSET
    allowances: list[AdjustmentIn] | None | Unset = UNSET
    charges: list[AdjustmentIn] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.invoice_item_update_metadata_type_0 import InvoiceItemUpdateMetadataType0  # noqa: PLC0415

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        quantity: float | None | str | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        unit_amount: float | None | str | Unset
        if isinstance(self.unit_amount, Unset):
            unit_amount = UNSET
        else:
            unit_amount = self.unit_amount

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, InvoiceItemUpdateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

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

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if unit_amount is not UNSET:
            field_dict["unit_amount"] = unit_amount
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
        from ..models.invoice_item_update_metadata_type_0 import InvoiceItemUpdateMetadataType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_quantity(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_unit_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        unit_amount = _parse_unit_amount(d.pop("unit_amount", UNSET))

        def _parse_metadata(data: object) -> InvoiceItemUpdateMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = InvoiceItemUpdateMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceItemUpdateMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_allowances(data: object) -> list[AdjustmentIn] | None | Unset:
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
                    allowances_type_0_item = AdjustmentIn.from_dict(allowances_type_0_item_data)

                    allowances_type_0.append(allowances_type_0_item)

                return allowances_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AdjustmentIn] | None | Unset, data)

        allowances = _parse_allowances(d.pop("allowances", UNSET))

        def _parse_charges(data: object) -> list[AdjustmentIn] | None | Unset:
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
                    charges_type_0_item = AdjustmentIn.from_dict(charges_type_0_item_data)

                    charges_type_0.append(charges_type_0_item)

                return charges_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AdjustmentIn] | None | Unset, data)

        charges = _parse_charges(d.pop("charges", UNSET))

        invoice_item_update = cls(
            description=description,
            quantity=quantity,
            unit_amount=unit_amount,
            metadata=metadata,
            allowances=allowances,
            charges=charges,
        )

        return invoice_item_update
