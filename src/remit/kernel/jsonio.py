"""JSON in and out, one way for the whole API: native routes, dialects and webhooks.

Reading (`loads`): numbers come from their JSON text — decimals as `Decimal`, integers as
`int` (longer than 40 digits as `Decimal`: Python refuses ints of over 4300 digits, and no
range of remit's needs one); `NaN` and `Infinity` are not JSON and are refused. Each field's
own check then decides whether a value is in range (`kernel.money`), so `1e1000000` is a
number too far out of range, never a float and never a computation.

Writing (`dumps`): `Decimal`s are JSON numbers spelled from the decimal itself, never
through a float; text is UTF-8; NaN and infinities cannot be written. Native responses are
Pydantic models whose money is already text (`model_bytes`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import simplejson
from pydantic import BaseModel

LONGEST_INT = 40  # digits; longer integers are out of every range, kept as Decimal


class Undecodable(ValueError):
    """The text is not JSON remit reads; the message says why."""


def _integer(text: str) -> int | Decimal:
    return int(text) if len(text.lstrip("-")) <= LONGEST_INT else Decimal(text)


def loads(raw: bytes | str) -> Any:
    try:
        return simplejson.loads(raw, use_decimal=True, parse_int=_integer, allow_nan=False)
    except simplejson.JSONDecodeError as exc:
        raise Undecodable(f"{exc.msg} at character {exc.pos}") from None
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise Undecodable(str(exc).split("\n")[0] or type(exc).__name__) from None


def dumps_text(document: Any, *, ascii_only: bool = False) -> str:
    """Compact JSON text; Decimals as exact JSON numbers."""
    text: str = simplejson.dumps(
        document,
        use_decimal=True,
        separators=(",", ":"),
        ensure_ascii=ascii_only,
        allow_nan=False,
    )
    return text


def dumps(document: Any) -> bytes:
    """UTF-8 JSON; text that UTF-8 cannot hold (an unpaired surrogate echoed in an error)
    is written as its `\\u` escape instead."""
    text = dumps_text(document)
    try:
        return text.encode()
    except UnicodeEncodeError:
        return dumps_text(document, ascii_only=True).encode()


def model_bytes(model: BaseModel) -> bytes:
    """A response model as JSON (its money is text already: no Decimal reaches the output)."""
    return model.__pydantic_serializer__.to_json(model)


def number(value: Decimal) -> Decimal | int:
    """A decimal as providers write JSON numbers: no trailing zeros, an integer when whole."""
    return int(value) if value == value.to_integral_value() else value.normalize()
