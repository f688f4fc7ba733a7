"""What every dialect route must do, checked for each one declared in `routes.py`, on both
databases, through the in-process app (black-box HTTP: no remit internals).

- Tenant isolation: another account's request naming the owner's objects answers the
  provider's own not-found (or, when it names none, shows none of them), and the owner's
  account reads back exactly as before.
- Scopes: a key lacking any one of the route's scopes is refused with the provider's auth
  error, naming the scope, and nothing changes; a key holding exactly them succeeds.
- Statement budgets: SQL statements per request (the key lookup included), and lists that
  cost the same whatever their length.
- Bad input: hostile values in every field of a valid body or query (numbers like
  1e1000000, NUL and lone surrogates, wrong types, 10 000-element arrays, deep nesting) never
  get a 5xx or an answer outside the provider's shape, and each is answered within a second.

A request that freezes the interpreter (a C call holding the GIL, which no asyncio timeout
can interrupt) is caught by a watchdog process: it prints the request and Python's stacks,
then kills the pytest-xdist worker, which reports the test as crashed (run with `-n`).
"""

from __future__ import annotations

import asyncio
import faulthandler
import logging
import os
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import replace
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from remit.app import create_app
from tests.dialects.generic import (
    DIALECTS,
    Call,
    Client,
    NotFound,
    Owner,
    Raw,
    account_state,
    id_body,
    query_of,
    render,
    scopes_without,
)
from tests.dialects.routes import FALLBACKS, ROUTES, Route, Scene
from tests.support import QueryCounter, TenantApi, create_tenant

ISOLATED = [route for route in ROUTES if route.isolation is not None]
SCOPED = [route for route in ROUTES if route.scopes]
LISTS = [route for route in ROUTES if route.lists]
FUZZED = [route for route in ROUTES if route.takes]


