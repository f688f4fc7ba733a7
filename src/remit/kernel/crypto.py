"""Secrets that remit must read back (webhook signing secrets): sealed with AES-GCM under a
key derived from the server secret. Rotating the server secret makes them unreadable, so
rotate webhook secrets after it (docs/webhooks.md)."""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from remit.kernel.secrets import Secrets

_NONCE = 12


class Unsealable(ValueError):
    """The sealed value was made under another server secret, or altered."""


class SecretBox:
    def __init__(self, secrets: Secrets, purpose: str) -> None:
        self._aead = AESGCM(secrets.derive(f"seal:{purpose}"))
        self._purpose = purpose.encode()

    def seal(self, plaintext: str) -> str:
        nonce = os.urandom(_NONCE)
        sealed = self._aead.encrypt(nonce, plaintext.encode(), self._purpose)
        return base64.urlsafe_b64encode(nonce + sealed).decode()

    def open(self, token: str) -> str:
        try:
            raw = base64.urlsafe_b64decode(token.encode())
            return self._aead.decrypt(raw[:_NONCE], raw[_NONCE:], self._purpose).decode()
        except (InvalidTag, ValueError) as exc:
            raise Unsealable("cannot open a sealed secret") from exc
