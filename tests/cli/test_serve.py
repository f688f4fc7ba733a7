"""`remit serve` and `remit migrate` say what they did: the port is checked before anything
starts, the migrations applied are counted, and the onboarding hint shows only while there is
no account to use."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest

from tests.cli.conftest import migrations_in_all, new_account, one_line_error
from tests.conftest import TEST_SECRET
from tests.processes import remit_env, run_cli, serve

pytestmark = pytest.mark.processes

HINT = "no API key yet?"


class TestPort:
    @pytest.mark.parametrize("port", ["99999", "65536", "0", "-1"])
    def test_a_port_out_of_range_is_refused(self, port: str, tmp_path: Path) -> None:
        env = remit_env(f"sqlite:///{tmp_path}/remit.db", TEST_SECRET)
        line = one_line_error(run_cli("serve", "--port", port, env=env))
        assert line == f"error: --port must be between 1 and 65535, not {port}"
        assert not (tmp_path / "remit.db").exists()  # refused before the database was touched

    def test_a_port_in_use_is_refused_before_anything_starts(self, tmp_path: Path) -> None:
        env = remit_env(f"sqlite:///{tmp_path}/remit.db", TEST_SECRET)
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            line = one_line_error(run_cli("serve", "--port", str(port), env=env))
        assert line == (
            f"error: port {port} on 127.0.0.1 is already in use: stop what listens there, "
            "or choose another --port"
        )
        assert not (tmp_path / "remit.db").exists()

    def test_it_serves_on_the_port_it_was_given(self, tmp_path: Path) -> None:
        env = remit_env(f"sqlite:///{tmp_path}/remit.db", TEST_SECRET)
        with serve(env, tmp_path) as server:
            assert httpx.get(f"{server.url}/healthz").json() == {"status": "ok"}
            assert f"serving http://127.0.0.1:{server.port}" in server.output()


class TestStartup:
    def test_the_first_start_migrates_and_shows_the_hint_later_ones_neither(
        self, blank: str, tmp_path: Path
    ) -> None:
        env = remit_env(blank, TEST_SECRET)
        with serve(env, tmp_path) as server:
            first = server.output()
        assert f"applied {migrations_in_all()} migrations to" in first
        assert HINT in first and "accounts create" in first
        with serve(env, tmp_path) as server:  # migrated, and still no account: the hint
            second = server.output()
        assert "is up to date" in second and "remit: applied" not in second and HINT in second
        new_account(env)
        with serve(env, tmp_path) as server:
            third = server.output()
        assert "is up to date" in third and HINT not in third


class TestMigrate:
    def test_says_how_many_it_applied_then_that_it_is_up_to_date(self, blank: str) -> None:
        env = remit_env(blank, TEST_SECRET)
        first = run_cli("migrate", env=env)
        assert first.returncode == 0, first.stderr
        assert f"applied {migrations_in_all()} migrations to" in first.stdout
        second = run_cli("migrate", env=env)
        assert second.returncode == 0 and "is up to date" in second.stdout
        assert "remit: applied" not in second.stdout

    def test_commands_on_an_unmigrated_database_count_what_is_pending(self, blank: str) -> None:
        line = one_line_error(run_cli("accounts", "list", env=remit_env(blank, TEST_SECRET)))
        assert f"({migrations_in_all()} migrations are pending)" in line
        assert "run `remit migrate` first" in line
