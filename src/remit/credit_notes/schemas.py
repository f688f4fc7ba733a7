"""Credit note bodies: what `POST /v1/credit_notes` (and its preview) accept, and how a note
reads."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Discriminator, Field, StrictBool, Tag, model_validator
from pydantic_core import PydanticCustomError

from remit.credit_notes.models import CreditNote, CreditNoteLine
from remit.invoices.schemas import MAX_LINES, ObjectId, TaxAmountOut
from remit.kernel.currencies import exponent
from remit.kernel.fields import (
    Amount,
    InputModel,
    LongText,
    Metadata,
    OutTimestamp,
    Percent,
    PositiveAmount,
    Quantity,
)
from remit.kernel.links import PublicLinks
from remit.kernel.money import format_amount, format_decimal

Reason = Literal["duplicate", "fraudulent", "order_change", "product_unsatisfactory", "other"]


class InvoiceLineCreditIn(InputModel):
    """Part of a line of the invoice: a `quantity` of it (its discount prorated), or an
    `amount` of it after discount, in the line's terms (gross when tax-inclusive)."""

    type: Literal["invoice_line_item"] = "invoice_line_item"
    invoice_line: ObjectId
    quantity: Quantity | None = None
    amount: PositiveAmount | None = None

    @model_validator(mode="after")
    def _quantity_or_amount(self) -> InvoiceLineCreditIn:
        if (self.quantity is None) == (self.amount is None):
            raise PydanticCustomError("invalid", "give the quantity or the amount to credit")
        return self


class CustomLineCreditIn(InputModel):
    """A credit of its own (a goodwill gesture, a fee waived), taxed at `tax_rate` (default:
    the invoice's `default_tax_rate`, else none)."""

    type: Literal["custom_line_item"]
    description: LongText
    quantity: Quantity = Decimal(1)
    unit_amount: PositiveAmount
    tax_rate: Percent | None = None
    tax_inclusive: StrictBool = False


def _line_kind(value: Any) -> str:
    # Anything but a custom line is read as an invoice line, whose `type` then names itself
    # as the bad parameter (`lines[0].type`) when it is neither.
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return "~custom" if kind == "custom_line_item" else "~invoice_line"


LineCreditIn = Annotated[
    Annotated[InvoiceLineCreditIn, Tag("~invoice_line")]
    | Annotated[CustomLineCreditIn, Tag("~custom")],
    Discriminator(_line_kind),
]


class CreditNoteCreate(InputModel):
    invoice: ObjectId
    lines: Annotated[list[LineCreditIn], Field(min_length=1, max_length=MAX_LINES)] | None = None
    amount: PositiveAmount | None = Field(
        None,
        description="Instead of lines: a lump sum including tax, shared among the invoice's "
        "tax rates in proportion to what is left of each.",
    )
    reason: Reason | None = None
    memo: LongText | None = None
    refund_amount: Amount | None = Field(
        None, description="Of the part beyond what was left to pay: refunded to the payer."
    )
    credit_amount: Amount | None = Field(
        None,
        description="Of the part beyond what was left to pay: credited to the customer's "
        "balance (the default for all of it when none of the three is given).",
    )
    out_of_band_amount: Amount | None = Field(
        None, description="Of the part beyond what was left to pay: settled outside remit."
    )
    metadata: Metadata = Field(default_factory=dict)


class CreditNoteLineOut(BaseModel):
    object: Literal["credit_note_line_item"] = "credit_note_line_item"
    id: str | None = Field(description="null in a preview.")
    type: str
    invoice_line: str | None
    description: str | None
    quantity: str | None = Field(description="null when the line credits an amount.")
    unit_amount: str | None
    amount: str = Field(description="In the line's terms: gross of tax when tax-inclusive.")
    discount_amount: str
    tax_rate: str
    tax_inclusive: bool
    tax_amount: str

    @classmethod
    def of(cls, line: CreditNoteLine, currency: str, places: int) -> CreditNoteLineOut:
        return cls(
            id=line.id,
            type=line.type,
            invoice_line=line.invoice_line_id,
            description=line.description,
            quantity=_decimal(line.quantity),
            unit_amount=_decimal(line.unit_amount, places),
            amount=format_amount(line.amount, currency),
            discount_amount=format_amount(line.discount_amount, currency),
            tax_rate=format_decimal(line.tax_rate),
            tax_inclusive=line.tax_inclusive,
            tax_amount=format_amount(line.tax_amount, currency),
        )


class CreditNoteOut(BaseModel):
    object: Literal["credit_note"] = "credit_note"
    id: str | None = Field(description="null in a preview.")
    livemode: bool
    number: str | None = Field(description="null in a preview: numbers are taken at issue.")
    status: str
    invoice: str
    customer: str
    currency: str
    reason: str | None
    memo: str | None
    lines: list[CreditNoteLineOut]
    subtotal: str
    discount_amount: str
    tax_amount: str
    tax_breakdown: list[TaxAmountOut]
    total: str
    pre_payment_amount: str = Field(description="What it took off what was left to pay.")
    post_payment_amount: str = Field(
        description="What it credited beyond that: refund + credit + out of band."
    )
    refund_amount: str
    credit_amount: str
    out_of_band_amount: str
    refunds: list[str]
    metadata: dict[str, Any]
    hosted_url: str | None = Field(
        description="The note as a web page, for the customer (no API key: the signed token "
        "in it is the key); null in a preview."
    )
    pdf_url: str | None = Field(description="The same document as PDF; null in a preview.")
    created_at: OutTimestamp
    updated_at: OutTimestamp
    voided_at: OutTimestamp | None

    @classmethod
    def of(cls, note: CreditNote, links: PublicLinks) -> CreditNoteOut:
        currency, places = note.currency, exponent(note.currency)
        token = None  # a preview has no page
        if note.id is not None:
            token = links.credit_note_token(note.account_id, note.id)

        def money(value: Decimal) -> str:
            return format_amount(value, currency)

        return cls(
            id=note.id,
            livemode=note.livemode,
            number=note.number,
            status=note.status,
            invoice=note.invoice_id,
            customer=note.customer_id,
            currency=currency,
            reason=note.reason,
            memo=note.memo,
            lines=[CreditNoteLineOut.of(line, currency, places) for line in note.lines],
            subtotal=money(note.subtotal),
            discount_amount=money(note.discount_amount),
            tax_amount=money(note.tax_amount),
            tax_breakdown=[TaxAmountOut(**group) for group in note.tax_breakdown],
            total=money(note.total),
            pre_payment_amount=money(note.pre_payment_amount),
            post_payment_amount=money(note.post_payment_amount),
            refund_amount=money(note.refund_amount),
            credit_amount=money(note.credit_amount),
            out_of_band_amount=money(note.out_of_band_amount),
            refunds=list(note.refund_ids),
            metadata=note.metadata_,
            hosted_url=links.credit_note_page(token) if token else None,
            pdf_url=links.credit_note_pdf(token) if token else None,
            created_at=note.created_at,
            updated_at=note.updated_at,
            voided_at=note.voided_at,
        )


def _decimal(value: Decimal | None, places: int = 0) -> str | None:
    return None if value is None else format_decimal(value, places)
