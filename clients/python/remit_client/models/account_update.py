from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.account_update_dunning_final_action_type_0 import (
    AccountUpdateDunningFinalActionType0,
    check_account_update_dunning_final_action_type_0,
)
from ..models.account_update_dunning_subscription_action_type_0 import (
    AccountUpdateDunningSubscriptionActionType0,
    check_account_update_dunning_subscription_action_type_0,
)
from ..models.account_update_invoice_number_scope_type_0 import (
    AccountUpdateInvoiceNumberScopeType0,
    check_account_update_invoice_number_scope_type_0,
)
from ..models.account_update_tax_rounding_type_0 import (
    AccountUpdateTaxRoundingType0,
    check_account_update_tax_rounding_type_0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.branding import Branding
    from ..models.e_invoicing import EInvoicing
    from ..models.payment_instructions import PaymentInstructions
    from ..models.tax_id_in import TaxIdIn


T = TypeVar("T", bound="AccountUpdate")


@_attrs_define
class AccountUpdate:
    """
    Attributes:
        name (None | str | Unset):
        legal_name (None | str | Unset): The registered name (EN 16931 BT-27), when not `name`.
        tax_ids (list[TaxIdIn] | None | Unset): VAT and tax numbers (BT-31, BT-32); the list sent replaces the one kept.
        registration_id (None | str | Unset): Trade register number (BT-30), e.g. `HRB 12345, Amtsgericht Köln`.
        email (None | str | Unset): The seller's contact e-mail (BT-43).
        phone (None | str | Unset): The seller's contact telephone (BT-42).
        default_currency (None | str | Unset):
        invoice_number_template (None | str | Unset):
        invoice_number_scope (AccountUpdateInvoiceNumberScopeType0 | None | Unset):
        invoice_number_next (int | None | Unset):
        credit_note_number_template (None | str | Unset): Credit note numbers, e.g. `CN-{seq:04}` (no `{prefix}`).
        buyer_fee_percent (float | None | str | Unset):
        branding (Branding | None | Unset):
        address (Address | None | Unset):
        payment_instructions (None | PaymentInstructions | Unset):
        dunning_schedule_days (list[int] | None | Unset):
        dunning_final_action (AccountUpdateDunningFinalActionType0 | None | Unset):
        dunning_subscription_action (AccountUpdateDunningSubscriptionActionType0 | None | Unset):
        tax_rounding (AccountUpdateTaxRoundingType0 | None | Unset):
        einvoicing (EInvoicing | None | Unset):
    """

    name: None | str | Unset = UNSET
    legal_name: None | str | Unset = UNSET
    tax_ids: list[TaxIdIn] | None | Unset = UNSET
    registration_id: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    default_currency: None | str | Unset = UNSET
    invoice_number_template: None | str | Unset = UNSET
    invoice_number_scope: AccountUpdateInvoiceNumberScopeType0 | None | Unset = UNSET
    invoice_number_next: int | None | Unset = UNSET
    credit_note_number_template: None | str | Unset = UNSET
    buyer_fee_percent: float | None | str | Unset = UNSET
    branding: Branding | None | Unset = UNSET
    address: Address | None | Unset = UNSET
    payment_instructions: None | PaymentInstructions | Unset = UNSET
    dunning_schedule_days: list[int] | None | Unset = UNSET
    dunning_final_action: AccountUpdateDunningFinalActionType0 | None | Unset = UNSET
    dunning_subscription_action: AccountUpdateDunningSubscriptionActionType0 | None | Unset = UNSET
    tax_rounding: AccountUpdateTaxRoundingType0 | None | Unset = UNSET
    einvoicing: EInvoicing | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.branding import Branding  # noqa: PLC0415
        from ..models.e_invoicing import EInvoicing  # noqa: PLC0415
        from ..models.payment_instructions import PaymentInstructions  # noqa: PLC0415

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        legal_name: None | str | Unset
        if isinstance(self.legal_name, Unset):
            legal_name = UNSET
        else:
            legal_name = self.legal_name

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

        registration_id: None | str | Unset
        if isinstance(self.registration_id, Unset):
            registration_id = UNSET
        else:
            registration_id = self.registration_id

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        default_currency: None | str | Unset
        if isinstance(self.default_currency, Unset):
            default_currency = UNSET
        else:
            default_currency = self.default_currency

        invoice_number_template: None | str | Unset
        if isinstance(self.invoice_number_template, Unset):
            invoice_number_template = UNSET
        else:
            invoice_number_template = self.invoice_number_template

        invoice_number_scope: None | str | Unset
        if isinstance(self.invoice_number_scope, Unset):
            invoice_number_scope = UNSET
        elif isinstance(self.invoice_number_scope, str):
            invoice_number_scope = self.invoice_number_scope
        else:
            invoice_number_scope = self.invoice_number_scope

        invoice_number_next: int | None | Unset
        if isinstance(self.invoice_number_next, Unset):
            invoice_number_next = UNSET
        else:
            invoice_number_next = self.invoice_number_next

        credit_note_number_template: None | str | Unset
        if isinstance(self.credit_note_number_template, Unset):
            credit_note_number_template = UNSET
        else:
            credit_note_number_template = self.credit_note_number_template

        buyer_fee_percent: float | None | str | Unset
        if isinstance(self.buyer_fee_percent, Unset):
            buyer_fee_percent = UNSET
        else:
            buyer_fee_percent = self.buyer_fee_percent

        branding: dict[str, Any] | None | Unset
        if isinstance(self.branding, Unset):
            branding = UNSET
        elif isinstance(self.branding, Branding):
            branding = self.branding.to_dict()
        else:
            branding = self.branding

        address: dict[str, Any] | None | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        elif isinstance(self.address, Address):
            address = self.address.to_dict()
        else:
            address = self.address

        payment_instructions: dict[str, Any] | None | Unset
        if isinstance(self.payment_instructions, Unset):
            payment_instructions = UNSET
        elif isinstance(self.payment_instructions, PaymentInstructions):
            payment_instructions = self.payment_instructions.to_dict()
        else:
            payment_instructions = self.payment_instructions

        dunning_schedule_days: list[int] | None | Unset
        if isinstance(self.dunning_schedule_days, Unset):
            dunning_schedule_days = UNSET
        elif isinstance(self.dunning_schedule_days, list):
            dunning_schedule_days = self.dunning_schedule_days

        else:
            dunning_schedule_days = self.dunning_schedule_days

        dunning_final_action: None | str | Unset
        if isinstance(self.dunning_final_action, Unset):
            dunning_final_action = UNSET
        elif isinstance(self.dunning_final_action, str):
            dunning_final_action = self.dunning_final_action
        else:
            dunning_final_action = self.dunning_final_action

        dunning_subscription_action: None | str | Unset
        if isinstance(self.dunning_subscription_action, Unset):
            dunning_subscription_action = UNSET
        elif isinstance(self.dunning_subscription_action, str):
            dunning_subscription_action = self.dunning_subscription_action
        else:
            dunning_subscription_action = self.dunning_subscription_action

        tax_rounding: None | str | Unset
        if isinstance(self.tax_rounding, Unset):
            tax_rounding = UNSET
        elif isinstance(self.tax_rounding, str):
            tax_rounding = self.tax_rounding
        else:
            tax_rounding = self.tax_rounding

        einvoicing: dict[str, Any] | None | Unset
        if isinstance(self.einvoicing, Unset):
            einvoicing = UNSET
        elif isinstance(self.einvoicing, EInvoicing):
            einvoicing = self.einvoicing.to_dict()
        else:
            einvoicing = self.einvoicing

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if legal_name is not UNSET:
            field_dict["legal_name"] = legal_name
        if tax_ids is not UNSET:
            field_dict["tax_ids"] = tax_ids
        if registration_id is not UNSET:
            field_dict["registration_id"] = registration_id
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if default_currency is not UNSET:
            field_dict["default_currency"] = default_currency
        if invoice_number_template is not UNSET:
            field_dict["invoice_number_template"] = invoice_number_template
        if invoice_number_scope is not UNSET:
            field_dict["invoice_number_scope"] = invoice_number_scope
        if invoice_number_next is not UNSET:
            field_dict["invoice_number_next"] = invoice_number_next
        if credit_note_number_template is not UNSET:
            field_dict["credit_note_number_template"] = credit_note_number_template
        if buyer_fee_percent is not UNSET:
            field_dict["buyer_fee_percent"] = buyer_fee_percent
        if branding is not UNSET:
            field_dict["branding"] = branding
        if address is not UNSET:
            field_dict["address"] = address
        if payment_instructions is not UNSET:
            field_dict["payment_instructions"] = payment_instructions
        if dunning_schedule_days is not UNSET:
            field_dict["dunning_schedule_days"] = dunning_schedule_days
        if dunning_final_action is not UNSET:
            field_dict["dunning_final_action"] = dunning_final_action
        if dunning_subscription_action is not UNSET:
            field_dict["dunning_subscription_action"] = dunning_subscription_action
        if tax_rounding is not UNSET:
            field_dict["tax_rounding"] = tax_rounding
        if einvoicing is not UNSET:
            field_dict["einvoicing"] = einvoicing

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.branding import Branding  # noqa: PLC0415
        from ..models.e_invoicing import EInvoicing  # noqa: PLC0415
        from ..models.payment_instructions import PaymentInstructions  # noqa: PLC0415
        from ..models.tax_id_in import TaxIdIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_legal_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        legal_name = _parse_legal_name(d.pop("legal_name", UNSET))

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

        def _parse_registration_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        registration_id = _parse_registration_id(d.pop("registration_id", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_default_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_currency = _parse_default_currency(d.pop("default_currency", UNSET))

        def _parse_invoice_number_template(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice_number_template = _parse_invoice_number_template(d.pop("invoice_number_template", UNSET))

        def _parse_invoice_number_scope(data: object) -> AccountUpdateInvoiceNumberScopeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                invoice_number_scope_type_0 = check_account_update_invoice_number_scope_type_0(data)

                return invoice_number_scope_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountUpdateInvoiceNumberScopeType0 | None | Unset, data)

        invoice_number_scope = _parse_invoice_number_scope(d.pop("invoice_number_scope", UNSET))

        def _parse_invoice_number_next(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        invoice_number_next = _parse_invoice_number_next(d.pop("invoice_number_next", UNSET))

        def _parse_credit_note_number_template(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        credit_note_number_template = _parse_credit_note_number_template(d.pop("credit_note_number_template", UNSET))

        def _parse_buyer_fee_percent(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        buyer_fee_percent = _parse_buyer_fee_percent(d.pop("buyer_fee_percent", UNSET))

        def _parse_branding(data: object) -> Branding | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                branding_type_0 = Branding.from_dict(data)

                return branding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Branding | None | Unset, data)

        branding = _parse_branding(d.pop("branding", UNSET))

        def _parse_address(data: object) -> Address | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_0 = Address.from_dict(data)

                return address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Address | None | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_payment_instructions(data: object) -> None | PaymentInstructions | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payment_instructions_type_0 = PaymentInstructions.from_dict(data)

                return payment_instructions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentInstructions | Unset, data)

        payment_instructions = _parse_payment_instructions(d.pop("payment_instructions", UNSET))

        def _parse_dunning_schedule_days(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dunning_schedule_days_type_0 = cast(list[int], data)

                return dunning_schedule_days_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        dunning_schedule_days = _parse_dunning_schedule_days(d.pop("dunning_schedule_days", UNSET))

        def _parse_dunning_final_action(data: object) -> AccountUpdateDunningFinalActionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dunning_final_action_type_0 = check_account_update_dunning_final_action_type_0(data)

                return dunning_final_action_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountUpdateDunningFinalActionType0 | None | Unset, data)

        dunning_final_action = _parse_dunning_final_action(d.pop("dunning_final_action", UNSET))

        def _parse_dunning_subscription_action(
            data: object,
        ) -> AccountUpdateDunningSubscriptionActionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dunning_subscription_action_type_0 = check_account_update_dunning_subscription_action_type_0(data)

                return dunning_subscription_action_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountUpdateDunningSubscriptionActionType0 | None | Unset, data)

        dunning_subscription_action = _parse_dunning_subscription_action(d.pop("dunning_subscription_action", UNSET))

        def _parse_tax_rounding(data: object) -> AccountUpdateTaxRoundingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tax_rounding_type_0 = check_account_update_tax_rounding_type_0(data)

                return tax_rounding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountUpdateTaxRoundingType0 | None | Unset, data)

        tax_rounding = _parse_tax_rounding(d.pop("tax_rounding", UNSET))

        def _parse_einvoicing(data: object) -> EInvoicing | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                einvoicing_type_0 = EInvoicing.from_dict(data)

                return einvoicing_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EInvoicing | None | Unset, data)

        einvoicing = _parse_einvoicing(d.pop("einvoicing", UNSET))

        account_update = cls(
            name=name,
            legal_name=legal_name,
            tax_ids=tax_ids,
            registration_id=registration_id,
            email=email,
            phone=phone,
            default_currency=default_currency,
            invoice_number_template=invoice_number_template,
            invoice_number_scope=invoice_number_scope,
            invoice_number_next=invoice_number_next,
            credit_note_number_template=credit_note_number_template,
            buyer_fee_percent=buyer_fee_percent,
            branding=branding,
            address=address,
            payment_instructions=payment_instructions,
            dunning_schedule_days=dunning_schedule_days,
            dunning_final_action=dunning_final_action,
            dunning_subscription_action=dunning_subscription_action,
            tax_rounding=tax_rounding,
            einvoicing=einvoicing,
        )

        return account_update
