from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.payment_method_create_type import PaymentMethodCreateType, check_payment_method_create_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payment_method_create_metadata import PaymentMethodCreateMetadata


T = TypeVar("T", bound="PaymentMethodCreate")


@_attrs_define
class PaymentMethodCreate:
    """
    Attributes:
        type_ (PaymentMethodCreateType):
        token (str):
        processor (str | Unset):  Default: 'simulator'.
        is_default (bool | Unset):  Default: False.
        wallet_address (None | str | Unset):
        metadata (PaymentMethodCreateMetadata | Unset):
    """

    type_: PaymentMethodCreateType
    token: str
    processor: str | Unset = "simulator"
    is_default: bool | Unset = False
    wallet_address: None | str | Unset = UNSET
    metadata: PaymentMethodCreateMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        token = self.token

        processor = self.processor

        is_default = self.is_default

        wallet_address: None | str | Unset
        if isinstance(self.wallet_address, Unset):
            wallet_address = UNSET
        else:
            wallet_address = self.wallet_address

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "token": token,
            }
        )
        if processor is not UNSET:
            field_dict["processor"] = processor
        if is_default is not UNSET:
            field_dict["is_default"] = is_default
        if wallet_address is not UNSET:
            field_dict["wallet_address"] = wallet_address
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payment_method_create_metadata import PaymentMethodCreateMetadata  # noqa: PLC0415

        d = dict(src_dict)
        type_ = check_payment_method_create_type(d.pop("type"))

        token = d.pop("token")

        processor = d.pop("processor", UNSET)

        is_default = d.pop("is_default", UNSET)

        def _parse_wallet_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wallet_address = _parse_wallet_address(d.pop("wallet_address", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: PaymentMethodCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = PaymentMethodCreateMetadata.from_dict(_metadata)

        payment_method_create = cls(
            type_=type_,
            token=token,
            processor=processor,
            is_default=is_default,
            wallet_address=wallet_address,
            metadata=metadata,
        )

        return payment_method_create
