"""Credit notes as their customer reads them (SPEC §5): one through its public token — no API
key, the signed token is the key — and those the invoice's page lists.

Every bad token — forged, altered, truncated, or an invoice's — is the same 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.credit_notes.models import CreditNote
from remit.credit_notes.repository import find_by_token
from remit.credit_notes.service import credit_notes_of_invoice
from remit.invoices.models import Invoice
from remit.invoices.public import PUBLIC_ACTOR, PublicInvoice
from remit.invoices.service import get_invoice
from remit.kernel.problems import NotFound
from remit.runtime import Runtime


@dataclass(frozen=True)
class PublicCreditNote:
    note: CreditNote
    invoice: Invoice  # the one it corrects
    account: Account


def missing() -> NotFound:
    return NotFound("credit note", "(public link)")


async def load(runtime: Runtime, token: str) -> PublicCreditNote:
    """The credit note a token names, with its invoice and account, or 404."""
    ref = runtime.links.read_credit_note(token)
    if ref is None:
        raise missing()
    async with runtime.db.read() as session:
        note = await find_by_token(session, ref.account_id, ref.credit_note_id)
        if note is None:
            raise missing()
        ctx = runtime.context(session, ref.account_id, PUBLIC_ACTOR, livemode=note.livemode)
        invoice = await get_invoice(ctx, note.invoice_id)
        return PublicCreditNote(note, invoice, await get_account(ctx))


async def of_invoice(runtime: Runtime, found: PublicInvoice) -> list[CreditNote]:
    """The invoice's notes, void ones too, oldest first; no query for an invoice without."""
    invoice = found.invoice
    if not invoice.credit_note_ids:
        return []
    async with runtime.db.read() as session:
        ctx = runtime.context(session, invoice.account_id, PUBLIC_ACTOR, livemode=invoice.livemode)
        return await credit_notes_of_invoice(ctx, invoice.id)
