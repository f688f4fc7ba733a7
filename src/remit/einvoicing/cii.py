"""An EN 16931 document written as a UN/CEFACT Cross Industry Invoice D16B (the syntax binding
of CEN/TS 16931-3-3), in the schema's element order."""

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
    amount_text,
    decimal_text,
)

_RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
_RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
_UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
_QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
_NSMAP = {"rsm": _RSM, "ram": _RAM, "udt": _UDT, "qdt": _QDT}


def cii_invoice(document: Document) -> bytes:
    root = etree.Element(f"{{{_RSM}}}CrossIndustryInvoice", nsmap=_NSMAP)
    context = etree.SubElement(root, f"{{{_RSM}}}ExchangedDocumentContext")
    _text(_ram(context, "GuidelineSpecifiedDocumentContextParameter"), "ID",
          document.customization_id)  # fmt: skip
    _exchanged_document(etree.SubElement(root, f"{{{_RSM}}}ExchangedDocument"), document)
    transaction = etree.SubElement(root, f"{{{_RSM}}}SupplyChainTradeTransaction")
    for line in document.lines:
        _line(transaction, line, document.currency)
    _agreement(_ram(transaction, "ApplicableHeaderTradeAgreement"), document)
    _delivery(_ram(transaction, "ApplicableHeaderTradeDelivery"), document)
    _settlement(_ram(transaction, "ApplicableHeaderTradeSettlement"), document)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _ram(parent: etree._Element, name: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{_RAM}}}{name}")


def _text(parent: etree._Element, name: str, text: str | None, **attributes: str) -> None:
    if text is not None and text != "":
        etree.SubElement(parent, f"{{{_RAM}}}{name}", attributes).text = text


def _amount(parent: etree._Element, name: str, value: Decimal, currency: str) -> None:
    _text(parent, name, amount_text(value, currency))


def _date(parent: etree._Element, name: str, value: date, namespace: str = _UDT) -> None:
    moment = etree.SubElement(_ram(parent, name), f"{{{namespace}}}DateTimeString", format="102")
    moment.text = value.strftime("%Y%m%d")


def _exchanged_document(element: etree._Element, document: Document) -> None:
    _text(element, "ID", document.number)
    _text(element, "TypeCode", document.type_code)
    _date(element, "IssueDateTime", document.issue_date)
    if document.note:
        _text(_ram(element, "IncludedNote"), "Content", document.note)


def _line(transaction: etree._Element, line: Line, currency: str) -> None:
    item = _ram(transaction, "IncludedSupplyChainTradeLineItem")
    _text(_ram(item, "AssociatedDocumentLineDocument"), "LineID", line.id)
    _text(_ram(item, "SpecifiedTradeProduct"), "Name", line.name)
    price = _ram(_ram(item, "SpecifiedLineTradeAgreement"), "NetPriceProductTradePrice")
    _text(price, "ChargeAmount", decimal_text(line.price))
    delivery = _ram(item, "SpecifiedLineTradeDelivery")
    _text(delivery, "BilledQuantity", decimal_text(line.quantity), unitCode=line.unit_code)
    settlement = _ram(item, "SpecifiedLineTradeSettlement")
    _tax(_ram(settlement, "ApplicableTradeTax"), line.category, line.rate)
    for allowance in line.allowances:
        _allowance_charge(settlement, allowance, currency, charge=False)
    for charge in line.charges:
        _allowance_charge(settlement, charge, currency, charge=True)
    summation = _ram(settlement, "SpecifiedTradeSettlementLineMonetarySummation")
    _amount(summation, "LineTotalAmount", line.net_amount, currency)


def _tax(element: etree._Element, category: str, rate: Decimal | None) -> None:
    _text(element, "TypeCode", "VAT")
    _text(element, "CategoryCode", category)
    if category != "O" and rate is not None:  # "not subject to VAT" has none (BR-O-05)
        _text(element, "RateApplicablePercent", decimal_text(rate))


def _allowance_charge(
    parent: etree._Element, adjustment: Adjustment, currency: str, *, charge: bool
) -> None:
    """BG-20/BG-21 in the header settlement (with its VAT category), BG-27/BG-28 in a line's."""
    element = _ram(parent, "SpecifiedTradeAllowanceCharge")
    indicator = etree.SubElement(_ram(element, "ChargeIndicator"), f"{{{_UDT}}}Indicator")
    indicator.text = "true" if charge else "false"
    if adjustment.percent is not None:
        _text(element, "CalculationPercent", decimal_text(adjustment.percent))
    if adjustment.base_amount is not None:
        _amount(element, "BasisAmount", adjustment.base_amount, currency)
    _amount(element, "ActualAmount", adjustment.amount, currency)
    _text(element, "ReasonCode", adjustment.reason_code)
    _text(element, "Reason", adjustment.reason)
    if adjustment.category is not None:
        _tax(_ram(element, "CategoryTradeTax"), adjustment.category, adjustment.rate)


def _agreement(agreement: etree._Element, document: Document) -> None:
    _text(agreement, "BuyerReference", document.buyer_reference)
    _party(_ram(agreement, "SellerTradeParty"), document.seller, seller=True)
    _party(_ram(agreement, "BuyerTradeParty"), document.buyer, seller=False)
    if document.order_reference:
        _text(_ram(agreement, "BuyerOrderReferencedDocument"), "IssuerAssignedID",
              document.order_reference)  # fmt: skip


