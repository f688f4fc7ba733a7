"""Invoice bodies: what `POST/PATCH /v1/invoices` accept and how an invoice reads."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Discriminator,
    Field,
    PlainValidator,
    StrictBool,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from remit.customers.models import Customer
from remit.customers.schemas import CustomerOut
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.tax_categories import DEFAULT_UNIT_CODE, TaxCategory, default_category
from remit.invoices.totals import Adjustment, tax_of
from remit.kernel.currencies import exponent
from remit.kernel.fields import (
    Address,
    Amount,
    Currency,
    Email,
    Handle,
    InputModel,
    LongText,
    Metadata,
    OutTimestamp,
    Percent,
    Quantity,
    ShortText,
    Timestamp,
    UnitAmount,
)
from remit.kernel.links import PublicLinks
from remit.kernel.money import TaxRounding, format_amount, format_decimal

MAX_LINES = 1000
_ZERO = Decimal(0)
CollectionMethod = Literal["charge_automatically", "send_invoice"]
ObjectId = Annotated[str, Field(min_length=1, max_length=64)]
DaysUntilDue = Annotated[int, Field(ge=0, le=3650, strict=True)]
StatementDescriptor = Annotated[str, Field(max_length=22)]
# UN/ECE Recommendation 20 (and 21) unit codes: `C62` one, `HUR` hour, `DAY` day, `H87` piece.
UnitCode = Annotated[str, Field(pattern=r"^[A-Z0-9]{2,3}$", examples=["C62", "HUR"])]
# CEF VATEX codes: `VATEX-EU-AE`, `VATEX-EU-132-1F`, `VATEX-FR-FRANCHISE`…
VatexCode = Annotated[
    str, Field(pattern=r"^VATEX-[A-Z0-9-]+$", max_length=32, examples=["VATEX-EU-AE"])
]
ExemptionReason = Annotated[str, Field(min_length=1, max_length=255)]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _calendar_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("invalid_date", "must be a date as YYYY-MM-DD")


CalendarDate = Annotated[
    date,
    PlainValidator(_calendar_date),
    WithJsonSchema({"type": "string", "format": "date", "example": "2026-12-31"}),
]


# UNCL 5189 (allowances) and UNCL 7161 (charges) reason codes: `95` discount, `FC` freight.
AdjustmentReasonCode = Annotated[str, Field(pattern=r"^[A-Za-z0-9]{1,3}$", examples=["95", "FC"])]


class AdjustmentIn(InputModel):
    """An allowance or a charge (EN 16931 BG-27/BG-28 on a line): `amount` or `percent`, and
    `reason`, `reason_code` or both."""

    amount: Amount | None = Field(None, description="A fixed amount (BT-136 / BT-141).")
    percent: Percent | None = Field(
        None, description="Instead of `amount`: a percentage of the line's amount (BT-138)."
    )
    reason: ShortText | None = Field(None, description="Why (BT-139 / BT-144).")
    reason_code: AdjustmentReasonCode | None = Field(
        None,
        description="The reason's code (BT-140 / BT-145): UNCL 5189 for an allowance (`95` "
        "discount), UNCL 7161 for a charge (`FC` freight).",
    )

    def adjustment(self) -> Adjustment:
        return Adjustment(self.amount, self.percent, self.reason, self.reason_code)


class DocumentAdjustmentIn(AdjustmentIn):
    """An allowance or a charge on the invoice (EN 16931 BG-20/BG-21), in one VAT group."""

    base_amount: Amount | None = Field(
        None,
        description="What `percent` is of (BT-93 / BT-100); without it, the line nets of its "
        "tax group.",
    )
    tax_category: TaxCategory | None = Field(
        None,
        description="Its VAT category (BT-95 / BT-102); with `tax_rate`, its tax group. "
        "Without both: the invoice's only tax group.",
    )
    tax_rate: Percent | None = Field(None, description="Its VAT rate (BT-96 / BT-103).")

    def adjustment(self) -> Adjustment:
        return Adjustment(self.amount, self.percent, self.reason, self.reason_code,
                          self.base_amount, self.tax_category, self.tax_rate)  # fmt: skip


MAX_ADJUSTMENTS = 100
LineAdjustments = Annotated[list[AdjustmentIn], Field(max_length=MAX_ADJUSTMENTS)]
DocumentAdjustments = Annotated[list[DocumentAdjustmentIn], Field(max_length=MAX_ADJUSTMENTS)]


class LineIn(InputModel):
    description: LongText | None = None
    quantity: Quantity = Decimal(1)
    unit_amount: UnitAmount
    tax_rate: Percent | None = Field(
        None, description="The line's tax rate; without it, the invoice's `default_tax_rate`."
    )
    tax_inclusive: StrictBool = False
    discount_percent: Percent | None = None
    discount_amount: Amount | None = None
    allowances: LineAdjustments = Field(
        default_factory=list, description="The line's allowances (BG-27), besides its discount."
    )
    charges: LineAdjustments = Field(default_factory=list, description="Its charges (BG-28).")
    period_start: Timestamp | None = None
    period_end: Timestamp | None = None
    product: ObjectId | None = Field(None, description="The catalog product the line bills.")
    tax_category: TaxCategory | None = Field(
        None,
        description="The VAT category, UNCL 5305 (EN 16931 BT-151). Without it: `S` above 0 %, "
        "`Z` at 0 %; for a customer with `tax_exempt` `reverse`, `AE` at 0 % (reason "
        "`Reverse charge`, `VATEX-EU-AE`), `exempt`, `E` at 0 % (`Tax exempt`).",
    )
    tax_exemption_reason: ExemptionReason | None = Field(
        None,
        description="Why no tax is charged (BT-120); it or its code is required for "
        "categories E, AE, K, G and O, and refused for the others.",
    )
    tax_exemption_reason_code: VatexCode | None = Field(
        None, description="The VATEX code of the reason (BT-121), e.g. `VATEX-EU-AE`."
    )
    unit_code: UnitCode = Field(
        DEFAULT_UNIT_CODE,
        description="The quantity's unit, UN/ECE Recommendation 20 (BT-130): `C62` one (the "
        "default), `HUR` hour, `DAY` day, `MON` month, `H87` piece.",
    )
    metadata: Metadata = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_discount(self) -> LineIn:
        if self.discount_percent is not None and self.discount_amount is not None:
            raise PydanticCustomError(
                "invalid", "give discount_percent or discount_amount, not both"
            )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise PydanticCustomError("invalid", "period_end is before period_start")
        return self


class InlineCustomer(InputModel):
    """A customer to find by e-mail, or to create if the account has none with it."""

    email: Email
    name: ShortText | None = None


def _customer_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "~id"
    if isinstance(value, dict | InlineCustomer):
        return "~new"
    return None


CustomerRef = Annotated[
    Annotated[ObjectId, Tag("~id")] | Annotated[InlineCustomer, Tag("~new")],
    Discriminator(
        _customer_kind,
        custom_error_type="invalid_customer",
        custom_error_message="must be a customer id or an object with email (and name)",
    ),
]


def _create_status(value: Any) -> str:
    if value == "paid":
        raise PydanticCustomError(
            "invoice_paid_on_create",
            "invoices cannot be created as paid; finalize, then record a settlement",
        )
    if value not in ("draft", "open"):
        raise PydanticCustomError("invalid_choice", "must be 'draft' or 'open'")
    return str(value)


# A plain validator rather than a Literal, so that `paid` is refused with its own code.
CreateStatus = Annotated[
    str,
    PlainValidator(_create_status),
    WithJsonSchema({"type": "string", "enum": ["draft", "open"], "default": "draft"}),
]


class InvoiceFields(InputModel):
    """The fields a draft can set, at creation or later."""

    currency: Currency | None = None
    collection_method: CollectionMethod | None = None
    payment_method: ObjectId | None = None
    lines: Annotated[list[LineIn], Field(max_length=MAX_LINES)] | None = None
    due_at: Timestamp | None = None
    days_until_due: DaysUntilDue | None = None
    plan: ObjectId | None = None
    subscription: ObjectId | None = None
    description: LongText | None = None
    statement_descriptor: StatementDescriptor | None = None
    billing_address: Address | None = None
    shipping_address: Address | None = None
    cost_center: ShortText | None = None
    po_number: ShortText | None = Field(
        None, description="The buyer's purchase order: the order reference (BT-13)."
    )
    buyer_reference: ShortText | None = Field(
        None,
        description="The buyer's reference for routing the invoice (BT-10): for German public "
        "buyers, the Leitweg-ID.",
    )
    note: LongText | None = Field(None, description="A note to the buyer (BT-22).")
    payment_terms: LongText | None = Field(
        None, description="The terms of payment, as text (BT-20)."
    )
    delivery_date: CalendarDate | None = Field(
        None, description="When the goods or services were delivered (BT-72), `YYYY-MM-DD`."
    )
    allowances: DocumentAdjustments | None = Field(
        None,
        description="The invoice's allowances (BG-20): off the tax-exclusive amount, each in "
        "one tax group.",
    )
    charges: DocumentAdjustments | None = Field(
        None, description="The invoice's charges (BG-21), such as shipping."
    )
    charge_buyer_fee: StrictBool | None = None
    default_tax_rate: Percent | None = None
    tax_rounding: TaxRounding | None = Field(
        None,
        description="`per_rate` (once per tax rate, EN 16931) or `per_line`; default the "
        "account's.",
    )
    auto_finalize_at: Timestamp | None = None
    charge_at: Timestamp | None = None
    expires_at: Timestamp | None = None
    period_start: Timestamp | None = None
    period_end: Timestamp | None = None

    @model_validator(mode="after")
    def _one_due_date(self) -> InvoiceFields:
        if self.due_at is not None and self.days_until_due is not None:
            raise PydanticCustomError("invalid", "give due_at or days_until_due, not both")
        return self


class InvoiceCreate(InvoiceFields):
    customer: CustomerRef
    status: CreateStatus = "draft"
    pending_items: Literal["include", "exclude"] = Field(
        "exclude",
        description="`include` moves the customer's pending invoice items in the invoice's "
        "currency onto this invoice, as lines that keep their ids.",
    )
    handle: Handle | None = None
    metadata: Metadata = Field(default_factory=dict)


class InvoiceUpdate(InvoiceFields):
    """A draft takes any field (`lines` replaces every line); an issued invoice only metadata."""

    customer: ObjectId | None = None
    metadata: Metadata | None = None


class LinePeriod(BaseModel):
    start: OutTimestamp | None
    end: OutTimestamp | None


class AdjustmentOut(BaseModel):
    amount: str
    percent: str | None
    base_amount: str | None
    reason: str | None
    reason_code: str | None

    @classmethod
    def of(cls, entry: dict[str, Any]) -> AdjustmentOut:
        return cls(
            amount=entry["amount"],
            percent=entry.get("percent"),
            base_amount=entry.get("base_amount"),
            reason=entry.get("reason"),
            reason_code=entry.get("reason_code"),
        )


class DocumentAdjustmentOut(AdjustmentOut):
    tax_category: str
    tax_rate: str

    @classmethod
    def of(cls, entry: dict[str, Any]) -> DocumentAdjustmentOut:
        return cls(
            **AdjustmentOut.of(entry).model_dump(),
            tax_category=entry["tax_category"],
            tax_rate=entry["tax_rate"],
        )


class LineOut(BaseModel):
    object: Literal["line_item"] = "line_item"
    id: str
    description: str | None
    quantity: str
    unit_amount: str
    amount: str
    discount_percent: str | None
    discount_amount: str
    allowances: list[AdjustmentOut]
    charges: list[AdjustmentOut]
    net_amount: str = Field(
        description="amount − discount_amount − allowances + charges (EN 16931 BT-131)."
    )
    tax_rate: str
    tax_inclusive: bool
    tax_amount: str = Field(description="The line's own tax, rounded once.")
    tax_category: str
    tax_exemption_reason: str | None
    tax_exemption_reason_code: str | None
    unit_code: str
    period: LinePeriod | None
    product: str | None
    metadata: dict[str, Any]

    @classmethod
    def of(cls, line: InvoiceLine, currency: str, exponent: int) -> LineOut:
        period = None
        if line.period_start or line.period_end:
            period = LinePeriod(start=line.period_start, end=line.period_end)
        return cls(
            id=line.id,
            description=line.description,
            quantity=format_decimal(line.quantity),
            unit_amount=format_decimal(line.unit_amount, exponent),
            amount=format_amount(line.amount, currency),
            discount_percent=_percent(line.discount_percent),
            discount_amount=format_amount(line.discount_amount, currency),
            allowances=[AdjustmentOut.of(entry) for entry in line.allowances or []],
            charges=[AdjustmentOut.of(entry) for entry in line.charges or []],
            net_amount=format_amount(_net(line), currency),
            tax_rate=format_decimal(line.tax_rate),
            tax_inclusive=line.tax_inclusive,
            tax_amount=format_amount(_line_tax(line, currency), currency),
            tax_category=line.tax_category,
            tax_exemption_reason=line.tax_exemption_reason,
            tax_exemption_reason_code=line.tax_exemption_reason_code,
            unit_code=line.unit_code,
            period=period,
            product=line.product_id,
            metadata=line.metadata_,
        )


class TaxAmountOut(BaseModel):
    tax_rate: str
    tax_inclusive: bool
    taxable_amount: str
    amount: str


class InvoiceTaxAmountOut(TaxAmountOut):
    """One entry of an invoice's tax breakdown (EN 16931 BG-23): one per category and rate
    (and tax-inclusiveness), with the exemption reason its lines state."""

    tax_category: str
    tax_exemption_reason: str | None
    tax_exemption_reason_code: str | None

    @classmethod
    def of(cls, entry: dict[str, Any]) -> InvoiceTaxAmountOut:
        """An entry as kept; one kept before categories is its rate's (`S`, or `Z` at 0)."""
        category = entry.get("tax_category") or default_category(Decimal(entry["tax_rate"]))
        return cls(
            tax_rate=entry["tax_rate"],
            tax_inclusive=entry["tax_inclusive"],
            taxable_amount=entry["taxable_amount"],
            amount=entry["amount"],
            tax_category=category,
            tax_exemption_reason=entry.get("tax_exemption_reason"),
            tax_exemption_reason_code=entry.get("tax_exemption_reason_code"),
        )


