"""Typed errors with an HTTP status and a stable code, rendered as RFC 9457 problem details.

Services raise these; one handler in the API layer turns them into `application/problem+json`.
Each domain declares its own subclasses (`InvoiceNotDraft`, …) in its `errors.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """One bad parameter: `param` uses the request's own path (`lines[2].quantity`)."""

    param: str
    message: str
    code: str = "invalid"

    def to_dict(self) -> dict[str, str]:
        return {"param": self.param, "message": self.message, "code": self.code}


class Problem(Exception):
    """Base of every error the API reports on purpose."""

    status: int = 400
    code: str = "bad_request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        status: int | None = None,
        code: str | None = None,
        title: str | None = None,
        **extra: Any,
    ) -> None:
        # Instance values may refine the class defaults (a generic HTTP error, a promoted code).
        self.status = status or type(self).status
        self.code = code or type(self).code
        self.title = title or type(self).title
        self.detail = detail or self.title
        self.errors = errors or []
        self.headers = headers or {}
        self.extra = extra
        super().__init__(self.detail)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"urn:remit:problem:{self.code}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        if self.errors:
            body["errors"] = [error.to_dict() for error in self.errors]
        body.update(self.extra)
        return body


class BadRequest(Problem):
    status, code, title = 400, "bad_request", "Bad request"


class MalformedJSON(Problem):
    status, code, title = 400, "malformed_json", "The request body is not valid JSON"


class ValidationFailed(Problem):
    """One or more parameters are invalid; every one of them is listed in `errors`."""

    status, code, title = 400, "validation_error", "Invalid parameters"


class Unauthorized(Problem):
    status, code, title = 401, "unauthorized", "Missing or invalid API key"


class Forbidden(Problem):
    status, code, title = 403, "insufficient_scope", "The API key lacks the required scope"


class NotFound(Problem):
    status, code, title = 404, "resource_missing", "No such object"

    def __init__(self, kind: str, object_id: str, *, param: str | None = None) -> None:
        errors = [FieldError(param, f"no such {kind}", self.code)] if param else None
        super().__init__(f"No such {kind}: '{object_id}'", errors=errors)


class Conflict(Problem):
    status, code, title = 409, "conflict", "The request conflicts with the object's state"


class Unprocessable(Problem):
    status, code, title = 422, "unprocessable", "The request cannot be carried out"


class TooManyRequests(Problem):
    status, code, title = 429, "rate_limited", "Too many requests"


class ServiceUnavailable(Problem):
    status, code, title = 503, "service_unavailable", "The service is unavailable"


class DatabaseUnavailable(ServiceUnavailable):
    """The database cannot be reached, or is gone: retry after `Retry-After`."""

    code, title = "database_unavailable", "The database is unavailable"


class UnprocessableValue(ValidationFailed):
    status, code, title = 422, "unprocessable", "A value is outside what remit can represent"


# Field codes that name a semantic (422) rather than a malformed (400) value.
SEMANTIC_CODES = frozenset({"amount_out_of_range", "amount_too_precise", "tax_id_invalid"})
# Field codes that, when they are the only ones, become the problem's own code.
PROMOTED_CODES = SEMANTIC_CODES | {"invalid_currency", "invoice_paid_on_create"}
# Titles of promoted codes that their problem class's own title would misname.
_PROMOTED_TITLES = {"tax_id_invalid": "Invalid tax id"}


def validation_problem(errors: list[FieldError], detail: str | None = None) -> Problem:
    """One problem for a list of bad fields: 422 if every one is semantic, else 400; the code
    is the fields' shared code when it is one of `PROMOTED_CODES`, else `validation_error`."""
    codes = {error.code for error in errors}
    code = codes.pop() if len(codes) == 1 else None
    detail = detail or "; ".join(f"{error.param}: {error.message}" for error in errors[:5])
    semantic = bool(errors) and all(error.code in SEMANTIC_CODES for error in errors)
    cls = UnprocessableValue if semantic else ValidationFailed
    promoted = code if code in PROMOTED_CODES else None
    return cls(detail, errors=errors, code=promoted, title=_PROMOTED_TITLES.get(promoted or ""))
