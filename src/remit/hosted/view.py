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
from remit.invoices.tax_categories import stated_reason
from remit.kernel.i18n import N_, Language, language_of
from remit.kernel.tax_ids import is_vat_identifier

# Labels in English, translated where the page is built (kernel.i18n).
STATUS_LABELS = {
    "open": N_("Open"),
    "past_due": N_("Past due"),
    "paid": N_("Paid"),
    "void": N_("Void"),
    "uncollectible": N_("Uncollectible"),
    "expired": N_("Expired"),
}

INSTRUCTION_LABELS = {
    "account_holder": N_("Account holder"),
    "bank_name": N_("Bank"),
    "iban": N_("IBAN"),
    "bic": N_("BIC"),
    "account_number": N_("Account number"),
    "routing_number": N_("Routing number"),
    "crypto_address": N_("Crypto address"),
    "note": N_("Note"),
}


@dataclass(frozen=True)
class LineView:
    description: str
    quantity: str
    unit_price: str
    tax_rate: str
    discount: str | None
    amount: str
    # Its allowances and charges (label, figure), shown under it.
    adjustments: list[tuple[str, str]] = field(default_factory=list)


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
    references: list[tuple[str, str]]  # delivery date, the buyer's reference, the order
    terms: list[str]  # the payment terms and the note, as given
    lines: list[LineView]
    tax_rows: list[tuple[str, str, str]]  # rate, taxable amount, tax
    tax_notes: list[str]  # the exemption reasons the tax rows state (reverse charge, …)
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
    words = language_of_invoice(invoice)
    locale, _ = words.locale, words.gettext
    currency = invoice.currency

    def money(value: Decimal) -> str:
        return fmt.money(value, currency, locale)

    remaining = invoice.amount_remaining
    post_payment = invoice.post_payment_credit_notes_amount
    return InvoiceView(
        number=invoice.number or invoice.id,
        test_mode=not invoice.livemode,
        status=invoice.status,
        status_label=_(STATUS_LABELS.get(invoice.status, invoice.status)),
        lang=lang_of(locale),
        seller=seller_of(account, words),
        customer=customer_of(invoice, words),
        issued=fmt.date(invoice.finalized_at, locale),
        due=fmt.date(invoice.due_at, locale),
        paid_on=fmt.date(invoice.paid_at, locale),
        references=references_of(invoice, words),
        terms=[text for text in (invoice.payment_terms, invoice.note) if text],
        lines=[_line(line, currency, words) for line in invoice.lines],
        tax_rows=tax_rows(invoice.tax_breakdown, money, words),
        tax_notes=tax_notes(invoice.tax_breakdown, words),
        totals=_totals(invoice, money, words),
        amount_paid=money(invoice.amount_paid),
        credited_after_payment=minus(post_payment, money) if post_payment else None,
        amount_remaining=money(remaining),
        payable=simulator_form and invoice.status in COLLECTIBLE and remaining > 0,
        payment_instructions={
            _(INSTRUCTION_LABELS.get(key, key)): value
            for key, value in (account.payment_instructions or {}).items()
            if value
        },
        **brand_of(account),
        credit_notes=[_credit_note_row(note, href, words) for note, href in credit_notes],
    )


# — the parts a credit note's page shares —


def language_of_invoice(invoice: Invoice) -> Language:
    """The customer's language and locale, as frozen on the invoice at finalization."""
    return language_of((invoice.customer_snapshot or {}).get("locale"))


def locale_of(invoice: Invoice) -> Locale:
    return language_of_invoice(invoice).locale


def credit_note_status(status: str, words: Language) -> str:
    """A credit note's status: in French an *avoir* is masculine, a *facture* feminine."""
    labels = {
        "issued": words.pgettext("credit note", "Issued"),
        "void": words.pgettext("credit note", "Void"),
    }
    return labels.get(status, status)


def rate_label(rate: Decimal, inclusive: bool, words: Language) -> str:
    """A tax rate; `incl.` when the prices include the tax."""
    shown = fmt.percent(rate, words.locale)
    return words.gettext("%(rate)s incl.", rate=shown) if inclusive else shown


