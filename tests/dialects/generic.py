"""The machinery of the generic dialect suites (test_generic.py over routes.py).

- `Call`: one request to a dialect, its body written as exact JSON text (`Raw` tokens are
  written as given: `1e1000000`, `NaN`, `"\\ud800"`), its query string exactly as sent.
- `Client`: a dialect's credentials for one account and scopes; it signs what it sends
  (Rapyd's HMAC over the exact path and body, Reepay's Basic private key, remit's bearer key
  for Whop and Retempo).
- `Dialect`: what the provider's answers look like: its success body, its error body, its
  not-found and its refusal of a key without the scope.
- `Owner`: an account seen through one dialect, and `account_state`, everything the account
  holds as its owner reads it back (to show that a refused request changed nothing).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import quote

import httpx

from remit.api_keys.service import issue_hmac_key
from tests.api.resources import list_all
from tests.dialects.rapyd.client import RapydCredentials, signed_headers
from tests.dialects.reepay.client import basic, issue_private_key
from tests.support import TenantApi, acting_for, issue_key

# Every scope a key can hold but `*` (SPEC §2; a `:write` scope includes its `:read`).
RESOURCES = (
    "account", "customers", "products", "plans", "subscriptions", "invoices", "events",
    "webhooks",
)  # fmt: skip
SCOPES = tuple(f"{resource}:{access}" for resource in RESOURCES for access in ("read", "write"))


def scopes_without(scope: str) -> list[str]:
    """Every scope but those that grant `scope` (itself and, for a `:read`, its `:write`)."""
    resource, _, access = scope.partition(":")
    granting = {scope} | ({f"{resource}:write"} if access == "read" else set())
    return [other for other in SCOPES if other not in granting]


# — exact JSON —


@dataclass(frozen=True)
class Raw:
    """A JSON token (or, in a query, percent-encoded text) written exactly as given."""

    text: str

    def __repr__(self) -> str:
        shown = self.text if len(self.text) <= 60 else f"{self.text[:40]}…({len(self.text)})"
        return f"Raw({shown!r})"


def render(value: Any) -> str:
    """`value` as JSON text, `Raw` tokens as they are (ASCII: what Rapyd signs is sent)."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        members = (f"{json.dumps(str(key))}:{render(item)}" for key, item in value.items())
        return "{" + ",".join(members) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(render(item) for item in value) + "]"
    return json.dumps(value)


def query_of(params: Iterable[tuple[str, str | Raw]]) -> str:
    """The query string, each value percent-encoded (a `Raw` value is sent as it is)."""
    pairs = []
    for name, value in params:
        text = value.text if isinstance(value, Raw) else quote(value, safe="")
        pairs.append(f"{quote(name, safe='[]')}={text}")
    return "&".join(pairs)


@dataclass(frozen=True)
class Call:
    """One request to a dialect: `path` is under the dialect's root (`/v1/…` for Rapyd)."""

    method: str
    path: str
    body: Any = None  # JSON (with `Raw` tokens); None: no body
    params: tuple[tuple[str, str | Raw], ...] = ()
    status: int = 200  # what the owner's request answers
    anonymous: bool = False  # sent without credentials (a public route)

    def content(self) -> bytes | None:
        return None if self.body is None else render(self.body).encode()

    def target(self) -> str:
        query = query_of(self.params)
        return f"{self.path}?{query}" if query else self.path

    def describe(self, limit: int = 600) -> str:
        content = self.content()
        text = f"{self.method} {self.target()}" + (f" {content.decode()}" if content else "")
        return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


# — the providers —


@dataclass(frozen=True)
class Refusal:
    """A provider's error answer, reduced to what identifies it."""

    status: int
    code: Any  # Whop's and Rapyd's code, Reepay's number, Retempo's message
    message: str


@dataclass(frozen=True)
class NotFound:
    """How a dialect answers a missing object on one route: status and code."""

    status: int
    code: Any


class Dialect:
    name: str
    root: str
    media = "application/json"

    def __str__(self) -> str:
        return self.name

    async def credentials(self, api: TenantApi, scopes: list[str]) -> Any:
        raise NotImplementedError

    def headers(self, credentials: Any, method: str, target: str, content: bytes | None) -> dict:
        raise NotImplementedError

    def error(self, response: httpx.Response) -> Refusal:
        """The provider's error body (its shape checked), reduced to a `Refusal`."""
        raise NotImplementedError

    def success(self, response: httpx.Response) -> Any:
        """The provider's success body (its shape checked): the object it carries."""
        assert response.headers["content-type"].startswith(self.media), response.headers
        return response.json()

    def answer(self, response: httpx.Response) -> None:
        """Any answer but a 5xx: a success or the provider's error, in its shape."""
        assert response.status_code < 500, f"{response.status_code}: {response.text[:2000]}"
        if response.status_code < 400:
            self.success(response)
        else:
            self.error(response)

    def forbidden(self, response: httpx.Response, scope: str) -> None:
        """The provider's refusal of a key that lacks `scope` (and says which)."""
        raise NotImplementedError

    def not_found(self, response: httpx.Response, expected: NotFound) -> Refusal:
        assert response.status_code == expected.status, f"{response.status_code}: {response.text}"
        found = self.error(response)
        assert found.code == expected.code, found
        return found