def utf8(text: str) -> str:
    """`text` with what UTF-8 cannot encode (lone surrogates) written as escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


@pytest.fixture(scope="module", autouse=True)
def encodable_logs() -> Iterator[None]:
    """Log records made encodable: the app logs the errors of hostile input, lone surrogates
    included, and pytest-xdist cannot send a report that holds one."""
    make = logging.getLogRecordFactory()

    def record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        made = make(*args, **kwargs)
        try:
            made.msg, made.args = utf8(made.getMessage()), None
        except Exception:  # arguments that do not fit the message: left to the handler
            return made
        if made.exc_info:
            made.exc_text = utf8(logging.Formatter().formatException(made.exc_info))
        return made

    logging.setLogRecordFactory(record)
    yield
    logging.setLogRecordFactory(make)


def each(routes: list[Route]) -> Any:
    return pytest.mark.parametrize("route", routes, ids=str)


async def scene_of(route: Route, api: TenantApi) -> tuple[Owner, Scene]:
    owner = await Owner.of(route.dialect, api)
    return owner, await route.scene(owner)


async def expect_success(owner: Owner, call: Call, response: httpx.Response) -> Any:
    assert response.status_code == call.status, f"{call.describe()}: {response.text[:1000]}"
    if call.status >= 400:
        return owner.dialect.error(response)
    return owner.dialect.success(response)


def every_id(state: dict[str, Any]) -> set[str]:
    """The ids of everything the account holds (its events' included)."""
    return {item["id"] for items in state.values() for item in items if isinstance(item, dict)}


# — the route table —


def served(routes: Any, prefix: str = "") -> set[tuple[str, str]]:
    """(method, path) of every route the app serves (included routers and mounts walked)."""
    found = set()
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI's included routers
        if included is not None:
            context = getattr(route, "include_context", None)
            found |= served(included.routes, prefix + (getattr(context, "prefix", "") or ""))
        elif getattr(route, "routes", None) is not None:  # a mount
            found |= served(route.routes, prefix + route.path)
        else:
            methods = getattr(route, "methods", None) or ()
            found |= {(method, prefix + route.path) for method in methods if method != "HEAD"}
    return found


def test_every_dialect_route_is_declared(runtime: Any) -> None:
    """The app's dialect routes are exactly those declared (a new route needs a declaration)."""
    roots = tuple(f"{dialect.root}/" for dialect in DIALECTS)
    dialect_routes = {(m, path) for m, path in served(create_app(runtime).routes)
                      if path.startswith(roots)}  # fmt: skip
    declared = set()
    for route in ROUTES:
        methods = FALLBACKS[route.dialect.name].methods if route.method == "*" else (route.method,)
        declared |= {(method, route.dialect.root + route.path) for method in methods}
    assert len(dialect_routes) > 60
    assert dialect_routes == declared, (
        sorted(dialect_routes - declared), sorted(declared - dialect_routes)
    )  # fmt: skip


# — tenant isolation —


class TestTenantIsolation:
    @each(ISOLATED)
    async def test_another_account_cannot_reach_the_owners_objects(
        self, api: TenantApi, other_api: TenantApi, route: Route
    ) -> None:
        owner, scene = await scene_of(route, api)
        other = await Client.of(route.dialect, other_api)
        before = await account_state(owner)
        response = await other.send(scene.call)
        if isinstance(route.isolation, NotFound):
            route.dialect.not_found(response, route.isolation)
        else:
            # Names none of the owner's objects: it succeeds, in the other account only.
            await expect_success(owner, scene.call, response)
        asked = scene.call.describe(limit=10**9)
        leaked = {
            object_id
            for object_id in every_id(before)
            if id_body(object_id) in response.text and id_body(object_id) not in asked
        }
        assert not leaked, f"{route}: the other account's answer shows {leaked}: {response.text}"
        assert await account_state(owner) == before, f"{route}: the owner's account changed"
        # The same request is the owner's to make (what the other account got is not the
        # refusal of a bad request).
        mine = await owner.client.send(scene.call)
        await expect_success(owner, scene.call, mine)
        for object_id in scene.owned:
            assert id_body(object_id) in mine.text, f"{route}: {object_id} is not shown"

    @each([route for route in ISOLATED if isinstance(route.isolation, NotFound)])
    async def test_an_unknown_object_answers_the_same_not_found(
        self, api: TenantApi, route: Route
    ) -> None:
        """What tells another account's object from none at all: nothing. The owner's own
        request, each object it names swapped for one that no account has, answers the
        not-found that another account gets."""
        assert isinstance(route.isolation, NotFound)
        owner, scene = await scene_of(route, api)
        before = await account_state(owner)
        unknown = swap_names(scene.call, before)
        assert unknown != scene.call, f"{route}: the request names none of the owner's objects"
        route.dialect.not_found(await owner.client.send(unknown), route.isolation)
        assert await account_state(owner) == before


def swap_names(call: Call, state: dict[str, Any]) -> Call:
    """`call` with every id (in any dialect's prefix) and handle of the account's objects
    swapped for one of no object."""
    swaps = {id_body(i): id_body(i)[:-6] + "zzzzzz" for i in every_id(state) if id_body(i) != i}
    for items in state.values():
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get("handle"), str):
                swaps[item["handle"]] = item["handle"] + "-unknown"

    def swapped(text: str) -> str:
        for name in sorted(swaps, key=len, reverse=True):
            text = text.replace(name, swaps[name])
        return text

    body = None if call.body is None else Raw(swapped(render(call.body)))
    params = tuple((name, swapped(value if isinstance(value, str) else value.text))
                   for name, value in call.params)  # fmt: skip
    return replace(call, path=swapped(call.path), body=body, params=params)


# — scopes —


class TestScopes:
    @each(SCOPED)
    async def test_a_key_without_the_routes_scope_is_refused_and_changes_nothing(
        self, api: TenantApi, route: Route
    ) -> None:
        owner, scene = await scene_of(route, api)
        before = await account_state(owner)
        for scope in route.scopes:
            narrow = await Client.of(route.dialect, api, scopes_without(scope))
            route.dialect.forbidden(await narrow.send(scene.call), scope)
        assert await account_state(owner) == before, f"{route}: a refused request changed it"
        exact = await Client.of(route.dialect, api, route.scopes)
        await expect_success(owner, scene.call, await exact.send(scene.call))


# — statement budgets —


async def measure(queries: QueryCounter, owner: Owner, call: Call) -> int:
    queries.reset()
    response = await owner.client.send(call)
    count = queries.count
    await expect_success(owner, call, response)
    return count


