"""Reepay's HTTP Basic authentication → a remit principal (digest §4.1).

The user name is the private key (`priv_…`) and the password is empty:
`Authorization: Basic base64("priv_…:")`. The key is stored as remit keys are, as a hash;
anything else is 401 with Reepay's code 6.
"""

from __future__ import annotations

import base64
import binascii

from starlette.requests import Request

from remit.api.auth import admit, key_principal
from remit.api_keys.service import Principal
from remit.dialects.reepay.errors import ReepayError

KIND = "reepay"
KEY_PREFIX = "priv_"


def private_key(header: str) -> str | None:
    """The private key of a Basic header with an empty password, or None."""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, colon, password = decoded.partition(":")
    return user if colon and not password and user else None


async def authenticate(request: Request) -> Principal:
    key = private_key(request.headers.get("authorization", ""))
    if key is None:
        raise ReepayError(6, "Send the private API key as the Basic user name, no password.")
    principal = await key_principal(request, key, kind=KIND, prefix=KEY_PREFIX)
    if principal is None:
        raise ReepayError(6, "The private API key is unknown or revoked.")
    return admit(request, principal)
