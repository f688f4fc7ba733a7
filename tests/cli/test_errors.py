"""What an operator gets wrong is said in one line, with exit code 1 and no traceback: the
database URL, a database that cannot be opened, an SQLite file's missing directory, a missing
server secret, an empty name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import CLOSED_POSTGRES, new_account, one_line_error
from tests.conftest import TEST_SECRET, MigratedDatabase, postgres_admin_url
from tests.processes import free_port, remit_env, run_cli

pytestmark = pytest.mark.processes


class TestDatabaseUrl:
    @pytest.mark.parametrize(
        "url", ["nonsense", "postgresql://ops:hunter2@db:not-a-port/remit", "://"]
    )
    def test_a_malformed_url_is_refused(self, url: str) -> None:
        line = one_line_error(run_cli("migrate", env=remit_env(url, TEST_SECRET)))
        assert "REMIT_DATABASE_URL is not a database URL" in line
        assert "hunter2" not in line  # a URL may hold a password: it is not repeated

    def test_another_database_kind_is_refused(self) -> None:
        line = one_line_error(run_cli("migrate", env=remit_env("mysql://db/remit", TEST_SECRET)))
        assert "remit runs on SQLite or PostgreSQL, not 'mysql'" in line


class TestUnreachableDatabase:
    @pytest.mark.parametrize(
        "command",
        [["migrate"], ["accounts", "list"], ["accounts", "create", "--name", "Acme"],
         ["serve", "--port", "{port}"], ["worker"]],
        ids=["migrate", "accounts-list", "accounts-create", "serve", "worker"],
    )  # fmt: skip
    def test_a_server_that_is_down_is_named(self, command: list[str]) -> None:
        args = [arg.format(port=free_port()) for arg in command]
        line = one_line_error(run_cli(*args, env=remit_env(CLOSED_POSTGRES, TEST_SECRET)))
        assert "cannot open the database postgresql://postgres@127.0.0.1:1/remit" in line
        assert "connection refused" in line

    def test_a_database_that_does_not_exist_is_named(self) -> None:
        admin = postgres_admin_url()
        if not admin:
            pytest.skip("REMIT_TEST_POSTGRES_URL is not set")
        missing = admin.rsplit("/", 1)[0] + "/remit_no_such_database"
        line = one_line_error(run_cli("migrate", env=remit_env(missing, TEST_SECRET)))
        assert 'database "remit_no_such_database" does not exist' in line


class TestSqliteDirectory:
    @pytest.mark.parametrize(
        "command",
        [["migrate"], ["serve", "--port", "{port}"], ["worker"], ["doctor"],
         ["accounts", "create", "--name", "Acme"]],
        ids=lambda command: command[0],
    )  # fmt: skip
    def test_a_missing_directory_is_refused_not_made(
        self, command: list[str], tmp_path: Path
    ) -> None:
        missing = tmp_path / "no" / "such"
        env = remit_env(f"sqlite:///{missing}/remit.db")  # no secret: serve used to make one
        result = run_cli(*[arg.format(port=free_port()) for arg in command], env=env)
        if command == ["doctor"]:  # a report, not an error: it names the problem
            assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
            assert f"the directory {missing} for the SQLite database does not exist" in (
                result.stdout
            )
        else:
            line = one_line_error(result)
            assert f"the directory {missing} for the SQLite database does not exist" in line
            assert f"mkdir -p {missing}" in line
        assert not (tmp_path / "no").exists()


class TestSecret:
    @pytest.mark.parametrize("command", ["serve", "worker"])
    def test_postgres_without_a_secret_says_how_to_make_one(self, command: str) -> None:
        env = remit_env("postgresql://postgres@127.0.0.1:5432/remit")  # never reached
        args = [command, "--port", str(free_port())] if command == "serve" else [command]
        line = one_line_error(run_cli(*args, env=env))
        assert "REMIT_SECRET_KEY must be set" in line and "`remit secret generate`" in line

    def test_sealing_a_rapyd_secret_without_one_fails_cleanly(
        self, database: MigratedDatabase
    ) -> None:
        if database.backend != "postgresql":
            pytest.skip("SQLite keeps a secret of its own")
        account = new_account(remit_env(database.url, TEST_SECRET), "Sealed Co")
        result = run_cli(
            "keys", "create", "--account", account["account"]["id"], "--kind", "rapyd",
            env=remit_env(database.url),
        )  # fmt: skip
        assert "`remit secret generate`" in one_line_error(result)

    def test_generate_prints_a_new_secret_each_time(self) -> None:
        made = [run_cli("secret", "generate", env=remit_env(None)) for _ in range(2)]
        secrets = [result.stdout.strip() for result in made]
        assert all(result.returncode == 0 for result in made)
        assert secrets[0] != secrets[1] and all(len(secret) == 64 for secret in secrets)
        assert all(secret.replace("-", "").replace("_", "").isalnum() for secret in secrets)


class TestNames:
    @pytest.mark.parametrize("name", ["", "   "])
    def test_an_empty_account_name_is_refused(self, name: str, tmp_path: Path) -> None:
        env = remit_env(f"sqlite:///{tmp_path}/remit.db", TEST_SECRET)
        line = one_line_error(run_cli("accounts", "create", "--name", name, env=env))
        assert line == "error: --name must not be empty"

    def test_an_empty_key_name_is_refused(self, tmp_path: Path) -> None:
        env = remit_env(f"sqlite:///{tmp_path}/remit.db", TEST_SECRET)
        result = run_cli("keys", "create", "--account", "acct_x", "--name", "", env=env)
        assert one_line_error(result) == "error: --name must not be empty"

    def test_a_name_too_long_for_its_column_is_refused(self, tmp_path: Path) -> None:
        env = remit_env(f"sqlite:///{tmp_path}/remit.db", TEST_SECRET)
        result = run_cli("accounts", "create", "--name", "x" * 256, env=env)
        assert "at most 255" in one_line_error(result)
