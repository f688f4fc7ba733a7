"""An issued invoice in EN 16931's terms (business terms BT-…, groups BG-…), pure: what the
UBL and CII writers put into their syntax, every figure taken from remit's stored totals.

- A line's net (BT-131) is its stored `net_amount`: `amount − discount_amount − Σ allowances
  + Σ charges`; its `discount_amount` is its first allowance (BG-27, reason code 95), then its
  own `allowances` (BG-27) and `charges` (BG-28). BT-106 = Σ line nets.
- The invoice's `allowances` and `charges` are BG-20 and BG-21, each with its VAT category and
  rate; BT-107 = `allowance_amount`, BT-108 = `charge_amount`, BT-109 = BT-106 − BT-107 +
  BT-108 (= `subtotal − discount_amount`); BT-110 = `tax_amount`; BT-112 = `total`.
- BT-113 prepaid = confirmed settlements (`amount_paid`) plus the customer's credit applied
  (`−applied_balance`), at most BT-112; BT-115 = BT-112 − BT-113. Credit notes are documents
  of their own (type 381) and do not lower BT-115.
- BG-23 is the stored `tax_breakdown`, one entry per (category, rate).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from remit.accounts.models import Account
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.tax_categories import default_category
from remit.kernel.currencies import exponent
from remit.kernel.i18n import N_
from remit.kernel.tax_ids import VAT_IDENTIFIERS
from remit.payments.models import PaymentMethod

CUSTOMIZATION_IDS: dict[str, str] = {
    "en16931": "urn:cen.eu:en16931:2017",
    "xrechnung": "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
}
ZERO = Decimal(0)
COMMERCIAL_INVOICE, CREDIT_NOTE = "380", "381"  # BT-3, UNTDID 1001
DISCOUNT = "95"  # BT-98 / BT-140, UNTDID 5189: what a line's `discount_amount` is
DISCOUNT_REASON = N_("Discount")  # BT-139, for the buyer in their language (einvoicing.language)


@dataclass(frozen=True)
class Address:  # BG-5 / BG-8 / BG-15
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    postal_code: str | None = None
    state: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Party:  # BG-4 seller / BG-7 buyer
    name: str | None  # BT-27 / BT-44
    trading_name: str | None  # BT-28 / BT-45
    vat_id: str | None  # BT-31 / BT-48
    tax_registration_id: str | None  # BT-32 (seller only)
    legal_id: str | None  # BT-30
    address: Address
    email: str | None  # BT-43 / BT-58, and the electronic address BT-34 / BT-49
    phone: str | None  # BT-42 / BT-57
    contact_name: str | None = None  # BT-41 / BT-56


@dataclass(frozen=True)
class Adjustment:
    """An allowance or a charge: of the document (BG-20, BG-21), with its own VAT category
    and rate, or of a line (BG-27, BG-28), without."""

    amount: Decimal  # BT-92 / BT-99 / BT-136 / BT-141
    reason: str | None  # BT-97 / BT-104 / BT-139 / BT-144
    reason_code: str | None  # BT-98 / BT-105 / BT-140 / BT-145
    percent: Decimal | None = None  # BT-94 / BT-101 / BT-138 / BT-143
    base_amount: Decimal | None = None  # BT-93 / BT-100 / BT-137 / BT-142
    category: str | None = None  # BT-95 / BT-102 (document level only)
    rate: Decimal | None = None  # BT-96 / BT-103 (document level only)


@dataclass(frozen=True)
class Line:  # BG-25
    id: str  # BT-126
    name: str | None  # BT-153
    quantity: Decimal  # BT-129
    unit_code: str  # BT-130
    price: Decimal  # BT-146, never negative (BR-27): a credit line has a negative quantity
    net_amount: Decimal  # BT-131
    category: str  # BT-151
    rate: Decimal  # BT-152
    allowances: tuple[Adjustment, ...] = ()  # BG-27
    charges: tuple[Adjustment, ...] = ()  # BG-28


@dataclass(frozen=True)
class VatGroup:  # BG-23
    category: str  # BT-118
    rate: Decimal  # BT-119
    taxable: Decimal  # BT-116
    tax: Decimal  # BT-117
    reason: str | None  # BT-120
    reason_code: str | None  # BT-121


@dataclass(frozen=True)
class PaymentMeans:  # BG-16
    code: str  # BT-81, UNCL 4461
    account_id: str | None = None  # BT-84
    account_name: str | None = None  # BT-85
    bic: str | None = None  # BT-86
    is_iban: bool = False
    card_number: str | None = None  # BT-87, the card's last digits (BG-18)
    card_network: str | None = None  # UBL's NetworkID of BG-18


@dataclass(frozen=True)
class PrecedingInvoice:  # BG-3
    number: str  # BT-25
    issue_date: date  # BT-26


@dataclass(frozen=True)
class Document:
    profile: str
    number: str  # BT-1
    issue_date: date  # BT-2
    due_date: date | None  # BT-9
    currency: str  # BT-5
    note: str | None  # BT-22
    buyer_reference: str | None  # BT-10
    order_reference: str | None  # BT-13
    payment_terms: str | None  # BT-20
    delivery_date: date | None  # BT-72
    delivery_country: str | None  # BT-80
    seller: Party
    buyer: Party
    payment: PaymentMeans
    lines: tuple[Line, ...]
    groups: tuple[VatGroup, ...]
    line_total: Decimal  # BT-106
    tax_exclusive: Decimal  # BT-109
    tax: Decimal  # BT-110
    tax_inclusive: Decimal  # BT-112
    prepaid: Decimal  # BT-113
    payable: Decimal  # BT-115
    type_code: str = COMMERCIAL_INVOICE  # BT-3
    preceding: PrecedingInvoice | None = None  # BG-3, what a credit note corrects
    allowances: tuple[Adjustment, ...] = ()  # BG-20
    charges: tuple[Adjustment, ...] = ()  # BG-21
    allowance_total: Decimal = ZERO  # BT-107
    charge_total: Decimal = ZERO  # BT-108
    delivery_address: Address | None = None  # BG-15, whose country is BT-80 above

    @property
    def is_credit_note(self) -> bool:
        return self.type_code == CREDIT_NOTE

    @property
    def customization_id(self) -> str:  # BT-24
        return CUSTOMIZATION_IDS[self.profile]

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(group.category for group in self.groups)


def document_of(
    invoice: Invoice, account: Account, payment: PaymentMeans, profile: str
) -> Document:
    """The e-invoice of an issued invoice (checked by `checks` before it is written)."""
    assert invoice.number is not None and invoice.finalized_at is not None
    line_total = sum((line.net_amount for line in invoice.lines), ZERO)
    prepaid = min(invoice.amount_paid + max(-invoice.applied_balance, ZERO), invoice.total)
    snapshot = invoice.customer_snapshot or {}
    return Document(
        profile=profile,
        number=invoice.number,
        issue_date=invoice.finalized_at.date(),
        due_date=(invoice.due_at or invoice.finalized_at).date(),
        currency=invoice.currency,
        note=invoice.note,
        buyer_reference=invoice.buyer_reference,
        order_reference=invoice.po_number,
        payment_terms=invoice.payment_terms,
        delivery_date=invoice.delivery_date,
        delivery_country=_address(snapshot.get("shipping_address")).country,
        delivery_address=_address(snapshot.get("shipping_address")),
        seller=seller_of(account),
        buyer=buyer_of(snapshot),
        payment=payment,
        lines=tuple(line_of(line) for line in invoice.lines),
        groups=tuple(group_of(entry) for entry in invoice.tax_breakdown),
        line_total=line_total,
        tax_exclusive=line_total - invoice.allowance_amount + invoice.charge_amount,
        tax=invoice.tax_amount,
        tax_inclusive=invoice.total,
        prepaid=prepaid,
        payable=invoice.total - prepaid,
        allowances=adjustments_of(invoice.allowances),
        charges=adjustments_of(invoice.charges),
        allowance_total=invoice.allowance_amount,
        charge_total=invoice.charge_amount,
    )


def vat_ids_as_allowed(document: Document) -> Document:
    """A document wholly "not subject to VAT" (category O, which mixes with no other:
    BR-O-11) names no VAT identifier of either party (BR-O-02): the seller is then known by
    its legal registration (BT-30, which `checks` asks for: BR-CO-26)."""
    if document.categories != {"O"}:
        return document
    return replace(
        document,
        seller=replace(document.seller, vat_id=None),
        buyer=replace(document.buyer, vat_id=None),
    )


def seller_of(account: Account) -> Party:
    vat_id, registration = _tax_ids(account.tax_ids)
    return Party(
        name=account.legal_name or account.name,
        trading_name=account.name if account.legal_name else None,
        vat_id=vat_id,
        tax_registration_id=registration,
        legal_id=account.registration_id,
        address=_address(account.address),
        email=account.email,
        phone=account.phone,
        # remit keeps no contact person: the trading name is the point of contact (BT-41).
        contact_name=account.name,
    )


def buyer_of(snapshot: Mapping[str, Any]) -> Party:
    vat_id, _ = _tax_ids(snapshot.get("tax_ids") or [])
    return Party(
        name=snapshot.get("name"),
        trading_name=None,
        vat_id=vat_id,
        tax_registration_id=None,
        legal_id=None,
        address=_address(snapshot.get("address")),
        email=snapshot.get("email"),
        phone=snapshot.get("phone"),
    )


def line_of(line: InvoiceLine) -> Line:
    sign = -1 if line.unit_amount < 0 else 1
    return Line(
        id=str(line.position + 1),
        name=line.description,
        quantity=line.quantity * sign,
        unit_code=line.unit_code,
        price=line.unit_amount * sign,
        net_amount=line.net_amount,
        category=line.tax_category,
        rate=line.tax_rate,
        allowances=discount_of(line.discount_amount) + adjustments_of(line.allowances),
        charges=adjustments_of(line.charges),
    )


def discount_of(amount: Decimal) -> tuple[Adjustment, ...]:
    """A line's discount as its allowance (BG-27), when it has one."""
    return (Adjustment(amount, DISCOUNT_REASON, DISCOUNT),) if amount else ()


