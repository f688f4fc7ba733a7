"""The OpenAPI 3.1 document at `/openapi.json`, completed from the routes themselves.

FastAPI writes paths, parameters and bodies; this adds, for every operation, what the code
decides rather than what a person remembers to write:

- `security` with the scopes of the dependency that enforces them (`api.auth.require`), or
  none for public routes, or either for a route that also opens to a public token;
- the `Idempotency-Key` header on every operation that runs through `operations.write`;
- every error it can give, as problem+json, with the stable codes of each status
  (`x-remit-codes`, read by `api.reachable` from the problems its code can raise);
- a summary and a description, request examples (`openapi_examples`), and links from an
  operation that makes an object to the operations on that object (create → get → update).

Routes added later are covered by the same rules: nothing here lists routes.
"""

from __future__ import annotations

import copy
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, routing
from fastapi.datastructures import DefaultPlaceholder
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from starlette.responses import RedirectResponse, Response

from remit.api import auth, operations, reachable
from remit.api.openapi_examples import EXAMPLES
from remit.api.routing import RemitRoute
from remit.kernel.problems import (
    PROMOTED_CODES,
    SEMANTIC_CODES,
    Forbidden,
    Problem,
    TooManyRequests,
    Unauthorized,
)
from remit.kernel.scopes import KNOWN as KNOWN_SCOPES

PROBLEM_JSON = "application/problem+json"
BEARER = "bearerAuth"
NATIVE_PREFIX = "/v1/"
WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})
REF = "#/components/schemas/"

STATUS_TITLES = {
    400: "Bad request: a malformed or invalid parameter (each one named in `errors`)",
    401: "No API key, a malformed one, or one that is unknown or revoked",
    403: "The API key lacks the scope (`required_scope` names it)",
    404: "No such object (another account's or mode's objects do not exist either)",
    405: "The path names another operation (an id holding `/`)",
    408: "The request body arrived too slowly",
    409: "The request conflicts with the object's state, or with a running request",
    413: "The request body is too large (`REMIT_MAX_BODY_BYTES`)",
    422: "The request is well formed but cannot be carried out",
    429: "Too many requests: retry after `Retry-After` seconds",
    503: "The database is unavailable: retry after `Retry-After` seconds",
}
# Problems the framework answers for a route with path parameters: a `/` (or `%2F`) inside
# one makes a path of another route, or of none.
ROUTING_CODES = {404: {"not_found"}, 405: {"method_not_allowed"}}
AUTH_PROBLEMS: tuple[type[Problem], ...] = (Unauthorized, Forbidden, TooManyRequests)

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    "description": (
        "Makes a retry safe: a request repeated with the same key — same method, path, "
        "query and body — within the retention (`REMIT_IDEMPOTENCY_RETENTION_HOURS`, 24 hours "
        "by default) answers the first response again, with `Idempotent-Replayed: true`, and "
        "has no second effect. The same key with another request answers 422 "
        "`idempotency_key_reused`; while the first request still runs, 409 "
        "`idempotency_key_in_use`. Only successful responses are kept: a request that failed "
        "changed nothing and runs again. Keys are 1–255 printable characters, per account "
        "and mode."
    ),
}
REPLAYED_HEADER = {
    "description": "`true` when this is the stored response of an earlier request with the "
    "same Idempotency-Key.",
    "schema": {"type": "string", "enum": ["true"]},
}
RETRY_AFTER = {"description": "Seconds to wait before retrying.", "schema": {"type": "string"}}
CHALLENGE = {"description": '`Bearer realm="remit"`', "schema": {"type": "string"}}


@dataclass(frozen=True)
class Route:
    """One route of the document, with the prefixes of the routers it was included by."""

    path: str
    methods: frozenset[str]
    tags: list[str]
    summary: str | None
    description: str | None
    name: str
    response_class: type[Response]
    has_body: bool
    endpoint: Callable[..., Any]
    dependant: Dependant
    native_route: bool  # a `RemitRoute`: JSON bodies, NUL refused in every query


