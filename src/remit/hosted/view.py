"""The hosted invoice as a template reads it: every figure already formatted, pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from remit.accounts.models import Account
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
    amount_remaining: str
    payable: bool
    payment_instructions: dict[str, str]
    brand_color: str
    brand_text_color: str
    logo_url: str | None
    notices: list[str] = field(default_factory=list)


def build(invoice: Invoice, account: Account, *, simulator_form: bool) -> InvoiceView:
    snapshot = invoice.customer_snapshot or {}
    locale = fmt.locale_of(snapshot.get("locale"))
    currency = invoice.currency

    def money(value: Decimal) -> str:
        return fmt.money(value, currency, locale)

    remaining = invoice.amount_remaining
    color = account.branding.get("primary_color") or "#1f3a93"
    return InvoiceView(
        number=invoice.number or invoice.id,
        test_mode=not invoice.livemode,
        status=invoice.status,
        status_label=STATUS_LABELS.get(invoice.status, invoice.status),
        lang=str(locale).replace("_", "-"),
        seller={"name": account.name, "address": _address_lines(account.address)},
        customer={
            "name": snapshot.get("name"),
            "email": snapshot.get("email"),
            "tax_id": snapshot.get("tax_id"),
            "billing": _address_lines(  # the name is shown once, even if the address repeats it
                invoice.billing_address or snapshot.get("address"), skip=snapshot.get("name")
            ),
            "shipping": _address_lines(
                invoice.shipping_address or snapshot.get("shipping_address")
            ),
        },
        issued=fmt.date(invoice.finalized_at, locale),
        due=fmt.date(invoice.due_at, locale),
        paid_on=fmt.date(invoice.paid_at, locale),
        lines=[_line(line, currency, locale) for line in invoice.lines],
        tax_rows=[
            (
                fmt.percent(Decimal(group["tax_rate"]), locale)
                + (" incl." if group["tax_inclusive"] else ""),
                money(Decimal(group["taxable_amount"])),
                money(Decimal(group["amount"])),
            )
            for group in invoice.tax_breakdown
        ],
        totals=_totals(invoice, money),
        amount_paid=money(invoice.amount_paid),
        amount_remaining=money(remaining),
        payable=simulator_form and invoice.status in COLLECTIBLE and remaining > 0,
        payment_instructions={
            INSTRUCTION_LABELS.get(key, key): value
            for key, value in (account.payment_instructions or {}).items()
            if value
        },
        brand_color=color,
        brand_text_color=_readable_on(color),
        logo_url=account.branding.get("logo_url"),
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
        rows.append(("Discounts", "−" + money(invoice.discount_amount)))
    rows.append(("Tax", money(invoice.tax_amount)))
    rows.append(("Total", money(invoice.total)))
    if invoice.buyer_fee:
        rows.append(("Buyer fee", money(invoice.buyer_fee)))
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
