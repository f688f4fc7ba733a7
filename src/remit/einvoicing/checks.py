"""What an e-invoice needs before it is written, pure: each missing element named with its
business term (→ 422 `einvoice_incomplete`), and each figure the export cannot carry
(→ 422 `einvoice_unsupported`). The rules cited are EN 16931's and XRechnung's (BR-DE-…).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from remit.einvoicing.document import CARD, Address, Document, Party, fits_two_decimals
from remit.invoices.models import Invoice
from remit.kernel.currencies import CRYPTO_CURRENCIES, exponent
from remit.kernel.problems import FieldError

# Categories whose invoices must name the seller's VAT id (BR-AE-02, BR-IC-02, BR-G-02), and
# those that accept a tax registration id instead (BR-S-02, BR-Z-02, BR-E-02, BR-IG/IP-02).
_SELLER_VAT = frozenset({"AE", "K", "G"})
_SELLER_VAT_OR_TAX_ID = frozenset({"S", "Z", "E", "L", "M"})
_BUYER_VAT = frozenset({"AE", "K"})  # BR-AE-02 (or BT-47, which remit lacks), BR-IC-02


def unsupported(invoice: Invoice) -> list[FieldError]:
    """The invoice's figures an EN 16931 document cannot carry as remit holds them."""
    errors = [FieldError(f"lines[{line.position}].tax_inclusive",
                         "tax-inclusive lines are not exported yet (BT-131 is net)", "unsupported")
              for line in invoice.lines if line.tax_inclusive]  # fmt: skip
    if invoice.buyer_fee:
        errors.append(_unsupported("buyer_fee", "a buyer fee would be a charge (BG-21)"))
    if invoice.applied_balance > 0:
        errors.append(_unsupported("applied_balance", "a debit carried over is no prepayment"))
    if invoice.currency in CRYPTO_CURRENCIES:
        errors.append(_unsupported("currency", "BT-5 must be an ISO 4217 currency (BR-CL-04)"))
    elif exponent(invoice.currency) > 2:
        errors += third_decimals(_figures(invoice))
    return errors


def _figures(invoice: Invoice) -> dict[str, Decimal]:
    figures = {
        "subtotal": invoice.subtotal,
        "discount_amount": invoice.discount_amount,
        "tax_amount": invoice.tax_amount,
        "total": invoice.total,
        "amount_paid": invoice.amount_paid,
        "applied_balance": invoice.applied_balance,
    }
    figures |= _adjustment_figures("allowances", invoice.allowances)
    figures |= _adjustment_figures("charges", invoice.charges)
    for line in invoice.lines:
        figures[f"lines[{line.position}].amount"] = line.amount
        figures[f"lines[{line.position}].discount_amount"] = line.discount_amount
        figures |= _adjustment_figures(f"lines[{line.position}].allowances", line.allowances)
        figures |= _adjustment_figures(f"lines[{line.position}].charges", line.charges)
    return figures


def _adjustment_figures(prefix: str, stored: Sequence[Mapping[str, Any]]) -> dict[str, Decimal]:
    """The stored amounts (BT-92, BT-93, …) of allowances or charges, by parameter."""
    figures = {}
    for index, entry in enumerate(stored):
        for name in ("amount", "base_amount"):
            if entry.get(name) is not None:
                figures[f"{prefix}[{index}].{name}"] = Decimal(entry[name])
    return figures


def third_decimals(figures: Mapping[str, Decimal]) -> list[FieldError]:
    """EN 16931 writes amounts with at most two decimals (BR-DEC-…)."""
    return [_unsupported(param, "has a third decimal; EN 16931 amounts have two (BR-DEC)")
            for param, value in figures.items() if not fits_two_decimals(value)]  # fmt: skip


def _unsupported(param: str, message: str) -> FieldError:
    return FieldError(param, message, "unsupported")


def missing(document: Document) -> list[FieldError]:
    errors = list(_parties(document)) + list(_lines(document)) + list(_categories(document))
    if document.profile == "xrechnung":
        errors += list(_xrechnung(document))
    return errors


def _missing(param: str, term: str) -> FieldError:
    return FieldError(param, f"{term} is required", "einvoice_required")