def api_routes(app: FastAPI) -> Iterator[Route]:
    for context in routing.iter_route_contexts(app.routes):
        original = context.original_route
        if isinstance(original, routing.APIRoute) and context.include_in_schema:
            response_class = context.response_class
            if isinstance(response_class, DefaultPlaceholder):
                response_class = response_class.value
            yield Route(
                path=context.path_format or original.path_format,
                methods=frozenset(context.methods or ()),
                tags=list(context.tags or []),
                summary=context.summary,
                description=context.description,
                name=context.name or original.name,
                response_class=response_class,
                has_body=context.body_field is not None,
                endpoint=original.endpoint,
                dependant=original.dependant,
                native_route=isinstance(original, RemitRoute),
            )


@dataclass(frozen=True)
class Facts:
    """What one route's code says about it."""

    scopes: tuple[str, ...]
    auth: str  # "required", "optional" (an API key, or a public token instead), or "none"
    public_limit: bool  # rate-limited per client address
    idempotent: bool
    codes: dict[int, set[str]]


def install(app: FastAPI) -> None:
    """Serve the completed document at `app.openapi_url` (built once, on first use)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented override


def document(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version=app.openapi_version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
        servers=app.servers,
        separate_input_output_schemas=app.separate_input_output_schemas,
    )
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {}).update(PROBLEM_SCHEMAS)
    components["securitySchemes"] = SECURITY_SCHEMES
    for route in api_routes(app):
        for method in route.methods:
            _complete(schema["paths"][route.path][method.lower()], route, method)
    _drop_unused_validation_schemas(components["schemas"])
    add_links(schema)
    return schema


def facts(route: Route, method: str) -> Facts:
    handler = reachable.code_facts(route.endpoint)
    dependencies = _dependency_calls(route)
    scopes = tuple(sorted(_required_scopes(dependencies)))
    if auth.authenticate in dependencies:
        mode = "required"
    elif handler.refers_to(auth.authorize):
        mode, scopes = "optional", tuple(sorted(handler.strings & KNOWN_SCOPES))
    else:
        mode = "none"
    # `operations.write` (or `stored_response`, for a flow of several steps) holds the key.
    writes = handler.refers_to(operations.write) or handler.refers_to(operations.stored_response)
    native = route.path.startswith(NATIVE_PREFIX)
    found = Facts(
        scopes=scopes,
        auth=mode,
        public_limit=handler.refers_to(auth.throttle_public),
        idempotent=native and method in WRITE_METHODS and mode == "required" and writes,
        codes={},
    )
    found.codes.update(_codes(route, found))
    return found


def _dependency_calls(route: Route) -> list[Callable[..., Any]]:
    calls, pending = [], list(route.dependant.dependencies)
    while pending:
        sub = pending.pop()
        calls += [sub.call] if sub.call is not None else []
        pending.extend(sub.dependencies)
    return calls


def _required_scopes(calls: list[Callable[..., Any]]) -> set[str]:
    """The scopes `require(scope)` closed over, and those a dependency checks itself
    (`check_scope(principal, "subscriptions:read")`)."""
    found: set[str] = set()
    for call in calls:
        if inspect.isfunction(call):
            values = inspect.getclosurevars(call).nonlocals.values()
            found |= {value for value in values if isinstance(value, str) and value in KNOWN_SCOPES}
            code = reachable.code_facts(call)
            if code.refers_to(auth.check_scope):
                found |= code.strings & KNOWN_SCOPES
    return found


def _codes(route: Route, found: Facts) -> dict[int, set[str]]:
    problems = reachable.reachable_problems(route.endpoint, route.dependant)
    codes: dict[int, set[str]] = {}
    for cls in problems:
        if not issubclass(cls, AUTH_PROBLEMS):
            codes.setdefault(cls.status, set()).add(cls.code)
    for status, extra in _request_codes(route, found).items():
        codes.setdefault(status, set()).update(extra)
    codes.setdefault(503, set()).add("database_unavailable")  # every route asks the database
    return codes


def _request_codes(route: Route, found: Facts) -> dict[int, set[str]]:
    """The problems of the request itself: credentials, validation, routing."""
    codes: dict[int, set[str]] = {}
    if found.auth != "none":
        codes[401] = {"unauthorized"}
    if found.auth != "none" or found.public_limit:
        codes[429] = {"rate_limited"}
    if found.scopes:
        codes[403] = {"insufficient_scope"}
    if route.native_route:  # `routing.refuse_nul` checks every query
        codes[400] = {"validation_error"}
    if route.has_body:
        strings = reachable.reachable_strings(route.endpoint, route.dependant)
        codes.setdefault(400, set()).update({"malformed_json", "invalid_text"})
        codes[400] |= (PROMOTED_CODES - SEMANTIC_CODES) & strings
        semantic = SEMANTIC_CODES & strings
        if semantic:
            codes.setdefault(422, set()).update(semantic | {"unprocessable"})
        # `api.limits`: a body too large, or too slow to arrive.
        codes |= {413: {"payload_too_large"}, 408: {"request_timeout"}}
    if route.dependant.path_params:
        for status, routing_codes in ROUTING_CODES.items():
            codes.setdefault(status, set()).update(routing_codes)
    return codes


def _complete(operation: dict[str, Any], route: Route, method: str) -> None:
    found = facts(route, method)
    operation.setdefault("tags", ["health"] if not route.tags else route.tags)
    operation["summary"] = route.summary or operation.get("summary") or route.name
    operation["description"] = _description(route, found)
    _security(operation, found)
    responses = operation["responses"]
    if _fastapi_validation(responses.get("422")):
        del responses["422"]
    if found.idempotent:
        operation.setdefault("parameters", []).append(dict(IDEMPOTENCY_KEY))
        for status, response in responses.items():
            if status.startswith("2"):
                response.setdefault("headers", {})["Idempotent-Replayed"] = REPLAYED_HEADER
    if route.response_class is RedirectResponse and "307" in responses:
        # The hosted pay form answers 303 See Other: its result page is read with GET.
        responses["303"] = {"description": "To the page with the payment's result."}
        del responses["307"]
    for status, codes in sorted(found.codes.items()):
        responses[str(status)] = _error_response(status, codes, route)
    _examples(operation, method, route.path)


def _description(route: Route, found: Facts) -> str:
    summary = route.summary or route.name.replace("_", " ").capitalize()
    own = inspect.cleandoc(route.description or "") or f"{summary}."
    if found.auth == "required":
        need = " and ".join(f"`{scope}`" for scope in found.scopes) or "any scope"
        access = f"Requires an API key with {need} (or `*`; a `:write` scope includes `:read`)."
    elif found.auth == "optional":
        need = ", ".join(f"`{scope}`" for scope in found.scopes)
        access = f"An API key with {need}, or the object's public token instead of a key."
    else:
        access = "Public: no API key." + (
            " Rate-limited per client address." if found.public_limit else ""
        )
    idempotent = " Honours `Idempotency-Key`." if found.idempotent else ""
    return f"{own}\n\n{access}{idempotent}"


def _security(operation: dict[str, Any], found: Facts) -> None:
    operation["x-remit-scopes"] = list(found.scopes)
    if found.auth == "required":
        operation["security"] = [{BEARER: list(found.scopes)}]
    elif found.auth == "optional":
        operation["security"] = [{BEARER: list(found.scopes)}, {}]
    else:
        operation["security"] = []


def _fastapi_validation(response: dict[str, Any] | None) -> bool:
    schema = (response or {}).get("content", {}).get("application/json", {}).get("schema", {})
    return bool(schema.get("$ref", "").endswith("/HTTPValidationError"))


def _error_response(status: int, codes: set[str], route: Route) -> dict[str, Any]:
    listed = sorted(codes)
    response: dict[str, Any] = {
        "description": f"{STATUS_TITLES.get(status, 'Error')}. Codes: "
        + ", ".join(f"`{code}`" for code in listed)
        + ".",
        "content": {PROBLEM_JSON: {"schema": {"$ref": f"{REF}Problem"}}},
        "x-remit-codes": listed,
    }
    if status == 404 and not route.path.startswith(NATIVE_PREFIX) and route.path != "/healthz":
        # The public pages answer people: their unknown or expired links are pages too.
        response["content"]["text/html"] = {"schema": {"type": "string"}}
    if status in (429, 503):
        response["headers"] = {"Retry-After": RETRY_AFTER}
    if status == 401:
        response["headers"] = {"WWW-Authenticate": CHALLENGE}
    return response


def _examples(operation: dict[str, Any], method: str, path: str) -> None:
    examples = EXAMPLES.get((method, path))
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if examples and body is not None:
        body["examples"] = copy.deepcopy(examples)


def _drop_unused_validation_schemas(schemas: dict[str, Any]) -> None:
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)


def add_links(schema: dict[str, Any]) -> None:
    """Links from an operation that makes an object (its 2xx body has an `id`) on a
    collection path to every operation on that object's own path and below, with the new
    id as the path's last parameter: the stateful sequences of the document."""
    paths = schema["paths"]
    for path, item in paths.items():
        for operation in item.values():
            for status, response in operation["responses"].items():
                if status.startswith("2") and _has_id(schema, response):
                    links = _links_from(path, paths)
                    if links:
                        response["links"] = links


