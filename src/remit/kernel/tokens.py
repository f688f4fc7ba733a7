"""Public tokens (SPEC §5): a signed, compact JWT (HS256) naming an account and one of its
issued documents — an invoice or a credit note.

The key is derived from the server secret, so a token cannot be made from an id alone, and
rotating the secret invalidates every token issued before. Each kind of document has a key
of its own and its own claim naming the object, so the kind is part of what is signed: an
invoice's token never opens a credit note, nor the other way round. Invoice tokens are
signed as they always were (`public-invoice-token`, claim `inv`): links already sent work on.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import jwt

from remit.kernel.secrets import Secrets


@dataclass(frozen=True)
class TokenKind:
    purpose: str  # the derived key's purpose (kernel.secrets)
    claim: str  # the claim that names the object


INVOICE = TokenKind("public-invoice-token", "inv")
CREDIT_NOTE = TokenKind("public-credit-note-token", "cn")


@dataclass(frozen=True)
class InvoiceRef:
    account_id: str
    invoice_id: str


@dataclass(frozen=True)
class CreditNoteRef:
    account_id: str
    credit_note_id: str


def sign_token(secrets: Secrets, kind: TokenKind, account_id: str, object_id: str) -> str:
    """An object's token is the same string every time (no expiry, no time in it): every
    snapshot of an invoice carries it, so the last few thousand signed are kept."""
    return _signed(secrets.derive(kind.purpose), kind.claim, account_id, object_id)


@functools.lru_cache(maxsize=4096)
def _signed(key: bytes, claim: str, account_id: str, object_id: str) -> str:
    payload = {"acct": account_id, claim: object_id}
    return jwt.encode(payload, key, algorithm="HS256", headers={"typ": None})


def read_token(secrets: Secrets, kind: TokenKind, token: str) -> tuple[str, str] | None:
    """(account id, object id) of a token of `kind`, or None when it is forged, altered,
    malformed, or of another kind."""
    try:
        claims = jwt.decode(token, secrets.derive(kind.purpose), algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    account_id, object_id = claims.get("acct"), claims.get(kind.claim)
    if not isinstance(account_id, str) or not isinstance(object_id, str):
        return None
    return account_id, object_id


def sign_invoice_token(secrets: Secrets, account_id: str, invoice_id: str) -> str:
    return sign_token(secrets, INVOICE, account_id, invoice_id)


def read_invoice_token(secrets: Secrets, token: str) -> InvoiceRef | None:
    """The invoice a token names, or None when it is forged, altered or malformed."""
    found = read_token(secrets, INVOICE, token)
    return None if found is None else InvoiceRef(*found)


def sign_credit_note_token(secrets: Secrets, account_id: str, credit_note_id: str) -> str:
    return sign_token(secrets, CREDIT_NOTE, account_id, credit_note_id)


def read_credit_note_token(secrets: Secrets, token: str) -> CreditNoteRef | None:
    """The credit note a token names, or None when it is forged, altered or malformed."""
    found = read_token(secrets, CREDIT_NOTE, token)
    return None if found is None else CreditNoteRef(*found)
