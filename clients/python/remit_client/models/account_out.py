from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account_out_address_type_0 import AccountOutAddressType0
    from ..models.account_out_branding import AccountOutBranding
    from ..models.account_out_payment_instructions_type_0 import AccountOutPaymentInstructionsType0
    from ..models.e_invoicing_out import EInvoicingOut
    from ..models.tax_id_out import TaxIdOut


T = TypeVar("T", bound="AccountOut")


@_attrs_define
class AccountOut:
    """
    Attributes:
        id (str):
        name (str):
        default_currency (str):
        invoice_number_template (str):
        invoice_number_scope (str):
        invoice_number_next (int):
        credit_note_number_template (str):
        buyer_fee_percent (str):
        legal_name (None | str):
        tax_ids (list[TaxIdOut]):
        registration_id (None | str):
        email (None | str):
        phone (None | str):
        branding (AccountOutBranding):
        address (AccountOutAddressType0 | None):
        payment_instructions (AccountOutPaymentInstructionsType0 | None):
        livemode (bool):
        dunning_schedule_days (list[int]):
        dunning_final_action (str):
        dunning_subscription_action (str):
        tax_rounding (str):
        einvoicing (EInvoicingOut):
        created_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        updated_at (datetime.datetime):  Example: 2026-11-21T10:00:00.000Z.
        object_ (Literal['account'] | Unset):  Default: 'account'.
    """

    id: str
    name: str
    default_currency: str
    invoice_number_template: str
    invoice_number_scope: str
    invoice_number_next: int
    credit_note_number_template: str
    buyer_fee_percent: str
    legal_name: None | str
    tax_ids: list[TaxIdOut]
    registration_id: None | str
    email: None | str
    phone: None | str
    branding: AccountOutBranding
    address: AccountOutAddressType0 | None
    payment_instructions: AccountOutPaymentInstructionsType0 | None
    livemode: bool
    dunning_schedule_days: list[int]
    dunning_final_action: str
    dunning_subscription_action: str
    tax_rounding: str
    einvoicing: EInvoicingOut
    created_at: datetime.datetime
    updated_at: datetime.datetime
    object_: Literal["account"] | Unset = "account"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.account_out_address_type_0 import AccountOutAddressType0  # noqa: PLC0415
        from ..models.account_out_payment_instructions_type_0 import AccountOutPaymentInstructionsType0  # noqa: PLC0415

        id = self.id

        name = self.name

        default_currency = self.default_currency

        invoice_number_template = self.invoice_number_template

        invoice_number_scope = self.invoice_number_scope

        invoice_number_next = self.invoice_number_next

        credit_note_number_template = self.credit_note_number_template

        buyer_fee_percent = self.buyer_fee_percent

        legal_name: None | str
        legal_name = self.legal_name

        tax_ids = []
        for tax_ids_item_data in self.tax_ids:
            tax_ids_item = tax_ids_item_data.to_dict()
            tax_ids.append(tax_ids_item)

        registration_id: None | str
        registration_id = self.registration_id

        email: None | str
        email = self.email

        phone: None | str
        phone = self.phone

        branding = self.branding.to_dict()

        address: dict[str, Any] | None
        if isinstance(self.address, AccountOutAddressType0):
            address = self.address.to_dict()
        else:
            address = self.address

        payment_instructions: dict[str, Any] | None
        if isinstance(self.payment_instructions, AccountOutPaymentInstructionsType0):
            payment_instructions = self.payment_instructions.to_dict()
        else:
            payment_instructions = self.payment_instructions

        livemode = self.livemode

        dunning_schedule_days = self.dunning_schedule_days

        dunning_final_action = self.dunning_final_action

        dunning_subscription_action = self.dunning_subscription_action

        tax_rounding = self.tax_rounding

        einvoicing = self.einvoicing.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        object_ = self.object_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "default_currency": default_currency,
                "invoice_number_template": invoice_number_template,
                "invoice_number_scope": invoice_number_scope,
                "invoice_number_next": invoice_number_next,
                "credit_note_number_template": credit_note_number_template,
                "buyer_fee_percent": buyer_fee_percent,
                "legal_name": legal_name,
                "tax_ids": tax_ids,
                "registration_id": registration_id,
                "email": email,
                "phone": phone,
                "branding": branding,
                "address": address,
                "payment_instructions": payment_instructions,
                "livemode": livemode,
                "dunning_schedule_days": dunning_schedule_days,
                "dunning_final_action": dunning_final_action,
                "dunning_subscription_action": dunning_subscription_action,
                "tax_rounding": tax_rounding,
                "einvoicing": einvoicing,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_out_address_type_0 import AccountOutAddressType0  # noqa: PLC0415
        from ..models.account_out_branding import AccountOutBranding  # noqa: PLC0415
        from ..models.account_out_payment_instructions_type_0 import AccountOutPaymentInstructionsType0  # noqa: PLC0415
        from ..models.e_invoicing_out import EInvoicingOut  # noqa: PLC0415
        from ..models.tax_id_out import TaxIdOut  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        default_currency = d.pop("default_currency")

        invoice_number_template = d.pop("invoice_number_template")

        invoice_number_scope = d.pop("invoice_number_scope")

        invoice_number_next = d.pop("invoice_number_next")

        credit_note_number_template = d.pop("credit_note_number_template")

        buyer_fee_percent = d.pop("buyer_fee_percent")

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        tax_ids = []
        _tax_ids = d.pop("tax_ids")
        for tax_ids_item_data in _tax_ids:
            tax_ids_item = TaxIdOut.from_dict(tax_ids_item_data)

            tax_ids.append(tax_ids_item)

        def _parse_registration_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        registration_id = _parse_registration_id(d.pop("registration_id"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        branding = AccountOutBranding.from_dict(d.pop("branding"))

        def _parse_address(data: object) -> AccountOutAddressType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_0 = AccountOutAddressType0.from_dict(data)

                return address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountOutAddressType0 | None, data)

        address = _parse_address(d.pop("address"))

        def _parse_payment_instructions(data: object) -> AccountOutPaymentInstructionsType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payment_instructions_type_0 = AccountOutPaymentInstructionsType0.from_dict(data)

                return payment_instructions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountOutPaymentInstructionsType0 | None, data)

        payment_instructions = _parse_payment_instructions(d.pop("payment_instructions"))

        livemode = d.pop("livemode")

        dunning_schedule_days = cast(list[int], d.pop("dunning_schedule_days"))

        dunning_final_action = d.pop("dunning_final_action")

        dunning_subscription_action = d.pop("dunning_subscription_action")

        tax_rounding = d.pop("tax_rounding")

        einvoicing = EInvoicingOut.from_dict(d.pop("einvoicing"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        object_ = cast(Literal["account"] | Unset, d.pop("object", UNSET))
        if object_ != "account" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'account', got '{object_}'")

        account_out = cls(
            id=id,
            name=name,
            default_currency=default_currency,
            invoice_number_template=invoice_number_template,
            invoice_number_scope=invoice_number_scope,
            invoice_number_next=invoice_number_next,
            credit_note_number_template=credit_note_number_template,
            buyer_fee_percent=buyer_fee_percent,
            legal_name=legal_name,
            tax_ids=tax_ids,
            registration_id=registration_id,
            email=email,
            phone=phone,
            branding=branding,
            address=address,
            payment_instructions=payment_instructions,
            livemode=livemode,
            dunning_schedule_days=dunning_schedule_days,
            dunning_final_action=dunning_final_action,
            dunning_subscription_action=dunning_subscription_action,
            tax_rounding=tax_rounding,
            einvoicing=einvoicing,
            created_at=created_at,
            updated_at=updated_at,
            object_=object_,
        )

        account_out.additional_properties = d
        return account_out

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
