"""An EN 16931 document written as a UBL 2.1 Invoice, or CreditNote for a credit note (the
syntax binding of CEN/TS 16931-3-2), in the schemas' element order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from remit.einvoicing.document import (
    Address,
    Adjustment,
    Document,
    Line,
    Party,
    VatGroup,
    amount_text,
    decimal_text,
)

_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def ubl_invoice(document: Document) -> bytes:
    """An `Invoice`, or a `CreditNote` when the document is one (BT-3 381)."""
    namespace, name = (
        (_CREDIT_NOTE, "CreditNote") if document.is_credit_note else (_INVOICE, "Invoice")
    )
    root = etree.Element(
        f"{{{namespace}}}{name}", nsmap={None: namespace, "cac": _CAC, "cbc": _CBC}
    )
    _header(root, document)
    _party(_cac(_cac(root, "AccountingSupplierParty"), "Party"), document.seller, seller=True)
    _party(_cac(_cac(root, "AccountingCustomerParty"), "Party"), document.buyer, seller=False)
    _delivery(root, document)
    _payment(root, document)
    for allowance in document.allowances:
        _allowance_charge(root, allowance, document.currency, charge=False)
    for charge in document.charges:
        _allowance_charge(root, charge, document.currency, charge=True)
    _tax_total(root, document)
    _totals(root, document)
    for line in document.lines:
        _line(root, line, document)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _cac(parent: etree._Element, name: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{_CAC}}}{name}")


def _cbc(parent: etree._Element, name: str, text: str | None, **attributes: str) -> None:
    if text is not None and text != "":
        etree.SubElement(parent, f"{{{_CBC}}}{name}", attributes).text = text


def _amount(parent: etree._Element, name: str, value: Decimal, currency: str) -> None:
    _cbc(parent, name, amount_text(value, currency), currencyID=currency)


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _header(root: etree._Element, document: Document) -> None:
    _cbc(root, "CustomizationID", document.customization_id)
    _cbc(root, "ID", document.number)
    _cbc(root, "IssueDate", _date(document.issue_date))
    if document.is_credit_note:  # a CreditNote's BT-9 is its payment means' due date
        _cbc(root, "CreditNoteTypeCode", document.type_code)
    else:
        _cbc(root, "DueDate", _date(document.due_date))
        _cbc(root, "InvoiceTypeCode", document.type_code)
    _cbc(root, "Note", document.note)
    _cbc(root, "DocumentCurrencyCode", document.currency)
    _cbc(root, "BuyerReference", document.buyer_reference)
    if document.order_reference:
        _cbc(_cac(root, "OrderReference"), "ID", document.order_reference)
    if document.preceding is not None:
        reference = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
        _cbc(reference, "ID", document.preceding.number)
        _cbc(reference, "IssueDate", _date(document.preceding.issue_date))


def _party(party: etree._Element, data: Party, *, seller: bool) -> None:
    _cbc(party, "EndpointID", data.email, schemeID="EM")  # BT-34 / BT-49
    if data.trading_name:
        _cbc(_cac(party, "PartyName"), "Name", data.trading_name)
    _address(_cac(party, "PostalAddress"), data.address)
    _tax_scheme(party, data.vat_id, "VAT")
    if seller:
        _tax_scheme(party, data.tax_registration_id, "FC")  # BT-32: not a VAT id
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", data.name)
    _cbc(legal, "CompanyID", data.legal_id)
    if data.contact_name or data.phone or data.email:
        contact = _cac(party, "Contact")
        _cbc(contact, "Name", data.contact_name)
        _cbc(contact, "Telephone", data.phone)
        _cbc(contact, "ElectronicMail", data.email)


def _address(parent: etree._Element, address: Address) -> None:
    _cbc(parent, "StreetName", address.line1)
    _cbc(parent, "AdditionalStreetName", address.line2)
    _cbc(parent, "CityName", address.city)
    _cbc(parent, "PostalZone", address.postal_code)
    _cbc(parent, "CountrySubentity", address.state)
    _cbc(_cac(parent, "Country"), "IdentificationCode", address.country)


def _tax_scheme(party: etree._Element, company_id: str | None, scheme: str) -> None:
    if company_id:
        tax_scheme = _cac(party, "PartyTaxScheme")
        _cbc(tax_scheme, "CompanyID", company_id)
        _cbc(_cac(tax_scheme, "TaxScheme"), "ID", scheme)


def _delivery(root: etree._Element, document: Document) -> None:
    if not (document.delivery_date or document.delivery_country):
        return
    delivery = _cac(root, "Delivery")
    _cbc(delivery, "ActualDeliveryDate", _date(document.delivery_date))
    if document.delivery_country:
        location = _cac(_cac(delivery, "DeliveryLocation"), "Address")
        _address(location, document.delivery_address or Address(country=document.delivery_country))


def _payment(root: etree._Element, document: Document) -> None:
    means, payment = _cac(root, "PaymentMeans"), document.payment
    _cbc(means, "PaymentMeansCode", payment.code)
    if document.is_credit_note:
        _cbc(means, "PaymentDueDate", _date(document.due_date))
    _cbc(means, "PaymentID", document.number)  # BT-83 remittance information
    if payment.card_number:  # BG-18; UBL requires a network, which EN 16931 does not name
        card = _cac(means, "CardAccount")
        _cbc(card, "PrimaryAccountNumberID", payment.card_number)
        _cbc(card, "NetworkID", payment.card_network or "unknown")
    if payment.account_id:
        account = _cac(means, "PayeeFinancialAccount")
        _cbc(account, "ID", payment.account_id)
        _cbc(account, "Name", payment.account_name)
        if payment.bic:
            _cbc(_cac(account, "FinancialInstitutionBranch"), "ID", payment.bic)
    if document.payment_terms:
        _cbc(_cac(root, "PaymentTerms"), "Note", document.payment_terms)


def _tax_total(root: etree._Element, document: Document) -> None:
    total = _cac(root, "TaxTotal")
    _amount(total, "TaxAmount", document.tax, document.currency)
    for group in document.groups:
        subtotal = _cac(total, "TaxSubtotal")
        _amount(subtotal, "TaxableAmount", group.taxable, document.currency)
        _amount(subtotal, "TaxAmount", group.tax, document.currency)
        _category(_cac(subtotal, "TaxCategory"), group.category, group.rate, group,
                  rate_of_o=document.profile == "xrechnung")  # fmt: skip


def _allowance_charge(
    parent: etree._Element, adjustment: Adjustment, currency: str, *, charge: bool
) -> None:
    """BG-20/BG-21 on the document (with its VAT category), BG-27/BG-28 on a line."""
    element = _cac(parent, "AllowanceCharge")
    _cbc(element, "ChargeIndicator", "true" if charge else "false")
    _cbc(element, "AllowanceChargeReasonCode", adjustment.reason_code)
    _cbc(element, "AllowanceChargeReason", adjustment.reason)
    if adjustment.percent is not None:
        _cbc(element, "MultiplierFactorNumeric", decimal_text(adjustment.percent))
    _amount(element, "Amount", adjustment.amount, currency)
    if adjustment.base_amount is not None:
        _amount(element, "BaseAmount", adjustment.base_amount, currency)
    if adjustment.category is not None:
        _category(_cac(element, "TaxCategory"), adjustment.category, adjustment.rate)


def _category(
    parent: etree._Element,
    category: str,
    rate: Decimal | None,
    group: VatGroup | None = None,
    *,
    rate_of_o: bool = False,
) -> None:
    """Category O ("not subject to VAT") has no rate (BR-O-05), save in an XRechnung
    breakdown, which must have one (BR-DE-14: 0)."""
    _cbc(parent, "ID", category)
    if (category != "O" or rate_of_o) and rate is not None:
        _cbc(parent, "Percent", decimal_text(rate))
    if group is not None:
        _cbc(parent, "TaxExemptionReasonCode", group.reason_code)
        _cbc(parent, "TaxExemptionReason", group.reason)
    _cbc(_cac(parent, "TaxScheme"), "ID", "VAT")


def _totals(root: etree._Element, document: Document) -> None:
    totals, currency = _cac(root, "LegalMonetaryTotal"), document.currency
    _amount(totals, "LineExtensionAmount", document.line_total, currency)
    _amount(totals, "TaxExclusiveAmount", document.tax_exclusive, currency)
    _amount(totals, "TaxInclusiveAmount", document.tax_inclusive, currency)
    if document.allowances:
        _amount(totals, "AllowanceTotalAmount", document.allowance_total, currency)
    if document.charges:
        _amount(totals, "ChargeTotalAmount", document.charge_total, currency)
    if document.prepaid:
        _amount(totals, "PrepaidAmount", document.prepaid, currency)
    _amount(totals, "PayableAmount", document.payable, currency)


def _line(root: etree._Element, line: Line, document: Document) -> None:
    currency, credit = document.currency, document.is_credit_note
    element = _cac(root, "CreditNoteLine" if credit else "InvoiceLine")
    _cbc(element, "ID", line.id)
    _cbc(element, "CreditedQuantity" if credit else "InvoicedQuantity",
         decimal_text(line.quantity), unitCode=line.unit_code)  # fmt: skip
    _amount(element, "LineExtensionAmount", line.net_amount, currency)
    for allowance in line.allowances:
        _allowance_charge(element, allowance, currency, charge=False)
    for charge in line.charges:
        _allowance_charge(element, charge, currency, charge=True)
    item = _cac(element, "Item")
    _cbc(item, "Name", line.name)
    _category(_cac(item, "ClassifiedTaxCategory"), line.category, line.rate)
    price = _cac(element, "Price")
    _cbc(price, "PriceAmount", decimal_text(line.price), currencyID=currency)