def _parties(document: Document) -> Iterator[FieldError]:
    seller, buyer = document.seller, document.buyer
    if not seller.address.country:
        yield _missing("account.address.country", "BT-40 Seller country code")
    if not buyer.name:
        yield _missing("customer.name", "BT-44 Buyer name")
    if not buyer.address.country:
        yield _missing("customer.address.country", "BT-55 Buyer country code")


def _lines(document: Document) -> Iterator[FieldError]:
    for index, line in enumerate(document.lines):
        if not line.name:
            yield _missing(f"lines[{index}].description", "BT-153 Item name")


def _categories(document: Document) -> Iterator[FieldError]:
    categories, seller = document.categories, document.seller
    if categories & _SELLER_VAT and not seller.vat_id:
        yield _missing("account.tax_ids", "BT-31 Seller VAT identifier")
    elif categories & _SELLER_VAT_OR_TAX_ID and not (seller.vat_id or seller.tax_registration_id):
        yield _missing("account.tax_ids", "BT-31 Seller VAT identifier (or BT-32)")
    elif not (seller.vat_id or seller.legal_id):  # BT-29 is not kept: BT-30 or BT-31 must be
        yield _missing("account.registration_id", "BT-30 Seller legal registration identifier "
                       "(BR-CO-26, when there is no BT-31 Seller VAT identifier)")  # fmt: skip
    if categories & _BUYER_VAT and not document.buyer.vat_id:
        yield _missing("customer.tax_ids", "BT-48 Buyer VAT identifier")
    if "K" in categories and not document.delivery_date:
        yield _missing("delivery_date", "BT-72 Actual delivery date (BR-IC-11)")
    if "K" in categories and not document.delivery_country:
        yield _missing("customer.shipping_address.country", "BT-80 Deliver to country code")
    if "O" in categories and len(categories) > 1:
        yield FieldError("lines", "category O cannot be mixed with others (BR-O-11)", "invalid")


def _xrechnung(document: Document) -> Iterator[FieldError]:
    """XRechnung 3.0's own requirements (BR-DE-…) on top of EN 16931's."""
    if not document.buyer_reference:
        yield _missing("buyer_reference", "BT-10 Buyer reference (BR-DE-15)")
    yield from _contact(document.seller, "account", ("BT-37", "BT-38", "BT-42", "BT-43"))
    if not document.seller.email:
        yield _missing("account.email", "BT-34 Seller electronic address (XRechnung 3.0: 1..1)")
    if not document.buyer.email:
        yield _missing("customer.email", "BT-49 Buyer electronic address (XRechnung 3.0: 1..1)")
    if not document.buyer.address.city:
        yield _missing("customer.address.city", "BT-52 Buyer city (BR-DE-8)")
    if not document.buyer.address.postal_code:
        yield _missing("customer.address.postal_code", "BT-53 Buyer post code (BR-DE-9)")
    yield from _deliver_to_and_card(document)


def _deliver_to_and_card(document: Document) -> Iterator[FieldError]:
    """A deliver-to address (BG-15) has its city and post code (BR-DE-10, BR-DE-11), and a card
    payment names the card (BG-18, BR-DE-24-a)."""
    if document.delivery_country:
        address = document.delivery_address or Address(country=document.delivery_country)
        if not address.city:
            yield _missing("customer.shipping_address.city", "BT-77 Deliver to city (BR-DE-10)")
        if not address.postal_code:
            yield _missing("customer.shipping_address.postal_code",
                           "BT-78 Deliver to post code (BR-DE-11)")  # fmt: skip
    if document.payment.code == CARD and not document.payment.card_number:
        yield _missing("payment_method", "BT-87 Payment card primary account number (BR-DE-24-a)")


def _contact(seller: Party, prefix: str, terms: tuple[str, str, str, str]) -> Iterator[FieldError]:
    city, postal, phone, email = terms
    if not seller.address.city:
        yield _missing(f"{prefix}.address.city", f"{city} Seller city (BR-DE-3)")
    if not seller.address.postal_code:
        yield _missing(f"{prefix}.address.postal_code", f"{postal} Seller post code (BR-DE-4)")
    if not seller.phone:
        yield _missing(f"{prefix}.phone", f"{phone} Seller contact telephone number (BR-DE-6)")
    if not seller.email:
        yield _missing(f"{prefix}.email", f"{email} Seller contact email address (BR-DE-7)")
