"""Standard Webhooks signing (https://www.standardwebhooks.com), with the reference library.

Secrets are `whsec_` + base64 of 32 random bytes. The body is signed as
`{webhook-id}.{webhook-timestamp}.{body}` with HMAC-SHA256; during a rotation the header
carries one signature per live secret, space-separated, and receivers accept any of them.
"""

from __future__ import annotations

import base64
import secrets
from datetime import datetime
from functools import lru_cache

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"
SECRET_PURPOSE = "webhook-endpoint-secret"  # endpoint secrets are sealed under this purpose


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signature_header(signing_secrets: list[str], message_id: str, at: datetime, body: str) -> str:
    return " ".join(_signer(secret).sign(message_id, at, body) for secret in signing_secrets)


@lru_cache(maxsize=1024)
def _signer(secret: str) -> Webhook:
    """One per secret: the worker signs every delivery to an endpoint with the same one."""
    return Webhook(secret)


def headers(signing_secrets: list[str], message_id: str, at: datetime, body: str) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature_header(signing_secrets, message_id, at, body),
    }
