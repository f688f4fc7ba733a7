"""Reepay's error body and remit's problems → Reepay's codes (digest §4.2), by operation.

`{"code", "error", "message", "path", "timestamp", "http_status", "http_reason",
"request_id"}`: `code` is Reepay's number, `error` its short text, `message` the detail.
Reepay answers state conflicts with 400 and missing objects with 404.
"""

from __future__ import annotations

from http import HTTPStatus

from starlette.requests import Request
from starlette.responses import Response

from remit.api.middleware import received_at
from remit.kernel import jsonio
from remit.kernel.fields import render_timestamp
from remit.kernel.problems import Problem

# Reepay's code → (HTTP status, short text).
CODES: dict[int, tuple[int, str]] = {
    1: (400, "Invalid request"),
    2: (500, "Internal error"),
    6: (401, "Not authenticated"),
    7: (403, "Unauthorized"),
    8: (404, "Not found"),
    9: (404, "Customer not found"),
    11: (400, "Duplicate handle"),
    29: (400, "Invoice already cancelled"),
    30: (400, "Invoice has active transactions"),
    31: (404, "Invoice not found"),
    40: (404, "Payment method not found"),
    54: (400, "No order lines for invoice"),
    76: (400, "Payment method not provided and settle requested"),
    79: (400, "Invoice already settled"),
    80: (400, "Invoice has processing transactions"),
    82: (400, "Invoice wrong state"),
    122: (429, "Request rate limit exceeded"),
    145: (400, "Invoice has zero amount"),
    146: (400, "Non positive amount"),
}


class ReepayError(Exception):
    def __init__(self, code: int, message: str | None = None, *, status: int | None = None) -> None:
        self.code = code
        self.status, self.error = CODES[code]
        self.status = status or self.status  # an outage: code 2, answered 503
        self.message = message
        super().__init__(message or self.error)


def invalid(name: str, expected: str) -> ReepayError:
    return ReepayError(1, f"{name}: must be {expected}")


def error_response(request: Request, error: ReepayError) -> Response:
    body = {
        "code": error.code,
        "error": error.error,
        "path": request.url.path.removeprefix("/reepay"),
        "timestamp": render_timestamp(received_at(request)),
        "http_status": error.status,
        "http_reason": HTTPStatus(error.status).phrase,
        "request_id": getattr(request.state, "request_id", None) or "",
    }
    if error.message:
        body["message"] = error.message
    headers = {"WWW-Authenticate": 'Basic realm="reepay"'} if error.status == 401 else None
    return Response(jsonio.dumps(body), error.status, headers, media_type="application/json")


# (operation, remit code) → Reepay code; operation "*" for any. Operations are route names.
_BY_CODE: dict[tuple[str, str], int] = {
    ("*", "duplicate_handle"): 11,
    ("*", "payment_method_missing"): 76,
    ("*", "payment_in_progress"): 80,
    ("cancel_invoice", "payment_in_progress"): 30,
    ("fail_invoice", "payment_in_progress"): 30,
    # A manual settle pays what is left; only a charge still processing leaves nothing.
    ("manual_settle_invoice", "overpayment"): 80,
    ("*", "unauthorized"): 6,
    ("*", "insufficient_scope"): 7,
    ("*", "rate_limited"): 122,
}
# A missing object, by the parameter that named it.
_MISSING = {"customer": 9, "invoice": 31, "payment_method": 40}
_STATE_CODES = ("invoice_not_open", "invoice_state_conflict", "invoice_not_draft")


def translate(operation: str, problem: Problem) -> ReepayError:
    code = _BY_CODE.get((operation, problem.code)) or _BY_CODE.get(("*", problem.code))
    if code is None and problem.code == "resource_missing":
        param = problem.errors[0].param if problem.errors else "invoice"
        code = _MISSING.get(param, 8)
    if code is None and problem.code in _STATE_CODES:
        code = _state_code(operation, str(problem.extra.get("invoice_status", "")))
    if code is None and any(error.code == "negative_total" for error in problem.errors):
        code = 146
    if code is None and problem.status == 503:  # the database is away: retry shortly
        return ReepayError(2, problem.detail, status=503)
    if code is None:
        code = 2 if problem.status >= 500 else 1
    return ReepayError(code, problem.detail)


def _state_code(operation: str, status: str) -> int:
    """A refused transition: 79 when the invoice is settled already (and being settled),
    29 when cancelling one that is closed, 82 (wrong state) otherwise."""
    if status == "paid" and operation in ("settle_invoice", "manual_settle_invoice"):
        return 79
    if operation == "cancel_invoice" and status in ("paid", "void", "expired"):
        return 29
    return 82