class TestStatementBudgets:
    @each(list(ROUTES))
    async def test_statements_per_request(
        self, api: TenantApi, queries: QueryCounter, route: Route
    ) -> None:
        owner, scene = await scene_of(route, api)
        count = await measure(queries, owner, scene.call)
        assert count <= route.budget, (count, queries.statements)

    @each(LISTS)
    async def test_a_list_costs_the_same_whatever_its_length(
        self, api: TenantApi, queries: QueryCounter, route: Route
    ) -> None:
        owner, scene = await scene_of(route, api)
        short = await measure(queries, owner, scene.call)
        assert scene.grow is not None
        await scene.grow()  # two more of what the list shows
        longer = await measure(queries, owner, scene.call)
        assert longer == short, (short, longer, queries.statements)


# — bad input —

RANDOM = bool(os.environ.get("REMIT_FUZZ_RANDOM"))  # as tests/reliability/test_parser_fuzz.py
FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=not RANDOM,
    # No shrinking: an example is one to three changes already, and shrinking one that takes
    # a second to answer would take minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
# Every request, after the route's first. A pathological input (a ten-million-digit number)
# takes far longer; a loaded 2-core machine running the suite twice over answered an ordinary
# list in 1.06 s, so the bound leaves room for that.
ANSWER_SECONDS = 2.0
GUARD_SECONDS = 5.0  # an await that never ends
FROZEN_SECONDS = 10.0  # the interpreter itself held (the watchdog)


class Repeat:
    """Stands for 10 000 copies of the value found where it is put (or of its first item);
    in a query, for the parameter sent as many times as 48 KiB hold (httpx sends at most
    64 KiB of URL)."""

    COUNT = 10_000
    QUERY_BYTES = 48 * 1024

    def __repr__(self) -> str:
        return "Repeat()"


REPEAT = Repeat()
HOSTILE_JSON: list[Any] = [
    Raw(token)
    for token in (
        "1e1000000", "-1e1000000", "1e-1000000", "-0", "-0.0", "0e0", "1e400", "-1e400",
        "1E+999999999", "1" + "0" * 5000, "-" + "9" * 5000, "0." + "0" * 5000 + "1",
        "18446744073709551616", "-9223372036854775809", "NaN", "Infinity", "-Infinity",
        "true", "false", "null", "[]", "{}", "[null]", '{"": {}}', "0", "-1", "1.5",
        '"a\\u0000b"', '"\\u0000"', '"\\ud800"', '"x\\udfff"', '"\\udbff\\udfff"',
        '"1e1000000"', '"-0"', '"NaN"', '"Infinity"', '"1_000"', '" 1"', '""', '"   "',
        '"\\u0661\\u0662"', '"0x1A"', '"2026-02-30"', '"9999-12-31T23:59:59-01:00"',
        '"' + "x" * 100_000 + '"', '"' + "9" * 5000 + '"',
        "[" + ",".join(["0"] * 10_000) + "]", "[" + ",".join(['"x"'] * 10_000) + "]",
        "[" * 500 + "]" * 500, "[" * 100_000 + "]" * 100_000, '{"a":' * 500 + "1" + "}" * 500,
    )
] + [REPEAT]  # fmt: skip
HOSTILE_QUERY: list[Any] = [
    "1e1000000", "-1e1000000", "1e-1000000", "-0", "-0.0", "NaN", "Infinity", "9" * 5000,
    "0", "-1", "1.5", "", " ", "x" * 10_000, "\u0661", "2026-02-30", "true", "null", "[]",
    "state:", "state:state:pending", "inv_" + "0" * 26, "../../v1/customers",
    Raw("%00"), Raw("a%00b"), Raw("%ED%A0%80"), Raw("%FF"), Raw("%C0%80"), Raw("%"), REPEAT,
]  # fmt: skip
# Numbers whose size, not their syntax, is the attack (10**5000 is valid JSON: RFC 8259 sets
# no limit on digits); exponents beyond what Python's decimal context computes with; 10**15,
# a plausible number in any field but a timestamp's (the year 31 million).
BOMBS_JSON = [
    Raw("1e1000000"), Raw("-1e1000000"), Raw("1e-1000000"), Raw('"1e1000000"'),
    Raw("1" + "0" * 5000), Raw("1e999999999"), Raw("1e-999999"), Raw(str(10**15)),
]  # fmt: skip
# Text no database stores: NUL (PostgreSQL refuses it), an unpaired surrogate (not UTF-8),
# as a value and as a key.
UNSTORABLE_JSON = [Raw('"a\\u0000b"'), Raw('"\\ud800"'), Raw('{"\\ud800": 1}')]
UNSTORABLE_QUERY = [Raw("%00"), Raw("a%00b")]
BOMBS_QUERY = ["1e1000000", "-1e1000000", "1e-1000000", "9" * 5000]

