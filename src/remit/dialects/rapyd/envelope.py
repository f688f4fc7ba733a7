"""Rapyd's response envelope and its JSON: money as plain JSON numbers, never floats.

{"status": {"error_code", "status", "message", "response_code", "operation_id"}, "data"}
"""

from __future__ import annotations

import uuid
from typing import Any

from starlette.responses import Response

from remit.kernel.jsonio import dumps, number

__all__ = ["RapydError", "error_response", "number", "success_body"]


class RapydError(Exception):
    """An answer in Rapyd's error envelope: `code` is both error_code and response_code."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def _status(code: str = "", message: str = "", ok: bool = True) -> dict[str, str]:
    return {
        "error_code": code,
        "status": "SUCCESS" if ok else "ERROR",
        "message": message,
        "response_code": code,
        "operation_id": str(uuid.uuid4()),
    }


def success_body(data: Any) -> bytes:
    return dumps({"status": _status(), "data": data})


def error_response(error: RapydError) -> Response:
    body = dumps({"status": _status(error.code, error.message, ok=False)})
    return Response(body, status_code=error.status, media_type="application/json")