def lang_of(locale: Locale) -> str:
    return str(locale).replace("_", "-")


def references_of(invoice: Invoice, words: Language) -> list[tuple[str, str]]:
    """The dates and references a legal invoice states besides its own: when it was
    delivered (EN 16931 BT-72), the buyer's reference (BT-10) and order (BT-13)."""
    rows = [
        (N_("Delivery date"), fmt.day(invoice.delivery_date, words.locale)),
        (N_("Your reference"), invoice.buyer_reference),
        (N_("Order number"), invoice.po_number),
    ]
    return [(words.gettext(label), value) for label, value in rows if value]


def seller_of(account: Account, words: Language) -> dict[str, Any]:
    """What a legal invoice says of its seller: the legal name (and the trading name when it
    differs), the address, the VAT and other tax ids, the company registration, contacts."""
    legal = account.legal_name or account.name
    return {
        "name": legal,
        "trading_name": account.name if account.name != legal else None,
        "address": _address_lines(account.address, words),
        "tax_ids": tax_id_lines(account.tax_ids or [], None, words),
        "registration_id": account.registration_id,
        "email": account.email,
        "phone": account.phone,
    }


def tax_id_lines(typed: list[dict[str, str]], untyped: str | None, words: Language) -> list[str]:
    """The lines "VAT ID: DE136695976" for each VAT identifier (as the e-invoice names them:
    `tax_ids.VAT_IDENTIFIERS`), "Tax ID: …" for any other, the untyped one included."""
    lines = []
    for tax_id in typed:
        vat = is_vat_identifier(tax_id["type"])
        template = N_("VAT ID: %(id)s") if vat else N_("Tax ID: %(id)s")
        lines.append(words.gettext(template, id=tax_id["value"]))
    if untyped and untyped not in {tax_id["value"] for tax_id in typed}:
        lines.append(words.gettext(N_("Tax ID: %(id)s"), id=untyped))
    return lines


def customer_of(invoice: Invoice, words: Language) -> dict[str, Any]:
    snapshot = invoice.customer_snapshot or {}
    return {
        "name": snapshot.get("name"),
        "email": snapshot.get("email"),
        "tax_ids": tax_id_lines(snapshot.get("tax_ids") or [], snapshot.get("tax_id"), words),
        "billing": _address_lines(  # the name is shown once, even if the address repeats it
            invoice.billing_address or snapshot.get("address"), words, skip=snapshot.get("name")
        ),
        "shipping": _address_lines(
            invoice.shipping_address or snapshot.get("shipping_address"), words
        ),
    }


def brand_of(account: Account) -> dict[str, Any]:
    color = account.branding.get("primary_color") or "#1f3a93"
    return {
        "brand_color": color,
        "brand_text_color": _readable_on(color),
        "logo_url": account.branding.get("logo_url"),
    }


def tax_rows(
    breakdown: list[dict[str, Any]], money: Callable[[Decimal], str], words: Language
) -> list[tuple[str, str, str]]:
    return [
        (
            rate_label(Decimal(group["tax_rate"]), group["tax_inclusive"], words),
            money(Decimal(group["taxable_amount"])),
            money(Decimal(group["amount"])),
        )
        for group in breakdown
    ]


def tax_notes(breakdown: list[dict[str, Any]], words: Language) -> list[str]:
    """Each exemption reason the breakdown states, once: the legal note a reverse-charge or
    exempt invoice must carry (VAT Directive art. 226 (11), (11a)), in the customer's words."""
    reasons = (stated_reason(group.get("tax_exemption_reason"), words.gettext)
               for group in breakdown)  # fmt: skip
    return list(dict.fromkeys(reason for reason in reasons if reason))


def minus(amount: Decimal, money: Callable[[Decimal], str]) -> str:
    """An amount taken off, shown with a minus sign (U+2212)."""
    return "\u2212" + money(amount)


