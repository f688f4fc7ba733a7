"""What reaches remit's log lines from requests is made safe to print there:

- Bearer secrets are kept out. Public invoice tokens travel in URLs (`/i/{token}`,
  `/v1/invoices/{token}`), so the access log and remit's own messages show them redacted;
  API keys travel only in headers, which nothing logs.
- One record is one line (no log forging): control characters that a request can carry in
  a path, an id or a header (`%0a` in a URL decodes to a newline) are escaped — `\\n`,
  `\\r`, `\\t`, and the other C0 and C1 controls and the Unicode line separators as
  `\\xNN`/`\\uNNNN` — so a request cannot write a line that looks like another record.
  Tracebacks, written by the formatter from the exception, keep their own lines.
"""

from __future__ import annotations

import logging
import re
from typing import Any

# A public token is a compact JWT (three base64url parts); a page path carries it whole.
_TOKEN = re.compile(r"eyJ[\w-]*\.[\w-]+\.[\w-]+|(?<=/i/)[^/?\s.]+")
REDACTED = "[redacted]"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Every logger that prints what a request brought (paths, ids, messages of errors).
LOGGERS = (
    "uvicorn.access", "uvicorn.error", "remit.api", "remit.payments", "remit.worker",
    "remit.hosted", "remit.access",
)  # fmt: skip


def redact(text: str) -> str:
    return _TOKEN.sub(REDACTED, text)


def _escaped(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """`text` on one line: its control characters written as escapes."""
    return _CONTROL.sub(_escaped, text)


def _safe(value: Any) -> Any:
    """An argument of a log message, printable on its line. Numbers stay numbers (for `%d`);
    any other object that would print a control character is printed, escaped, instead."""
    if isinstance(value, str):
        return escape_controls(redact(value))
    if value is None or isinstance(value, int | float):
        return value
    text = str(value)
    return escape_controls(redact(text)) if _CONTROL.search(text) else value


class SafeLogText(logging.Filter):
    """Redacts tokens and escapes control characters in a record's message and arguments
    (keeping the arguments' tuple: uvicorn's access formatter unpacks it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = escape_controls(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_safe(arg) for arg in record.args)
        return True


def install() -> None:
    """Once per process, on the loggers that print what requests bring."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, SafeLogText) for existing in logger.filters):
            logger.addFilter(SafeLogText())
