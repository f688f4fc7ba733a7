"""What every dialect's endpoints share: the route that answers errors in the provider's
shape, the scope check after the provider's credentials, native JSON. (Reading bodies is in
`reading`, validating remit's inputs in `validation`, JSON in `kernel.jsonio`: all
light enough for the webhook formats a worker loads.)"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ClassVar

from fastapi import Depends
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from remit.api.auth import check_scope
from remit.api.errors import DATABASE_ERRORS, database_problem, field_errors
from remit.api.routing import refuse_nul
from remit.api_keys.service import Principal
from remit.kernel.problems import Problem, validation_problem


class DialectRoute(APIRoute):
    """Answers every error of the route in the provider's shape: the dialect's own errors
    as they are, remit's problems (request validation, and the database's outages and
    refusals of bad text included) through `translate`, which gets the operation — the
    route's name — and the problem."""

    error_type: ClassVar[type[Exception]]
    # Plain functions, set with `staticmethod` (as `ClassVar`s, mypy would take them for
    # methods and drop their first parameter). `render` gets the dialect's own errors.
    render: Callable[[Request, Any], Response]
    translate: Callable[[str, Problem], Exception]

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler, operation = super().get_route_handler(), self.name
        cls = type(self)

        async def answer(request: Request) -> Response:
            try:
                refuse_nul(request)  # as remit's own routes do: no store takes NUL
                return await handler(request)
            except cls.error_type as exc:
                return cls.render(request, exc)
            except Problem as exc:
                return cls.render(request, cls.translate(operation, exc))
            except RequestValidationError as exc:
                problem = validation_problem(field_errors(exc.errors(), skip_prefix=1))
                return cls.render(request, cls.translate(operation, problem))
            except DATABASE_ERRORS as exc:  # an outage (503), or text it cannot store (400)
                found = database_problem(exc)
                if found is None:
                    raise  # a bug: the app's handler logs it and answers 500
                return cls.render(request, cls.translate(operation, found))

        return answer


def scoped(authenticate: Callable[[Request], Awaitable[Principal]], scope: str) -> Any:
    """A dependency: the dialect's credentials authenticate, then the key must hold `scope`."""

    async def dependency(request: Request) -> Principal:
        return check_scope(await authenticate(request), scope)

    return Depends(dependency)


def native(obj: BaseModel) -> dict[str, Any]:
    """A native output model as the JSON remit's own API answers (and events carry)."""
    return obj.model_dump(mode="json")