def _credit_note_row(note: CreditNote, href: str, words: Language) -> CreditNoteRow:
    locale = words.locale
    return CreditNoteRow(
        number=note.number,
        issued=fmt.date(note.created_at, locale),
        status=note.status,
        status_label=credit_note_status(note.status, words),
        total=fmt.money(note.total, note.currency, locale),
        href=href,
    )


def _line(line: Any, currency: str, words: Language) -> LineView:
    locale, discount = words.locale, None
    if line.discount_amount:
        discount = fmt.money(line.discount_amount, currency, locale)
        if line.discount_percent is not None:
            discount += f" ({fmt.percent(line.discount_percent, locale)})"
    rate = rate_label(line.tax_rate, line.tax_inclusive, words)
    return LineView(
        description=line.description or "",
        quantity=fmt.number(line.quantity, locale),
        unit_price=fmt.unit_price(line.unit_amount, currency, locale),
        tax_rate=rate,
        discount=discount,
        amount=fmt.money(line.amount, currency, locale),
        adjustments=adjustment_rows(line, lambda value: fmt.money(value, currency, locale), words),
    )


def adjustment_rows(
    owner: Any, money: Callable[[Decimal], str], words: Language
) -> list[tuple[str, str]]:
    """(label, figure) of each allowance (minus) and charge of a line or an invoice: its
    reason (else "Allowance"/"Charge"), with its percentage if it has one."""
    rows = []
    for kind, label, sign in ((owner.allowances, N_("Allowance"), minus),
                              (owner.charges, N_("Charge"), _plus)):  # fmt: skip
        for entry in kind or []:
            name = entry.get("reason") or words.gettext(label)
            if entry.get("percent") is not None:
                name += f" ({fmt.percent(Decimal(entry['percent']), words.locale)})"
            rows.append((name, sign(Decimal(entry["amount"]), money)))
    return rows


def _plus(amount: Decimal, money: Callable[[Decimal], str]) -> str:
    return money(amount)


def _totals(invoice: Invoice, money: Any, words: Language) -> list[tuple[str, str]]:
    """(label, figure) in the customer's words. The invoice's own allowances and charges are
    shown one by one (with their own reasons) after the subtotal and discounts, which are
    shown without them."""
    subtotal = [(N_("Subtotal"), money(invoice.subtotal - (invoice.charge_amount or 0)))]
    discounts = invoice.discount_amount - (invoice.allowance_amount or 0)
    if discounts:
        subtotal.append((N_("Discounts"), minus(discounts, money)))
    return [
        *((words.gettext(label), value) for label, value in subtotal),
        *adjustment_rows(invoice, money, words),
        *((words.gettext(label), value) for label, value in _after_discounts(invoice, money)),
    ]


def _after_discounts(invoice: Invoice, money: Any) -> list[tuple[str, str]]:
    """(label in English, figure) from the tax on."""
    rows = [(N_("Tax"), money(invoice.tax_amount)), (N_("Total"), money(invoice.total))]
    if invoice.buyer_fee:
        rows.append((N_("Buyer fee"), money(invoice.buyer_fee)))
    if invoice.applied_balance:  # negative: the customer's credit (Stripe's sign)
        applied = invoice.applied_balance
        shown = minus(-applied, money) if applied < 0 else money(applied)
        rows.append((N_("Customer balance applied"), shown))
    if invoice.pre_payment_credit_notes_amount:
        rows.append((N_("Credit notes"), minus(invoice.pre_payment_credit_notes_amount, money)))
    if invoice.amount_due != invoice.total:
        rows.append((N_("Amount due"), money(invoice.amount_due)))
    return rows


def _address_lines(
    address: dict[str, Any] | None, words: Language, skip: str | None = None
) -> list[str]:
    if not address:
        return []
    if skip and address.get("name") == skip:
        address = {**address, "name": None}
    city = " ".join(part for part in (address.get("postal_code"), address.get("city")) if part)
    parts = [address.get("name"), address.get("line1"), address.get("line2"), city,
             address.get("state"), words.country(address.get("country"))]  # fmt: skip
    return [part for part in parts if part]


def _readable_on(color: str) -> str:
    """Black or white, whichever contrasts more with `color` (WCAG relative luminance)."""
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"
