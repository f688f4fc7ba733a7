"""Public links of an invoice: its signed token, the hosted page and the PDF.

`REMIT_PUBLIC_URL` is where customers reach remit (default `http://127.0.0.1:8000`); the
token is `kernel.tokens`' signed JWT, so a link cannot be made from an invoice id alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from remit.kernel.secrets import Secrets
from remit.kernel.tokens import InvoiceRef, read_invoice_token, sign_invoice_token

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
