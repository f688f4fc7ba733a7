"""An EN 16931 document written as a UBL 2.1 Invoice (the syntax binding of CEN/TS 16931-3-2),
in the schema's element order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from remit.einvoicing.document import (
    Address,
    Document,
    Line,
    Party,
    VatGroup,
    amount_text,
    decimal_text,
)

_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
_NSMAP = {None: _INVOICE, "cac": _CAC, "cbc": _CBC}
_COMMERCIAL_INVOICE = "380"  # BT-3, UNTDID 1001
_DISCOUNT = "95"  # BT-140, UNTDID 5189


def ubl_invoice(document: Document) -> bytes:
    root = etree.Element(f"{{{_INVOICE}}}Invoice", nsmap=_NSMAP)
    _header(root, document)
    _party(_cac(_cac(root, "AccountingSupplierParty"), "Party"), document.seller, seller=True)
    _party(_cac(_cac(root, "AccountingCustomerParty"), "Party"), document.buyer, seller=False)
    _delivery(root, document)
    _payment(root, document)
    _tax_total(root, document)
    _totals(root, document)
    for line in document.lines:
        _line(root, line, document.currency)
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
    _cbc(root, "DueDate", _date(document.due_date))
    _cbc(root, "InvoiceTypeCode", _COMMERCIAL_INVOICE)
    _cbc(root, "Note", document.note)
    _cbc(root, "DocumentCurrencyCode", document.currency)
    _cbc(root, "BuyerReference", document.buyer_reference)
    if document.order_reference:
        _cbc(_cac(root, "OrderReference"), "ID", document.order_reference)


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
        _cbc(_cac(location, "Country"), "IdentificationCode", document.delivery_country)


def _payment(root: etree._Element, document: Document) -> None:
    means, payment = _cac(root, "PaymentMeans"), document.payment
    _cbc(means, "PaymentMeansCode", payment.code)
    _cbc(means, "PaymentID", document.number)  # BT-83 remittance information
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
        _category(_cac(subtotal, "TaxCategory"), group.category, group.rate, group)


def _category(
    parent: etree._Element, category: str, rate: Decimal, group: VatGroup | None = None
) -> None:
    _cbc(parent, "ID", category)
    if category != "O":  # "not subject to VAT" has no rate (BR-O-05, BR-O-09)
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
    if document.prepaid:
        _amount(totals, "PrepaidAmount", document.prepaid, currency)
    _amount(totals, "PayableAmount", document.payable, currency)


def _line(root: etree._Element, line: Line, currency: str) -> None:
    element = _cac(root, "InvoiceLine")
    _cbc(element, "ID", line.id)
    _cbc(element, "InvoicedQuantity", decimal_text(line.quantity), unitCode=line.unit_code)
    _amount(element, "LineExtensionAmount", line.net_amount, currency)
    if line.allowance:
        allowance = _cac(element, "AllowanceCharge")
        _cbc(allowance, "ChargeIndicator", "false")
        _cbc(allowance, "AllowanceChargeReasonCode", _DISCOUNT)
        _cbc(allowance, "AllowanceChargeReason", "Discount")
        _amount(allowance, "Amount", line.allowance, currency)
    item = _cac(element, "Item")
    _cbc(item, "Name", line.name)
    _category(_cac(item, "ClassifiedTaxCategory"), line.category, line.rate)
    price = _cac(element, "Price")
    _cbc(price, "PriceAmount", decimal_text(line.price), currencyID=currency)
