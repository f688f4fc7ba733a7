"""Real `remit serve` processes: `--workers N` answers on one port from N processes whose
/metrics add up, and every log line is JSON carrying the request's fields."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.observability.scraping import value
from tests.processes import Server, cli_json, remit_env, run_cli, serve

pytestmark = [pytest.mark.processes, pytest.mark.slow]

FIELDS = {"time", "level", "request_id", "account", "mode", "route", "status", "duration_ms"}
REQUESTS = 60


def json_lines(server: Server) -> list[dict[str, Any]]:
    """Every log line of the server (its own `remit: …` messages are plain text on stdout)."""
    lines = [line for line in server.output().splitlines() if line.startswith("{")]
    return [json.loads(line) for line in lines]


def access_lines(server: Server) -> list[dict[str, Any]]:
    return [line for line in json_lines(server) if line["logger"] == "remit.access"]


def hammer(server: Server, path: str, times: int, headers: dict[str, str]) -> None:
    """`times` requests, eight at a time, each on a new connection (so that the kernel
    hands them to whichever process accepts first)."""

    def one(_: int) -> int:
        return httpx.get(f"{server.url}{path}", headers=headers, timeout=30).status_code

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(one, range(times))) == {200}


def new_key(env: dict[str, str]) -> str:
    created = cli_json("accounts", "create", "--name", "Observed", "--json", env=env)
    return str(created["api_key"])


class TestWorkers:
    def test_two_processes_answer_on_one_port_and_their_metrics_add_up(
        self, database: MigratedDatabase, tmp_path: Path
    ) -> None:
        temporary = tmp_path / "tmp"  # where `serve` makes the processes' metrics directory
        temporary.mkdir()
        env = remit_env(database.url, TEST_SECRET, REMIT_LOG_FORMAT="json", TMPDIR=str(temporary))
        key = new_key(env)
        auth = {"Authorization": f"Bearer {key}"}
        args = ["--workers", "2", "--access-log"]
        with serve(env, tmp_path, extra_args=args) as server:
            before = httpx.get(f"{server.url}/metrics").text
            hammer(server, "/v1/customers", REQUESTS, auth)
            after = httpx.get(f"{server.url}/metrics").text
            answered = access_lines(server)
        assert "with 2 processes" in server.output()
        served = [line for line in answered if line["route"] == "/v1/customers"]
        assert len(served) == REQUESTS
        assert len({line["pid"] for line in served}) == 2, "one process answered everything"
        labels = {"route": "/v1/customers", "method": "GET", "status": "200"}
        counted = value(after, "remit_http_requests_total", **labels)
        assert counted - value(before, "remit_http_requests_total", **labels) == REQUESTS
        assert value(after, "remit_db_pool_connections_max") > 0  # both pools, summed
        assert not list(temporary.iterdir()), "the metrics directory outlived the server"

    def test_workers_below_one_are_refused(self, tmp_path: Path) -> None:
        env = remit_env(f"sqlite:///{tmp_path}/remit.db")
        done = run_cli("serve", "--workers", "0", env=env)
        assert done.returncode == 1
        assert done.stderr.strip() == "error: --workers must be at least 1, not 0"


class TestJsonLogs:
    def test_every_line_is_json_and_a_request_carries_its_fields(
        self, database: MigratedDatabase, tmp_path: Path
    ) -> None:
        env = remit_env(database.url, TEST_SECRET, REMIT_LOG_FORMAT="json")
        created = cli_json("accounts", "create", "--name", "Logged", "--json", env=env)
        auth = {"Authorization": f"Bearer {created['api_key']}", "X-Request-Id": "req-logged-1"}
        with serve(env, tmp_path, extra_args=["--access-log"]) as server:
            customer = httpx.post(f"{server.url}/v1/customers", json={}, headers=auth).json()
            httpx.get(f"{server.url}/v1/customers/{customer['id']}", headers=auth)
            httpx.get(f"{server.url}/i/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
        raw = [line for line in server.output().splitlines() if line.startswith("{")]
        lines = json_lines(server)
        assert lines and all(set(line) >= FIELDS for line in lines)
        [read] = [line for line in access_lines(server) if line["request_id"] == "req-logged-1"
                  and line["route"] == "/v1/customers/{customer_id}"]  # fmt: skip
        assert read["account"] == created["account"]["id"] and read["mode"] == "test"
        assert read["status"] == 200 and read["duration_ms"] > 0 and read["level"] == "INFO"
        assert customer["id"] not in read["route"]
        page = [line for line in access_lines(server) if line["route"] == "/i/{token}"]
        assert page and "/i/[redacted]" in page[0]["message"]
        assert not any("eyJzdWIiOiJ4In0" in line for line in raw)  # the token never printed
