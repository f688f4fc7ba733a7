from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentInstructions")


@_attrs_define
class PaymentInstructions:
    """How customers pay by hand, shown on the hosted invoice (bank transfer, crypto).

    Attributes:
        account_holder (None | str | Unset):
        bank_name (None | str | Unset):
        iban (None | str | Unset):
        bic (None | str | Unset):
        account_number (None | str | Unset):
        routing_number (None | str | Unset):
        crypto_address (None | str | Unset):
        note (None | str | Unset):
    """

    account_holder: None | str | Unset = UNSET
    bank_name: None | str | Unset = UNSET
    iban: None | str | Unset = UNSET
    bic: None | str | Unset = UNSET
    account_number: None | str | Unset = UNSET
    routing_number: None | str | Unset = UNSET
    crypto_address: None | str | Unset = UNSET
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        account_holder: None | str | Unset
        if isinstance(self.account_holder, Unset):
            account_holder = UNSET
        else:
            account_holder = self.account_holder

        bank_name: None | str | Unset
        if isinstance(self.bank_name, Unset):
            bank_name = UNSET
        else:
            bank_name = self.bank_name

        iban: None | str | Unset
        if isinstance(self.iban, Unset):
            iban = UNSET
        else:
            iban = self.iban

        bic: None | str | Unset
        if isinstance(self.bic, Unset):
            bic = UNSET
        else:
            bic = self.bic

        account_number: None | str | Unset
        if isinstance(self.account_number, Unset):
            account_number = UNSET
        else:
            account_number = self.account_number

        routing_number: None | str | Unset
        if isinstance(self.routing_number, Unset):
            routing_number = UNSET
        else:
            routing_number = self.routing_number

        crypto_address: None | str | Unset
        if isinstance(self.crypto_address, Unset):
            crypto_address = UNSET
        else:
            crypto_address = self.crypto_address

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if account_holder is not UNSET:
            field_dict["account_holder"] = account_holder
        if bank_name is not UNSET:
            field_dict["bank_name"] = bank_name
        if iban is not UNSET:
            field_dict["iban"] = iban
        if bic is not UNSET:
            field_dict["bic"] = bic
        if account_number is not UNSET:
            field_dict["account_number"] = account_number
        if routing_number is not UNSET:
            field_dict["routing_number"] = routing_number
        if crypto_address is not UNSET:
            field_dict["crypto_address"] = crypto_address
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_account_holder(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_holder = _parse_account_holder(d.pop("account_holder", UNSET))

        def _parse_bank_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bank_name = _parse_bank_name(d.pop("bank_name", UNSET))

        def _parse_iban(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        iban = _parse_iban(d.pop("iban", UNSET))

        def _parse_bic(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bic = _parse_bic(d.pop("bic", UNSET))

        def _parse_account_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_number = _parse_account_number(d.pop("account_number", UNSET))

        def _parse_routing_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        routing_number = _parse_routing_number(d.pop("routing_number", UNSET))

        def _parse_crypto_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        crypto_address = _parse_crypto_address(d.pop("crypto_address", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        payment_instructions = cls(
            account_holder=account_holder,
            bank_name=bank_name,
            iban=iban,
            bic=bic,
            account_number=account_number,
            routing_number=routing_number,
            crypto_address=crypto_address,
            note=note,
        )

        return payment_instructions
