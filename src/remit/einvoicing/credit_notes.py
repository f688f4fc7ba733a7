"""An issued credit note in EN 16931's terms (BT-3 381), pure: what the UBL CreditNote and the
CII type 381 writers put into their syntax, every figure the note's stored ones.

- BG-3 names the credited invoice: BT-25 its number, BT-26 its issue date. The buyer is the
  invoice's frozen customer, and its terms (BT-10, BT-13, BT-72, BT-80) are the invoice's, so
  that an intra-community credit carries the delivery data BR-IC-11/12 want.
- A line credited from an invoice line takes that line's VAT category, exemption reason and
  unit; a custom line (and each share of a lump sum, which is one) takes the category the
  invoice used at its rate, else its rate's default (`S`, or `Z` at 0 %). A line's name
  (BT-153) is its description, else the invoiced line's, else the note's memo, else
  "Credit of invoice <number>".
- A line that credits an amount rather than a quantity is one unit at that amount.
- BG-23 groups the lines by (category, rate); a group's tax is the note's stored tax at that
  rate (0 at 0 %). BT-106 = `subtotal − discount_amount`, BT-112 = `total`; a credit note has
  nothing prepaid, so BT-115 = `total`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from remit.accounts.models import Account
from remit.credit_notes.models import CreditNote, CreditNoteLine
from remit.einvoicing.checks import third_decimals
from remit.einvoicing.document import (
    CREDIT_NOTE,
    ZERO,
    Document,
    Line,
    PaymentMeans,
    PrecedingInvoice,
    VatGroup,
    buyer_of,
    delivery_address_of,
    discount_of,
    seller_of,
)
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.tax_categories import default_category
from remit.kernel.currencies import CRYPTO_CURRENCIES, exponent
from remit.kernel.problems import FieldError

# What a credit note asks of its buyer: nothing to pay, so no payment instrument (UNCL 4461).
NOT_DEFINED = PaymentMeans("1")
GroupKey = tuple[str, Decimal]  # (category, rate normalized)


def unsupported(note: CreditNote, invoice: Invoice) -> list[FieldError]:
    """The note's figures an EN 16931 credit note cannot carry as remit holds them."""
    errors = [_unsupported(f"lines[{line.position}].tax_inclusive",
                           "tax-inclusive lines are not exported yet (BT-131 is net)")
              for line in note.lines if line.tax_inclusive]  # fmt: skip
    errors += _split_rates(note, invoice)
    if note.currency in CRYPTO_CURRENCIES:
        errors.append(_unsupported("currency", "BT-5 must be an ISO 4217 currency (BR-CL-04)"))
    elif exponent(note.currency) > 2:
        errors += third_decimals(_figures(note))
    return errors


def _split_rates(note: CreditNote, invoice: Invoice) -> Iterator[FieldError]:
    """The note's tax is kept by rate: a taxed rate its lines would split among categories,
    or a custom line at a rate the invoice used for several, cannot be broken down (BG-23)."""
    categories = _categories_by_rate(invoice)
    seen: dict[Decimal, str] = {}
    for line in note.lines:
        param = f"lines[{line.position}].tax_rate"
        if line.invoice_line_id is None and len(categories.get(_rate(line), ())) > 1:
            yield _unsupported(param, "the invoice has several VAT categories at this rate: "
                               "credit its lines instead")  # fmt: skip
        category = _category(line, invoice)
        if line.tax_rate and seen.setdefault(_rate(line), category) != category:
            yield _unsupported(param, "lines of several VAT categories share this rate")


def _unsupported(param: str, message: str) -> FieldError:
    return FieldError(param, message, "unsupported")


def _figures(note: CreditNote) -> dict[str, Decimal]:
    figures = {"subtotal": note.subtotal, "discount_amount": note.discount_amount,
               "tax_amount": note.tax_amount, "total": note.total}  # fmt: skip
    for line in note.lines:
        figures[f"lines[{line.position}].amount"] = line.amount
        figures[f"lines[{line.position}].discount_amount"] = line.discount_amount
    return figures


