"""Invoice number templates (SPEC §3.3), pure: `#{seq:04}` → `#0001`.

Placeholders: `{seq}` (required, once; `{seq:06}` pads with zeros to six digits), `{yyyy}`,
`{yy}`, `{mm}`, `{dd}` (the finalization date, UTC) and `{prefix}` (the customer's
`invoice_prefix`, required when numbering per customer). Anything else is literal text;
braces may only appear in placeholders; control and invisible formatting characters may not
appear at all (a number is shown, printed and sent as a filename). A longer sequence than the
padding just grows.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

DEFAULT_TEMPLATE = "#{seq:04}"
DEFAULT_CUSTOMER_TEMPLATE = "{prefix}-{seq:04}"
SCOPES = ("account", "customer")
MAX_NUMBER_LENGTH = 100

_PLACEHOLDER = re.compile(r"\{([a-z]+)(?::(\d{1,2}))?\}")
_FIELDS = {"seq", "yyyy", "yy", "mm", "dd", "prefix"}


class InvalidTemplate(ValueError):
    pass


def validate_template(template: str, scope: str) -> str:
    if not 1 <= len(template) <= 64:
        raise InvalidTemplate("must be 1–64 characters")
    hidden = next((f"U+{ord(char):04X}" for char in template if _invisible(char)), None)
    if hidden:
        raise InvalidTemplate(f"must not contain control or invisible characters ({hidden})")
    names = [match.group(1) for match in _PLACEHOLDER.finditer(template)]
    unknown = sorted(set(names) - _FIELDS)
    if unknown:
        raise InvalidTemplate(f"unknown placeholder {{{unknown[0]}}}")
    if "{" in _PLACEHOLDER.sub("", template) or "}" in _PLACEHOLDER.sub("", template):
        raise InvalidTemplate("braces may only enclose a placeholder such as {seq:04}")
    if names.count("seq") != 1:
        raise InvalidTemplate("must contain {seq} exactly once")
    if scope == "customer" and "prefix" not in names:
        raise InvalidTemplate("numbering per customer needs {prefix} to keep numbers unique")
    if "prefix" in names and not _separated(template):
        # AB1 + 23 and AB12 + 3 would both read AB123
        raise InvalidTemplate("{prefix} and {seq} need a separator such as '-' between them")
    if longest_number(template) > MAX_NUMBER_LENGTH:
        raise InvalidTemplate(f"its numbers could exceed {MAX_NUMBER_LENGTH} characters")
    return template


def _invisible(char: str) -> bool:
    """Control, format (a right-to-left override), surrogate, private-use and unassigned
    characters, and line or paragraph separators: nothing a reader could see or type."""
    return unicodedata.category(char) in ("Zl", "Zp") or unicodedata.category(char)[0] == "C"


# Widest rendering of each placeholder: sequences stay below 10^16, prefixes have ≤ 12.
_WIDEST = {"seq": 16, "yyyy": 4, "yy": 2, "mm": 2, "dd": 2, "prefix": 12}


def longest_number(template: str) -> int:
    literal = len(_PLACEHOLDER.sub("", template))
    placeholders = sum(
        max(_WIDEST[match.group(1)], int(match.group(2) or 0))
        for match in _PLACEHOLDER.finditer(template)
    )
    return literal + placeholders


def _separated(template: str) -> bool:
    """A literal character that no prefix contains stands between {prefix} and {seq}."""
    spans = sorted(
        match.span()
        for match in _PLACEHOLDER.finditer(template)
        if match.group(1) in ("prefix", "seq")
    )
    between = _PLACEHOLDER.sub("", template[spans[0][1] : spans[1][0]])
    return any(not (char.isascii() and char.isalnum()) for char in between)


def format_number(template: str, seq: int, moment: datetime, prefix: str = "") -> str:
    def render(match: re.Match[str]) -> str:
        name, width = match.group(1), match.group(2)
        if name == "seq":
            return str(seq).zfill(int(width or 0))
        return {
            "yyyy": f"{moment.year:04d}",
            "yy": f"{moment.year % 100:02d}",
            "mm": f"{moment.month:02d}",
            "dd": f"{moment.day:02d}",
            "prefix": prefix,
        }[name]

    return _PLACEHOLDER.sub(render, template)
