"""JSON in which Decimals are numbers spelled exactly (`10.5`, never a float's digits): for
dialects whose providers put money or rates in JSON numbers. Light on purpose: the worker's
webhook formats import it."""

from __future__ import annotations

import json
import secrets
from decimal import Decimal
from typing import Any


def dumps(document: Any) -> str:
    """Compact JSON in which Decimals are numbers (`10.5`), spelled exactly, never floats."""
    marks: dict[str, str] = {}
    nonce = secrets.token_hex(6)

    def mark(value: Any) -> Any:
        if isinstance(value, Decimal):
            token = f"@{nonce}:{len(marks)}@"
            marks[f'"{token}"'] = format(value, "f")
            return token
        if isinstance(value, dict):
            return {key: mark(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [mark(item) for item in value]
        return value

    text = json.dumps(mark(document), separators=(",", ":"), ensure_ascii=False)
    for token, spelled in marks.items():
        text = text.replace(token, spelled, 1)
    return text
