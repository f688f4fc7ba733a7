"""The `Content-Disposition` header of every file remit answers (RFC 6266, RFC 8187), pure.

A filename comes from data (an invoice number, from the account's template), so it may hold
any character. Headers travel as Latin-1, and a `"` or `;` would end the parameter and start
another; so the name goes out twice: `filename="…"` with only safe ASCII (anything else
becomes `_`) for old clients, and `filename*=UTF-8''…` percent-encoded, which clients prefer.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

# RFC 8187 attr-char, less ALPHA / DIGIT and what `quote` always keeps ("_.-~").
_ATTR_CHAR_PUNCTUATION = "!#$&+^`|"
_UNSAFE_IN_FALLBACK = re.compile(r"[^A-Za-z0-9._()+-]")


def content_disposition(filename: str, disposition: str = "inline") -> str:
    """`inline; filename="invoice-0001.pdf"`, with `filename*` too when the name needs it."""
    name = _printable(filename)
    fallback = _UNSAFE_IN_FALLBACK.sub("_", name)
    header = f'{disposition}; filename="{fallback}"'
    if fallback != name:
        encoded = quote(name, safe=_ATTR_CHAR_PUNCTUATION, encoding="utf-8", errors="replace")
        header += f"; filename*=UTF-8''{encoded}"
    return header


def _printable(filename: str) -> str:
    """Control, formatting (a right-to-left override reverses `fdp.exe`) and separator
    characters are never part of a saved file's name; nor are path separators."""
    return "".join("_" if _unprintable(char) else char for char in filename)


def _unprintable(char: str) -> bool:
    return char in "/\\" or (char != " " and unicodedata.category(char)[0] in "CZ")