Path = tuple[str | int, ...]


def path_of(dotted: str) -> Path:
    return tuple(int(part) if part.isdigit() else part for part in dotted.split("."))


def paths_in(value: Any, prefix: Path = ()) -> list[Path]:
    """Every place in a JSON value: itself, its members and items, down to the leaves."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_in(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_in(item, (*prefix, index))
    return found


def leaves_in(value: Any) -> list[Path]:
    return [p for p in paths_in(value) if not isinstance(get(value, p), dict | list)]


def get(value: Any, path: Path) -> Any:
    for key in path:
        if isinstance(key, int) and isinstance(value, list) and key < len(value):
            value = value[key]
        elif isinstance(key, str) and isinstance(value, dict):
            value = value.get(key)
        else:
            return None
    return value


def put(value: Any, path: Path, new: Any) -> Any:
    """A copy of `value` with `new` at `path` (made where it is missing)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(value) if isinstance(value, list) else []
        while len(items) <= head:
            items.append({})
        items[head] = put(items[head], rest, new)
        return items
    members = dict(value) if isinstance(value, dict) else {}
    members[head] = put(members.get(head), rest, new)
    return members


def repeated(current: Any) -> Any:
    element = current[0] if isinstance(current, list) and current else current
    if element is None or len(render(element)) > 90:  # the body stays under the size limit
        element = "x"
    return [element] * Repeat.COUNT


def with_body(call: Call, changes: list[tuple[Path, Any]]) -> Call:
    body = call.body if call.body is not None else {}
    for path, value in sorted(changes, key=lambda change: len(change[0])):
        body = put(body, path, repeated(get(body, path)) if value is REPEAT else value)
    return replace(call, body=body)


