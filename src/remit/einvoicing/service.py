"""E-invoices of issued documents: load, check, write — and finalizing an invoice only when
its e-invoice can be written.

`finalize_with_einvoice` finalizes and checks in one transaction: a refusal raises, the
unit of work rolls back, and the invoice stays the draft it was — its number given back to
the gapless series (numbering.counters), no event written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from remit.accounts.service import get_account
from remit.context import Context
from remit.credit_notes.repository import CreditNoteRepository
from remit.einvoicing import checks, credit_notes
from remit.einvoicing.cii import cii_invoice
from remit.einvoicing.document import (
    Document,
    document_of,
    payment_means_of,
    vat_ids_as_allowed,
)
from remit.einvoicing.errors import EInvoiceIncomplete, EInvoiceUnsupported, InvoiceNotIssued
from remit.einvoicing.language import in_customer_language
from remit.einvoicing.ubl import ubl_invoice
from remit.invoices import finalize
from remit.invoices.lifecycle import Status
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.kernel.problems import FieldError
from remit.payments.models import PaymentMethod
from remit.payments.repository import PaymentMethodRepository

Syntax = Literal["ubl", "cii"]
Profile = Literal["en16931", "xrechnung"]
WRITERS = {"ubl": ubl_invoice, "cii": cii_invoice}


@dataclass(frozen=True)
class EInvoice:
    number: str
    xml: bytes


async def export_invoice(
    ctx: Context, invoice_id: str, syntax: Syntax, profile: Profile
) -> EInvoice:
    invoice = await InvoiceRepository(ctx).get(invoice_id)
    if invoice.status == Status.DRAFT or invoice.number is None:
        raise InvoiceNotIssued(f"Invoice {invoice_id} is a draft.")
    document = await _checked_invoice(ctx, invoice, profile)
    return EInvoice(invoice.number, WRITERS[syntax](document))


async def export_credit_note(
    ctx: Context, credit_note_id: str, syntax: Syntax, profile: Profile
) -> EInvoice:
    """A credit note's e-invoice (BT-3 381), void or not: it is the document as issued."""
    note = await CreditNoteRepository(ctx).get(credit_note_id)
    invoice = await InvoiceRepository(ctx).get(note.invoice_id)
    _refuse(EInvoiceUnsupported, credit_notes.unsupported(note, invoice))
    account = await get_account(ctx)
    document = credit_notes.credit_note_document(note, invoice, account, profile)
    document = in_customer_language(vat_ids_as_allowed(document), invoice)
    _refuse(EInvoiceIncomplete, checks.missing(document))
    return EInvoice(note.number, WRITERS[syntax](document))


async def finalize_with_einvoice(
    ctx: Context, invoice_id: str, syntax: Syntax | None, profile: Profile
) -> Invoice:
    """Finalize a draft; with a `syntax`, refuse (422) one whose e-invoice in that syntax
    and profile could not be written, leaving it a draft (see the module's docstring)."""
    invoice = await finalize.finalize_invoice(ctx, invoice_id)
    if syntax is not None:
        await _checked_invoice(ctx, invoice, profile)
    return invoice


async def _checked_invoice(ctx: Context, invoice: Invoice, profile: Profile) -> Document:
    _refuse(EInvoiceUnsupported, checks.unsupported(invoice))
    account = await get_account(ctx)
    payment = payment_means_of(invoice, account, await _charged_method(ctx, invoice))
    document = vat_ids_as_allowed(document_of(invoice, account, payment, profile))
    document = in_customer_language(document, invoice)
    _refuse(EInvoiceIncomplete, checks.missing(document))
    return document


def _refuse(error: type[EInvoiceIncomplete | EInvoiceUnsupported], found: list[FieldError]) -> None:
    if found:
        raise error("; ".join(f"{e.param}: {e.message}" for e in found), errors=found)


async def _charged_method(ctx: Context, invoice: Invoice) -> PaymentMethod | None:
    if invoice.collection_method != "charge_automatically" or invoice.payment_method is None:
        return None
    return await PaymentMethodRepository(ctx).find(invoice.payment_method)
