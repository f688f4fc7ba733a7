"""Account bodies: the settings a business controls through `PATCH /v1/account`."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool, field_validator
from pydantic_core import PydanticCustomError

from remit.accounts.models import Account
from remit.kernel import images
from remit.kernel.fields import (
    Address,
    Currency,
    Email,
    InputModel,
    OutTimestamp,
    Percent,
    ShortText,
)
from remit.kernel.money import TaxRounding, format_decimal
from remit.kernel.tax_ids import TaxIdOut, TaxIds

DunningSchedule = Annotated[
    list[Annotated[int, Field(ge=1, le=365, strict=True)]], Field(min_length=1, max_length=10)
]


_LOGO_ADDRESS = re.compile(r"https://[^\s/?#@]+([/?#]\S*)?")
MAX_LOGO_ADDRESS_LENGTH = 2000


class Branding(InputModel):
    # An https address (the page links it; the PDF shows a copy the server fetched once) or
    # a small `data:` image (docs/hosted.md).
    logo_url: Annotated[str, Field(max_length=3 * images.MAX_DATA_LOGO_BYTES)] | None = None
    primary_color: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] | None = None

    @field_validator("logo_url")
    @classmethod
    def _logo(cls, url: str | None) -> str | None:
        if url is None or (_LOGO_ADDRESS.fullmatch(url) and len(url) <= MAX_LOGO_ADDRESS_LENGTH):
            return url
        if not url.startswith("data:"):
            raise PydanticCustomError(
                "invalid_logo",
                "must be an https:// address (at most 2000 characters) or a data: image",
            )
        try:
            images.decode_data_url(url)
        except images.NotAnImage as exc:
            reason = {"reason": str(exc)}
            raise PydanticCustomError("invalid_logo", "a data: logo {reason}", reason) from None
        return url


class PaymentInstructions(InputModel):
    """How customers pay by hand, shown on the hosted invoice (bank transfer, crypto)."""

    account_holder: ShortText | None = None
    bank_name: ShortText | None = None
    iban: Annotated[str, Field(pattern=r"^[A-Z]{2}[0-9]{2}[A-Z0-9 ]{8,40}$")] | None = None
    bic: Annotated[str, Field(pattern=r"^[A-Z0-9]{8}([A-Z0-9]{3})?$")] | None = None
    account_number: Annotated[str, Field(max_length=40)] | None = None
    routing_number: Annotated[str, Field(max_length=20)] | None = None
    crypto_address: Annotated[str, Field(max_length=128)] | None = None
    note: Annotated[str, Field(max_length=1000)] | None = None


class EInvoicing(InputModel):
    """E-invoicing settings (docs/einvoicing.md)."""

    embed_facturx: StrictBool | None = Field(
        None, description="Embed the CII e-invoice in invoice PDFs as Factur-X (default true)."
    )


class EInvoicingOut(BaseModel):
    embed_facturx: bool


RegistrationId = Annotated[str, Field(min_length=1, max_length=100)]
Phone = Annotated[str, Field(max_length=64)]


class AccountUpdate(InputModel):
    name: Annotated[str, Field(min_length=1, max_length=255)] | None = None
    # The seller's legal data (docs/einvoicing.md); `null` clears one.
    legal_name: ShortText | None = Field(
        None, description="The registered name (EN 16931 BT-27), when not `name`."
    )
    tax_ids: TaxIds | None = Field(
        None, description="VAT and tax numbers (BT-31, BT-32); the list sent replaces the one kept."
    )
    registration_id: RegistrationId | None = Field(
        None, description="Trade register number (BT-30), e.g. `HRB 12345, Amtsgericht Köln`."
    )
    email: Email | None = Field(None, description="The seller's contact e-mail (BT-43).")
    phone: Phone | None = Field(None, description="The seller's contact telephone (BT-42).")
    default_currency: Currency | None = None
    invoice_number_template: ShortText | None = None
    invoice_number_scope: Literal["account", "customer"] | None = None
    invoice_number_next: Annotated[int, Field(ge=1, le=10**15, strict=True)] | None = None
    credit_note_number_template: ShortText | None = Field(
        None, description="Credit note numbers, e.g. `CN-{seq:04}` (no `{prefix}`)."
    )
    buyer_fee_percent: Percent | None = None
    branding: Branding | None = None
    address: Address | None = None
    payment_instructions: PaymentInstructions | None = None
    dunning_schedule_days: DunningSchedule | None = None
    dunning_final_action: Literal["leave_open", "mark_uncollectible"] | None = None
    dunning_subscription_action: Literal["mark_unpaid", "cancel", "leave_past_due"] | None = None
    tax_rounding: TaxRounding | None = None
    einvoicing: EInvoicing | None = None

    @field_validator("dunning_schedule_days")
    @classmethod
    def _increasing(cls, days: list[int] | None) -> list[int] | None:
        if days is not None and any(later <= earlier for earlier, later in pairwise(days)):
            raise PydanticCustomError("invalid", "days must increase (e.g. [1, 3, 5, 7])")
        return days


class AccountOut(BaseModel):
    object: Literal["account"] = "account"
    id: str
    name: str
    default_currency: str
    invoice_number_template: str
    invoice_number_scope: str
    invoice_number_next: int
    credit_note_number_template: str
    buyer_fee_percent: str
    legal_name: str | None
    tax_ids: list[TaxIdOut]
    registration_id: str | None
    email: str | None
    phone: str | None
    branding: dict[str, str | None]
    address: dict[str, Any] | None
    payment_instructions: dict[str, Any] | None
    livemode: bool
    dunning_schedule_days: list[int]
    dunning_final_action: str
    dunning_subscription_action: str
    tax_rounding: str
    einvoicing: EInvoicingOut
    created_at: OutTimestamp
    updated_at: OutTimestamp

    @classmethod
    def of(cls, account: Account, next_number: int, livemode: bool) -> AccountOut:
        """The account as a key of one mode sees it (`livemode` is the key's mode)."""
        return cls(
            id=account.id,
            name=account.name,
            default_currency=account.default_currency,
            invoice_number_template=account.invoice_number_template,
            invoice_number_scope=account.invoice_number_scope,
            invoice_number_next=next_number,
            credit_note_number_template=account.credit_note_number_template,
            buyer_fee_percent=format_decimal(account.buyer_fee_percent),
            legal_name=account.legal_name,
            tax_ids=[TaxIdOut.model_validate(item) for item in account.tax_ids],
            registration_id=account.registration_id,
            email=account.email,
            phone=account.phone,
            branding=account.branding,
            address=account.address,
            payment_instructions=account.payment_instructions,
            livemode=livemode,
            dunning_schedule_days=list(account.dunning_schedule),
            dunning_final_action=account.dunning_final_action,
            dunning_subscription_action=account.dunning_subscription_action,
            tax_rounding=account.tax_rounding,
            einvoicing=EInvoicingOut(embed_facturx=account.einvoice_embed_facturx),
            created_at=account.created_at,
            updated_at=account.updated_at,
        )
