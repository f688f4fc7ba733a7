"""Customer bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from remit.customers.models import Customer
from remit.kernel.fields import (
    Address,
    Email,
    Handle,
    InputModel,
    Metadata,
    OutTimestamp,
    ShortText,
)
from remit.kernel.tax_ids import TaxIdOut, TaxIds

InvoicePrefix = Annotated[str, Field(pattern=r"^[A-Z0-9]{3,12}$")]
Locale = Annotated[str, Field(pattern=r"^[a-zA-Z]{2,3}([_-][a-zA-Z0-9]{2,8})*$", max_length=35)]
Phone = Annotated[str, Field(max_length=64)]
TaxId = Annotated[str, Field(max_length=64)]
# "reverse": the buyer accounts for the VAT (reverse charge); "exempt": no tax is charged.
TaxExempt = Literal["none", "exempt", "reverse"]


class CustomerFields(InputModel):
    handle: Handle | None = None
    email: Email | None = None
    name: ShortText | None = None
    phone: Phone | None = None
    billing_address: Address | None = None
    shipping_address: Address | None = None
    tax_id: TaxId | None = Field(
        None, description="An id of no known type, kept as given (shown in `tax_ids`)."
    )
    tax_ids: TaxIds | None = Field(
        None,
        description="Typed, checked ids (EN 16931 BT-48); the list sent replaces the one kept.",
    )
    tax_exempt: TaxExempt | None = Field(
        None, description="`none` (the default; `null` sets it), `exempt` or `reverse`."
    )
    locale: Locale | None = None
    invoice_prefix: InvoicePrefix | None = None


class CustomerCreate(CustomerFields):
    generate_handle: StrictBool = Field(
        False, description="Give the customer the account's next free handle, `cust-<n>`."
    )
    metadata: Metadata = Field(default_factory=dict)
    test_clock: str | None = Field(
        None, max_length=64, description="The test clock the customer lives on (test mode)."
    )

    @model_validator(mode="after")
    def _one_handle(self) -> CustomerCreate:
        if self.generate_handle and self.handle is not None:
            raise PydanticCustomError("invalid", "give handle or generate_handle, not both")
        return self


class CustomerUpdate(CustomerFields):
    """Only the fields sent change; `null` clears one; metadata merges (null drops a key)."""

    metadata: Metadata | None = None


class CustomerOut(BaseModel):
    object: Literal["customer"] = "customer"
    id: str
    livemode: bool
    handle: str | None
    email: str | None
    name: str | None
    phone: str | None
    billing_address: dict[str, Any] | None
    shipping_address: dict[str, Any] | None
    tax_id: str | None
    tax_ids: list[TaxIdOut]
    tax_exempt: str
    locale: str | None
    invoice_prefix: str
    default_payment_method: str | None
    test_clock: str | None
    metadata: dict[str, Any]
    created_at: OutTimestamp
    updated_at: OutTimestamp

    @classmethod
    def of(cls, customer: Customer) -> CustomerOut:
        return cls(
            id=customer.id,
            livemode=customer.livemode,
            handle=customer.handle,
            email=customer.email,
            name=customer.name,
            phone=customer.phone,
            billing_address=customer.billing_address,
            shipping_address=customer.shipping_address,
            tax_id=customer.tax_id,
            tax_ids=[TaxIdOut.model_validate(item) for item in customer.all_tax_ids],
            tax_exempt=customer.tax_exempt,
            locale=customer.locale,
            invoice_prefix=customer.invoice_prefix,
            default_payment_method=customer.default_payment_method,
            test_clock=customer.test_clock_id,
            metadata=customer.metadata_,
            created_at=customer.created_at,
            updated_at=customer.updated_at,
        )
