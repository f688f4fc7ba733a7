"""Whop's errors: the HTTP status is what the SDKs act on (400, 401, 403, 404, 409, 422, 429).

Whop does not publish its error body; remit answers with one JSON object the SDKs keep as the
exception's body (docs/dialects/whop.md):

    {"error": {"type": "not_found", "message": "…", "code": "resource_missing", "param": "…"}}

`code` is remit's stable problem code, `param` the first offending parameter, if any.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from remit.kernel import jsonio
from remit.kernel.problems import Problem

TYPES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    422: "unprocessable_entity",
    429: "rate_limited",
    503: "service_unavailable",
}
# remit's parameter names → Whop's, so `param` names what the client sent.
_PARAMS = {
    "customer": "member_id",
    "payment_method": "payment_method_id",
    "lines": "line_items",
    "due_at": "due_date",
    "auto_finalize_at": "automatically_finalizes_at",
    "billing_address": "billing_address",
    "product": "product_id",
    "amount": "plan.initial_price",
    "currency": "plan.currency",
    "email": "email_address",
    "name": "customer_name",
}


class WhopError(Exception):
    def __init__(
        self,
        message: str,
        status: int = 400,
        *,
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message, self.status, self.param = message, status, param
        self.code = code or TYPES.get(status, "error")
        self.headers = headers or {}


def invalid(param: str, expected: str) -> WhopError:
    return WhopError(f"'{param}' must be {expected}.", 400, code="invalid_parameter", param=param)


def whop_param(param: str) -> str:
    head, dot, rest = param.partition(".")
    head, bracket, index = head.partition("[")
    mapped = _PARAMS.get(head, head)
    return mapped + (bracket + index if bracket else "") + (dot + rest if dot else "")


# Whop's own words for remit's rules, where they name Whop's fields.
_MESSAGES = {
    "payment_method_required": "An invoice charged automatically needs 'payment_method_id' "
    "(or 'payment_token_id') to charge.",
}


def translate(problem: Problem) -> WhopError:
    status = problem.status if problem.status in TYPES else 400
    first = problem.errors[0] if problem.errors else None
    message = _MESSAGES.get(problem.code, problem.detail)
    param = whop_param(first.param) if first else None
    return WhopError(message, status, code=problem.code, param=param, headers=problem.headers)


def error_response(error: WhopError) -> Response:
    body: dict[str, Any] = {
        "type": TYPES.get(error.status, "error"),
        "message": error.message,
        "code": error.code,
    }
    if error.param:
        body["param"] = error.param
    return Response(
        jsonio.dumps({"error": body}),
        status_code=error.status,
        headers=error.headers or None,
        media_type="application/json",
    )
