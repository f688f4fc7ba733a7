"""Public invoice tokens (SPEC §5): a signed, compact JWT (HS256) naming account and invoice.

The key is derived from the server secret, so a token cannot be made from an invoice id
alone, and rotating the secret invalidates every token issued before.
"""

from __future__ import annotations

from dataclasses import dataclass

import jwt

from remit.kernel.secrets import Secrets

_PURPOSE = "public-invoice-token"


@dataclass(frozen=True)
class InvoiceRef:
    account_id: str
    invoice_id: str


def sign_invoice_token(secrets: Secrets, account_id: str, invoice_id: str) -> str:
    payload = {"acct": account_id, "inv": invoice_id}
    return jwt.encode(payload, secrets.derive(_PURPOSE), algorithm="HS256", headers={"typ": None})


def read_invoice_token(secrets: Secrets, token: str) -> InvoiceRef | None:
    """The invoice a token names, or None when it is forged, altered or malformed."""
    try:
        claims = jwt.decode(token, secrets.derive(_PURPOSE), algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    account_id, invoice_id = claims.get("acct"), claims.get("inv")
    if not isinstance(account_id, str) or not isinstance(invoice_id, str):
        return None
    return InvoiceRef(account_id, invoice_id)