def with_params(call: Call, changes: list[tuple[str, Any]]) -> Call:
    params = list(call.params)
    for name, value in changes:
        current = next((v for n, v in params if n == name), "1")
        params = [(n, v) for n, v in params if n != name]
        if value is REPEAT:
            size = len(query_of([(name, current)])) + 1
            params += [(name, current)] * (Repeat.QUERY_BYTES // size)
        else:
            params.append((name, value))
    return replace(call, params=tuple(params))


def body_places(route: Route, call: Call) -> list[Path]:
    return paths_in(call.body) + [path_of(field) for field in route.fields]


def query_places(route: Route, call: Call) -> list[str]:
    names = [name for name, _ in call.params] + list(route.fields)
    return list(dict.fromkeys([*names, "unexpected"]))


class Watchdog:
    """A process that, when a request is not answered in time, prints it, has the
    interpreter dump its stacks (faulthandler, SIGUSR1) and kills it."""

    SOURCE = r"""
import os, select, signal, sys, time
parent, limit = int(sys.argv[1]), float(sys.argv[2])
pending, armed, what = b"", None, ""
while True:
    wait = None if armed is None else max(0.0, armed + limit - time.monotonic())
    if select.select([0], [], [], wait)[0]:
        chunk = os.read(0, 65536)
        if not chunk:
            break
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            command, _, rest = line.decode("utf-8", "replace").partition(" ")
            armed, what = (time.monotonic(), rest) if command == "arm" else (None, "")
    elif armed is not None:
        sys.stderr.write(f"\n\n*** No answer within {limit:g} s (the interpreter is frozen): "
                         f"{what}\n*** Python's stacks follow; the worker is then killed.\n")
        sys.stderr.flush()
        try:
            os.kill(parent, signal.SIGUSR1)
            time.sleep(1.0)
            os.kill(parent, signal.SIGKILL)
        except ProcessLookupError:
            pass
        break
"""

    def __init__(self, process: subprocess.Popen[bytes] | None) -> None:
        self.process = process

    def _tell(self, line: str) -> None:
        if self.process is not None and self.process.stdin is not None:
            self.process.stdin.write(line.replace("\n", " ").encode("utf-8", "replace") + b"\n")
            self.process.stdin.flush()

    def arm(self, what: str) -> None:
        self._tell(f"arm {what}")

    def disarm(self) -> None:
        self._tell("disarm")


@pytest.fixture(scope="session")
def watchdog(request: pytest.FixtureRequest) -> Iterator[Watchdog]:
    if not hasattr(signal, "SIGUSR1"):
        yield Watchdog(None)
        return
    capture = request.config.pluginmanager.getplugin("capturemanager")
    # The watchdog and the stacks go to the real stderr, not to a test's captured output.
    with capture.global_and_fixture_disabled() if capture else nullcontext():
        stderr = os.dup(2)
        faulthandler.register(signal.SIGUSR1, file=stderr, all_threads=True)
        process = subprocess.Popen(
            [sys.executable, "-c", Watchdog.SOURCE, str(os.getpid()), str(FROZEN_SECONDS)],
            stdin=subprocess.PIPE,
        )
    yield Watchdog(process)
    assert process.stdin is not None
    process.stdin.close()
    process.wait(10)
    faulthandler.unregister(signal.SIGUSR1)
    os.close(stderr)


async def attack(
    route: Route, owner: Owner, call: Call, watchdog: Watchdog, *, timed: bool = True
) -> httpx.Response:
    """Send a hostile request: any answer but a 5xx, in the provider's shape, in time."""
    what = f"{route}: {call.describe(300)}"
    request = owner.client.request(call)
    watchdog.arm(what)
    started = time.perf_counter()
    failure = None
    try:
        response = await asyncio.wait_for(owner.client.http.send(request), GUARD_SECONDS)
    except TimeoutError:
        failure = f"no answer within {GUARD_SECONDS:g} s: {what}"
    except Exception as exc:  # raised by the app (the in-process transport re-raises): a 500
        failure = f"{what}\n→ a 500: the app raised {raised(exc)}"
    finally:
        watchdog.disarm()
    if failure is not None:  # out of the `except`: the app's exceptions are not chained
        pytest.fail(utf8(failure))
    elapsed = time.perf_counter() - started
    assert response.status_code < 500, f"{what}\n→ {response.status_code}: {response.text[:1000]}"
    try:
        route.dialect.answer(response)
    except AssertionError as exc:
        raise AssertionError(f"{what}\n→ not {route.dialect}'s shape: {exc}") from None
    if timed:
        assert elapsed < ANSWER_SECONDS, f"{what}\n→ answered in {elapsed:.2f} s"
    return response


def raised(exc: BaseException) -> str:
    """The exception and the innermost line of remit's own code that raised it."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/remit/" in f.filename]
    where = f" at {frames[-1].filename.split('/remit/')[-1]}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}: {str(exc)[:200]}{where}"


_scenes: dict[tuple[str, str], tuple[Owner, Scene]] = {}


async def fuzz_scene(route: Route, api: TenantApi, watchdog: Watchdog) -> tuple[Owner, Scene]:
    """The route's scene, made once per test (the examples of one test share an account),
    its valid request sent once to warm the route up."""
    key = (str(route), api.account_id)
    if key not in _scenes:
        owner, scene = await scene_of(route, api)
        await attack(route, owner, scene.call, watchdog, timed=False)
        _scenes[key] = (owner, scene)
    return _scenes[key]


class TestBadInput:
    @each(FUZZED)
    async def test_a_huge_number_in_any_field(
        self, api: TenantApi, route: Route, watchdog: Watchdog
    ) -> None:
        """Each field in turn: 1e1000000 and its kin as JSON numbers or numeric text."""
        owner, scene = await fuzz_scene(route, api, watchdog)
        if route.takes == "body":
            fields = leaves_in(scene.call.body) + [path_of(f) for f in route.fields]
            for place in fields:
                for bomb in BOMBS_JSON:
                    await attack(route, owner, with_body(scene.call, [(place, bomb)]), watchdog)
        else:
            for name in query_places(route, scene.call):
                for text in BOMBS_QUERY:
                    await attack(route, owner, with_params(scene.call, [(name, text)]), watchdog)

    @each(FUZZED)
    @FUZZ
    @given(data=st.data())
    async def test_hostile_values_in_a_valid_request(
        self, api: TenantApi, route: Route, watchdog: Watchdog, data: st.DataObject
    ) -> None:
        owner, scene = await fuzz_scene(route, api, watchdog)
        if route.takes == "body":
            places = st.sampled_from(body_places(route, scene.call))
            changes = data.draw(st.lists(st.tuples(places, st.sampled_from(HOSTILE_JSON)),
                                         min_size=1, max_size=3), label="changes")  # fmt: skip
            call = with_body(scene.call, changes)
        else:
            names = st.sampled_from(query_places(route, scene.call))
            changes = data.draw(st.lists(st.tuples(names, st.sampled_from(HOSTILE_QUERY)),
                                         min_size=1, max_size=3), label="changes")  # fmt: skip
            call = with_params(scene.call, changes)
        await attack(route, owner, call, watchdog)

    @each(FUZZED)
    async def test_unstorable_text_in_any_field(
        self, api: TenantApi, route: Route, watchdog: Watchdog
    ) -> None:
        """Each field in turn, then the valid request: refused in the provider's shape, and
        the connection that met the bad text is as good as before."""
        owner, scene = await fuzz_scene(route, api, watchdog)
        if route.takes == "body":
            for place in leaves_in(scene.call.body) + [path_of(f) for f in route.fields]:
                for text in UNSTORABLE_JSON:
                    await attack(route, owner, with_body(scene.call, [(place, text)]), watchdog)
        else:
            for name in query_places(route, scene.call):
                for text in UNSTORABLE_QUERY:
                    await attack(route, owner, with_params(scene.call, [(name, text)]), watchdog)
        # The route's valid request again, in an account of its own (it may not repeat).
        assert api.runtime is not None
        owner, scene = await scene_of(route, await create_tenant(api.runtime, api.http))
        await expect_success(owner, scene.call, await owner.client.send(scene.call))

    @each([route for route in ROUTES if "{" in route.path and route.method != "*"])
    async def test_nul_in_the_paths_ids(self, api: TenantApi, route: Route) -> None:
        owner, scene = await scene_of(route, api)
        call = replace(scene.call, path=with_nul(route.path, scene.call.path))
        assert call.path != scene.call.path, route
        response = await owner.client.send(call)
        assert 400 <= response.status_code < 500, f"{call.describe()}: {response.text[:500]}"
        route.dialect.error(response)
        await expect_success(owner, scene.call, await owner.client.send(scene.call))

    @each([route for route in ROUTES if route.takes == "body"])
    async def test_a_key_given_twice_is_refused(self, api: TenantApi, route: Route) -> None:
        """Which of two same-named keys counts, parsers disagree on: refused, whichever."""
        owner, scene = await scene_of(route, api)
        body = scene.call.body or {"a": 1}
        first = next(iter(body))
        text = render(body)
        twice = Raw(text[:1] + f"{render(first)}:{render(body[first])}," + text[1:])
        response = await owner.client.send(replace(scene.call, body=twice))
        expected = 400 if scene.call.status < 400 else scene.call.status
        assert response.status_code == expected, f"{route}: {response.text[:500]}"
        route.dialect.error(response)
        await expect_success(owner, scene.call, await owner.client.send(scene.call))


def with_nul(declared: str, path: str) -> str:
    """`path` with a NUL (`%00`) in the middle of each id, the segments that fill a
    `{placeholder}` of the declared path."""
    segments = [
        given if given == pattern else f"{given[: len(given) // 2]}%00{given[len(given) // 2 :]}"
        for pattern, given in zip(declared.split("/"), path.split("/"), strict=True)
    ]
    return "/".join(segments)


# — unknown routes —


@pytest.mark.parametrize("dialect", DIALECTS, ids=str)
async def test_every_method_of_an_unknown_route_answers_the_providers_404(
    api: TenantApi, dialect: Any
) -> None:
    """With a key or without one: the fallback reads no credentials."""
    fallback = FALLBACKS[dialect.name]
    keyed = await Client.of(dialect, api)
    for method in fallback.methods:
        for path in fallback.paths:
            body = {"a": 1} if method in ("POST", "PUT", "PATCH") else None
            for anonymous in (False, True):
                call = Call(method, path, body, anonymous=anonymous)
                dialect.not_found(await keyed.send(call), fallback.not_found)