def _has_id(schema: dict[str, Any], response: dict[str, Any]) -> bool:
    body = response.get("content", {}).get("application/json", {}).get("schema", {})
    ref = body.get("$ref", "")
    target = schema["components"]["schemas"].get(ref.removeprefix(REF), {}) if ref else body
    return "id" in target.get("properties", {})


def _links_from(source: str, paths: dict[str, Any]) -> dict[str, Any]:
    links: dict[str, Any] = {}
    known = set(re.findall(r"\{([^}]+)\}", source))
    for path, item in paths.items():
        rest = path.removeprefix(source + "/")
        if rest == path or not rest.startswith("{"):
            continue
        new_param = rest[1 : rest.index("}")]
        for method, operation in item.items():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
            if new_param not in names or not set(names) - {new_param} <= known:
                continue
            parameters = {
                name: "$response.body#/id" if name == new_param else f"$request.path.{name}"
                for name in names
            }
            # By reference rather than id: a client generator may rename the operations.
            pointer = path.replace("~", "~0").replace("/", "~1")
            links[operation["operationId"]] = {
                "operationRef": f"#/paths/{pointer}/{method}",
                "parameters": parameters,
            }
    return links


PROBLEM_SCHEMAS: dict[str, Any] = {
    "Problem": {
        "type": "object",
        "description": "An RFC 9457 problem: every error remit answers on purpose. `code` is "
        "stable (the operation's responses list the codes of each status); `errors` names "
        "each bad parameter.",
        "required": ["type", "title", "status", "detail", "code"],
        "properties": {
            "type": {"type": "string", "examples": ["urn:remit:problem:validation_error"]},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "code": {"type": "string", "examples": ["validation_error"]},
            "errors": {"type": "array", "items": {"$ref": f"{REF}ProblemFieldError"}},
            "required_scope": {
                "type": "string",
                "description": "With 403 `insufficient_scope`: the scope the key lacks.",
            },
        },
    },
    "ProblemFieldError": {
        "type": "object",
        "required": ["param", "message", "code"],
        "properties": {
            "param": {
                "type": "string",
                "description": "The parameter's path in the request: `lines[2].quantity`.",
            },
            "message": {"type": "string"},
            "code": {"type": "string", "examples": ["missing", "invalid_type", "too_long"]},
        },
    },
}

SECURITY_SCHEMES = {
    BEARER: {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "rk_test_… or rk_live_…",
        "description": "An API key as `Authorization: Bearer <key>`: `rk_test_…` keys see and "
        "make test objects, `rk_live_…` keys live ones. A key holds scopes — `*`, or "
        "`<resource>:read` / `<resource>:write` (a `:write` includes its `:read`); the "
        "scopes an operation requires are listed in its security requirement and in "
        "`x-remit-scopes`. Keys are made with `remit accounts create` and `remit keys create`.",
    },
}
