"""Public links of an invoice or a credit note: its signed token, the hosted page and the PDF
(`/i/{token}` for invoices, `/c/{token}` for credit notes).

`REMIT_PUBLIC_URL` is where customers reach remit (default `http://127.0.0.1:8000`); the
token is `kernel.tokens`' signed JWT, so a link cannot be made from an id alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from remit.kernel.secrets import Secrets
from remit.kernel.tokens import (
    CreditNoteRef,
    InvoiceRef,
    read_credit_note_token,
    read_invoice_token,
    sign_credit_note_token,
    sign_invoice_token,
)

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class PublicLinks:
    secrets: Secrets
    base_url: str = DEFAULT_PUBLIC_URL

    def token(self, account_id: str, invoice_id: str) -> str:
        return sign_invoice_token(self.secrets, account_id, invoice_id)

    def read(self, token: str) -> InvoiceRef | None:
        return read_invoice_token(self.secrets, token)

    def page(self, token: str) -> str:
        return f"{self.base_url.rstrip('/')}/i/{token}"

    def pdf(self, token: str) -> str:
        return f"{self.page(token)}.pdf"

    def credit_note_token(self, account_id: str, credit_note_id: str) -> str:
        return sign_credit_note_token(self.secrets, account_id, credit_note_id)

    def read_credit_note(self, token: str) -> CreditNoteRef | None:
        return read_credit_note_token(self.secrets, token)

    def credit_note_page(self, token: str) -> str:
        return f"{self.base_url.rstrip('/')}{credit_note_path(token)}"

    def credit_note_pdf(self, token: str) -> str:
        return f"{self.credit_note_page(token)}.pdf"


def invoice_path(token: str) -> str:
    """The invoice page's path on remit's own origin (a page's links to its own pages)."""
    return f"/i/{quote(token)}"


def credit_note_path(token: str) -> str:
    return f"/c/{quote(token)}"