def adjustments_of(stored: Sequence[Mapping[str, Any]]) -> tuple[Adjustment, ...]:
    """Stored allowances or charges (`invoices.allowances`): a line's, or the invoice's with
    their VAT category and rate; `amount` (and a percentage's `base_amount`) as computed."""
    return tuple(
        Adjustment(
            amount=Decimal(entry["amount"]),
            reason=entry.get("reason"),
            reason_code=entry.get("reason_code"),
            percent=_decimal(entry.get("percent")),
            base_amount=_decimal(entry.get("base_amount")),
            category=entry.get("tax_category"),
            rate=_decimal(entry.get("tax_rate")),
        )
        for entry in stored
    )


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def delivery_address_of(snapshot: Mapping[str, Any]) -> Address:
    """BG-15 from a customer snapshot's `shipping_address`."""
    return _address(snapshot.get("shipping_address"))


def group_of(entry: Mapping[str, Any]) -> VatGroup:
    rate = Decimal(str(entry["tax_rate"]))
    return VatGroup(
        category=entry.get("tax_category") or default_category(rate),
        rate=rate,
        taxable=Decimal(str(entry["taxable_amount"])),
        tax=Decimal(str(entry["amount"])),
        reason=entry.get("tax_exemption_reason"),
        reason_code=entry.get("tax_exemption_reason_code"),
    )


