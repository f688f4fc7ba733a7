"""Contract fuzzing: schemathesis generates requests for every operation of `/openapi.json`
(valid and invalid ones) and sends them, with a valid key, to a live server.

No answer may be a 5xx, break the documented response schema, or be an error that is not
problem+json (the hosted HTML pages excepted: their errors are pages for people).
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Flaky, Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.transport import Response
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.processes import Server
from tests.support import TenantApi

pytestmark = [pytest.mark.processes, pytest.mark.slow]

EXAMPLES = {GenerationMode.POSITIVE: 12, GenerationMode.NEGATIVE: 8}  # per operation
HTML_ROUTES = ("/i/", "/c/")  # invoice and credit note pages


def problem_json(response: Response, path: str) -> str | None:
    if response.status_code < 400 or path.startswith(HTML_ROUTES):
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    if not content_type.startswith("application/problem+json"):
        return f"{response.status_code} answered as {content_type!r}"
    body = response.json()
    missing = {"type", "title", "status", "detail", "code"} - body.keys()
    if missing or body["status"] != response.status_code:
        return f"problem body {body} lacks {sorted(missing)} or states another status"
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def undocumented_code(response: Response, operation: Any) -> str | None:
    """A problem whose `code` the operation does not list for its status (`x-remit-codes`)."""
    documented = operation.definition.raw["responses"].get(str(response.status_code), {})
    content_type = (response.headers.get("content-type") or [""])[0]
    if response.status_code < 400 or not content_type.startswith("application/problem+json"):
        return None
    code = response.json().get("code")
    if code in documented.get("x-remit-codes", ()):
        return None
    return f"{response.status_code} {code!r} is not among {documented.get('x-remit-codes')}"


def fuzz(operation: Any, mode: GenerationMode, server: Server, headers: dict[str, str]) -> list:
    found: list[str] = []
    session = requests.Session()

    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=not os.environ.get("REMIT_FUZZ_RANDOM"),  # see test_parser_fuzz
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def attack(case: Any) -> None:
        response = case.call(base_url=server.url, headers=headers, session=session, timeout=30)
        try:
            case.validate_response(response, checks=CHECKS)
        except (FailureGroup, AssertionError) as failure:
            found.append(f"{case.operation.label} [{mode.value}]: {failure}"[:2000])
        wrong = problem_json(response, operation.path) or undocumented_code(response, operation)
        if wrong:
            found.append(f"{case.operation.label} [{mode.value}]: {wrong}")

    try:
        attack()
    except Unsatisfiable:  # nothing to make invalid (an operation without parameters)
        assert mode is GenerationMode.NEGATIVE
    return found


async def test_no_operation_answers_5xx_off_schema_or_without_problem_json(
    live_server: Server, api: TenantApi
) -> None:
    # Objects for the generated ids to sometimes hit (most will be 404s, which must be clean).
    await api.invoice()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/openapi.json", timeout=60)
    headers = {"Authorization": api.headers["Authorization"]}
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:
        for mode in EXAMPLES:
            failures += fuzz(operation, mode, live_server, headers)
    async with httpx.AsyncClient(base_url=live_server.url) as client:
        assert (await client.get("/healthz")).status_code == 200  # it survived all of it
    assert not failures, "\n\n".join(failures[:20])


STATEFUL = settings(
    phases=[Phase.generate],
    max_examples=20,
    stateful_step_count=6,
    deadline=None,
    database=None,
    derandomize=not os.environ.get("REMIT_FUZZ_RANDOM"),
    suppress_health_check=list(HealthCheck),
)


async def test_linked_sequences_answer_by_the_document(live_server: Server, api: TenantApi) -> None:
    """Stateful runs over the document's links (create → get → update → actions) of every
    native operation: the ids an operation makes flow into the next, and every answer on the
    way is checked as above."""
    schema = schemathesis.openapi.from_url(f"{live_server.url}/openapi.json", timeout=60)
    native = schema.include(path_regex=r"^/v1/")
    headers = {"Authorization": api.headers["Authorization"]}
    session = requests.Session()
    failures: list[str] = []
    found_by_link: set[str] = set()
    answered: list[str] = []

    class Sequences(native.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Any) -> None:
            case.headers = {**(case.headers or {}), **headers}  # the key, never a made-up one

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"base_url": live_server.url, "session": session}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            try:
                case.validate_response(response, checks=CHECKS)
            except (FailureGroup, AssertionError) as failure:
                failures.append(f"{case.operation.label} [stateful]: {failure}"[:2000])
            wrong = problem_json(response, case.operation.path)
            wrong = wrong or undocumented_code(response, case.operation)
            if wrong:
                failures.append(f"{case.operation.label} [stateful]: {wrong}")
            answered.append(case.operation.label)
            if response.status_code < 300 and "{" in case.operation.path:
                found_by_link.add(case.operation.label)

    # A replayed prefix may meet the server in another state (a list holds more objects
    # now): Hypothesis calls that flaky, and the run so far stands, as in schemathesis's own.
    with contextlib.suppress(Flaky):
        Sequences.run(settings=STATEFUL)
    assert len(answered) > 50, answered
    assert not failures, "\n\n".join(failures[:20])
    # The links carried ids: an operation on a made object answered it, not only 404s.
    assert found_by_link, sorted(set(answered))
