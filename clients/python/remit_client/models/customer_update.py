from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.customer_update_tax_exempt_type_0 import (
    CustomerUpdateTaxExemptType0,
    check_customer_update_tax_exempt_type_0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.customer_update_metadata_type_0 import CustomerUpdateMetadataType0
    from ..models.tax_id_in import TaxIdIn


T = TypeVar("T", bound="CustomerUpdate")


@_attrs_define
class CustomerUpdate:
    """Only the fields sent change; `null` clears one; metadata merges (null drops a key).

    Attributes:
        handle (None | str | Unset):
        email (None | str | Unset):
        name (None | str | Unset):
        phone (None | str | Unset):
        billing_address (Address | None | Unset):
        shipping_address (Address | None | Unset):
        tax_id (None | str | Unset): An id of no known type, kept as given (shown in `tax_ids`).
        tax_ids (list[TaxIdIn] | None | Unset): Typed, checked ids (EN 16931 BT-48); the list sent replaces the one
            kept.
        tax_exempt (CustomerUpdateTaxExemptType0 | None | Unset): `none` (the default; `null` sets it), `exempt` or
            `reverse`.
        locale (None | str | Unset):
        invoice_prefix (None | str | Unset):
        metadata (CustomerUpdateMetadataType0 | None | Unset):
    """

    handle: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    billing_address: Address | None | Unset = UNSET
    shipping_address: Address | None | Unset = UNSET
    tax_id: None | str | Unset = UNSET
    tax_ids: list[TaxIdIn] | None | Unset = UNSET
    tax_exempt: CustomerUpdateTaxExemptType0 | None | Unset = UNSET
    locale: None | str | Unset = UNSET
    invoice_prefix: None | str | Unset = UNSET
    metadata: CustomerUpdateMetadataType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.customer_update_metadata_type_0 import CustomerUpdateMetadataType0  # noqa: PLC0415

        handle: None | str | Unset
        if isinstance(self.handle, Unset):
            handle = UNSET
        else:
            handle = self.handle

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

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

        tax_id: None | str | Unset
        if isinstance(self.tax_id, Unset):
            tax_id = UNSET
        else:
            tax_id = self.tax_id

        tax_ids: list[dict[str, Any]] | None | Unset
        if isinstance(self.tax_ids, Unset):
            tax_ids = UNSET
        elif isinstance(self.tax_ids, list):
            tax_ids = []
            for tax_ids_type_0_item_data in self.tax_ids:
                tax_ids_type_0_item = tax_ids_type_0_item_data.to_dict()
                tax_ids.append(tax_ids_type_0_item)

        else:
            tax_ids = self.tax_ids

        tax_exempt: None | str | Unset
        if isinstance(self.tax_exempt, Unset):
            tax_exempt = UNSET
        elif isinstance(self.tax_exempt, str):
            tax_exempt = self.tax_exempt
        else:
            tax_exempt = self.tax_exempt

        locale: None | str | Unset
        if isinstance(self.locale, Unset):
            locale = UNSET
        else:
            locale = self.locale

        invoice_prefix: None | str | Unset
        if isinstance(self.invoice_prefix, Unset):
            invoice_prefix = UNSET
        else:
            invoice_prefix = self.invoice_prefix

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, CustomerUpdateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if handle is not UNSET:
            field_dict["handle"] = handle
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if billing_address is not UNSET:
            field_dict["billing_address"] = billing_address
        if shipping_address is not UNSET:
            field_dict["shipping_address"] = shipping_address
        if tax_id is not UNSET:
            field_dict["tax_id"] = tax_id
        if tax_ids is not UNSET:
            field_dict["tax_ids"] = tax_ids
        if tax_exempt is not UNSET:
            field_dict["tax_exempt"] = tax_exempt
        if locale is not UNSET:
            field_dict["locale"] = locale
        if invoice_prefix is not UNSET:
            field_dict["invoice_prefix"] = invoice_prefix
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.customer_update_metadata_type_0 import CustomerUpdateMetadataType0  # noqa: PLC0415
        from ..models.tax_id_in import TaxIdIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_handle(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        handle = _parse_handle(d.pop("handle", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

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

        def _parse_tax_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tax_id = _parse_tax_id(d.pop("tax_id", UNSET))

        def _parse_tax_ids(data: object) -> list[TaxIdIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tax_ids_type_0 = []
                _tax_ids_type_0 = data
                for tax_ids_type_0_item_data in _tax_ids_type_0:
                    tax_ids_type_0_item = TaxIdIn.from_dict(tax_ids_type_0_item_data)

                    tax_ids_type_0.append(tax_ids_type_0_item)

                return tax_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TaxIdIn] | None | Unset, data)

        tax_ids = _parse_tax_ids(d.pop("tax_ids", UNSET))

        def _parse_tax_exempt(data: object) -> CustomerUpdateTaxExemptType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tax_exempt_type_0 = check_customer_update_tax_exempt_type_0(data)

                return tax_exempt_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerUpdateTaxExemptType0 | None | Unset, data)

        tax_exempt = _parse_tax_exempt(d.pop("tax_exempt", UNSET))

        def _parse_locale(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        locale = _parse_locale(d.pop("locale", UNSET))

        def _parse_invoice_prefix(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice_prefix = _parse_invoice_prefix(d.pop("invoice_prefix", UNSET))

        def _parse_metadata(data: object) -> CustomerUpdateMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = CustomerUpdateMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerUpdateMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        customer_update = cls(
            handle=handle,
            email=email,
            name=name,
            phone=phone,
            billing_address=billing_address,
            shipping_address=shipping_address,
            tax_id=tax_id,
            tax_ids=tax_ids,
            tax_exempt=tax_exempt,
            locale=locale,
            invoice_prefix=invoice_prefix,
            metadata=metadata,
        )

        return customer_update
