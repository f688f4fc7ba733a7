"""Invoice number templates (SPEC §3.3), pure: `#{seq:04}` → `#0001`.

Placeholders: `{seq}` (required, once; `{seq:06}` pads with zeros to six digits), `{yyyy}`,
`{yy}`, `{mm}`, `{dd}` (the finalization date, UTC) and `{prefix}` (the customer's
`invoice_prefix`, required when numbering per customer). Anything else is literal text;
braces may only appear in placeholders. A longer sequence than the padding just grows.
"""

from __future__ import annotations

import re
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
    return template


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
