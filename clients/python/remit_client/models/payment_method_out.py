from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payment_method_out_metadata import PaymentMethodOutMetadata


T = TypeVar("T", bound="PaymentMethodOut")


@_attrs_define
class PaymentMethodOut:
    """
    Attributes:
        id (str):
        livemode (bool):
        customer (str):
        type_ (str):
        processor (str):
        brand (None | str):
        last4 (None | str):
        wallet_address (None | str):
        is_default (bool):
        metadata (PaymentMethodOutMetadata):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['payment_method'] | Unset):  Default: 'payment_method'.
    """

    id: str
    livemode: bool
    customer: str
    type_: str
    processor: str
    brand: None | str
    last4: None | str
    wallet_address: None | str
    is_default: bool
    metadata: PaymentMethodOutMetadata
    created_at: datetime.datetime
    object_: Literal["payment_method"] | Unset = "payment_method"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        livemode = self.livemode

        customer = self.customer

        type_ = self.type_

        processor = self.processor

        brand: None | str
        brand = self.brand

        last4: None | str
        last4 = self.last4

        wallet_address: None | str
        wallet_address = self.wallet_address

        is_default = self.is_default

        metadata = self.metadata.to_dict()

        created_at = self.created_at.isoformat()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "livemode": livemode,
                "customer": customer,
                "type": type_,
                "processor": processor,
                "brand": brand,
                "last4": last4,
                "wallet_address": wallet_address,
                "is_default": is_default,
                "metadata": metadata,
                "created_at": created_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payment_method_out_metadata import PaymentMethodOutMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        livemode = d.pop("livemode")

        customer = d.pop("customer")

        type_ = d.pop("type")

        processor = d.pop("processor")

        def _parse_brand(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        brand = _parse_brand(d.pop("brand"))

        def _parse_last4(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last4 = _parse_last4(d.pop("last4"))

        def _parse_wallet_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        wallet_address = _parse_wallet_address(d.pop("wallet_address"))

        is_default = d.pop("is_default")

        metadata = PaymentMethodOutMetadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        object_ = cast(Literal["payment_method"] | Unset, d.pop("object", UNSET))
        if object_ != "payment_method" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'payment_method', got '{object_}'")

        payment_method_out = cls(
            id=id,
            livemode=livemode,
            customer=customer,
            type_=type_,
            processor=processor,
            brand=brand,
            last4=last4,
            wallet_address=wallet_address,
            is_default=is_default,
            metadata=metadata,
            created_at=created_at,
            object_=object_,
        )

        payment_method_out.additional_properties = d
        return payment_method_out

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
