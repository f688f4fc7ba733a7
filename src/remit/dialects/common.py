"""What every dialect's endpoints share: the route that answers errors in the provider's
shape, reading a JSON object body, validating remit's inputs. (Exact JSON numbers are in
`exact_json`, which webhook formats use without loading the web framework.)"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Coroutine
from decimal import Decimal
from typing import Any, ClassVar

from fastapi import Depends
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response

from remit.api.auth import check_scope
from remit.api.errors import field_errors
from remit.api_keys.service import Principal
from remit.kernel.problems import Problem, validation_problem


class DialectRoute(APIRoute):
    """Answers every error of the route in the provider's shape: the dialect's own errors
    as they are, remit's problems (and request validation) through `translate`, which gets
    the operation — the route's name — and the problem."""

    error_type: ClassVar[type[Exception]]
    render: ClassVar[Callable[[Request, Any], Response]]
    translate: ClassVar[Callable[[str, Problem], Exception]]

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler, operation = super().get_route_handler(), self.name
        cls = type(self)

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except cls.error_type as exc:
                return cls.render(request, exc)
            except Problem as exc:
                return cls.render(request, cls.translate(operation, exc))
            except RequestValidationError as exc:
                problem = validation_problem(field_errors(exc.errors(), skip_prefix=1))
                return cls.render(request, cls.translate(operation, problem))

        return answer


def scoped(authenticate: Callable[[Request], Awaitable[Principal]], scope: str) -> Any:
    """A dependency: the dialect's credentials authenticate, then the key must hold `scope`."""

    async def dependency(request: Request) -> Principal:
        return check_scope(await authenticate(request), scope)

    return Depends(dependency)


class BadBody(ValueError):
    """The body is not JSON (`not_json`), or JSON but not an object."""

    def __init__(self, not_json: bool) -> None:
        super().__init__("not JSON" if not_json else "not a JSON object")
        self.not_json = not_json


def json_object(raw: bytes) -> dict[str, Any]:
    """The body's JSON object (numbers with a fraction as Decimals); {} for an empty body."""
    if not raw.strip():
        return {}
    try:
        parsed = json.loads(raw, parse_float=Decimal)
    except (ValueError, RecursionError):
        raise BadBody(not_json=True) from None
    if not isinstance(parsed, dict):
        raise BadBody(not_json=False)
    return parsed


def validated(cls: Any, data: dict[str, Any]) -> Any:
    """Validate remit's input model; field errors become one validation problem."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise validation_problem(field_errors(exc.errors())) from None


def native(obj: Any) -> dict[str, Any]:
    """A native output model as the JSON remit's own API answers (and events carry)."""
    return obj.model_dump(mode="json")