def _json(response: httpx.Response) -> Any:
    assert response.headers.get("content-type", "").startswith("application/json"), (
        response.status_code,
        response.headers.get("content-type"),
        response.text[:500],
    )
    return response.json()


class Bearer(Dialect):
    """Whop and Retempo take remit's own key: `Authorization: Bearer rk_…`."""

    async def credentials(self, api: TenantApi, scopes: list[str]) -> Any:
        if scopes == ["*"]:
            return api.key
        assert api.runtime is not None
        return await issue_key(api.runtime, api.account_id, scopes)

    def headers(self, credentials: Any, method: str, target: str, content: bytes | None) -> dict:
        return {"Authorization": f"Bearer {credentials}", "content-type": "application/json"}


class Whop(Bearer):
    name, root = "whop", "/whop/api/v1"
    TYPES: ClassVar[dict[int, str]] = {
        400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
        409: "conflict", 422: "unprocessable_entity", 429: "rate_limited",
        503: "service_unavailable",
    }  # fmt: skip

    def error(self, response: httpx.Response) -> Refusal:
        body = _json(response)
        assert isinstance(body, dict) and list(body) == ["error"], body
        error = body["error"]
        assert {"type", "message", "code"} <= set(error) <= {"type", "message", "code", "param"}
        assert error["type"] == self.TYPES.get(response.status_code), (response.status_code, body)
        assert isinstance(error["message"], str) and error["message"], body
        assert isinstance(error["code"], str) and error["code"], body
        return Refusal(response.status_code, error["code"], error["message"])

    def forbidden(self, response: httpx.Response, scope: str) -> None:
        refusal = self.error(response)
        assert (refusal.status, refusal.code) == (403, "insufficient_scope"), refusal
        assert f"'{scope}'" in refusal.message, refusal


class Retempo(Bearer):
    name, root = "retempo", "/retempo"

    def error(self, response: httpx.Response) -> Refusal:
        body = _json(response)
        assert isinstance(body, dict) and list(body) == ["error"], body
        assert isinstance(body["error"], str) and body["error"], body
        return Refusal(response.status_code, body["error"], body["error"])

    def forbidden(self, response: httpx.Response, scope: str) -> None:
        message = f"This API key lacks the '{scope}' scope."
        assert self.error(response) == Refusal(403, message, message), response.text


class Rapyd(Dialect):
    name, root = "rapyd", "/rapyd"
    STATUS: ClassVar[set[str]] = {
        "error_code", "status", "message", "response_code", "operation_id",
    }  # fmt: skip

    async def credentials(self, api: TenantApi, scopes: list[str]) -> Any:
        assert api.runtime is not None
        return await issue_rapyd_key(api.runtime, api.account_id, scopes)

    def headers(self, credentials: Any, method: str, target: str, content: bytes | None) -> dict:
        body = "" if content is None else content.decode()
        return signed_headers(credentials, method, target, body)

    def success(self, response: httpx.Response) -> Any:
        assert response.status_code == 200, f"{response.status_code}: {response.text[:500]}"
        body = _json(response)
        assert set(body) == {"status", "data"} and set(body["status"]) == self.STATUS, body
        assert body["status"]["status"] == "SUCCESS" and body["status"]["error_code"] == ""
        return body["data"]

    def error(self, response: httpx.Response) -> Refusal:
        body = _json(response)
        assert isinstance(body, dict) and list(body) == ["status"], body
        status = body["status"]
        assert set(status) == self.STATUS and status["status"] == "ERROR", body
        assert status["error_code"] and status["error_code"] == status["response_code"], body
        assert isinstance(status["message"], str) and status["message"], body
        return Refusal(response.status_code, status["error_code"], status["message"])

    def forbidden(self, response: httpx.Response, scope: str) -> None:
        refusal = self.error(response)
        assert (refusal.status, refusal.code) == (403, "UNAUTHORIZED_API_CALL"), refusal
        assert f"'{scope}'" in refusal.message, refusal


