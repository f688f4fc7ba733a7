"""An issued invoice or a credit note as the caller's API key reads it, with all its PDF draws
and embeds: the same documents the public links answer (`/i/{token}.pdf`, `/c/{token}.pdf`)."""

from __future__ import annotations

from dataclasses import dataclass

from remit.accounts.service import get_account
from remit.context import Context
from remit.credit_notes.models import CreditNote
from remit.credit_notes.service import credit_notes_of_invoice, get_credit_note
from remit.hosted.credit_notes import PublicCreditNote
from remit.hosted.errors import DraftHasNoPdf
from remit.hosted.facturx import FacturX, facturx_of, facturx_of_credit_note
from remit.invoices.lifecycle import Status
from remit.invoices.public import PublicInvoice
from remit.invoices.service import get_invoice


@dataclass(frozen=True)
class InvoiceDocument:
    found: PublicInvoice
    notes: list[CreditNote]  # the invoice's credit notes, listed on it
    einvoice: FacturX | None  # the CII e-invoice the PDF embeds, if any


async def invoice_document(ctx: Context, invoice_id: str) -> InvoiceDocument:
    """An issued invoice of the account with what its PDF shows (404, or 409 for a draft)."""
    invoice = await get_invoice(ctx, invoice_id)
    if invoice.status == Status.DRAFT:
        raise DraftHasNoPdf(f"Invoice {invoice_id} is a draft.")
    account = await get_account(ctx)
    notes = await credit_notes_of_invoice(ctx, invoice.id) if invoice.credit_note_ids else []
    einvoice = await facturx_of(ctx, invoice, account)
    return InvoiceDocument(PublicInvoice(invoice, account), notes, einvoice)


@dataclass(frozen=True)
class CreditNoteDocument:
    found: PublicCreditNote
    einvoice: FacturX | None  # its CII e-invoice (type 381) the PDF embeds, if any


async def credit_note_document(ctx: Context, credit_note_id: str) -> CreditNoteDocument:
    """A credit note of the account with the invoice it corrects (404), and its e-invoice."""
    note = await get_credit_note(ctx, credit_note_id)
    invoice = await get_invoice(ctx, note.invoice_id)
    account = await get_account(ctx)
    einvoice = await facturx_of_credit_note(ctx, note, account)
    return CreditNoteDocument(PublicCreditNote(note, invoice, account), einvoice)
