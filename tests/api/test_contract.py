"""What every resource must do (SPEC §4), checked for each one declared in `resources.py`.

401 for a missing, malformed, unknown or revoked key; 403 `insufficient_scope` for a key
without the scope (a `:write` scope includes the `:read`); 404 `resource_missing` for another
account's objects and unknown ids (never 403, and nothing changes); keyset pagination newest
first; lists scoped to the account; unknown body fields refused by name; and every error is
`application/problem+json`.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

import pytest

from remit.api_keys.service import key_id_of, revoke_key
from remit.context import utc_now
from remit.kernel.ids import new_id
from remit.runtime import Runtime
from tests.api.resources import (
    PARENTED,
    RESOURCES,
    UPDATABLE,
    WRITABLE,
    Resource,
    Route,
    error_for,
    list_all,
    problem,
)
from tests.support import Api, TenantApi, acting_for, expect, issue_key

all_resources = pytest.mark.parametrize("resource", RESOURCES, ids=str)
writable = pytest.mark.parametrize("resource", WRITABLE, ids=str)
parented = pytest.mark.parametrize("resource", PARENTED, ids=str)
updatable = pytest.mark.parametrize("resource", UPDATABLE, ids=str)
changeable = pytest.mark.parametrize(
    "resource", [r for r in WRITABLE if r.item_write_routes("x")], ids=str
)

UNRELATED_SCOPE = "account:write"  # a real scope that grants nothing on any listed resource


def client(api: TenantApi, authorization: str | None) -> Api:
    headers = {} if authorization is None else {"Authorization": authorization}
    return Api(api.http, headers)


def unknown_key() -> str:
    """Shaped exactly like a real secret, but no account has it."""
    body = new_id("key", utc_now()).removeprefix("key_")
    return f"rk_test_{body}_{secrets.token_urlsafe(32)}"


async def revoke(runtime: Runtime, account_id: str, secret: str) -> None:
    key_id = key_id_of(secret)
    assert key_id is not None
    async with acting_for(runtime, account_id) as ctx:
        await revoke_key(ctx, key_id)


async def snapshot(api: TenantApi, resource: Resource, obj: dict[str, Any]) -> Any:
    """The object and its list as the owner sees them (to show nothing changed)."""
    return (
        expect(await api.get(resource.item(obj)), 200),
        await list_all(api, resource.collection_of(obj)),
    )


async def expect_all_unauthorized(routes: list[Route], caller: Api) -> None:
    for route in routes:
        response = await route.call(caller)
        problem(response, 401, "unauthorized")
        assert response.headers["www-authenticate"].lower().startswith("bearer"), route


class TestAuthentication:
    @all_resources
    async def test_missing_key_is_refused_on_every_route(
        self, api: TenantApi, raw_api: Api, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        before = await snapshot(api, resource, obj)
        for route in resource.routes(obj):
            response = await route.call(raw_api)
            problem(response, 401, "unauthorized")
            assert response.headers["www-authenticate"].lower().startswith("bearer"), route
        assert await snapshot(api, resource, obj) == before

    @all_resources
    async def test_malformed_key_is_refused(self, api: TenantApi, resource: Resource) -> None:
        obj = await resource.create(api)
        malformed = [
            "Bearer",
            "Bearer ",
            "Bearer not-a-key",
            "Bearer rk_",
            f"Bearer rk_{'z' * 26}",
            f"Bearer rk_{'a' * 1000}",
            "Basic dXNlcjpwYXNz",
            api.key,  # the right secret, without its scheme
        ]
        for authorization in malformed:
            await expect_all_unauthorized(resource.routes(obj), client(api, authorization))

    @all_resources
    async def test_unknown_well_formed_key_is_refused(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        await expect_all_unauthorized(resource.routes(obj), client(api, f"Bearer {unknown_key()}"))

    @all_resources
    async def test_key_with_a_tampered_secret_is_refused(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        last = "A" if api.key[-1] != "A" else "B"
        tampered = client(api, f"Bearer {api.key[:-1]}{last}")
        await expect_all_unauthorized(resource.routes(obj), tampered)

    @all_resources
    async def test_revoked_key_is_refused(
        self, api: TenantApi, runtime: Runtime, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        secret = await issue_key(runtime, api.account_id, ["*"])
        caller = client(api, f"Bearer {secret}")
        for route in resource.read_routes(obj):
            expect(await route.call(caller), 200)
        await revoke(runtime, api.account_id, secret)
        before = await snapshot(api, resource, obj)
        await expect_all_unauthorized(resource.routes(obj), caller)
        assert await snapshot(api, resource, obj) == before

    @writable
    async def test_missing_key_is_refused_before_the_body_is_validated(
        self, api: TenantApi, raw_api: Api, resource: Resource
    ) -> None:
        # A caller without a key learns nothing about the endpoint's parameters.
        obj = await resource.create(api)
        create = resource.write_routes(obj)[0]
        for content in ("[]", '{"unexpected": 1}', '{"metadata": 5}'):
            problem(await raw_api.post(create.path, content=content), 401, "unauthorized")

    @writable
    async def test_missing_key_is_refused_before_the_body_is_decoded(
        self, api: TenantApi, raw_api: Api, resource: Resource
    ) -> None:
        # Not even whether the body must be JSON: 401 comes first (see remit.api.auth).
        obj = await resource.create(api)
        create = resource.write_routes(obj)[0]
        for content in ("{", b"\xff"):
            problem(await raw_api.post(create.path, content=content), 401, "unauthorized")


class TestScopes:
    @all_resources
    async def test_reading_without_the_read_scope_is_forbidden(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        caller = await api.with_scopes(UNRELATED_SCOPE)
        for route in resource.read_routes(obj):
            body = problem(await route.call(caller), 403, "insufficient_scope")
            assert resource.read_scope in json.dumps(body), body  # says what is missing

    @writable
    async def test_writing_with_only_the_read_scope_is_forbidden(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        before = await snapshot(api, resource, obj)
        caller = await api.with_scopes(resource.read_scope)
        for route in resource.write_routes(obj):
            body = problem(await route.call(caller), 403, "insufficient_scope")
            assert str(resource.write_scope) in json.dumps(body), (route, body)
        assert await snapshot(api, resource, obj) == before

    @writable
    async def test_writing_with_another_resources_write_scope_is_forbidden(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        before = await snapshot(api, resource, obj)
        caller = await api.with_scopes(UNRELATED_SCOPE)
        for route in resource.write_routes(obj):
            problem(await route.call(caller), 403, "insufficient_scope")
        assert await snapshot(api, resource, obj) == before

    @writable
    async def test_scope_is_checked_before_the_body_is_validated(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        caller = await api.with_scopes(resource.read_scope)
        create = resource.write_routes(obj)[0]
        for content in ("[]", '{"unexpected": 1}'):
            problem(await caller.post(create.path, content=content), 403, "insufficient_scope")

    @writable
    async def test_scope_is_checked_before_the_body_is_decoded(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        caller = await api.with_scopes(resource.read_scope)
        create = resource.write_routes(obj)[0]
        for content in ("{", b"\xff"):
            problem(await caller.post(create.path, content=content), 403, "insufficient_scope")

    @all_resources
    async def test_read_scope_reads(self, api: TenantApi, resource: Resource) -> None:
        obj = await resource.create(api)
        caller = await api.with_scopes(resource.read_scope)
        assert expect(await caller.get(resource.item(obj)), 200) == obj
        listed = expect(await caller.get(resource.collection_of(obj)), 200)
        assert [item["id"] for item in listed["data"]] == [obj["id"]]

    @writable
    async def test_write_scope_includes_read(self, api: TenantApi, resource: Resource) -> None:
        obj = await resource.create(api)
        caller = await api.with_scopes(resource.write_scope or "")
        for route in resource.read_routes(obj):
            expect(await route.call(caller), 200)

    @writable
    async def test_write_scope_creates(self, api: TenantApi, resource: Resource) -> None:
        caller = await api.with_scopes(resource.write_scope or "")
        created = await resource.create(api, via=caller)
        assert created["id"].startswith(f"{resource.prefix}_")
        assert expect(await api.get(resource.item(created)), 200) == created


class TestTenantIsolation:
    @all_resources
    async def test_another_account_cannot_read_it(
        self, api: TenantApi, other_api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        problem(await other_api.get(resource.item(obj)), 404, "resource_missing")

    @changeable
    async def test_another_account_cannot_change_it(
        self, api: TenantApi, other_api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        before = await snapshot(api, resource, obj)
        for route in resource.item_write_routes(obj):
            problem(await route.call(other_api), 404, "resource_missing")
        assert await snapshot(api, resource, obj) == before

    @all_resources
    async def test_lists_show_only_the_accounts_own_objects(
        self, api: TenantApi, other_api: TenantApi, resource: Resource
    ) -> None:
        mine = await resource.create(api)
        theirs = await resource.create(other_api)
        assert [o["id"] for o in await list_all(api, resource.collection_of(mine))] == [mine["id"]]
        their_list = await list_all(other_api, resource.collection_of(theirs))
        assert [o["id"] for o in their_list] == [theirs["id"]]

    @parented
    async def test_another_accounts_parent_is_missing(
        self, api: TenantApi, other_api: TenantApi, resource: Resource
    ) -> None:
        assert resource.prepare is not None
        creation = await resource.prepare(other_api)  # refers to the other account's objects
        events_before = await list_all(api, "/v1/events")
        their_events = await list_all(other_api, "/v1/events")
        problem(await api.post(creation.path, creation.body), 404, "resource_missing")
        assert await list_all(api, "/v1/events") == events_before
        assert await list_all(other_api, "/v1/events") == their_events

    async def test_another_accounts_settlements_are_not_listed(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        path = f"/v1/invoices/{invoice['id']}/settlements"
        expect(await api.post(path, {"method": "cash", "amount": "1.00"}), 201)
        problem(await other_api.get(path), 404, "resource_missing")


class TestUnknownIds:
    @all_resources
    async def test_unknown_id_is_missing(self, api: TenantApi, resource: Resource) -> None:
        await resource.create(api)
        for object_id in (resource.unknown_id(), "nope", api.account_id):
            problem(await api.get(resource.item(object_id)), 404, "resource_missing")
            for route in resource.item_write_routes(object_id):
                problem(await route.call(api), 404, "resource_missing")

    @all_resources
    async def test_unsupported_method_is_a_problem(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        response = await api.http.put(resource.item(obj), headers=api.headers, content="{}")
        problem(response, 405, "method_not_allowed")


class TestDelete:
    @pytest.mark.parametrize("resource", [r for r in RESOURCES if r.deletable], ids=str)
    async def test_deleted_object_is_gone(self, api: TenantApi, resource: Resource) -> None:
        obj = await resource.create(api)
        response = await api.delete(resource.item(obj))
        assert response.status_code in (200, 204), response.text
        problem(await api.get(resource.item(obj)), 404, "resource_missing")
        assert obj["id"] not in [o["id"] for o in await list_all(api, resource.path)]
        problem(await api.delete(resource.item(obj)), 404, "resource_missing")


class TestPagination:
    @all_resources
    async def test_first_page_is_newest_first_with_a_cursor(
        self, api: TenantApi, resource: Resource
    ) -> None:
        oldest, middle, newest = await resource.create_many(api, 3)
        page = expect(await api.get(resource.collection_of(oldest), params={"limit": 2}), 200)
        assert page["object"] == "list"
        assert [o["id"] for o in page["data"]] == [newest["id"], middle["id"]]
        assert page["data"] == [newest, middle]
        assert page["has_more"] is True
        assert page["next_cursor"] == middle["id"]

    @all_resources
    async def test_starting_after_the_cursor_gives_the_rest(
        self, api: TenantApi, resource: Resource
    ) -> None:
        oldest, _middle, _newest = await resource.create_many(api, 3)
        path = resource.collection_of(oldest)
        first = expect(await api.get(path, params={"limit": 2}), 200)
        rest = expect(
            await api.get(path, params={"limit": 2, "starting_after": first["next_cursor"]}), 200
        )
        assert [o["id"] for o in rest["data"]] == [oldest["id"]]
        assert rest["has_more"] is False
        assert rest["next_cursor"] is None

    @all_resources
    async def test_ending_before_pages_backwards(self, api: TenantApi, resource: Resource) -> None:
        oldest, middle, newest = await resource.create_many(api, 3)
        path = resource.collection_of(oldest)
        newer = expect(await api.get(path, params={"limit": 1, "ending_before": oldest["id"]}), 200)
        assert [o["id"] for o in newer["data"]] == [middle["id"]]
        assert newer["has_more"] is True
        newest_page = expect(
            await api.get(path, params={"limit": 1, "ending_before": newer["next_cursor"]}), 200
        )
        assert [o["id"] for o in newest_page["data"]] == [newest["id"]]
        assert newest_page["has_more"] is False
        both = expect(await api.get(path, params={"limit": 5, "ending_before": oldest["id"]}), 200)
        assert [o["id"] for o in both["data"]] == [newest["id"], middle["id"]]
        assert both["has_more"] is False

    @all_resources
    async def test_default_page_lists_newest_first(
        self, api: TenantApi, resource: Resource
    ) -> None:
        created = await resource.create_many(api, 3)
        page = expect(await api.get(resource.collection_of(created[0])), 200)
        assert [o["id"] for o in page["data"]] == [o["id"] for o in reversed(created)]
        assert page["has_more"] is False
        assert page["next_cursor"] is None

    @all_resources
    async def test_limit_must_be_between_1_and_100(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        path = resource.collection_of(obj)
        for limit in (0, 101, -1, "ten"):
            body = problem(await api.get(path, params={"limit": limit}), 400, "validation_error")
            error_for(body, "limit")
        for limit in (1, 100):
            page = expect(await api.get(path, params={"limit": limit}), 200)
            assert [o["id"] for o in page["data"]] == [obj["id"]]

    @all_resources
    async def test_cursor_of_another_type_is_refused(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        path = resource.collection_of(obj)
        for name in ("starting_after", "ending_before"):
            for cursor in (api.account_id, "not-an-id"):
                response = await api.get(path, params={name: cursor})
                body = problem(response, 400, "validation_error")
                assert error_for(body, name)["code"] == "invalid_cursor"

    @all_resources
    async def test_both_cursors_at_once_are_refused(
        self, api: TenantApi, resource: Resource
    ) -> None:
        first, second = await resource.create_many(api, 2)
        params = {"starting_after": second["id"], "ending_before": first["id"]}
        response = await api.get(resource.collection_of(first), params=params)
        body = problem(response, 400, "validation_error")
        error_for(body, "ending_before")


class TestUnknownFields:
    @writable
    async def test_unknown_field_on_create_is_named(
        self, api: TenantApi, resource: Resource
    ) -> None:
        assert resource.prepare is not None
        creation = await resource.prepare(api)
        before = await list_all(api, creation.path)
        events = await list_all(api, "/v1/events")
        body = {**creation.body, "colour": "blue"}
        found = problem(await api.post(creation.path, body), 400, "validation_error")
        assert error_for(found, "colour")["code"] == "unknown_parameter"
        assert await list_all(api, creation.path) == before
        assert await list_all(api, "/v1/events") == events

    @updatable
    async def test_unknown_field_on_update_is_named(
        self, api: TenantApi, resource: Resource
    ) -> None:
        obj = await resource.create(api)
        before = await snapshot(api, resource, obj)
        body = {**(resource.update_body or {}), "colour": "blue"}
        found = problem(await api.patch(resource.item(obj), body), 400, "validation_error")
        assert error_for(found, "colour")["code"] == "unknown_parameter"
        assert await snapshot(api, resource, obj) == before

    @updatable
    async def test_update_changes_what_was_sent(self, api: TenantApi, resource: Resource) -> None:
        obj = await resource.create(api)
        update = resource.update_body or {}
        updated = expect(await api.patch(resource.item(obj), update), 200)
        assert {key: updated[key] for key in update} == update
        assert expect(await api.get(resource.item(obj)), 200) == updated
