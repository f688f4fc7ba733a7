"""The server secret and the keys derived from it, one per purpose.

Deriving (HMAC-SHA256 of the purpose under the master secret) keeps uses apart: a public
invoice token can never be replayed as, say, an encrypted webhook secret.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Secrets:
    master: bytes = field(repr=False)

    @classmethod
    def from_text(cls, value: str) -> Secrets:
        return cls(value.encode())

    @classmethod
    def unavailable(cls, reason: str) -> Secrets:
        """For commands that never sign anything: using it is a programming error."""
        return _Unavailable(b"", reason)

    def derive(self, purpose: str) -> bytes:
        return hmac.new(self.master, b"remit:" + purpose.encode(), hashlib.sha256).digest()


@dataclass(frozen=True)
class _Unavailable(Secrets):
    reason: str = ""

    def derive(self, purpose: str) -> bytes:
        raise RuntimeError(f"no server secret: {self.reason}")