def _party(party: etree._Element, data: Party, *, seller: bool) -> None:
    _text(party, "Name", data.name)
    if data.legal_id or data.trading_name:
        legal = _ram(party, "SpecifiedLegalOrganization")
        _text(legal, "ID", data.legal_id)
        _text(legal, "TradingBusinessName", data.trading_name)
    if data.contact_name or data.phone or data.email:
        contact = _ram(party, "DefinedTradeContact")
        _text(contact, "PersonName", data.contact_name)
        if data.phone:
            _text(_ram(contact, "TelephoneUniversalCommunication"), "CompleteNumber", data.phone)
        if data.email:
            _text(_ram(contact, "EmailURIUniversalCommunication"), "URIID", data.email)
    _address(_ram(party, "PostalTradeAddress"), data.address)
    if data.email:  # BT-34 / BT-49
        _text(_ram(party, "URIUniversalCommunication"), "URIID", data.email, schemeID="EM")
    if data.vat_id:
        _text(_ram(party, "SpecifiedTaxRegistration"), "ID", data.vat_id, schemeID="VA")
    if seller and data.tax_registration_id:
        _text(_ram(party, "SpecifiedTaxRegistration"), "ID", data.tax_registration_id,
              schemeID="FC")  # fmt: skip


def _address(element: etree._Element, address: Address) -> None:
    _text(element, "PostcodeCode", address.postal_code)
    _text(element, "LineOne", address.line1)
    _text(element, "LineTwo", address.line2)
    _text(element, "CityName", address.city)
    _text(element, "CountryID", address.country)
    _text(element, "CountrySubDivisionName", address.state)


def _delivery(delivery: etree._Element, document: Document) -> None:
    if document.delivery_country:
        ship_to = _ram(_ram(delivery, "ShipToTradeParty"), "PostalTradeAddress")
        _address(ship_to, document.delivery_address or Address(country=document.delivery_country))
    if document.delivery_date:
        event = _ram(delivery, "ActualDeliverySupplyChainEvent")
        _date(event, "OccurrenceDateTime", document.delivery_date)


def _settlement(settlement: etree._Element, document: Document) -> None:
    currency = document.currency
    _text(settlement, "PaymentReference", document.number)
    _text(settlement, "InvoiceCurrencyCode", currency)
    _payment_means(_ram(settlement, "SpecifiedTradeSettlementPaymentMeans"), document)
    for group in document.groups:
        tax = _ram(settlement, "ApplicableTradeTax")
        _amount(tax, "CalculatedAmount", group.tax, currency)
        _text(tax, "TypeCode", "VAT")
        _text(tax, "ExemptionReason", group.reason)
        _amount(tax, "BasisAmount", group.taxable, currency)
        _text(tax, "CategoryCode", group.category)
        _text(tax, "ExemptionReasonCode", group.reason_code)
        if group.category != "O" or document.profile == "xrechnung":  # BR-O-05, BR-DE-14
            _text(tax, "RateApplicablePercent", decimal_text(group.rate))
    for allowance in document.allowances:
        _allowance_charge(settlement, allowance, currency, charge=False)
    for charge in document.charges:
        _allowance_charge(settlement, charge, currency, charge=True)
    if document.payment_terms or document.due_date:
        terms = _ram(settlement, "SpecifiedTradePaymentTerms")
        _text(terms, "Description", document.payment_terms)
        if document.due_date:
            _date(terms, "DueDateDateTime", document.due_date)
    _summation(_ram(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation"), document)
    if document.preceding is not None:  # BG-3
        reference = _ram(settlement, "InvoiceReferencedDocument")
        _text(reference, "IssuerAssignedID", document.preceding.number)
        _date(reference, "FormattedIssueDateTime", document.preceding.issue_date, _QDT)


def _payment_means(means: etree._Element, document: Document) -> None:
    payment = document.payment
    _text(means, "TypeCode", payment.code)
    if payment.card_number:  # BG-18
        _text(_ram(means, "ApplicableTradeSettlementFinancialCard"), "ID", payment.card_number)
    if payment.account_id:
        account = _ram(means, "PayeePartyCreditorFinancialAccount")
        _text(account, "IBANID", payment.account_id if payment.is_iban else None)
        _text(account, "AccountName", payment.account_name)
        _text(account, "ProprietaryID", None if payment.is_iban else payment.account_id)
    if payment.bic:
        _text(_ram(means, "PayeeSpecifiedCreditorFinancialInstitution"), "BICID", payment.bic)


def _summation(summation: etree._Element, document: Document) -> None:
    currency = document.currency
    _amount(summation, "LineTotalAmount", document.line_total, currency)
    if document.charges:
        _amount(summation, "ChargeTotalAmount", document.charge_total, currency)
    if document.allowances:
        _amount(summation, "AllowanceTotalAmount", document.allowance_total, currency)
    _amount(summation, "TaxBasisTotalAmount", document.tax_exclusive, currency)
    _text(summation, "TaxTotalAmount", amount_text(document.tax, currency), currencyID=currency)
    _amount(summation, "GrandTotalAmount", document.tax_inclusive, currency)
    if document.prepaid:
        _amount(summation, "TotalPrepaidAmount", document.prepaid, currency)
    _amount(summation, "DuePayableAmount", document.payable, currency)
