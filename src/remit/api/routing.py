"""The route class every remit router uses: JSON bodies are decoded with exact decimals.

FastAPI decodes bodies with `request.json()`, before the dependencies run; ours reads them
with remit's one JSON reader (`kernel.jsonio`: exact decimals, no NaN/Infinity). A body that
does not decode is not an error yet: it reads as no body (which fails validation) and the
reason is kept in the request's state, so that the "malformed JSON" answer (see `api.errors`)
comes after authentication and scope checks.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from remit.kernel import jsonio
from remit.kernel.problems import FieldError, validation_problem

UNDECODABLE = "undecodable_body"  # request.state key: why the body is not JSON


class DecimalJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            try:
                self._json = jsonio.loads(await self.body())
            except jsonio.Undecodable as exc:
                setattr(self.state, UNDECODABLE, str(exc))
                self._json = None
        return self._json


def _as_json(scope: Scope) -> Scope:
    """JSON is the only body format remit speaks: read every body as JSON, even when the
    client (say, `curl -d`) labels it otherwise or not at all."""
    headers = [(name, value) for name, value in scope["headers"] if name != b"content-type"]
    return {**scope, "headers": [*headers, (b"content-type", b"application/json")]}


def refuse_nul(request: Request) -> None:
    """No database stores NUL in text (PostgreSQL refuses it outright): a NUL in the path or
    the query is a malformed request, named as such rather than failing in a query."""
    bad = [name for name, value in request.query_params.multi_items() if "\x00" in name + value]
    if "\x00" in request.scope.get("path", ""):
        bad.append("path")
    if bad:
        errors = [FieldError(name, "must not contain the NUL character", "invalid_text")
                  for name in dict.fromkeys(bad)]  # fmt: skip
        raise validation_problem(errors)


class RemitRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def decimal_json_handler(request: Request) -> Response:
            refuse_nul(request)
            return await handler(DecimalJSONRequest(_as_json(request.scope), request.receive))

        return decimal_json_handler
