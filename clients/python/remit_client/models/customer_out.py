from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_out_billing_address_type_0 import CustomerOutBillingAddressType0
    from ..models.customer_out_metadata import CustomerOutMetadata
    from ..models.customer_out_shipping_address_type_0 import CustomerOutShippingAddressType0
    from ..models.tax_id_out import TaxIdOut


T = TypeVar("T", bound="CustomerOut")


@_attrs_define
class CustomerOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        handle (None | str):
        email (None | str):
        name (None | str):
        phone (None | str):
        billing_address (CustomerOutBillingAddressType0 | None):
        shipping_address (CustomerOutShippingAddressType0 | None):
        tax_id (None | str):
        tax_ids (list[TaxIdOut]):
        tax_exempt (str):
        locale (None | str):
        invoice_prefix (str):
        default_payment_method (None | str):
        test_clock (None | str):
        metadata (CustomerOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['customer'] | Unset):  Default: 'customer'.
    """

    id: str
    livemode: bool
    handle: None | str
    email: None | str
    name: None | str
    phone: None | str
    billing_address: CustomerOutBillingAddressType0 | None
    shipping_address: CustomerOutShippingAddressType0 | None
    tax_id: None | str
    tax_ids: list[TaxIdOut]
    tax_exempt: str
    locale: None | str
    invoice_prefix: str
    default_payment_method: None | str
    test_clock: None | str
    metadata: CustomerOutMetadata
    created_at: datetime.datetime
    updated_at: datetime.datetime
    object_: Literal["customer"] | Unset = "customer"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.customer_out_billing_address_type_0 import CustomerOutBillingAddressType0  # noqa: PLC0415
        from ..models.customer_out_shipping_address_type_0 import CustomerOutShippingAddressType0  # noqa: PLC0415

        id = self.id

        livemode = self.livemode

        handle: None | str
        handle = self.handle

        email: None | str
        email = self.email

        name: None | str
        name = self.name

        phone: None | str
        phone = self.phone

        billing_address: dict[str, Any] | None
        if isinstance(self.billing_address, CustomerOutBillingAddressType0):
            billing_address = self.billing_address.to_dict()
        else:
            billing_address = self.billing_address

        shipping_address: dict[str, Any] | None
        if isinstance(self.shipping_address, CustomerOutShippingAddressType0):
            shipping_address = self.shipping_address.to_dict()
        else:
            shipping_address = self.shipping_address

        tax_id: None | str
        tax_id = self.tax_id

        tax_ids = []
        for tax_ids_item_data in self.tax_ids:
            tax_ids_item = tax_ids_item_data.to_dict()
            tax_ids.append(tax_ids_item)

        tax_exempt = self.tax_exempt

        locale: None | str
        locale = self.locale

        invoice_prefix = self.invoice_prefix

        default_payment_method: None | str
        default_payment_method = self.default_payment_method

        test_clock: None | str
        test_clock = self.test_clock

        metadata = self.metadata.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "handle": handle,
                "email": email,
                "name": name,
                "phone": phone,
                "billing_address": billing_address,
                "shipping_address": shipping_address,
                "tax_id": tax_id,
                "tax_ids": tax_ids,
                "tax_exempt": tax_exempt,
                "locale": locale,
                "invoice_prefix": invoice_prefix,
                "default_payment_method": default_payment_method,
                "test_clock": test_clock,
                "metadata": metadata,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_out_billing_address_type_0 import CustomerOutBillingAddressType0  # noqa: PLC0415
        from ..models.customer_out_metadata import CustomerOutMetadata  # noqa: PLC0415
        from ..models.customer_out_shipping_address_type_0 import CustomerOutShippingAddressType0  # noqa: PLC0415
        from ..models.tax_id_out import TaxIdOut  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        def _parse_handle(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        handle = _parse_handle(d.pop("handle"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        def _parse_billing_address(data: object) -> CustomerOutBillingAddressType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                billing_address_type_0 = CustomerOutBillingAddressType0.from_dict(data)

                return billing_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerOutBillingAddressType0 | None, data)

        billing_address = _parse_billing_address(d.pop("billing_address"))

        def _parse_shipping_address(data: object) -> CustomerOutShippingAddressType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                shipping_address_type_0 = CustomerOutShippingAddressType0.from_dict(data)

                return shipping_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerOutShippingAddressType0 | None, data)

        shipping_address = _parse_shipping_address(d.pop("shipping_address"))

        def _parse_tax_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tax_id = _parse_tax_id(d.pop("tax_id"))

        tax_ids = []
        _tax_ids = d.pop("tax_ids")
        for tax_ids_item_data in _tax_ids:
            tax_ids_item = TaxIdOut.from_dict(tax_ids_item_data)

            tax_ids.append(tax_ids_item)

        tax_exempt = d.pop("tax_exempt")

        def _parse_locale(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        locale = _parse_locale(d.pop("locale"))

        invoice_prefix = d.pop("invoice_prefix")

        def _parse_default_payment_method(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        default_payment_method = _parse_default_payment_method(d.pop("default_payment_method"))

        def _parse_test_clock(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        test_clock = _parse_test_clock(d.pop("test_clock"))

        metadata = CustomerOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        object_ = cast(Literal["customer"] | Unset, d.pop("object", UNSET))
        if object_ != "customer" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'customer', got '{object_}'")

        customer_out = cls(
            id=id,
            livemode=livemode,
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
            default_payment_method=default_payment_method,
            test_clock=test_clock,
            metadata=metadata,
            created_at=created_at,
            updated_at=updated_at,
            object_=object_,
        )

        customer_out.additional_properties = d
        return customer_out

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