class InvoiceOut(BaseModel):
    object: Literal["invoice"] = "invoice"
    id: str
    livemode: bool
    number: str | None
    handle: str | None
    status: str
    customer: str | CustomerOut = Field(
        description="The customer's id, or the customer itself with `expand[]=customer`."
    )
    subscription: str | None
    test_clock: str | None
    plan: str | None
    currency: str
    collection_method: str
    payment_method: str | None
    description: str | None
    statement_descriptor: str | None
    lines: list[LineOut]
    subtotal: str
    discount_amount: str
    allowances: list[DocumentAdjustmentOut]
    charges: list[DocumentAdjustmentOut]
    allowance_amount: str = Field(description="The sum of `allowances` (BT-107).")
    charge_amount: str = Field(description="The sum of `charges` (BT-108).")
    tax_amount: str
    default_tax_rate: str | None
    tax_rounding: str
    tax_breakdown: list[InvoiceTaxAmountOut]
    total: str
    charge_buyer_fee: bool
    buyer_fee: str
    amount_due: str
    amount_paid: str
    amount_remaining: str
    amount_overpaid: str
    starting_balance: str
    applied_balance: str
    ending_balance: str
    credited_amount: str
    pre_payment_credit_notes_amount: str
    post_payment_credit_notes_amount: str
    credit_notes: list[str]
    due_at: OutTimestamp | None
    days_until_due: int | None
    auto_finalize_at: OutTimestamp | None
    charge_at: OutTimestamp | None
    expires_at: OutTimestamp | None
    attempt_count: int
    next_payment_attempt_at: OutTimestamp | None
    last_payment_error: dict[str, Any] | None
    billing_reason: str
    period_start: OutTimestamp | None
    period_end: OutTimestamp | None
    billing_address: dict[str, Any] | None
    shipping_address: dict[str, Any] | None
    customer_snapshot: dict[str, Any] | None
    customer_tax_exempt: str = Field(
        description="The customer's `tax_exempt` its lines were taxed by (`none`, `exempt`, "
        "`reverse`), as when the draft was made or given its customer."
    )
    cost_center: str | None
    po_number: str | None
    buyer_reference: str | None
    note: str | None
    payment_terms: str | None
    delivery_date: date | None
    metadata: dict[str, Any]
    public_token: str | None
    hosted_url: str | None
    pdf_url: str | None
    created_at: OutTimestamp
    updated_at: OutTimestamp
    finalized_at: OutTimestamp | None
    paid_at: OutTimestamp | None
    voided_at: OutTimestamp | None
    marked_uncollectible_at: OutTimestamp | None

    @classmethod
    def of(
        cls, invoice: Invoice, links: PublicLinks, customer: Customer | None = None
    ) -> InvoiceOut:
        currency = invoice.currency
        places = exponent(currency)

        def money(value: Decimal) -> str:
            return format_amount(value, currency)

        token = None  # drafts have no public page
        if invoice.status != "draft":
            token = links.token(invoice.account_id, invoice.id)
        return cls(
            id=invoice.id,
            livemode=invoice.livemode,
            number=invoice.number,
            handle=invoice.handle,
            status=invoice.status,
            customer=CustomerOut.of(customer) if customer is not None else invoice.customer_id,
            subscription=invoice.subscription_id,
            test_clock=invoice.test_clock_id,
            plan=invoice.plan_id,
            currency=currency,
            collection_method=invoice.collection_method,
            payment_method=invoice.payment_method,
            description=invoice.description,
            statement_descriptor=invoice.statement_descriptor,
            lines=[LineOut.of(line, currency, places) for line in invoice.lines],
            subtotal=money(invoice.subtotal),
            discount_amount=money(invoice.discount_amount),
            allowances=[DocumentAdjustmentOut.of(entry) for entry in invoice.allowances or []],
            charges=[DocumentAdjustmentOut.of(entry) for entry in invoice.charges or []],
            allowance_amount=money(invoice.allowance_amount or _ZERO),
            charge_amount=money(invoice.charge_amount or _ZERO),
            tax_amount=money(invoice.tax_amount),
            default_tax_rate=_percent(invoice.default_tax_rate),
            tax_rounding=invoice.tax_rounding,
            tax_breakdown=[InvoiceTaxAmountOut.of(group) for group in invoice.tax_breakdown],
            total=money(invoice.total),
            charge_buyer_fee=invoice.charge_buyer_fee,
            buyer_fee=money(invoice.buyer_fee),
            amount_due=money(invoice.amount_due),
            amount_paid=money(invoice.amount_paid),
            amount_remaining=money(invoice.amount_remaining),
            amount_overpaid=money(invoice.amount_overpaid),
            starting_balance=money(invoice.starting_balance),
            applied_balance=money(invoice.applied_balance),
            ending_balance=money(invoice.starting_balance - invoice.applied_balance),
            credited_amount=money(invoice.credited_amount),
            pre_payment_credit_notes_amount=money(invoice.pre_payment_credit_notes_amount),
            post_payment_credit_notes_amount=money(invoice.post_payment_credit_notes_amount),
            credit_notes=list(invoice.credit_note_ids or []),
            due_at=invoice.due_at,
            days_until_due=invoice.days_until_due,
            auto_finalize_at=invoice.auto_finalize_at,
            charge_at=invoice.charge_at,
            expires_at=invoice.expires_at,
            attempt_count=invoice.attempt_count,
            next_payment_attempt_at=invoice.next_payment_attempt_at,
            last_payment_error=invoice.last_payment_error,
            billing_reason=invoice.billing_reason,
            period_start=invoice.period_start,
            period_end=invoice.period_end,
            billing_address=invoice.billing_address,
            shipping_address=invoice.shipping_address,
            customer_snapshot=invoice.customer_snapshot,
            customer_tax_exempt=invoice.customer_tax_exempt,
            cost_center=invoice.cost_center,
            po_number=invoice.po_number,
            buyer_reference=invoice.buyer_reference,
            note=invoice.note,
            payment_terms=invoice.payment_terms,
            delivery_date=invoice.delivery_date,
            metadata=invoice.metadata_,
            public_token=token,
            hosted_url=links.page(token) if token else None,
            pdf_url=links.pdf(token) if token else None,
            created_at=invoice.created_at,
            updated_at=invoice.updated_at,
            finalized_at=invoice.finalized_at,
            paid_at=invoice.paid_at,
            voided_at=invoice.voided_at,
            marked_uncollectible_at=invoice.marked_uncollectible_at,
        )


def _line_tax(line: InvoiceLine, currency: str) -> Decimal:
    """The line's tax as kept, or (lines written before it was kept) as computed now."""
    if line.tax_amount is not None:
        return line.tax_amount
    base = line.amount - line.discount_amount
    return tax_of(base, line.tax_rate, line.tax_inclusive, currency)


def _net(line: InvoiceLine) -> Decimal:
    """BT-131 as kept; on a line of a transient draft not computed yet, from its figures."""
    if line.net_amount is not None:
        return line.net_amount
    return line.amount - line.discount_amount


def _percent(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value)
