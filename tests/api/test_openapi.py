"""The OpenAPI document (`/openapi.json`) is valid OpenAPI 3.1, complete, and true.

Complete: every operation has a summary, a description, its security (or an explicit none)
and its problem responses with their codes; every native write declares `Idempotency-Key`.
True: what it declares is checked against the server — each operation's scopes by calling it
without them, its codes against what the suite's problem tests expect, its examples by
sending them. (The contract fuzzing, tests/reliability/test_contract_fuzz.py, checks every
answer against the document.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from openapi_spec_validator import validate

from remit.api.openapi_examples import EXAMPLES
from tests.support import Api, TenantApi, expect

TESTS = Path(__file__).parent.parent
PROBLEM_JSON = "application/problem+json"
WRITES = ("post", "patch", "put", "delete")
EXPECTED_PROBLEM = re.compile(r"problem\(\s*\w+,\s*(\d{3}),\s*\"([a-z_]+)\"")


async def document(http: httpx.AsyncClient) -> dict[str, Any]:
    return expect(await http.get("/openapi.json"), 200)  # type: ignore[no-any-return]


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in doc["paths"].items()
        for method, operation in item.items()
    ]


def native(path: str) -> bool:
    return path.startswith("/v1/")


def header_names(operation: dict[str, Any]) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}


def concrete(path: str) -> str:
    """The path with every parameter filled by an id nobody has."""
    return re.sub(r"\{[^}]+\}", "xx_00000000000000000000000000", path)


async def call(client: Api, method: str, path: str) -> httpx.Response:
    if method in ("post", "patch", "put"):
        return await getattr(client, method)(concrete(path), {})
    return await getattr(client, method)(concrete(path))


class TestDocument:
    async def test_document_is_valid_openapi_3_1(self, http: httpx.AsyncClient) -> None:
        doc = await document(http)
        assert doc["openapi"].startswith("3.1")
        validate(doc)

    async def test_every_operation_has_summary_description_and_security(
        self, http: httpx.AsyncClient
    ) -> None:
        doc = await document(http)
        assert len(operations(doc)) > 40
        for method, path, operation in operations(doc):
            label = f"{method.upper()} {path}"
            assert operation.get("summary") and operation.get("description"), label
            assert "security" in operation, label  # `[]` says "public" explicitly
            assert operation.get("tags"), label
            if native(path):
                assert operation["security"], f"{label} is native yet public"
                assert operation["x-remit-scopes"], f"{label} names no scope"

    async def test_every_error_is_a_problem_with_its_codes(self, http: httpx.AsyncClient) -> None:
        doc = await document(http)
        assert "HTTPValidationError" not in str(doc)  # FastAPI's 422 shape is never answered
        for method, path, operation in operations(doc):
            errors = {s: r for s, r in operation["responses"].items() if s >= "400"}
            assert errors, f"{method.upper()} {path} declares no error"
            for status, response in errors.items():
                label = f"{method.upper()} {path} {status}"
                schema = response["content"][PROBLEM_JSON]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, label
                assert response["x-remit-codes"], label
                assert all(
                    f"`{code}`" in response["description"] for code in response["x-remit-codes"]
                )

    async def test_every_native_write_declares_idempotency_key(
        self, http: httpx.AsyncClient
    ) -> None:
        doc = await document(http)
        for method, path, operation in operations(doc):
            declared = "Idempotency-Key" in header_names(operation)
            assert declared == (native(path) and method in WRITES), f"{method.upper()} {path}"
            if declared:
                assert "idempotency_key_reused" in operation["responses"]["422"]["x-remit-codes"]
                assert "idempotency_key_in_use" in operation["responses"]["409"]["x-remit-codes"]
                created = [r for s, r in operation["responses"].items() if s.startswith("2")]
                assert all("Idempotent-Replayed" in r["headers"] for r in created)

    async def test_api_keys_are_the_security_scheme(self, http: httpx.AsyncClient) -> None:
        schemes = (await document(http))["components"]["securitySchemes"]
        assert (
            schemes["bearerAuth"]["type"] == "http" and schemes["bearerAuth"]["scheme"] == "bearer"
        )
        assert "rk_test_" in schemes["bearerAuth"]["bearerFormat"]

    async def test_create_operations_link_to_the_object_they_make(
        self, http: httpx.AsyncClient
    ) -> None:
        doc = await document(http)
        created = doc["paths"]["/v1/customers"]["post"]["responses"]["201"]
        linked = {link["operationRef"]: link["parameters"] for link in created["links"].values()}
        for method in ("get", "patch"):
            parameters = linked[f"#/paths/~1v1~1customers~1{{customer_id}}/{method}"]
            assert parameters == {"customer_id": "$response.body#/id"}


class TestDeclaredSecurityHolds:
    async def test_without_a_key_every_keyed_operation_answers_401_and_public_ones_do_not(
        self, http: httpx.AsyncClient, raw_api: Api
    ) -> None:
        doc = await document(http)
        for method, path, operation in operations(doc):
            response = await call(raw_api, method, path)
            label = f"{method.upper()} {path}: {response.status_code}"
            if not operation["security"]:
                assert response.status_code != 401, label
            elif {} in operation["security"]:  # a key, or a public token instead
                assert response.status_code in (401, 404), label
            else:
                assert response.status_code == 401, label
                assert response.json()["code"] in operation["responses"]["401"]["x-remit-codes"]

    async def test_a_key_without_the_declared_scope_is_refused_naming_it(
        self, http: httpx.AsyncClient, api: TenantApi
    ) -> None:
        doc = await document(http)
        for method, path, operation in operations(doc):
            scopes = operation["x-remit-scopes"]
            if not native(path) or {} in operation["security"]:
                continue
            unrelated = "events:read" if "events:read" not in scopes else "account:read"
            response = await call(await api.with_scopes(unrelated), method, path)
            label = f"{method.upper()} {path}: {response.status_code} {response.text[:200]}"
            assert response.status_code == 403, label
            assert response.json()["required_scope"] in scopes, label
            granted = await call(await api.with_scopes(*scopes), method, path)
            assert granted.status_code != 403, f"{method.upper()} {path} needs more than {scopes}"


class TestDeclaredCodesHold:
    def test_every_code_the_problem_tests_expect_is_declared_with_its_status(
        self, openapi_document: dict[str, Any]
    ) -> None:
        declared = {
            (int(status), code)
            for _, _, operation in operations(openapi_document)
            for status, response in operation["responses"].items()
            for code in response.get("x-remit-codes", [])
        }
        expected = {
            (int(status), code)
            for source in TESTS.rglob("test_*.py")
            if "dialects" not in source.parts
            for status, code in EXPECTED_PROBLEM.findall(source.read_text(encoding="utf-8"))
        }
        assert len(expected) > 20
        assert not expected - declared, sorted(expected - declared)


class TestExamples:
    def test_every_example_belongs_to_an_operation_and_fits_its_schema(
        self, openapi_document: dict[str, Any]
    ) -> None:
        doc = openapi_document
        for (method, path), examples in EXAMPLES.items():
            body = doc["paths"][path][method.lower()]["requestBody"]["content"]["application/json"]
            schema = {**body["schema"], "components": doc["components"]}
            for name, example in examples.items():
                assert body["examples"][name] == example
                jsonschema.validate(example["value"], schema)

    @pytest.mark.parametrize("path", ["/v1/customers", "/v1/invoices", "/v1/webhook_endpoints"])
    async def test_examples_that_need_no_other_object_are_accepted_and_replay(
        self, api: TenantApi, path: str
    ) -> None:
        for example in EXAMPLES[("POST", path)].values():
            if any(str(v).startswith(("cus_", "inv_")) for v in example["value"].values()):
                continue
            headers = {"Idempotency-Key": f"example-{path}"}
            first = await api.post(path, example["value"], headers=headers)
            again = await api.post(path, example["value"], headers=headers)
            assert first.status_code == 201, first.text
            assert again.headers["idempotent-replayed"] == "true"
            assert again.json()["id"] == first.json()["id"]


@pytest.fixture
async def openapi_document(http: httpx.AsyncClient) -> dict[str, Any]:
    return await document(http)
