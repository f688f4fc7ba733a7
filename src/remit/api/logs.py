"""Keep bearer secrets out of logs. Public invoice tokens travel in URLs (`/i/{token}`,
`/v1/invoices/{token}`), so the access log and remit's own messages show them redacted;
API keys travel only in headers, which nothing logs."""

from __future__ import annotations

import logging
import re

# A public token is a compact JWT (three base64url parts); a page path carries it whole.
_TOKEN = re.compile(r"eyJ[\w-]*\.[\w-]+\.[\w-]+|(?<=/i/)[^/?\s.]+")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    return _TOKEN.sub(REDACTED, text)


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


def install() -> None:
    """Once per process, on the loggers that print request paths."""
    for name in ("uvicorn.access", "remit.api"):
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactTokens) for existing in logger.filters):
            logger.addFilter(RedactTokens())