def _tax_ids(ids: list[dict[str, str]]) -> tuple[str | None, str | None]:
    """(the first VAT identifier, the first other typed tax id)."""
    vat = next(
        (VAT_IDENTIFIERS[i["type"]] + i["value"] for i in ids if i["type"] in VAT_IDENTIFIERS), None
    )
    other = next((i["value"] for i in ids if i["type"] not in VAT_IDENTIFIERS
                  and i["type"] != "unknown"), None)  # fmt: skip
    return vat, other


def _address(fields: Mapping[str, Any] | None) -> Address:
    fields = fields or {}
    return Address(*(fields.get(key) for key in
                     ("line1", "line2", "city", "postal_code", "state", "country")))  # fmt: skip


def amount_text(value: Decimal, currency: str) -> str:
    """An amount as EN 16931 writes it: the currency's decimals, at most two (BR-DEC-…);
    `checks` refuses an invoice whose amounts need a third."""
    places = min(exponent(currency), 2)
    return f"{value.quantize(Decimal(1).scaleb(-places)):f}"


def fits_two_decimals(value: Decimal) -> bool:
    return value == value.quantize(Decimal("0.01"))


def decimal_text(value: Decimal) -> str:
    """A quantity, price or rate without trailing zeros (`19`, `7.5`, `0.125`)."""
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "0E-0") else text


# BT-81 (UNCL 4461) by what remit knows of how the invoice is paid.
CARD = "48"
_CHARGED = {"card": CARD, "bank_account": "49"}  # bank card; direct debit
_CREDIT_TRANSFER, _SEPA_CREDIT_TRANSFER, _NOT_DEFINED = "30", "58", "1"


def payment_means_of(
    invoice: Invoice, account: Account, charged: PaymentMethod | None
) -> PaymentMeans:
    """An automatically charged invoice: by its method's type; otherwise a credit transfer to
    the account's bank (`payment_instructions`: SEPA for an IBAN in euros), else "not
    defined" — a credit transfer needs the account (BR-50, BR-61)."""
    if invoice.collection_method == "charge_automatically" and charged and charged.type in _CHARGED:
        if charged.type == "card":  # BG-18, which XRechnung requires for a card (BR-DE-24-a)
            return PaymentMeans(_CHARGED["card"], card_number=charged.last4,
                                card_network=charged.brand)  # fmt: skip
        return PaymentMeans(_CHARGED[charged.type])
    instructions = account.payment_instructions or {}
    holder = instructions.get("account_holder")
    if iban := instructions.get("iban"):
        code = _SEPA_CREDIT_TRANSFER if invoice.currency == "EUR" else _CREDIT_TRANSFER
        return PaymentMeans(code, iban.replace(" ", ""), holder, instructions.get("bic"), True)
    if number := instructions.get("account_number"):
        return PaymentMeans(_CREDIT_TRANSFER, number, holder)
    return PaymentMeans(_NOT_DEFINED)
