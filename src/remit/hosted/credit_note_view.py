"""The hosted credit note as a template reads it: every figure already formatted, pure.

It looks like its invoice's page (`view`): the same seller, customer (as frozen on the
invoice), locale and colours; then the invoice it corrects, the credited lines, totals, and
how the credit was settled. A void note keeps its figures and says VOID.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from remit.accounts.models import Account
from remit.credit_notes.models import CreditNote, CreditNoteLine
from remit.hosted import formatting as fmt
from remit.hosted import view
from remit.invoices.models import Invoice
from remit.kernel.i18n import N_, Language

# Labels in English, translated where the page is built (kernel.i18n).
REASON_LABELS = {
    "duplicate": N_("Duplicate charge"),
    "fraudulent": N_("Fraudulent charge"),
    "order_change": N_("Order change"),
    "product_unsatisfactory": N_("Product unsatisfactory"),
    "other": N_("Other"),
}
# Where the credit went (credit_notes.amounts' split), in the order the page lists it.
SETTLEMENT_LABELS = (
    ("pre_payment_amount", N_("Taken off the amount due")),
    ("credit_amount", N_("Credited to your balance")),
    ("refund_amount", N_("Refunded")),
    ("out_of_band_amount", N_("Settled outside this system (out of band)")),
)
NO_DESCRIPTION = N_("Credit")


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
    tax_notes: list[str]
    totals: list[tuple[str, str]]
    settlement: list[tuple[str, str]]
    brand_color: str
    brand_text_color: str
    logo_url: str | None


def build(
    note: CreditNote, invoice: Invoice, account: Account, invoice_href: str
) -> CreditNoteView:
    """`invoice_href`: the address of the invoice's page."""
    words = view.language_of_invoice(invoice)
    locale, _ = words.locale, words.gettext

    def money(value: Decimal) -> str:
        return fmt.money(value, note.currency, locale)

    return CreditNoteView(
        number=note.number,
        test_mode=not note.livemode,
        status=note.status,
        status_label=view.credit_note_status(note.status, words),
        void=note.status == "void",
        voided_on=fmt.date(note.voided_at, locale),
        lang=view.lang_of(locale),
        seller=view.seller_of(account, words),
        customer=view.customer_of(invoice, words),
        issued=fmt.date(note.created_at, locale),
        reason=_(REASON_LABELS.get(note.reason, note.reason)) if note.reason else None,
        memo=note.memo,
        invoice_number=invoice.number or invoice.id,
        invoice_href=invoice_href,
        lines=[_line(line, note.currency, words) for line in note.lines],
        tax_rows=view.tax_rows(note.tax_breakdown, money, words),
        tax_notes=view.tax_notes(note.tax_breakdown, words),
        totals=[(_(label), value) for label, value in _totals(note, money)],
        settlement=[
            (_(label), money(getattr(note, name)))
            for name, label in SETTLEMENT_LABELS
            if getattr(note, name)
        ],
        **view.brand_of(account),
    )


def _line(line: CreditNoteLine, currency: str, words: Language) -> CreditNoteLineView:
    """A line that credits an amount rather than a quantity has no quantity or unit price."""
    locale = words.locale
    rate = view.rate_label(line.tax_rate, line.tax_inclusive, words)
    return CreditNoteLineView(
        description=line.description or words.gettext(NO_DESCRIPTION),
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
    """(label in English, figure): `build` translates the labels."""
    rows = [(N_("Subtotal"), money(note.subtotal))]
    if note.discount_amount:
        rows.append((N_("Discounts"), view.minus(note.discount_amount, money)))
    rows.append((N_("Tax"), money(note.tax_amount)))
    rows.append((N_("Total credited"), money(note.total)))
    return rows
