"""JSON in and out, one way for the whole API: native routes, dialects and webhooks.

Reading (`loads`): numbers come from their JSON text — decimals as `Decimal`, integers as
`int` (longer than 40 digits as `Decimal`: Python refuses ints of over 4300 digits, and no
range of remit's needs one); `NaN` and `Infinity` are not JSON and are refused. Each field's
own check then decides whether a value is in range (`kernel.money`), so `1e1000000` is a
number too far out of range, never a float and never a computation. Refused too, as I-JSON
(RFC 7493 §2.1, §2.3) does: an object that names a key twice (parsers disagree on which one
counts, so the request would mean one thing to remit and another to whatever checked it
first), and an unpaired surrogate (`"\\ud800"`), which no UTF-8 text, and so no database,
can hold.

Writing (`dumps`): `Decimal`s are JSON numbers spelled from the decimal itself, never
through a float; text is UTF-8; NaN and infinities cannot be written. Native responses are
Pydantic models whose money is already text (`model_bytes`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import simplejson
from pydantic import BaseModel

LONGEST_INT = 40  # digits; longer integers are out of every range, kept as Decimal
# Where an unpaired surrogate can come from: a `\uD800`–`\uDFFF` escape (a pair is decoded
# into one character, so one left over after decoding is unpaired) or, in text already
# decoded, the character itself. Bytes that encode one are not UTF-8 and fail to decode.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE_IN_TEXT = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class Undecodable(ValueError):
    """The text is not JSON remit reads; the message says why."""


class _Refused(ValueError):
    """Raised while decoding: JSON remit does not read (a repeated key)."""


def _integer(text: str) -> int | Decimal:
    return int(text) if len(text.lstrip("-")) <= LONGEST_INT else Decimal(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _Refused(f"the key {_shown(key)} appears more than once in an object")
        seen.add(key)
    raise AssertionError("unreachable: fewer keys than pairs means a key repeats")


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _unpaired_surrogate(document: Any) -> str | None:
    """The first string (key or value) holding an unpaired surrogate, if any."""
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return value
        elif isinstance(value, dict):
            pending.extend(value)
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return None


def _may_hold_surrogates(raw: bytes | str) -> bool:
    if isinstance(raw, str):
        return _SURROGATE_IN_TEXT.search(raw) is not None
    return _SURROGATE_ESCAPE.search(raw) is not None


def loads(raw: bytes | str) -> Any:
    try:
        document = simplejson.loads(
            raw, use_decimal=True, parse_int=_integer, allow_nan=False, object_pairs_hook=_object
        )
    except simplejson.JSONDecodeError as exc:
        raise Undecodable(f"{exc.msg} at character {exc.pos}") from None
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise Undecodable(str(exc).split("\n")[0] or type(exc).__name__) from None
    if _may_hold_surrogates(raw):  # a scan of the raw text first: the walk is rarely needed
        text = _unpaired_surrogate(document)
        if text is not None:
            raise Undecodable(f"the string {_shown(text)} holds an unpaired surrogate")
    return document


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
