"""The route class every remit router uses: JSON bodies are decoded with exact decimals.

FastAPI decodes bodies with `request.json()`; ours parses numbers from their JSON text as
`Decimal` (never float), refuses NaN/Infinity and turns every decoding failure (bad UTF-8,
nesting too deep, a 5000-digit integer) into the same "malformed JSON" error.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from decimal import Decimal
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number remit accepts")


def decode_json(body: bytes) -> Any:
    try:
        return json.loads(body, parse_float=Decimal, parse_constant=_refuse_constant)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        text = body.decode("utf-8", "replace")
        raise json.JSONDecodeError(str(exc).split("\n")[0], text, 0) from None


class DecimalJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = decode_json(await self.body())
        return self._json


def _as_json(scope: Scope) -> Scope:
    """JSON is the only body format remit speaks: read every body as JSON, even when the
    client (say, `curl -d`) labels it otherwise or not at all."""
    headers = [(name, value) for name, value in scope["headers"] if name != b"content-type"]
    return {**scope, "headers": [*headers, (b"content-type", b"application/json")]}


class RemitRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def decimal_json_handler(request: Request) -> Response:
            return await handler(DecimalJSONRequest(_as_json(request.scope), request.receive))

        return decimal_json_handler
