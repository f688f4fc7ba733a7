from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.balance_transaction_create_metadata import BalanceTransactionCreateMetadata


T = TypeVar("T", bound="BalanceTransactionCreate")


@_attrs_define
class BalanceTransactionCreate:
    """A manual adjustment of the customer's balance.

    Attributes:
        amount (float | str): Negative: credit in the customer's favour; positive: the customer owes it (added to the
            next invoice).
        currency (str): ISO 4217 or USDC/USDT/BTC/ETH Example: USD.
        description (None | str | Unset):
        metadata (BalanceTransactionCreateMetadata | Unset):
    """

    amount: float | str
    currency: str
    description: None | str | Unset = UNSET
    metadata: BalanceTransactionCreateMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount: float | str
        amount = self.amount

        currency = self.currency

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "currency": currency,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.balance_transaction_create_metadata import BalanceTransactionCreateMetadata  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        currency = d.pop("currency")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: BalanceTransactionCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = BalanceTransactionCreateMetadata.from_dict(_metadata)

        balance_transaction_create = cls(
            amount=amount,
            currency=currency,
            description=description,
            metadata=metadata,
        )

        return balance_transaction_create
