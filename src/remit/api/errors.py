"""One place that turns every error into RFC 9457 problem details.

- `Problem` (raised by services and the API layer) renders as itself.
- Pydantic validation errors become one 400 (or 422) listing every bad parameter.
- Unknown routes and methods get problem bodies too; a lost database is a 503 with
  `Retry-After` (`database_problem`, which the dialects' routes answer through too), text
  the database refuses a 400; anything else is logged and answered with a bare 500 problem.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from remit.api.routing import UNDECODABLE
from remit.kernel import jsonio
from remit.kernel.problems import (
    DatabaseUnavailable,
    FieldError,
    MalformedJSON,
    Problem,
    validation_problem,
)

log = logging.getLogger("remit.api")

PROBLEM_JSON = "application/problem+json"

_PYDANTIC_CODES = {
    "missing": "missing",
    "extra_forbidden": "unknown_parameter",
    "literal_error": "invalid_choice",
    "enum": "invalid_choice",
    "too_long": "too_long",
    "too_short": "too_short",
    "string_too_long": "too_long",
    "string_too_short": "too_short",
    "string_pattern_mismatch": "invalid_format",
    "greater_than": "out_of_range",
    "greater_than_equal": "out_of_range",
    "less_than": "out_of_range",
    "less_than_equal": "out_of_range",
}


def problem_response(problem: Problem) -> Response:
    return Response(
        jsonio.dumps(problem.to_dict()),
        status_code=problem.status,
        headers=problem.headers,
        media_type=PROBLEM_JSON,
    )


def param_path(location: Sequence[int | str]) -> str:
    """`("lines", 2, "quantity")` → `lines[2].quantity`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "body"


def _field_code(error_type: str) -> str:
    if error_type in _PYDANTIC_CODES:
        return _PYDANTIC_CODES[error_type]
    if error_type.endswith(("_type", "_parsing")) or error_type.startswith("model_"):
        return "invalid_type"
    if error_type in ("value_error", "assertion_error"):
        return "invalid"
    return error_type  # our PydanticCustomError codes: amount_out_of_range, invalid_currency…


_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a parameter of this request",
    "string_pattern_mismatch": "has an invalid format",
}


def _message(error: Mapping[str, Any]) -> str:
    if error.get("type") in _MESSAGES:
        return _MESSAGES[error["type"]]
    message = str(error.get("msg", "is invalid"))
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def field_errors(errors: Iterable[Mapping[str, Any]], *, skip_prefix: int = 0) -> list[FieldError]:
    found: list[FieldError] = []
    for error in errors:
        location = [part for part in error.get("loc", ())[skip_prefix:] if not _is_union_tag(part)]
        code = _field_code(str(error.get("type", "")))
        item = FieldError(param_path(location), _message(error), code)
        if item not in found:
            found.append(item)
    return found


_VALIDATOR_TAG = re.compile(r"^(~|function-|json-or-python\[|(list|dict|tuple|set)\[)")


def _is_union_tag(part: int | str) -> bool:
    # Pydantic names the union member it tried: our tags start with "~" (see api.fields);
    # untagged members show as a class or validator name (`InlineCustomer`, `function-plain[…]`).
    # Parameter names never start upper-case; `created[gte]` is a parameter, not a tag.
    return isinstance(part, str) and (part[:1].isupper() or bool(_VALIDATOR_TAG.match(part)))


def from_request_validation(exc: RequestValidationError, undecodable: str | None = None) -> Problem:
    if undecodable is not None:
        return MalformedJSON(f"The request body is not valid JSON: {undecodable}")
    raw = list(exc.errors())
    body_errors = [e for e in raw if e.get("loc", ("",))[0] == "body"]
    other = [e for e in raw if e.get("loc", ("",))[0] != "body"]
    errors = field_errors(body_errors, skip_prefix=1) + field_errors(other, skip_prefix=1)
    return validation_problem(errors)


def from_pydantic(exc: ValidationError) -> Problem:
    return validation_problem(field_errors(exc.errors()))


async def _on_problem(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return problem_response(exc)


async def _on_request_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    undecodable = getattr(request.state, UNDECODABLE, None)
    return problem_response(from_request_validation(exc, undecodable))


async def _on_http(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return problem_response(
        Problem(
            str(exc.detail),
            headers=dict(exc.headers or {}),
            status=exc.status_code,
            code=code,
            title=str(exc.detail),
        )
    )


# SQLSTATE classes of a database that is away rather than of a wrong query: connection
# exceptions, insufficient resources (too many connections), operator intervention
# (shutting down, starting up: `57P01`–`57P03`), and a database that is gone (dropped, or
# not restored yet: `3D000`, which only a new connection meets).
_OUTAGE_SQLSTATES = ("08", "53", "57P", "3D000")


# SQLSTATEs of a value the database cannot hold as text: `22021` (PostgreSQL's "invalid
# byte sequence for encoding UTF8: 0x00", a NUL) and `22P05` (a character the database's
# encoding lacks). Input is checked first (`routing.refuse_nul`, `fields.unstorable`); this
# answers for any place a check missed: the request is bad, not the server.
_UNSTORABLE_SQLSTATES = ("22021", "22P05")
# What the database layer raises when it is away: SQLAlchemy's errors, and the OS's.
DATABASE_ERRORS = (DBAPIError, ConnectionError)


def is_outage(exc: DBAPIError) -> bool:
    if exc.connection_invalidated or isinstance(exc, OperationalError):
        return True
    state = getattr(exc.orig, "sqlstate", None)
    return isinstance(state, str) and state.startswith(_OUTAGE_SQLSTATES)


class UnstorableText(Problem):
    status, code, title = 400, "invalid_text", "Text that cannot be stored"


def database_problem(exc: Exception) -> Problem | None:
    """The problem a database error answers as — 503 for an outage, 400 for text no
    database can store — or None for any other (a bug: a 500)."""
    if isinstance(exc, DBAPIError) and not is_outage(exc):
        if getattr(exc.orig, "sqlstate", None) in _UNSTORABLE_SQLSTATES:
            log.warning("text the database refused: %s", exc.__class__.__name__)
            return UnstorableText("The request holds text that cannot be stored (a NUL).")
        return None
    log.warning("database unavailable: %s", exc.__class__.__name__)
    return DatabaseUnavailable(
        "The database is unavailable; retry shortly.", headers={"Retry-After": "1"}
    )


async def _on_database_error(request: Request, exc: Exception) -> Response:
    problem = database_problem(exc)
    if problem is None:
        return await _on_unexpected(request, exc)
    return problem_response(problem)


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(
        Problem(
            "An unexpected error occurred; it has been logged.",
            status=500,
            code="internal_error",
            title="Internal error",
        )
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_request_validation)
    app.add_exception_handler(HTTPException, _on_http)
    for database_error in DATABASE_ERRORS:
        app.add_exception_handler(database_error, _on_database_error)
    app.add_exception_handler(Exception, _on_unexpected)
