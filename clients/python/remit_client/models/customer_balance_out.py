from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_balance_out_balances import CustomerBalanceOutBalances


T = TypeVar("T", bound="CustomerBalanceOut")


@_attrs_define
class CustomerBalanceOut:
    """
    Attributes:
        customer (str):
        balances (CustomerBalanceOutBalances): The balance per currency the customer has transactions in (negative:
            credit in the customer's favour).
        object_ (Literal['customer_balance'] | Unset):  Default: 'customer_balance'.
    """

    customer: str
    balances: CustomerBalanceOutBalances
    object_: Literal["customer_balance"] | Unset = "customer_balance"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        customer = self.customer

        balances = self.balances.to_dict()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "customer": customer,
                "balances": balances,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_balance_out_balances import CustomerBalanceOutBalances  # noqa: PLC0415

        d = dict(src_dict)
        customer = d.pop("customer")

        balances = CustomerBalanceOutBalances.from_dict(d.pop("balances"))

        object_ = cast(Literal["customer_balance"] | Unset, d.pop("object", UNSET))
        if object_ != "customer_balance" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'customer_balance', got '{object_}'")

        customer_balance_out = cls(
            customer=customer,
            balances=balances,
            object_=object_,
        )

        customer_balance_out.additional_properties = d
        return customer_balance_out

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
