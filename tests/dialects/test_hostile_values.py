"""The hostile values of the security review, each where it was reported: refused (a 4xx,
never a 5xx, never stored) in the provider's own error shape, and the next request of the
same account is served. test_generic.py sends such values to every field of every route;
this names the reported ones, and checks that they are refused rather than just answered.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import httpx
import pytest

from tests.dialects.generic import Call, Owner, Raw
from tests.dialects.routes import ROUTES, Route
from tests.dialects.test_generic import path_of, scene_of, with_body, with_params
from tests.support import TenantApi, create_tenant

HUGE = Raw("1e999999999")


def route(name: str) -> Route:
    [found] = [r for r in ROUTES if str(r) == name]  # the keyed one, not a variant
    return found


# (route, body field, value): each one was answered 500, or stored.
BODY_VALUES = [
    ("rapyd-POST-/v1/invoice_items", "amount", HUGE),
    ("rapyd-POST-/v1/invoices", "due_date", Raw(str(10**15))),
    ("whop-POST-/invoices", "plan.initial_price", HUGE),
    ("retempo-POST-/api/v1/services/{service_id}/plans", "amount", HUGE),
    ("retempo-POST-/api/v1/settlements", "amount", HUGE),
    ("retempo-POST-/api/v1/usage-events", "quantity", HUGE),
    ("retempo-POST-/api/v1/usage-events", "quantity", Raw("1e-999999")),
    ("retempo-POST-/api/v1/usage-events", "quantity", Raw('"1e-999999"')),
    ("whop-POST-/invoices", "customer_name", Raw('"\\ud800"')),
    ("whop-PATCH-/invoices/{invoice_id}", "line_items.0.label", Raw('"\\ud800"')),
    ("retempo-POST-/api/v1/users", "name", Raw('"\\ud800"')),
    ("retempo-POST-/api/v1/invoices", "currency", Raw('"\\udc00"')),
    ("rapyd-POST-/v1/customers", "payment_method", Raw('"a\\u0000b"')),
    ("rapyd-POST-/v1/customers", "currency", Raw('"\\ud800"')),
    ("rapyd-POST-/v1/invoice_items", "customer", Raw('"cus_\\u0000"')),
]
# (route, query parameter, value)
QUERY_VALUES = [
    ("rapyd-GET-/v1/invoices", "customer", Raw("%00")),
    ("rapyd-GET-/v1/invoice_items", "customer", Raw("a%00b")),
    ("whop-GET-/invoices", "after", Raw("%00")),
    ("reepay-GET-/v1/list/invoice", "customer", Raw("a%00b")),
]
# (route, path under its dialect's root): NUL in an id of the path.
NUL_PATHS = [
    (route("reepay-GET-/v1/customer/{handle}"), "/v1/customer/a%00b"),
    (route("whop-GET-/invoices/{invoice_id}"), "/invoices/inv_%00"),
    (route("rapyd-GET-/v1/invoices/{invoice_id}"), "/v1/invoices/invoice_%00"),
    (route("retempo-GET-/api/v1/users/{user_id}"), "/api/v1/users/cus_%00"),
]


async def refused(owner: Owner, r: Route, call: Call) -> httpx.Response:
    response = await owner.client.send(call)
    assert 400 <= response.status_code < 500, f"{call.describe()}: {response.text[:500]}"
    r.dialect.error(response)
    return response


async def served_after(r: Route, api: TenantApi) -> None:
    """The route's valid request, in a new account of the same database: it is answered."""
    assert api.runtime is not None
    owner, scene = await scene_of(r, await create_tenant(api.runtime, api.http))
    response = await owner.client.send(scene.call)
    assert response.status_code == scene.call.status, response.text[:500]


@pytest.mark.parametrize(("name", "field", "value"), BODY_VALUES, ids=str)
async def test_a_hostile_body_value_is_refused(
    api: TenantApi, name: str, field: str, value: Any
) -> None:
    r = route(name)
    owner, scene = await scene_of(r, api)
    await refused(owner, r, with_body(scene.call, [(path_of(field), value)]))
    await served_after(r, api)


@pytest.mark.parametrize(("name", "param", "value"), QUERY_VALUES, ids=str)
async def test_a_hostile_query_value_is_refused(
    api: TenantApi, name: str, param: str, value: Any
) -> None:
    r = route(name)
    owner, scene = await scene_of(r, api)
    await refused(owner, r, with_params(scene.call, [(param, value)]))
    await served_after(r, api)


@pytest.mark.parametrize(("r", "path"), NUL_PATHS, ids=str)
async def test_nul_in_a_path_is_refused(api: TenantApi, r: Route, path: str) -> None:
    owner, scene = await scene_of(r, api)
    await refused(owner, r, replace(scene.call, path=path))
    await served_after(r, api)
