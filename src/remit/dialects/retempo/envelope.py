"""Retempo's answers: the object wrapped in a named key, or `{"error": "<message>"}`.

Amounts are decimal strings with six fractional digits (`"49.000000"`), as Retempo's
documentation shows them; timestamps are ISO-8601 with milliseconds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from starlette.responses import Response

from remit.kernel import jsonio


class RetempoError(Exception):
    """An answer in Retempo's error body, with its message word for word."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def six(value: str | Decimal) -> str:
    """An amount as Retempo's documentation writes it: `toFixed(6)`."""
    return f"{Decimal(value):.6f}"


def answer(document: dict[str, Any], status: int = 200) -> Response:
    return Response(jsonio.dumps(document), status, media_type="application/json")


def error_response(error: RetempoError) -> Response:
    return answer({"error": error.message}, error.status)
