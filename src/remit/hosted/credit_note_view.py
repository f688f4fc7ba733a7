"""The hosted credit note as a template reads it: every figure already formatted, pure.

It looks like its invoice's page (`view`): the same seller, customer (as frozen on the
invoice), locale and colours; then the invoice it corrects, the credited lines, totals, and
how the credit was settled. A void note keeps its figures and says VOID.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel import Locale

from remit.accounts.models import Account
from remit.credit_notes.models import CreditNote, CreditNoteLine
from remit.hosted import formatting as fmt
from remit.hosted import view
from remit.invoices.models import Invoice

REASON_LABELS = {
    "duplicate": "Duplicate charge",
    "fraudulent": "Fraudulent charge",
    "order_change": "Order change",
    "product_unsatisfactory": "Product unsatisfactory",
    "other": "Other",
}
# Where the credit went (credit_notes.amounts' split), in the order the page lists it.
SETTLEMENT_LABELS = (
    ("pre_payment_amount", "Taken off the amount due"),
    ("credit_amount", "Credited to your balance"),
    ("refund_amount", "Refunded"),
    ("out_of_band_amount", "Settled outside this system (out of band)"),
)
NO_DESCRIPTION = "Credit"


@dataclass(frozen=True)
class CreditNoteLineView:
    description: str
    quantity: str
    unit_price: str
    tax_rate: str
    discount: str | None
    amount: str


@dataclass(frozen=True)
class CreditNoteView:
    number: str
    test_mode: bool
    status: str
    status_label: str
    void: bool
    voided_on: str | None
    lang: str
    seller: dict[str, Any]
    customer: dict[str, Any]
    issued: str | None
    reason: str | None
    memo: str | None
    invoice_number: str
    invoice_href: str
    lines: list[CreditNoteLineView]
    tax_rows: list[tuple[str, str, str]]
    totals: list[tuple[str, str]]
    settlement: list[tuple[str, str]]
    brand_color: str
    brand_text_color: str
    logo_url: str | None


def build(
    note: CreditNote, invoice: Invoice, account: Account, invoice_href: str
) -> CreditNoteView:
    """`invoice_href`: the address of the invoice's page."""
    locale = view.locale_of(invoice)

    def money(value: Decimal) -> str:
        return fmt.money(value, note.currency, locale)

    return CreditNoteView(
        number=note.number,
        test_mode=not note.livemode,
        status=note.status,
        status_label=view.CREDIT_NOTE_STATUS_LABELS.get(note.status, note.status),
        void=note.status == "void",
        voided_on=fmt.date(note.voided_at, locale),
        lang=view.lang_of(locale),
        seller=view.seller_of(account),
        customer=view.customer_of(invoice),
        issued=fmt.date(note.created_at, locale),
        reason=REASON_LABELS.get(note.reason, note.reason) if note.reason else None,
        memo=note.memo,
        invoice_number=invoice.number or invoice.id,
        invoice_href=invoice_href,
        lines=[_line(line, note.currency, locale) for line in note.lines],
        tax_rows=view.tax_rows(note.tax_breakdown, money, locale),
        totals=_totals(note, money),
        settlement=[
            (label, money(getattr(note, name)))
            for name, label in SETTLEMENT_LABELS
            if getattr(note, name)
        ],
        **view.brand_of(account),
    )


def _line(line: CreditNoteLine, currency: str, locale: Locale) -> CreditNoteLineView:
    """A line that credits an amount rather than a quantity has no quantity or unit price."""
    rate = fmt.percent(line.tax_rate, locale) + (" incl." if line.tax_inclusive else "")
    return CreditNoteLineView(
        description=line.description or NO_DESCRIPTION,
        quantity="—" if line.quantity is None else fmt.number(line.quantity, locale),
        unit_price=(
            "—" if line.unit_amount is None else fmt.unit_price(line.unit_amount, currency, locale)
        ),
        tax_rate=rate,
        discount=fmt.money(line.discount_amount, currency, locale)
        if line.discount_amount
        else None,
        amount=fmt.money(line.amount, currency, locale),
    )


def _totals(note: CreditNote, money: Any) -> list[tuple[str, str]]:
    rows = [("Subtotal", money(note.subtotal))]
    if note.discount_amount:
        rows.append(("Discounts", view.minus(note.discount_amount, money)))
    rows.append(("Tax", money(note.tax_amount)))
    rows.append(("Total credited", money(note.total)))
    return rows
