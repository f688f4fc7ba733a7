"""The hosted invoice as a template reads it: every figure already formatted, pure. The
parts a credit note's page shares with it — seller, customer, tax rows, colours — are built
here too (`credit_note_view`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel import Locale

from remit.accounts.models import Account
from remit.credit_notes.models import CreditNote
from remit.hosted import formatting as fmt
from remit.invoices.lifecycle import COLLECTIBLE
from remit.invoices.models import Invoice

STATUS_LABELS = {
    "open": "Open",
    "past_due": "Past due",
    "paid": "Paid",
    "void": "Void",
    "uncollectible": "Uncollectible",
    "expired": "Expired",
}
CREDIT_NOTE_STATUS_LABELS = {"issued": "Issued", "void": "Void"}

INSTRUCTION_LABELS = {
    "account_holder": "Account holder",
    "bank_name": "Bank",
    "iban": "IBAN",
    "bic": "BIC",
    "account_number": "Account number",
    "routing_number": "Routing number",
    "crypto_address": "Crypto address",
    "note": "Note",
}


@dataclass(frozen=True)
class LineView:
    description: str
    quantity: str
    unit_price: str
    tax_rate: str
    discount: str | None
    amount: str


@dataclass(frozen=True)
class CreditNoteRow:
    """One of the invoice's credit notes, as its page lists it."""

    number: str
    issued: str | None
    status: str
    status_label: str
    total: str
    href: str


@dataclass(frozen=True)
class InvoiceView:
    number: str
    test_mode: bool  # a test-mode invoice says so on its page and PDF: it bills nobody
    status: str
    status_label: str
    lang: str
    seller: dict[str, Any]
    customer: dict[str, Any]
    issued: str | None
    due: str | None
    paid_on: str | None
    lines: list[LineView]
    tax_rows: list[tuple[str, str, str]]  # rate, taxable amount, tax
    totals: list[tuple[str, str]]
    amount_paid: str
    credited_after_payment: str | None  # refunded, to the balance or settled separately
    amount_remaining: str
    payable: bool
    payment_instructions: dict[str, str]
    brand_color: str
    brand_text_color: str
    logo_url: str | None
    credit_notes: list[CreditNoteRow] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def build(
    invoice: Invoice,
    account: Account,
    *,
    simulator_form: bool,
    credit_notes: Sequence[tuple[CreditNote, str]] = (),
) -> InvoiceView:
    """`credit_notes`: the invoice's notes, each with the address of its page."""
    locale = locale_of(invoice)
    currency = invoice.currency

    def money(value: Decimal) -> str:
        return fmt.money(value, currency, locale)

    remaining = invoice.amount_remaining
    post_payment = invoice.post_payment_credit_notes_amount
    return InvoiceView(
        number=invoice.number or invoice.id,
        test_mode=not invoice.livemode,
        status=invoice.status,
        status_label=STATUS_LABELS.get(invoice.status, invoice.status),
        lang=lang_of(locale),
        seller=seller_of(account),
        customer=customer_of(invoice),
        issued=fmt.date(invoice.finalized_at, locale),
        due=fmt.date(invoice.due_at, locale),
        paid_on=fmt.date(invoice.paid_at, locale),
        lines=[_line(line, currency, locale) for line in invoice.lines],
        tax_rows=tax_rows(invoice.tax_breakdown, money, locale),
        totals=_totals(invoice, money),
        amount_paid=money(invoice.amount_paid),
        credited_after_payment=minus(post_payment, money) if post_payment else None,
        amount_remaining=money(remaining),
        payable=simulator_form and invoice.status in COLLECTIBLE and remaining > 0,
        payment_instructions={
            INSTRUCTION_LABELS.get(key, key): value
            for key, value in (account.payment_instructions or {}).items()
            if value
        },
        **brand_of(account),
        credit_notes=[_credit_note_row(note, href, locale) for note, href in credit_notes],
    )


# — the parts a credit note's page shares —


def locale_of(invoice: Invoice) -> Locale:
    """The customer's locale, as frozen on the invoice at finalization."""
    return fmt.locale_of((invoice.customer_snapshot or {}).get("locale"))


def lang_of(locale: Locale) -> str:
    return str(locale).replace("_", "-")


