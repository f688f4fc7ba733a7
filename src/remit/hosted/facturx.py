"""Factur-X 1.0 (ZUGFeRD 2.x), profile EN 16931: an invoice's PDF carries its CII e-invoice.

The PDF is PDF/A-3b (hosted.pdf); the e-invoice is embedded as `factur-x.xml` with the
relationship `/Data` (the PDF is the legal document, the XML its machine-readable twin), and
the XMP metadata declares it in the `fx:` schema, with the PDF/A extension schema that
describes `fx:` (Factur-X 1.0.07 specification, §6.2.2 and its sample XMP).

An invoice or a credit note gets the attachment when its account embeds Factur-X
(`einvoicing.embed_facturx`, true by default) and it can be exported validly; otherwise its
PDF is the same document without it (docs/einvoicing.md). A credit note's XML is its CII
type 381; Factur-X declares both kinds with the one `fx:DocumentType` INVOICE.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from remit.accounts.models import Account
from remit.context import Context
from remit.credit_notes.models import CreditNote
from remit.einvoicing.errors import EInvoiceIncomplete, EInvoiceUnsupported, InvoiceNotIssued
from remit.einvoicing.service import EInvoice, export_credit_note, export_invoice
from remit.hosted.credit_notes import PublicCreditNote
from remit.invoices.models import Invoice
from remit.invoices.public import PUBLIC_ACTOR, PublicInvoice
from remit.runtime import Runtime

FILENAME = "factur-x.xml"
DESCRIPTION = "Factur-X invoice (EN 16931)"
RELATIONSHIP = "Data"
NAMESPACE = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"
PROPERTIES = {  # fx: property → its value and, for the extension schema, what it means
    "DocumentType": ("INVOICE", "The type of the hybrid document in capital letters"),
    "DocumentFileName": (FILENAME, "The name of the embedded XML invoice file"),
    "Version": ("1.0", "The version of the Factur-X XML schema"),
    "ConformanceLevel": ("EN 16931", "The conformance level of the embedded Factur-X data"),
}
_EXTENSION = "http://www.aiim.org/pdfa/ns/"


@dataclass(frozen=True)
class FacturX:
    """What a PDF embeds: the CII e-invoice, and the date the attachment carries (the
    invoice's issue, not the moment of rendering: the file describes the invoice)."""

    xml: bytes
    issued_at: datetime


async def facturx_of(ctx: Context, invoice: Invoice, account: Account) -> FacturX | None:
    """The CII e-invoice (EN 16931) an issued invoice's PDF embeds, or None: the account does
    not embed Factur-X, or the invoice cannot be exported validly (its e-invoice export says
    why: `GET /v1/invoices/{id}/einvoice?syntax=cii`)."""
    issued_at = invoice.finalized_at or invoice.created_at
    return await _embedded(
        account, issued_at, lambda: export_invoice(ctx, invoice.id, "cii", "en16931")
    )


async def facturx_of_credit_note(
    ctx: Context, note: CreditNote, account: Account
) -> FacturX | None:
    """`facturx_of` for a credit note (`GET /v1/credit_notes/{id}/einvoice?syntax=cii`)."""
    return await _embedded(
        account, note.created_at, lambda: export_credit_note(ctx, note.id, "cii", "en16931")
    )


async def _embedded(
    account: Account, issued_at: datetime, export: Callable[[], Awaitable[EInvoice]]
) -> FacturX | None:
    if not account.einvoice_embed_facturx:
        return None
    try:
        exported = await export()
    except (EInvoiceIncomplete, EInvoiceUnsupported, InvoiceNotIssued):
        return None
    return FacturX(exported.xml, issued_at)


async def facturx_of_public(runtime: Runtime, found: PublicInvoice) -> FacturX | None:
    """`facturx_of` for an invoice read through its public link."""
    invoice = found.invoice
    if not found.account.einvoice_embed_facturx:
        return None
    async with runtime.db.read() as session:
        ctx = runtime.context(session, invoice.account_id, PUBLIC_ACTOR, livemode=invoice.livemode)
        return await facturx_of(ctx, invoice, found.account)


async def facturx_of_public_credit_note(
    runtime: Runtime, found: PublicCreditNote
) -> FacturX | None:
    """`facturx_of_credit_note` for a credit note read through its public link."""
    note = found.note
    if not found.account.einvoice_embed_facturx:
        return None
    async with runtime.db.read() as session:
        ctx = runtime.context(session, note.account_id, PUBLIC_ACTOR, livemode=note.livemode)
        return await facturx_of_credit_note(ctx, note, found.account)


def _fx_properties() -> str:
    values = "".join(f"<fx:{name}>{value}</fx:{name}>" for name, (value, _) in PROPERTIES.items())
    return f'<rdf:Description rdf:about="" xmlns:fx="{NAMESPACE}">{values}</rdf:Description>'


def _property_schema(name: str, meaning: str) -> str:
    return (
        '<rdf:li rdf:parseType="Resource">'
        f"<pdfaProperty:name>{name}</pdfaProperty:name>"
        "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
        "<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{meaning}</pdfaProperty:description></rdf:li>"
    )


def _extension_schema() -> str:
    """PDF/A admits an XMP property only in a schema it describes (ISO 19005-3, 6.6.2.3)."""
    properties = "".join(
        _property_schema(name, meaning) for name, (_, meaning) in PROPERTIES.items()
    )
    return (
        f'<rdf:Description rdf:about="" xmlns:pdfaExtension="{_EXTENSION}extension/" '
        f'xmlns:pdfaSchema="{_EXTENSION}schema#" xmlns:pdfaProperty="{_EXTENSION}property#">'
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
        "<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>"
        f"<pdfaSchema:namespaceURI>{NAMESPACE}</pdfaSchema:namespaceURI>"
        "<pdfaSchema:prefix>fx</pdfaSchema:prefix>"
        f"<pdfaSchema:property><rdf:Seq>{properties}</rdf:Seq></pdfaSchema:property>"
        "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
    )


def declared_in_xmp(xmp: bytes) -> bytes:
    """The XMP packet `xmp` with the Factur-X properties and their schema in its `rdf:RDF`
    (an XMP packet holds one: ISO 16684-1, 7.3)."""
    end = b"</rdf:RDF>"
    if xmp.count(end) != 1:
        raise ValueError("the XMP packet must hold exactly one rdf:RDF")
    added = (_fx_properties() + _extension_schema()).encode()
    return xmp.replace(end, added + end)