def credit_note_document(
    note: CreditNote, invoice: Invoice, account: Account, profile: str
) -> Document:
    """The e-invoice of an issued credit note (checked by `checks.missing` before it is
    written; `unsupported` first)."""
    assert invoice.number is not None and invoice.finalized_at is not None
    snapshot = invoice.customer_snapshot or {}
    lines = tuple(_line(line, note, invoice) for line in note.lines)
    line_total = note.subtotal - note.discount_amount
    return Document(
        profile=profile,
        number=note.number,
        issue_date=note.created_at.date(),
        due_date=None,
        currency=note.currency,
        note=note.memo,
        buyer_reference=invoice.buyer_reference,
        order_reference=invoice.po_number,
        payment_terms=None,
        delivery_date=invoice.delivery_date,
        delivery_country=delivery_address_of(snapshot).country,
        delivery_address=delivery_address_of(snapshot),
        seller=seller_of(account),
        buyer=buyer_of(snapshot),
        payment=NOT_DEFINED,
        lines=lines,
        groups=tuple(_groups(lines, note, invoice)),
        line_total=line_total,
        tax_exclusive=line_total,
        tax=note.tax_amount,
        tax_inclusive=note.total,
        prepaid=ZERO,
        payable=note.total,
        type_code=CREDIT_NOTE,
        preceding=PrecedingInvoice(invoice.number, invoice.finalized_at.date()),
    )


def _line(line: CreditNoteLine, note: CreditNote, invoice: Invoice) -> Line:
    source = _invoice_line(invoice, line.invoice_line_id)
    quantity = line.quantity if line.quantity is not None else Decimal(1)
    price = line.unit_amount if line.unit_amount is not None else line.amount
    sign = -1 if price < 0 else 1
    return Line(
        id=str(line.position + 1),
        name=line.description
        or (source.description if source else None)
        or note.memo
        or f"Credit of invoice {invoice.number}",
        quantity=quantity * sign,
        unit_code=source.unit_code if source else "C62",
        price=price * sign,
        net_amount=line.amount - line.discount_amount,
        category=_category(line, invoice),
        rate=line.tax_rate,
        allowances=discount_of(line.discount_amount),
    )


def _invoice_line(invoice: Invoice, line_id: str | None) -> InvoiceLine | None:
    return next((line for line in invoice.lines if line.id == line_id), None)


def _category(line: CreditNoteLine, invoice: Invoice) -> str:
    if (source := _invoice_line(invoice, line.invoice_line_id)) is not None:
        return source.tax_category
    found = _categories_by_rate(invoice).get(_rate(line), ())
    return found[0] if len(found) == 1 else default_category(line.tax_rate)


def _categories_by_rate(invoice: Invoice) -> dict[Decimal, tuple[str, ...]]:
    found: dict[Decimal, tuple[str, ...]] = {}
    for line in invoice.lines:
        categories = found.get(line.tax_rate.normalize(), ())
        if line.tax_category not in categories:
            found[line.tax_rate.normalize()] = (*categories, line.tax_category)
    return found


def _rate(line: CreditNoteLine) -> Decimal:
    return line.tax_rate.normalize()


def _groups(lines: Sequence[Line], note: CreditNote, invoice: Invoice) -> Iterator[VatGroup]:
    taxable: dict[GroupKey, Decimal] = {}
    for line in lines:
        key = (line.category, line.rate.normalize())
        taxable[key] = taxable.get(key, ZERO) + line.net_amount
    taxes = _tax_by_rate(note.tax_breakdown)
    reasons = _reasons(invoice)
    for (category, rate), base in taxable.items():
        reason, code = reasons.get((category, rate), (None, None))
        yield VatGroup(category, rate, base, taxes.get(rate, ZERO) if rate else ZERO, reason, code)


def _tax_by_rate(breakdown: Sequence[Mapping[str, Any]]) -> dict[Decimal, Decimal]:
    """The note's tax at each rate (its breakdown is by rate; `unsupported` refused a rate
    the lines would split among categories)."""
    return {Decimal(str(entry["tax_rate"])).normalize(): Decimal(str(entry["amount"]))
            for entry in breakdown}  # fmt: skip


def _reasons(invoice: Invoice) -> dict[GroupKey, tuple[str | None, str | None]]:
    """BT-120 and BT-121 of each (category, rate) of the invoice: the lines of one group
    state one reason (invoices.rules)."""
    return {(line.tax_category, line.tax_rate.normalize()):
            (line.tax_exemption_reason, line.tax_exemption_reason_code)
            for line in invoice.lines}  # fmt: skip