class Reepay(Dialect):
    name, root = "reepay", "/reepay"
    KEYS: ClassVar[set[str]] = {
        "code", "error", "path", "timestamp", "http_status", "http_reason", "request_id",
    }  # fmt: skip

    async def credentials(self, api: TenantApi, scopes: list[str]) -> Any:
        assert api.runtime is not None
        return await issue_private_key(api.runtime, api.account_id, scopes)

    def headers(self, credentials: Any, method: str, target: str, content: bytes | None) -> dict:
        return basic(credentials)

    def error(self, response: httpx.Response) -> Refusal:
        body = _json(response)
        assert isinstance(body, dict) and self.KEYS <= set(body) <= self.KEYS | {"message"}, body
        assert isinstance(body["code"], int) and not isinstance(body["code"], bool), body
        assert body["http_status"] == response.status_code and body["http_reason"], body
        assert body["error"] and body["path"].startswith("/v1/"), body
        return Refusal(response.status_code, body["code"], body.get("message") or body["error"])

    def forbidden(self, response: httpx.Response, scope: str) -> None:
        refusal = self.error(response)
        assert (refusal.status, refusal.code) == (403, 7), refusal
        assert f"'{scope}'" in refusal.message, refusal


WHOP, RETEMPO, RAPYD, REEPAY = Whop(), Retempo(), Rapyd(), Reepay()
DIALECTS = (RETEMPO, WHOP, RAPYD, REEPAY)


async def issue_rapyd_key(runtime: Any, account_id: str, scopes: list[str]) -> RapydCredentials:
    """As tests/dialects/rapyd/client.py's `issue_rapyd_key`, with the scopes chosen."""
    async with acting_for(runtime, account_id) as ctx:
        issued = await issue_hmac_key(ctx, "rapyd", "rak_", "rsk_", scopes)
    return RapydCredentials(issued.public_id, issued.secret)


# — clients —


@dataclass
class Client:
    """One account's key in one dialect."""

    http: httpx.AsyncClient = field(repr=False)
    dialect: Dialect
    credentials: Any = field(repr=False)

    @classmethod
    async def of(cls, dialect: Dialect, api: TenantApi, scopes: Iterable[str] = ("*",)) -> Client:
        return cls(api.http, dialect, await dialect.credentials(api, list(scopes)))

    def request(self, call: Call) -> httpx.Request:
        content, target = call.content(), call.target()
        headers = {} if call.anonymous else self.dialect.headers(
            self.credentials, call.method, target, content
        )  # fmt: skip
        return self.http.build_request(
            call.method, self.dialect.root + target, content=content, headers=headers
        )

    async def send(self, call: Call) -> httpx.Response:
        return await self.http.send(self.request(call))


@dataclass
class Owner:
    """An account as its owner sees it: the native API (`*`) and one dialect (`*`)."""

    api: TenantApi
    client: Client
    rapyd: Client  # the only API that lists pending invoice items

    @classmethod
    async def of(cls, dialect: Dialect, api: TenantApi) -> Owner:
        client = await Client.of(dialect, api)
        rapyd = client if dialect is RAPYD else await Client.of(RAPYD, api)
        return cls(api, client, rapyd)

    @property
    def dialect(self) -> Dialect:
        return self.client.dialect

    async def ok(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: tuple[tuple[str, str], ...] = (),
        status: int | None = None,
    ) -> Any:
        """Send a request that must succeed; its object (Rapyd's `data`)."""
        call = Call(method, path, body, params)
        response = await self.client.send(call)
        expected = status or (201 if self.dialect is RETEMPO and method == "POST" else 200)
        assert response.status_code == expected, f"{call.describe()}: {response.text[:1000]}"
        return self.dialect.success(response)


# Everything an account holds, as its owner reads it through the native API (and the items
# waiting for an invoice, which only Rapyd's API lists).
NATIVE_LISTS = (
    "/v1/customers", "/v1/products", "/v1/plans", "/v1/subscriptions", "/v1/invoices",
    "/v1/events",
)  # fmt: skip


async def account_state(owner: Owner) -> dict[str, Any]:
    api = owner.api
    state: dict[str, Any] = {path: await list_all(api, path) for path in NATIVE_LISTS}
    for customer in state["/v1/customers"]:
        path = f"/v1/customers/{customer['id']}/payment_methods"
        state[path] = await list_all(api, path)
    for invoice in state["/v1/invoices"]:
        path = f"/v1/invoices/{invoice['id']}/settlements"
        state[path] = await list_all(api, path)
    items = await owner.rapyd.send(Call("GET", "/v1/invoice_items", params=(("limit", "100"),)))
    state["invoice items"] = RAPYD.success(items)
    return state


def id_body(object_id: str) -> str:
    """The part of an id every dialect keeps (`invoice_X`, `inv_X` → `X`)."""
    _, underscore, body = object_id.partition("_")
    return body if underscore and len(body) >= 20 else object_id