def seller_of(account: Account) -> dict[str, Any]:
    return {"name": account.name, "address": _address_lines(account.address)}


def customer_of(invoice: Invoice) -> dict[str, Any]:
    snapshot = invoice.customer_snapshot or {}
    return {
        "name": snapshot.get("name"),
        "email": snapshot.get("email"),
        "tax_id": snapshot.get("tax_id"),
        "billing": _address_lines(  # the name is shown once, even if the address repeats it
            invoice.billing_address or snapshot.get("address"), skip=snapshot.get("name")
        ),
        "shipping": _address_lines(invoice.shipping_address or snapshot.get("shipping_address")),
    }


def brand_of(account: Account) -> dict[str, Any]:
    color = account.branding.get("primary_color") or "#1f3a93"
    return {
        "brand_color": color,
        "brand_text_color": _readable_on(color),
        "logo_url": account.branding.get("logo_url"),
    }


def tax_rows(
    breakdown: list[dict[str, Any]], money: Callable[[Decimal], str], locale: Locale
) -> list[tuple[str, str, str]]:
    return [
        (
            fmt.percent(Decimal(group["tax_rate"]), locale)
            + (" incl." if group["tax_inclusive"] else ""),
            money(Decimal(group["taxable_amount"])),
            money(Decimal(group["amount"])),
        )
        for group in breakdown
    ]


def minus(amount: Decimal, money: Callable[[Decimal], str]) -> str:
    """An amount taken off, shown with a minus sign (U+2212)."""
    return "\u2212" + money(amount)


def _credit_note_row(note: CreditNote, href: str, locale: Locale) -> CreditNoteRow:
    return CreditNoteRow(
        number=note.number,
        issued=fmt.date(note.created_at, locale),
        status=note.status,
        status_label=CREDIT_NOTE_STATUS_LABELS.get(note.status, note.status),
        total=fmt.money(note.total, note.currency, locale),
        href=href,
    )


def _line(line: Any, currency: str, locale: Any) -> LineView:
    discount = None
    if line.discount_amount:
        discount = fmt.money(line.discount_amount, currency, locale)
        if line.discount_percent is not None:
            discount += f" ({fmt.percent(line.discount_percent, locale)})"
    rate = fmt.percent(line.tax_rate, locale) + (" incl." if line.tax_inclusive else "")
    return LineView(
        description=line.description or "",
        quantity=fmt.number(line.quantity, locale),
        unit_price=fmt.unit_price(line.unit_amount, currency, locale),
        tax_rate=rate,
        discount=discount,
        amount=fmt.money(line.amount, currency, locale),
    )


def _totals(invoice: Invoice, money: Any) -> list[tuple[str, str]]:
    rows = [("Subtotal", money(invoice.subtotal))]
    if invoice.discount_amount:
        rows.append(("Discounts", minus(invoice.discount_amount, money)))
    rows.append(("Tax", money(invoice.tax_amount)))
    rows.append(("Total", money(invoice.total)))
    if invoice.buyer_fee:
        rows.append(("Buyer fee", money(invoice.buyer_fee)))
    if invoice.applied_balance:  # negative: the customer's credit (Stripe's sign)
        applied = invoice.applied_balance
        shown = minus(-applied, money) if applied < 0 else money(applied)
        rows.append(("Customer balance applied", shown))
    if invoice.pre_payment_credit_notes_amount:
        rows.append(("Credit notes", minus(invoice.pre_payment_credit_notes_amount, money)))
    if invoice.amount_due != invoice.total:
        rows.append(("Amount due", money(invoice.amount_due)))
    return rows


def _address_lines(address: dict[str, Any] | None, skip: str | None = None) -> list[str]:
    if not address:
        return []
    if skip and address.get("name") == skip:
        address = {**address, "name": None}
    city = " ".join(part for part in (address.get("postal_code"), address.get("city")) if part)
    parts = [address.get("name"), address.get("line1"), address.get("line2"), city,
             address.get("state"), address.get("country")]  # fmt: skip
    return [part for part in parts if part]


def _readable_on(color: str) -> str:
    """Black or white, whichever contrasts more with `color` (WCAG relative luminance)."""
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"
